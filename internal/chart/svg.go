package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// writer builds SVG markup. Attribute values and text pass through esc;
// element and attribute names are the package's own constants.
type writer struct{ b strings.Builder }

// open writes a start tag with attributes given as name, value pairs.
func (w *writer) open(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteByte('>')
	if name == "svg" || name == "g" {
		w.b.WriteByte('\n')
	}
}

// empty writes an element without content.
func (w *writer) empty(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString("/>\n")
}

// end writes an end tag.
func (w *writer) end(name string) {
	w.b.WriteString("</" + name + ">\n")
}

// elem writes an element holding text only.
func (w *writer) elem(name, text string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteByte('>')
	w.b.WriteString(esc(text))
	w.b.WriteString("</" + name + ">\n")
}

// title writes a <title> child, which browsers show on hover.
func (w *writer) title(text string) {
	w.b.WriteString("<title>" + esc(text) + "</title>")
}

// text writes a <text> element at x, y (the baseline) of the given size;
// hover, when not empty, becomes its <title> child.
func (w *writer) text(x, y, size float64, s, hover string, attrs ...string) {
	w.tag("text", append([]string{"x", num(x), "y", num(y), "font-size", num(size), "fill", "currentColor"}, attrs...))
	w.b.WriteByte('>')
	w.b.WriteString(esc(s))
	if hover != "" {
		w.title(hover)
	}
	w.b.WriteString("</text>\n")
}

// lineSpacing is the distance of lines of text, in ems.
const lineSpacing = 1.25

// lines writes a <text> of one or more lines (as <tspan>s), the first
// line's baseline at y.
func (w *writer) lines(x, y, size float64, lines []string, hover string, attrs ...string) {
	if len(lines) == 1 {
		w.text(x, y, size, lines[0], hover, attrs...)
		return
	}
	w.tag("text", append([]string{"x", num(x), "y", num(y), "font-size", num(size), "fill", "currentColor"}, attrs...))
	w.b.WriteByte('>')
	for i, l := range lines {
		dy := "0"
		if i > 0 {
			dy = num(size * lineSpacing)
		}
		w.tag("tspan", []string{"x", num(x), "dy", dy})
		w.b.WriteString(">" + esc(l) + "</tspan>")
	}
	if hover != "" {
		w.title(hover)
	}
	w.b.WriteString("</text>\n")
}

func (w *writer) tag(name string, attrs []string) {
	w.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteString(" " + attrs[i] + `="` + esc(attrs[i+1]) + `"`)
	}
}

func (w *writer) html() template.HTML { return template.HTML(w.b.String()) }

// begin writes the <svg> start tag, its <title> and its <desc>.
func (w *writer) begin(kind, title, desc string, width, height int) {
	wi, he := strconv.Itoa(width), strconv.Itoa(height)
	w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "role", "img",
		"viewBox", "0 0 "+wi+" "+he, "width", wi, "height", he,
		"data-chart", kind, "font-family", "sans-serif")
	w.elem("title", title)
	w.elem("desc", desc)
}

// plot marks the plot area, for styles and tests; it draws nothing.
func (w *writer) plot(x, y, width, height float64) {
	w.empty("rect", "data-plot", "", "x", num(x), "y", num(y),
		"width", num(width), "height", num(height), "fill", "none")
}

// emptyChart draws a frame saying there is no data.
func emptyChart(kind, title string, c config, height int) template.HTML {
	var w writer
	w.begin(kind, title, c.empty, c.width, height)
	w.empty("rect", "x", "0.5", "y", "0.5", "width", num(float64(c.width)-1), "height", num(float64(height)-1),
		"rx", "6", "fill", "none", "stroke", "currentColor", "stroke-opacity", "0.3", "stroke-dasharray", "6 4")
	const size = 18
	w.text(float64(c.width)/2, float64(height)/2+size*0.35, size, c.empty, "",
		"text-anchor", "middle", "fill-opacity", "0.7", "data-empty", "")
	w.end("svg")
	return w.html()
}

// num writes a coordinate rounded to hundredths.
func num(v float64) string {
	r := math.Round(v*100) / 100
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// esc escapes text for XML and HTML alike, in content and in quoted
// attributes. Characters XML forbids (most control characters, invalid
// UTF-8) become U+FFFD; tabs and line breaks are kept as references so that
// attributes hold them unchanged.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '\t':
			b.WriteString("&#9;")
		case '\n':
			b.WriteString("&#10;")
		case '\r':
			b.WriteString("&#13;")
		default:
			if !xmlChar(r) {
				r = unicode.ReplacementChar
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar says whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// oneLine makes a label fit for display: line breaks and other control
// characters become spaces, and the ends are trimmed.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

const ellipsis = "…"

// runeWidth estimates a rune's advance in ems: a full em for Chinese,
// Japanese and Korean characters and full-width forms (and "…", which
// Chinese fonts draw full width), 0.6 em for the rest.
func runeWidth(r rune) float64 {
	switch {
	case r < 0x1100:
		return 0.6
	case r == '…', r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return 1
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return 1
	}
	return 0.6
}

// textWidth estimates the width of s drawn at the given font size.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w * size
}

// widest returns the estimated width of the widest of texts.
func widest(texts []string, size float64) float64 {
	m := 0.0
	for _, s := range texts {
		m = max(m, textWidth(s, size))
	}
	return m
}

// fit cuts s with "…" so that it fits in room at the given size, and
// says whether it did.
func fit(s string, room, size float64) (string, bool) {
	if textWidth(s, size) <= room {
		return s, false
	}
	budget := room - runeWidth('…')*size
	w := 0.0
	for i, r := range s {
		w += runeWidth(r) * size
		if w > budget {
			return strings.TrimRight(s[:i], " ") + ellipsis, true
		}
	}
	return s, false // not reached: s is wider than room
}

// wrap breaks s into at most n lines that fit room at the given size,
// at a space when the line has one, and cuts the last with "…"; it says
// whether it cut.
func wrap(s string, room, size float64, n int) ([]string, bool) {
	var lines []string
	for len(lines) < n-1 && textWidth(s, size) > room {
		i := breakAt(s, room, size)
		lines = append(lines, strings.TrimRight(s[:i], " "))
		s = strings.TrimLeft(s[i:], " ")
	}
	last, cut := fit(s, room, size)
	return append(lines, last), cut
}

// breakAt returns where to end the first line of s, wider than room: after
// the last space that fits, or else before the first rune that does not
// (but after one rune at least).
func breakAt(s string, room, size float64) int {
	w, end := 0.0, len(s)
	for i, r := range s {
		w += runeWidth(r) * size
		if w > room {
			_, first := utf8.DecodeRuneInString(s)
			end = max(i, first)
			break
		}
	}
	if sp := strings.LastIndexByte(s[:end], ' '); sp > 0 && end < len(s) && s[end] != ' ' {
		return sp
	}
	return end
}

// label is a label ready to draw: shown is cut to fit, hover is the full
// label when it was cut.
type label struct{ full, shown, hover string }

func fitLabel(s string, room, size float64) label {
	full := oneLine(s)
	shown, cut := fit(full, room, size)
	l := label{full: full, shown: shown}
	if cut {
		l.hover = full
	}
	return l
}

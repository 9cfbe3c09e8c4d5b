package chart

import (
	"html/template"
	"math"
	"strings"
)

// Donut layout, in viewBox units.
const (
	donutPad    = 16.0
	donutHeight = 300
	donutHole   = 0.6 // the inner radius as a share of the outer
	donutRow    = 28.0
	donutFont   = 14.0
	donutTotal  = 30.0 // the total in the centre
)

// Donut draws each point as its share of the whole, clockwise from the
// top, with the total and Options.TotalLabel in the centre and a legend
// on the right: a swatch, the label, the value and its percentage of the
// total with one decimal, rounded half up (14 of 15 → 93.3%). Every point
// has a segment (empty for a value of 0), carrying data-percent as well.
func Donut(title string, points []Point, o Options) template.HTML {
	c := o.config()
	if len(points) == 0 {
		return emptyChart("donut", title, c, c.heightOr(donutHeight))
	}
	vals := values(points)
	total := 0.0
	for _, v := range vals {
		total += v
	}
	height := max(c.heightOr(donutHeight), int(math.Ceil(float64(len(points))*donutRow+2*donutPad)))
	width := float64(c.width)
	R := math.Min((float64(height)-2*donutPad)/2, (width-2*donutPad)*0.3)
	R = math.Min(R, (float64(donutHeight)-2*donutPad)/2*1.2)
	ring := ring{cx: donutPad + R, cy: float64(height) / 2, outer: R, inner: R * donutHole}

	var w writer
	w.begin("donut", title, describeDonut(points, vals, total, c), c.width, height)
	w.plot(ring.cx-R, ring.cy-R, 2*R, 2*R)
	w.empty("circle", "cx", num(ring.cx), "cy", num(ring.cy), "r", num((R+ring.inner)/2), "fill", "none",
		"stroke", "currentColor", "stroke-opacity", "0.08", "stroke-width", num(R-ring.inner))
	drawSegments(&w, ring, points, vals, total, c)
	drawTotal(&w, ring, c.value(total), c)
	drawDonutLegend(&w, ring, points, vals, total, c)
	w.end("svg")
	return w.html()
}

// ring is where a donut is drawn.
type ring struct{ cx, cy, outer, inner float64 }

func drawSegments(w *writer, g ring, points []Point, vals []float64, total float64, c config) {
	w.open("g", "data-segments", "")
	start := 0.0 // in turns, clockwise from the top
	for i, p := range points {
		part := 0.0
		if total > 0 {
			part = vals[i] / total
		}
		pct := share(vals[i], total)
		w.open("path", "d", g.segment(start, start+part), "fill", c.color(i), "fill-rule", "evenodd",
			"stroke", "#fff", "stroke-width", "1.5", "data-label", p.Label, "data-value", raw(vals[i]),
			"data-percent", strings.TrimSuffix(pct, "%"))
		w.title(oneLine(p.Label) + ": " + c.value(vals[i]) + " (" + pct + ")")
		w.end("path")
		start += part
	}
	w.end("g")
}

// segment returns the path of the ring between two turns (0 is the top,
// 1 a full turn clockwise): empty for nothing, two circles for a whole.
func (g ring) segment(from, to float64) string {
	if to-from <= 1e-9 {
		return ""
	}
	if to-from >= 1-1e-9 {
		return g.circle(g.outer) + " " + g.circle(g.inner)
	}
	large := "0"
	if to-from > 0.5 {
		large = "1"
	}
	ox0, oy0 := g.at(g.outer, from)
	ox1, oy1 := g.at(g.outer, to)
	ix1, iy1 := g.at(g.inner, to)
	ix0, iy0 := g.at(g.inner, from)
	or, ir := num(g.outer), num(g.inner)
	return "M" + num(ox0) + "," + num(oy0) +
		" A" + or + "," + or + " 0 " + large + " 1 " + num(ox1) + "," + num(oy1) +
		" L" + num(ix1) + "," + num(iy1) +
		" A" + ir + "," + ir + " 0 " + large + " 0 " + num(ix0) + "," + num(iy0) + " Z"
}

// circle returns a closed path around the centre at radius r, in two arcs.
func (g ring) circle(r float64) string {
	rs := num(r)
	return "M" + num(g.cx) + "," + num(g.cy-r) +
		" A" + rs + "," + rs + " 0 1 1 " + num(g.cx) + "," + num(g.cy+r) +
		" A" + rs + "," + rs + " 0 1 1 " + num(g.cx) + "," + num(g.cy-r) + " Z"
}

// at returns the point at radius r and the given turn.
func (g ring) at(r, turn float64) (float64, float64) {
	a := turn * 2 * math.Pi
	return g.cx + r*math.Sin(a), g.cy - r*math.Cos(a)
}

// drawTotal writes the total in the centre, shrunk to fit the hole, and
// its caption under it.
func drawTotal(w *writer, g ring, total string, c config) {
	size := math.Min(donutTotal, g.inner*1.6/math.Max(textWidth(total, 1), 1))
	w.text(g.cx, g.cy+size*0.3, size, total, "", "text-anchor", "middle", "font-weight", "bold", "data-total", "")
	caption := fitLabel(c.totalLabel, g.inner*1.5, 13)
	w.text(g.cx, g.cy+size*0.3+20, 13, caption.shown, caption.hover, "text-anchor", "middle", "fill-opacity", "0.75")
}

func drawDonutLegend(w *writer, g ring, points []Point, vals []float64, total float64, c config) {
	x := g.cx + g.outer + 32
	right := float64(c.width) - donutPad
	texts := make([]string, len(points))
	for i, v := range vals {
		texts[i] = c.value(v)
	}
	pctW := textWidth("100.0%", donutFont)
	valueW := widest(texts, donutFont)
	labelRoom := right - pctW - 12 - valueW - 12 - (x + 22)
	y0 := g.cy - float64(len(points))*donutRow/2
	w.open("g", "data-legend", "")
	for i, p := range points {
		mid := y0 + (float64(i)+0.5)*donutRow
		base := mid + donutFont*0.35
		w.empty("rect", "x", num(x), "y", num(mid-7), "width", "14", "height", "14", "rx", "2", "fill", c.color(i))
		l := fitLabel(p.Label, math.Max(labelRoom, donutFont), donutFont)
		w.text(x+22, base, donutFont, l.shown, l.hover)
		w.text(right-pctW-12, base, donutFont, texts[i], "", "text-anchor", "end", "font-weight", "bold")
		w.text(right, base, donutFont, share(vals[i], total), "", "text-anchor", "end", "data-percent", "")
	}
	w.end("g")
}

// describeDonut lists the total and each point with its share:
// "合计 15. label: 14 (93.3%); label: 1 (6.7%)".
func describeDonut(points []Point, vals []float64, total float64, c config) string {
	parts := make([]string, len(points))
	for i, p := range points {
		parts[i] = oneLine(p.Label) + ": " + c.value(vals[i]) + " (" + share(vals[i], total) + ")"
	}
	return oneLine(c.totalLabel) + " " + c.value(total) + ". " + strings.Join(parts, "; ")
}

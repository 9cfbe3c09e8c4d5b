package chart

import (
	"strings"
)

// Layout shared by Columns and Line, in viewBox units.
const (
	gridPad    = 12.0
	gridFont   = 13.0 // axis labels
	legendFont = 14.0
	legendRow  = 24.0
)

// table is several series aligned on shared labels.
type table struct {
	labels []string    // the slots, in order of first appearance
	at     [][]int     // at[s][j]: the slot of point j of series s
	vals   [][]float64 // vals[s][j]: the value of point j of series s, cleaned
	points int
}

// align puts series on shared labels. The labels are taken in order of
// first appearance over the series in turn; the k-th point labelled L in a
// series goes to the k-th slot labelled L, so repeated labels stay apart.
func align(series []Series) table {
	var t table
	slots := map[string][]int{} // looked up only, never ranged over
	for _, s := range series {
		seen := map[string]int{}
		at := make([]int, len(s.Points))
		for j, p := range s.Points {
			k := seen[p.Label]
			seen[p.Label]++
			if k == len(slots[p.Label]) {
				slots[p.Label] = append(slots[p.Label], len(t.labels))
				t.labels = append(t.labels, p.Label)
			}
			at[j] = slots[p.Label][k]
		}
		t.at = append(t.at, at)
		t.vals = append(t.vals, values(s.Points))
		t.points += len(s.Points)
	}
	return t
}

// all returns every value of the table.
func (t table) all() []float64 {
	var vs []float64
	for _, v := range t.vals {
		vs = append(vs, v...)
	}
	return vs
}

// area is a plot area with a vertical scale from 0 at the bottom to top.
type area struct {
	x, y, w, h float64
	top        float64
}

// yOf returns the y of value v, which is at most top.
func (a area) yOf(v float64) float64 { return a.y + a.h - a.h*min(v, a.top)/a.top }

// band returns the width of each of n slots and the x of slot i's middle.
func (a area) band(n, i int) (float64, float64) {
	bw := a.w / float64(n)
	return bw, a.x + (float64(i)+0.5)*bw
}

// yAxis draws gridlines and labels at ticks, and the baseline.
func yAxis(w *writer, a area, ticks []float64, c config) {
	w.open("g", "data-axis", "y")
	for _, t := range ticks {
		y := a.yOf(t)
		if t > 0 {
			w.empty("line", "x1", num(a.x), "y1", num(y), "x2", num(a.x+a.w), "y2", num(y),
				"stroke", "currentColor", "stroke-opacity", "0.15")
		}
		w.text(a.x-6, y+gridFont*0.35, gridFont, c.tick(t), "",
			"text-anchor", "end", "fill-opacity", "0.75", "data-tick", raw(t))
	}
	w.empty("line", "x1", num(a.x), "y1", num(a.y+a.h), "x2", num(a.x+a.w), "y2", num(a.y+a.h),
		"stroke", "currentColor", "stroke-opacity", "0.5")
	w.end("g")
}

// xAxisRows is the most lines a label under the x axis takes.
const xAxisRows = 2

// xLabels are the labels under the x axis, laid out: every step-th label
// under its slot, broken into lines that fit the room between the shown
// labels, the last line cut with "…".
type xLabels struct {
	lines [][]string // per slot; nil when not shown
	hover []string   // per slot: the full label when cut
	rows  int
}

func layoutX(labels []string, width float64, step int) xLabels {
	xl := xLabels{lines: make([][]string, len(labels)), hover: make([]string, len(labels)), rows: 1}
	room := width/float64(len(labels))*float64(step) - 6
	for i, s := range labels {
		if i%step != 0 {
			continue
		}
		full := oneLine(s)
		lines, cut := wrap(full, room, gridFont, xAxisRows)
		xl.lines[i] = lines
		if cut {
			xl.hover[i] = full
		}
		xl.rows = max(xl.rows, len(lines))
	}
	return xl
}

// height returns the room the labels need under the plot.
func (xl xLabels) height() float64 {
	return gridFont + float64(xl.rows-1)*gridFont*lineSpacing + 8
}

// xAxis draws the labels under their slots.
func xAxis(w *writer, a area, xl xLabels) {
	w.open("g", "data-axis", "x")
	for i, lines := range xl.lines {
		if lines == nil {
			continue
		}
		_, x := a.band(len(xl.lines), i)
		w.lines(x, a.y+a.h+gridFont+6, gridFont, lines, xl.hover[i], "text-anchor", "middle")
	}
	w.end("g")
}

// tickWidth returns the room the labels of ticks need left of the plot.
func tickWidth(ticks []float64, c config) float64 {
	texts := make([]string, len(ticks))
	for i, t := range ticks {
		texts[i] = c.tick(t)
	}
	return widest(texts, gridFont) + 10
}

// legend draws a swatch and the name of each series, in rows from y
// across width, and returns the height it took; none for a single series.
func legend(w *writer, series []Series, c config, y float64) float64 {
	if len(series) < 2 {
		return 0
	}
	width := float64(c.width)
	x, rows := gridPad, 1
	w.open("g", "data-legend", "")
	for i, s := range series {
		l := fitLabel(s.Name, width*0.45, legendFont)
		itemW := 14 + 6 + textWidth(l.shown, legendFont) + 20
		if x > gridPad && x+itemW-20 > width-gridPad {
			x, rows = gridPad, rows+1
		}
		top := y + float64(rows-1)*legendRow
		w.empty("rect", "x", num(x), "y", num(top+5), "width", "14", "height", "14", "rx", "2", "fill", c.color(i))
		w.text(x+20, top+12+legendFont*0.35, legendFont, l.shown, l.hover)
		x += itemW
	}
	w.end("g")
	return float64(rows)*legendRow + 6
}

// describeSeries lists series in words: "name: label value, …. name: …".
func describeSeries(series []Series, t table, c config) string {
	parts := make([]string, 0, len(series))
	for s, sr := range series {
		if len(sr.Points) == 0 {
			continue
		}
		d := describe(sr.Points, t.vals[s], c)
		if name := oneLine(sr.Name); name != "" {
			d = name + " — " + d
		}
		parts = append(parts, d)
	}
	return strings.Join(parts, ". ")
}

// markTitle is the hover text of a mark: "series · label: value".
func markTitle(series, label, value string) string {
	if series = oneLine(series); series != "" {
		return series + " · " + oneLine(label) + ": " + value
	}
	return oneLine(label) + ": " + value
}

package chart

import (
	"html/template"
	"math"
	"strings"
)

// Line layout, in viewBox units.
const (
	lineWidth    = 2.5
	lineDot      = 4.0 // the largest radius of a point
	lineLabelMax = 120.0
)

// Line draws each series as a line through its points over the labels the
// series share (daily intake over a month, say), a colour per series with
// a legend when there are several. The y axis runs from 0 to a nice value
// (1, 2 or 5 × 10ⁿ) at or above the largest value, or to Options.Max, with
// gridlines; the x axis shows as many labels as fit, skipping the others
// at a regular step. A label missing from a series breaks its line.
func Line(title string, series []Series, o Options) template.HTML {
	c := o.config()
	t := align(series)
	height := c.heightOr(defaultHeight)
	if t.points == 0 {
		return emptyChart("line", title, c, height)
	}
	all := t.all()
	top, ticks := lineScale(c, all)

	var w writer
	w.begin("line", title, describeSeries(series, t, c), c.width, height)
	y := gridPad + legend(&w, series, c, gridPad) + gridFont
	x := gridPad + tickWidth(ticks, c)
	pw := float64(c.width) - gridPad - x
	xl := layoutX(t.labels, pw, labelStep(pw, t.labels))
	a := area{x: x, y: y, w: pw, h: float64(height) - y - gridPad - xl.height(), top: top}
	w.plot(a.x, a.y, a.w, a.h)
	yAxis(&w, a, ticks, c)
	xAxis(&w, a, xl)
	drawLines(&w, a, series, t, c)
	w.end("svg")
	return w.html()
}

// lineScale returns the top of the y axis and its ticks: Options.Max and
// the nice ticks below it, or the last of the nice ticks of the data.
func lineScale(c config, all []float64) (float64, []float64) {
	if c.max > 0 {
		var ticks []float64
		for _, v := range niceTicks(c.max, c.whole(all, c.max)) {
			if v <= c.max*(1+1e-9) {
				ticks = append(ticks, v)
			}
		}
		return c.max, ticks
	}
	top := largest(all)
	ticks := niceTicks(top, c.whole(all, top))
	return ticks[len(ticks)-1], ticks
}

// labelStep returns n such that every n-th label fits across width.
func labelStep(width float64, labels []string) int {
	lw := min(widest(oneLines(labels), gridFont), lineLabelMax) + 12
	fits := max(int(width/lw), 1)
	return max((len(labels)+fits-1)/fits, 1)
}

func drawLines(w *writer, a area, series []Series, t table, c config) {
	n := len(t.labels)
	bw, _ := a.band(n, 0)
	r := math.Max(1.5, math.Min(lineDot, bw/4))
	for s, sr := range series {
		w.open("g", "data-series", sr.Name)
		w.empty("path", "d", linePath(a, t, s), "fill", "none", "stroke", c.color(s),
			"stroke-width", num(lineWidth), "stroke-linejoin", "round", "stroke-linecap", "round")
		for j, p := range sr.Points {
			v := t.vals[s][j]
			_, x := a.band(n, t.at[s][j])
			w.open("circle", "cx", num(x), "cy", num(a.yOf(v)), "r", num(r), "fill", c.color(s),
				"stroke", "#fff", "stroke-width", "1", "data-label", p.Label, "data-value", raw(v), "data-series", sr.Name)
			w.title(markTitle(sr.Name, p.Label, c.value(v)))
			w.end("circle")
		}
		w.end("g")
	}
}

// linePath returns the path through series s's points in the order of the
// labels, broken where the series has no point.
func linePath(a area, t table, s int) string {
	ys := make([]float64, len(t.labels))
	has := make([]bool, len(t.labels))
	for j, slot := range t.at[s] {
		ys[slot], has[slot] = a.yOf(t.vals[s][j]), true
	}
	var d strings.Builder
	for i := range ys {
		if !has[i] {
			continue
		}
		cmd := "L"
		if i == 0 || !has[i-1] {
			cmd = "M"
		}
		_, x := a.band(len(ys), i)
		if d.Len() > 0 {
			d.WriteByte(' ')
		}
		d.WriteString(cmd + num(x) + "," + num(ys[i]))
	}
	return d.String()
}

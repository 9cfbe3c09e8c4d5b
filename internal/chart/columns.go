package chart

import (
	"html/template"
)

// Columns layout, in viewBox units.
const (
	columnsMax    = 56.0 // the widest column
	columnsFill   = 0.8  // the share of a slot its columns take
	columnsFont   = 13.0 // values above the columns
	columnsValueH = 20.0 // room above the plot for the tallest column's value
)

// Columns draws vertical columns grouped over the labels the series share
// (received and closed per channel, say), a colour per series with a
// legend when there are several. Values are written above the columns
// when they fit. The largest value, or Options.Max, spans the plot's
// height; gridlines mark nice values below it. Labels too wide for their
// slot break onto two lines and are cut with "…" after that. A label
// missing from a series leaves a gap.
func Columns(title string, series []Series, o Options) template.HTML {
	c := o.config()
	t := align(series)
	height := c.heightOr(defaultHeight)
	if t.points == 0 {
		return emptyChart("columns", title, c, height)
	}
	all := t.all()
	top := scaleTop(c.max, all)
	var ticks []float64
	for _, v := range niceTicks(top, c.whole(all, top)) {
		if v <= top*(1+1e-9) {
			ticks = append(ticks, v)
		}
	}

	var w writer
	w.begin("columns", title, describeSeries(series, t, c), c.width, height)
	y := gridPad + legend(&w, series, c, gridPad) + columnsValueH
	x := gridPad + tickWidth(ticks, c)
	pw := float64(c.width) - gridPad - x
	xl := layoutX(t.labels, pw, 1)
	a := area{x: x, y: y, w: pw, h: float64(height) - y - gridPad - xl.height(), top: top}
	w.plot(a.x, a.y, a.w, a.h)
	yAxis(&w, a, ticks, c)
	drawColumns(&w, a, series, t, c)
	xAxis(&w, a, xl)
	w.end("svg")
	return w.html()
}

func drawColumns(w *writer, a area, series []Series, t table, c config) {
	m := float64(len(series))
	bw, _ := a.band(len(t.labels), 0)
	colW := min(bw*columnsFill/m, columnsMax)
	for s, sr := range series {
		w.open("g", "data-series", sr.Name)
		for j, p := range sr.Points {
			v := t.vals[s][j]
			_, mid := a.band(len(t.labels), t.at[s][j])
			x := mid - colW*m/2 + colW*float64(s)
			y := a.yOf(v)
			text := c.value(v)
			w.open("rect", "x", num(x), "y", num(y), "width", num(colW), "height", num(a.y+a.h-y),
				"fill", c.color(s), "data-label", p.Label, "data-value", raw(v), "data-series", sr.Name)
			w.title(markTitle(sr.Name, p.Label, text))
			w.end("rect")
			if textWidth(text, columnsFont) <= colW+4 {
				w.text(x+colW/2, y-5, columnsFont, text, "", "text-anchor", "middle")
			}
		}
		w.end("g")
	}
}

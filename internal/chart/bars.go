package chart

import (
	"html/template"
	"strings"
)

// Bars layout, in viewBox units.
const (
	barsPad     = 12.0
	barsRow     = 34.0 // the height of a row when Height is not set
	barsFont    = 14.0
	barsGap     = 8.0  // between a label and its bar, and a bar and its value
	barsMaxBar  = 28.0 // the thickest bar
	barsLabelsW = 0.4  // the most of the width labels may take
)

// Bars draws a horizontal bar per point, in the order given: the label on
// the left (cut with "…" when long), the bar, and the value, written by
// Options.Format, at the bar's end. The largest value, or Options.Max,
// spans the plot. Without Height, each bar has a row of its own height;
// with it, the rows share it.
func Bars(title string, points []Point, o Options) template.HTML {
	c := o.config()
	if len(points) == 0 {
		return emptyChart("bars", title, c, c.heightOr(120))
	}
	n := len(points)
	height := c.heightOr(int(float64(n)*barsRow + 2*barsPad))
	row := (float64(height) - 2*barsPad) / float64(n)
	font := min(barsFont, row*0.6)

	vals := values(points)
	texts := make([]string, n)
	for i, v := range vals {
		texts[i] = c.value(v)
	}
	top := scaleTop(c.max, vals)

	width := float64(c.width)
	valueW := widest(texts, font) + barsGap
	labelW := min(widest(oneLines(labelsOf(points)), font), width*barsLabelsW)
	x0 := barsPad + labelW + barsGap
	plotW := width - barsPad - valueW - x0
	if minPlot := width * 0.3; plotW < minPlot { // long values: labels give way
		labelW = max(labelW-(minPlot-plotW), width*0.15)
		x0 = barsPad + labelW + barsGap
		plotW = width - barsPad - valueW - x0
	}

	var w writer
	w.begin("bars", title, describe(points, vals, c), c.width, height)
	w.plot(x0, barsPad, plotW, row*float64(n))
	bar := min(row*0.62, barsMaxBar)
	for i, p := range points {
		mid := barsPad + (float64(i)+0.5)*row
		base := mid + font*0.35
		l := fitLabel(p.Label, labelW, font)
		w.text(x0-barsGap, base, font, l.shown, l.hover, "text-anchor", "end")
		length := plotW * min(vals[i], top) / top
		w.open("rect", "x", num(x0), "y", num(mid-bar/2), "width", num(length), "height", num(bar),
			"fill", c.color(0), "data-label", p.Label, "data-value", raw(vals[i]))
		w.title(l.full + ": " + texts[i])
		w.end("rect")
		w.text(x0+length+barsGap*0.75, base, font, texts[i], "", "font-weight", "bold")
	}
	w.empty("line", "x1", num(x0), "y1", num(barsPad), "x2", num(x0), "y2", num(barsPad+row*float64(n)),
		"stroke", "currentColor", "stroke-opacity", "0.5")
	w.end("svg")
	return w.html()
}

// scaleTop returns the value at the full extent of a scale that must
// show vals: max if set, else the largest value, else 1.
func scaleTop(max float64, vals []float64) float64 {
	if max > 0 {
		return max
	}
	if top := largest(vals); top > 0 {
		return top
	}
	return 1
}

func labelsOf(points []Point) []string {
	ls := make([]string, len(points))
	for i, p := range points {
		ls[i] = p.Label
	}
	return ls
}

// oneLines returns each of ss made fit for display by oneLine.
func oneLines(ss []string) []string {
	ls := make([]string, len(ss))
	for i, s := range ss {
		ls[i] = oneLine(s)
	}
	return ls
}

// describe lists points in words: "label: value; label: value".
func describe(points []Point, vals []float64, c config) string {
	parts := make([]string, len(points))
	for i, p := range points {
		parts[i] = oneLine(p.Label) + ": " + c.value(vals[i])
	}
	return strings.Join(parts, "; ")
}

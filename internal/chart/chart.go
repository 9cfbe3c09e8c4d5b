package chart

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Point is one labelled value.
type Point struct {
	Label string
	Value float64
}

// Series is a named run of points over labels, drawn in one colour.
type Series struct {
	Name   string
	Points []Point
}

// Options adjust a chart. The zero Options draws a chart 640 units wide,
// as tall as it needs, with the default palette and number format.
type Options struct {
	// Width and Height are the size of the viewBox, in CSS pixels when the
	// chart is not scaled. Width defaults to 640 (at least 240). Height
	// defaults to 360 for Columns and Line, to a row per point for Bars,
	// and to 300 for Donut, which grows it to fit its legend.
	Width, Height int
	// Format writes a value for people: at the end of a bar, above a
	// column, in the legend, on the axis and in the description. By
	// default whole numbers are written with thousands separators (1,234),
	// others with up to two decimals rounded half up; with Percent, values
	// are written as percentages with one decimal (93.3%).
	Format func(float64) string
	// Max is the value at the full extent of the scale; 0 takes it from
	// the data. A larger value is drawn at the full extent.
	Max float64
	// Percent says values are fractions of 1, shown as percentages.
	Percent bool
	// Palette colours the series of Columns and Line and the points of
	// Donut in turn; Bars use its first colour. The default is the
	// colour-blind-safe Okabe–Ito palette (DefaultPalette).
	Palette []string
	// Empty is what a chart without data says; default "暂无数据".
	Empty string
	// TotalLabel is the caption under the total in the centre of a Donut
	// and before it in the description; default "合计".
	TotalLabel string
}

// DefaultPalette returns the Okabe–Ito palette, distinguishable with the
// common kinds of colour blindness, blue first: the colours charts use when
// Options.Palette is empty, for a legend drawn in HTML to match.
func DefaultPalette() []string { return slices.Clone(okabeIto) }

var okabeIto = []string{
	"#0072B2", // blue
	"#E69F00", // orange
	"#009E73", // bluish green
	"#CC79A7", // reddish purple
	"#56B4E9", // sky blue
	"#D55E00", // vermillion
	"#F0E442", // yellow
	"#999999", // grey
}

const (
	defaultWidth  = 640
	minWidth      = 240
	defaultHeight = 360
	defaultEmpty  = "暂无数据"
	defaultTotal  = "合计"
)

// config is Options with the defaults filled in.
type config struct {
	width, height int // height 0: the chart's own default
	max           float64
	percent       bool
	value         func(float64) string // a value, as drawn at a mark
	tick          func(float64) string // an axis label
	palette       []string
	empty         string
	totalLabel    string
}

func (o Options) config() config {
	c := config{
		width: o.Width, height: max(o.Height, 0), max: clean(o.Max), percent: o.Percent,
		palette: o.Palette, empty: o.Empty, totalLabel: o.TotalLabel,
	}
	if c.width <= 0 {
		c.width = defaultWidth
	}
	c.width = max(c.width, minWidth)
	if len(c.palette) == 0 {
		c.palette = okabeIto
	}
	if c.empty == "" {
		c.empty = defaultEmpty
	}
	if c.totalLabel == "" {
		c.totalLabel = defaultTotal
	}
	c.value, c.tick = o.Format, o.Format
	if o.Format == nil {
		c.value, c.tick = formatNumber, formatNumber
		if o.Percent {
			c.value, c.tick = formatPercent, formatPercentTick
		}
	}
	return c
}

func (c config) color(i int) string { return c.palette[i%len(c.palette)] }

// heightOr returns the height asked for, or def.
func (c config) heightOr(def int) int {
	if c.height > 0 {
		return c.height
	}
	return def
}

// clean returns v, or 0 for a negative, NaN or infinite v.
func clean(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// roundHalfUp rounds a non-negative v to the given decimals, halves up. The
// nudge absorbs binary error: 1.005 (stored as 1.00499…) gives 1.01.
func roundHalfUp(v float64, decimals int) float64 {
	p := math.Pow10(decimals)
	x := v * p
	return math.Floor(x+0.5+x*1e-12) / p
}

// formatNumber writes v with up to two decimals, rounded half up, and
// thousands separators: 1234 → "1,234", 2.5 → "2.5".
func formatNumber(v float64) string {
	s := strconv.FormatFloat(roundHalfUp(v, 2), 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return group(s)
}

// formatPercent writes a fraction as a percentage with one decimal,
// rounded half up: 14.0/15 → "93.3%".
func formatPercent(v float64) string {
	return strconv.FormatFloat(roundHalfUp(v*100, 1), 'f', 1, 64) + "%"
}

// formatPercentTick writes a fraction as a percentage without a needless
// decimal: 0.2 → "20%", 0.025 → "2.5%".
func formatPercentTick(v float64) string {
	return formatNumber(v*100) + "%"
}

// share returns part ÷ whole as a percentage with one decimal, rounded
// half up, or "0.0%" for no whole.
func share(part, whole float64) string {
	if whole <= 0 {
		return "0.0%"
	}
	return formatPercent(part / whole)
}

// group puts thousands separators into the integer part of a decimal.
func group(s string) string {
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) <= 3 {
		return s
	}
	var b strings.Builder
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// raw writes a value for a data-value attribute: exact and machine-readable.
func raw(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// values returns the points' values, cleaned.
func values(points []Point) []float64 {
	vs := make([]float64, len(points))
	for i, p := range points {
		vs[i] = clean(p.Value)
	}
	return vs
}

// largest returns the largest of vs, or 0.
func largest(vs []float64) float64 {
	m := 0.0
	for _, v := range vs {
		m = max(m, v)
	}
	return m
}

// whole says whether an axis to top over vals counts whole things, so
// that its ticks need no fractions.
func (c config) whole(vals []float64, top float64) bool {
	return !c.percent && integral(vals) && integral([]float64{top})
}

// integral says whether every value is a whole number.
func integral(vs []float64) bool {
	for _, v := range vs {
		if v != math.Trunc(v) {
			return false
		}
	}
	return true
}

package chart

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestColumns(t *testing.T) {
	series := []Series{
		{"受理", []Point{{"12345 政企通专席", 40}, {"民营企业服务热线", 20}, {"信息直报", 10}}},
		{"办结", []Point{{"12345 政企通专席", 30}, {"民营企业服务热线", 20}, {"信息直报", 5}}},
	}
	svg := parse(t, Columns("各渠道收办", series, Options{}))
	cols := svg.marks()
	if len(cols) != 6 {
		t.Fatalf("%d columns, want 6", len(cols))
	}
	_, y, _, h := plotArea(t, svg)
	bottom := y + h
	for i, c := range cols {
		s, j := i/3, i%3
		p := series[s].Points[j]
		if c.attr["data-label"] != p.Label || c.num(t, "data-value") != p.Value || c.attr["data-series"] != series[s].Name {
			t.Errorf("column %d is %v, want %s %v of %s", i, c.attr, p.Label, p.Value, series[s].Name)
		}
		if want := h * p.Value / 40; !near(c.num(t, "height"), want) {
			t.Errorf("column %s %s is %v high, want %v", series[s].Name, p.Label, c.num(t, "height"), want)
		}
		if !near(c.num(t, "y")+c.num(t, "height"), bottom) {
			t.Errorf("column %d does not stand on the baseline", i)
		}
	}
	if !near(cols[0].num(t, "y"), y) {
		t.Errorf("the largest column reaches %v, want the plot's top %v", cols[0].num(t, "y"), y)
	}
	// Grouped: the series of a label stand side by side, the groups in order.
	for j := 0; j < 3; j++ {
		a, b := cols[j], cols[3+j]
		if !near(a.num(t, "x")+a.num(t, "width"), b.num(t, "x")) {
			t.Errorf("the columns of %s are not side by side", a.attr["data-label"])
		}
		if j > 0 && a.num(t, "x") <= cols[3+j-1].num(t, "x") {
			t.Errorf("group %d is not right of group %d", j, j-1)
		}
	}
	if cols[0].attr["fill"] == cols[3].attr["fill"] {
		t.Errorf("both series have colour %s", cols[0].attr["fill"])
	}
	legend := svg.find(has("data-legend"))
	if len(legend) != 1 || !slices.Equal(texts(legend[0]), []string{"受理", "办结"}) {
		t.Errorf("no legend naming the series")
	}
	// Gridlines at nice values below the largest: 0, 10, 20, 30, 40.
	var ticks []string
	for _, n := range svg.find(has("data-tick")) {
		ticks = append(ticks, n.text)
	}
	if want := []string{"0", "10", "20", "30", "40"}; !slices.Equal(ticks, want) {
		t.Errorf("ticks %q, want %q", ticks, want)
	}
}

func TestColumnsAlign(t *testing.T) {
	series := []Series{
		{"a", []Point{{"x", 1}, {"y", 2}}},
		{"b", []Point{{"z", 3}, {"x", 4}}}, // y missing, z new
	}
	svg := parse(t, Columns("", series, Options{}))
	cols := svg.marks()
	if len(cols) != 4 {
		t.Fatalf("%d columns, want 4", len(cols))
	}
	var labels []string
	for _, n := range svg.find(has("data-axis")) {
		if n.attr["data-axis"] == "x" {
			labels = texts(n)
		}
	}
	if want := []string{"x", "y", "z"}; !slices.Equal(labels, want) {
		t.Errorf("x labels %q, want %q (in order of first appearance)", labels, want)
	}
	ax, bx := cols[0].num(t, "x"), cols[3].num(t, "x") // a's x, b's x
	if !near(ax+cols[0].num(t, "width"), bx) {
		t.Errorf("b's x (%v) is not beside a's x (%v)", bx, ax)
	}
	if bz := cols[2].num(t, "x"); bz <= cols[1].num(t, "x") {
		t.Errorf("b's z is not right of a's y")
	}
}

func TestColumnsSingleAndZero(t *testing.T) {
	svg := parse(t, Columns("", []Series{{"", []Point{{"a", 0}}}}, Options{}))
	if n := len(svg.marks()); n != 1 {
		t.Fatalf("%d columns, want 1", n)
	}
	if h := svg.marks()[0].num(t, "height"); h != 0 {
		t.Errorf("a column of 0 is %v high", h)
	}
	if len(svg.find(has("data-legend"))) != 0 {
		t.Errorf("a legend for a single series")
	}
}

func TestColumnsCrowdedLabels(t *testing.T) {
	names := []string{"乐坪街道", "黄泥塘街道", "大科街道", "花山街道", "长青街道", "涟滨街道", "杉山镇", "茶园镇",
		"双江乡", "万宝镇", "小碧乡", "蛇形山镇", "石井镇", "大埠桥", "水洞底镇"}
	var points []Point
	for i, n := range names {
		points = append(points, Point{n, float64(i)})
	}
	svg := parse(t, Columns("", []Series{{"a", points}, {"b", points}}, Options{}))
	var axis *node
	for _, n := range svg.find(has("data-axis")) {
		if n.attr["data-axis"] == "x" {
			axis = n
		}
	}
	labels := axis.find(named("text"))
	if len(labels) != len(names) {
		t.Fatalf("%d x labels, want %d", len(labels), len(names))
	}
	for i, l := range labels {
		var shown string
		for _, span := range l.find(named("tspan")) {
			shown += span.text
		}
		if len(l.find(named("tspan"))) == 0 {
			shown = l.text
		}
		full := names[i]
		if cut := strings.TrimSuffix(shown, "…"); cut != shown {
			if !strings.HasPrefix(full, cut) || l.child("title") == nil || l.child("title").text != full {
				t.Errorf("label %q shown as %q without the full label on hover", full, shown)
			}
		} else if shown != full {
			t.Errorf("label %q shown as %q", full, shown)
		}
	}
	// Four-character names fit on two lines of two.
	if spans := labels[0].find(named("tspan")); len(spans) != 2 || spans[0].text != "乐坪" || spans[1].text != "街道" {
		t.Errorf("乐坪街道 is not on two lines: %v", spans)
	}
	_, y, _, h := plotArea(t, svg)
	vb := strings.Fields(svg.attr["viewBox"])
	if last := labels[0].num(t, "y") + gridFont*lineSpacing; last > parseF(t, vb[3]) || labels[0].num(t, "y") < y+h {
		t.Errorf("labels at %v and below do not sit between the plot (to %v) and the bottom %s", labels[0].num(t, "y"), y+h, vb[3])
	}
}

func parseF(tb testing.TB, s string) float64 {
	tb.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

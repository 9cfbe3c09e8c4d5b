package chart

import (
	"strings"
	"testing"
)

func TestBars(t *testing.T) {
	points := []Point{{"乐坪街道", 10}, {"黄泥塘街道", 20}, {"杉山镇", 5}, {"大科街道", 0}}
	svg := parse(t, Bars("各乡镇诉求数", points, Options{}))

	if got := svg.attr["data-chart"]; got != "bars" {
		t.Errorf("data-chart = %q, want bars", got)
	}
	if got := svg.child("title").text; got != "各乡镇诉求数" {
		t.Errorf("title = %q", got)
	}
	if got, want := svg.child("desc").text, "乐坪街道: 10; 黄泥塘街道: 20; 杉山镇: 5; 大科街道: 0"; got != want {
		t.Errorf("desc = %q, want %q", got, want)
	}
	bars := svg.marks()
	if len(bars) != len(points) {
		t.Fatalf("%d bars, want %d", len(bars), len(points))
	}
	for i, b := range bars {
		if b.attr["data-label"] != points[i].Label || b.num(t, "data-value") != points[i].Value {
			t.Errorf("bar %d is %q %q, want %q %v", i, b.attr["data-label"], b.attr["data-value"], points[i].Label, points[i].Value)
		}
	}
	x, _, w, _ := plotArea(t, svg)
	a, b, c, z := bars[0].num(t, "width"), bars[1].num(t, "width"), bars[2].num(t, "width"), bars[3].num(t, "width")
	if !near(b, 2*a) || !near(a, 2*c) {
		t.Errorf("widths %v, %v, %v are not in proportion to 10, 20, 5", a, b, c)
	}
	if !near(b, w) {
		t.Errorf("the largest bar is %v long, want the plot's width %v", b, w)
	}
	if z != 0 {
		t.Errorf("a bar of 0 is %v long", z)
	}
	for i, bar := range bars {
		if !near(bar.num(t, "x"), x) {
			t.Errorf("bar %d starts at %v, want the plot's left %v", i, bar.num(t, "x"), x)
		}
		if i > 0 && bar.num(t, "y") <= bars[i-1].num(t, "y") {
			t.Errorf("bar %d is not below bar %d: points are drawn in the order given", i, i-1)
		}
	}
	ts := texts(svg)
	for _, want := range []string{"乐坪街道", "黄泥塘街道", "10", "20", "5", "0"} {
		if !contains(ts, want) {
			t.Errorf("no text %q in %q", want, ts)
		}
	}
}

func TestBarsMax(t *testing.T) {
	svg := parse(t, Bars("", []Point{{"a", 10}, {"b", 50}}, Options{Max: 40}))
	_, _, w, _ := plotArea(t, svg)
	bars := svg.marks()
	if got := bars[0].num(t, "width"); !near(got, w/4) {
		t.Errorf("10 of Max 40 is %v long, want a quarter of %v", got, w)
	}
	if got := bars[1].num(t, "width"); !near(got, w) {
		t.Errorf("50 over Max 40 is %v long, want the full %v", got, w)
	}
	if got := bars[1].attr["data-value"]; got != "50" {
		t.Errorf("data-value = %q, want the value itself, 50", got)
	}
}

func TestBarsFormat(t *testing.T) {
	cases := []struct {
		name string
		o    Options
		v    float64
		want string
	}{
		{"count", Options{}, 1234, "1,234"},
		{"decimal", Options{}, 2.5, "2.5"},
		{"percent", Options{Percent: true}, 14.0 / 15, "93.3%"},
		{"custom", Options{Format: func(v float64) string { return strings.Repeat("★", int(v)) }}, 3, "★★★"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			svg := parse(t, Bars("", []Point{{"a", tc.v}}, tc.o))
			if ts := texts(svg); !contains(ts, tc.want) {
				t.Errorf("no value %q in %q", tc.want, ts)
			}
			if got := svg.child("desc").text; got != "a: "+tc.want {
				t.Errorf("desc = %q", got)
			}
		})
	}
}

func TestBarsEdges(t *testing.T) {
	t.Run("all zero", func(t *testing.T) {
		svg := parse(t, Bars("", []Point{{"a", 0}, {"b", 0}}, Options{}))
		for _, b := range svg.marks() {
			if b.num(t, "width") != 0 {
				t.Errorf("a bar of 0 is %s long", b.attr["width"])
			}
		}
	})
	t.Run("single", func(t *testing.T) {
		svg := parse(t, Bars("", []Point{{"a", 3}}, Options{}))
		_, _, w, _ := plotArea(t, svg)
		if got := svg.marks()[0].num(t, "width"); !near(got, w) {
			t.Errorf("a single bar is %v long, want %v", got, w)
		}
	})
	t.Run("negative and not a number", func(t *testing.T) {
		svg := parse(t, Bars("", []Point{{"a", -5}, {"b", nan()}, {"c", 2}}, Options{}))
		for _, b := range svg.marks()[:2] {
			if b.attr["data-value"] != "0" || b.num(t, "width") != 0 {
				t.Errorf("bar %s: value %s, width %s; want 0, 0", b.attr["data-label"], b.attr["data-value"], b.attr["width"])
			}
		}
	})
	t.Run("height", func(t *testing.T) {
		svg := parse(t, Bars("", []Point{{"a", 1}, {"b", 2}}, Options{Width: 800, Height: 500}))
		if got := svg.attr["viewBox"]; got != "0 0 800 500" {
			t.Errorf("viewBox = %q", got)
		}
	})
}

func TestBarsLongLabel(t *testing.T) {
	long := "娄底市娄星区乐坪街道办事处社区居民委员会联合工作委员会第一工作组"
	svg := parse(t, Bars("", []Point{{long, 1}, {"短", 2}}, Options{}))
	label := svg.find(func(n *node) bool { return n.name == "text" && strings.HasSuffix(n.text, "…") })
	if len(label) != 1 {
		t.Fatalf("no label cut with …: %q", texts(svg))
	}
	if !strings.HasPrefix(long, strings.TrimSuffix(label[0].text, "…")) {
		t.Errorf("cut label %q is not the start of %q", label[0].text, long)
	}
	if ti := label[0].child("title"); ti == nil || ti.text != long {
		t.Errorf("cut label has no <title> with the full label")
	}
	mark := svg.marks()[0]
	if mark.attr["data-label"] != long || !strings.Contains(mark.child("title").text, long) {
		t.Errorf("the bar does not carry the full label")
	}
	if contains(texts(svg), "短…") {
		t.Errorf("a short label was cut")
	}
}

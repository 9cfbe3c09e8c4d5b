package chart

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	points := []Point{{"1日", 12}, {"2日", 37}, {"3日", 0}, {"4日", 20}}
	svg := parse(t, Line("每日受理", []Series{{"受理", points}}, Options{}))
	dots := svg.marks()
	if len(dots) != len(points) {
		t.Fatalf("%d points, want %d", len(dots), len(points))
	}
	var ticks []string
	for _, n := range svg.find(has("data-tick")) {
		ticks = append(ticks, n.attr["data-tick"])
	}
	if want := []string{"0", "10", "20", "30", "40"}; !slices.Equal(ticks, want) {
		t.Errorf("ticks %q, want %q", ticks, want)
	}
	x, y, w, h := plotArea(t, svg)
	for i, d := range dots {
		if want := y + h - h*points[i].Value/40; !near(d.num(t, "cy"), want) {
			t.Errorf("point %s at y %v, want %v", points[i].Label, d.num(t, "cy"), want)
		}
		if want := x + (float64(i)+0.5)*w/4; !near(d.num(t, "cx"), want) {
			t.Errorf("point %s at x %v, want %v", points[i].Label, d.num(t, "cx"), want)
		}
	}
	paths := svg.find(named("path"))
	if len(paths) != 1 || strings.Count(paths[0].attr["d"], "M") != 1 || strings.Count(paths[0].attr["d"], "L") != 3 {
		t.Errorf("the line is not one path through 4 points: %v", paths)
	}
}

func TestLineMonth(t *testing.T) {
	var a, b []Point
	for d := 1; d <= 31; d++ {
		a = append(a, Point{fmt.Sprintf("03-%02d", d), float64(d % 7)})
		b = append(b, Point{fmt.Sprintf("03-%02d", d), float64(d % 5)})
	}
	svg := parse(t, Line("", []Series{{"受理", a}, {"办结", b}}, Options{}))
	if n := len(svg.marks()); n != 62 {
		t.Errorf("%d points, want 62", n)
	}
	var shown []string
	for _, n := range svg.find(has("data-axis")) {
		if n.attr["data-axis"] == "x" {
			shown = texts(n)
		}
	}
	if len(shown) < 5 || len(shown) >= 31 {
		t.Fatalf("%d of 31 x labels shown: %q", len(shown), shown)
	}
	step := (31 + len(shown) - 1) / len(shown)
	for i, s := range shown {
		if want := fmt.Sprintf("03-%02d", 1+i*step); s != want {
			t.Errorf("x label %d is %q, want %q (every %d-th)", i, s, want, step)
		}
	}
	if n := len(svg.find(named("path"))); n != 2 {
		t.Errorf("%d lines, want 2", n)
	}
}

func TestLineOptions(t *testing.T) {
	t.Run("percent to max", func(t *testing.T) {
		svg := parse(t, Line("", []Series{{"", []Point{{"1月", 0.9}, {"2月", 14.0 / 15}}}}, Options{Percent: true, Max: 1}))
		var ticks []string
		for _, n := range svg.find(has("data-tick")) {
			ticks = append(ticks, n.text)
		}
		if want := []string{"0%", "20%", "40%", "60%", "80%", "100%"}; !slices.Equal(ticks, want) {
			t.Errorf("ticks %q, want %q", ticks, want)
		}
		if !strings.Contains(svg.child("desc").text, "2月: 93.3%") {
			t.Errorf("desc = %q", svg.child("desc").text)
		}
	})
	t.Run("all zero", func(t *testing.T) {
		svg := parse(t, Line("", []Series{{"", []Point{{"a", 0}, {"b", 0}}}}, Options{}))
		_, y, _, h := plotArea(t, svg)
		for _, d := range svg.marks() {
			if !near(d.num(t, "cy"), y+h) {
				t.Errorf("a point of 0 is off the baseline")
			}
		}
	})
	t.Run("single", func(t *testing.T) {
		svg := parse(t, Line("", []Series{{"", []Point{{"a", 5}}}}, Options{}))
		x, y, w, _ := plotArea(t, svg)
		d := svg.marks()[0]
		if !near(d.num(t, "cx"), x+w/2) || d.num(t, "cy") < y {
			t.Errorf("a single point at %s, %s", d.attr["cx"], d.attr["cy"])
		}
	})
	t.Run("gap", func(t *testing.T) {
		svg := parse(t, Line("", []Series{
			{"a", []Point{{"1", 1}, {"2", 2}, {"3", 3}}},
			{"b", []Point{{"1", 1}, {"3", 3}}},
		}, Options{}))
		paths := svg.find(named("path"))
		if d := paths[1].attr["d"]; strings.Count(d, "M") != 2 || strings.Contains(d, "L") {
			t.Errorf("the line of b across its missing label: %q", d)
		}
	})
}

package chart

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestDonut(t *testing.T) {
	points := []Point{{"12345 政企通专席", 14}, {"门户网站", 1}}
	svg := parse(t, Donut("诉求来源", points, Options{}))
	segs := svg.marks()
	if len(segs) != 2 {
		t.Fatalf("%d segments, want 2", len(segs))
	}
	sum := 0.0
	for _, s := range segs {
		sum += s.num(t, "data-value")
	}
	if sum != 15 {
		t.Errorf("the segments add up to %v, want 15", sum)
	}
	if segs[0].attr["data-percent"] != "93.3" || segs[1].attr["data-percent"] != "6.7" {
		t.Errorf("data-percent %s, %s; want 93.3, 6.7", segs[0].attr["data-percent"], segs[1].attr["data-percent"])
	}
	legend := svg.find(has("data-legend"))[0]
	lt := texts(legend)
	for _, want := range []string{"12345 政企通专席", "14", "93.3%", "门户网站", "1", "6.7%"} {
		if !contains(lt, want) {
			t.Errorf("legend %q lacks %q", lt, want)
		}
	}
	total := svg.find(has("data-total"))
	if len(total) != 1 || total[0].text != "15" || !contains(texts(svg), "合计") {
		t.Errorf("no total 15 and 合计 in the centre")
	}
	if got, want := svg.child("desc").text, "合计 15. 12345 政企通专席: 14 (93.3%); 门户网站: 1 (6.7%)"; got != want {
		t.Errorf("desc = %q, want %q", got, want)
	}

	// The arcs go round once: each starts where the last ended, the first
	// at the top, and their angles are the shares.
	cx, cy := centre(t, svg)
	turn := 0.0
	for i, s := range segs {
		from, to := arcTurns(t, s.attr["d"], cx, cy)
		if math.Abs(from-turn) > 1e-3 {
			t.Errorf("segment %d starts at %.4f turns, want %.4f", i, from, turn)
		}
		if share := points[i].Value / 15; math.Abs(to-from-share) > 1e-3 {
			t.Errorf("segment %d spans %.4f turns, want %.4f", i, to-from, share)
		}
		turn = to
	}
	if math.Abs(turn-1) > 1e-3 {
		t.Errorf("the segments end at %.4f turns, want 1", turn)
	}
}

func TestDonutEdges(t *testing.T) {
	t.Run("single", func(t *testing.T) {
		svg := parse(t, Donut("", []Point{{"全部", 5}}, Options{}))
		s := svg.marks()[0]
		if s.attr["data-percent"] != "100.0" || strings.Count(s.attr["d"], "M") != 2 {
			t.Errorf("a single point is not a whole ring: %v", s.attr)
		}
	})
	t.Run("all zero", func(t *testing.T) {
		svg := parse(t, Donut("", []Point{{"a", 0}, {"b", 0}}, Options{}))
		for _, s := range svg.marks() {
			if s.attr["data-percent"] != "0.0" || s.attr["d"] != "" {
				t.Errorf("segment %v of nothing", s.attr)
			}
		}
		if total := svg.find(has("data-total")); total[0].text != "0" {
			t.Errorf("total %q, want 0", total[0].text)
		}
	})
	t.Run("many", func(t *testing.T) {
		var points []Point
		for i := 0; i < 20; i++ {
			points = append(points, Point{strconv.Itoa(i), float64(i)})
		}
		svg := parse(t, Donut("", points, Options{}))
		vb := strings.Fields(svg.attr["viewBox"])
		h, _ := strconv.ParseFloat(vb[3], 64)
		for _, r := range svg.find(has("data-legend"))[0].find(named("rect")) {
			if r.num(t, "y") < 0 || r.num(t, "y")+r.num(t, "height") > h {
				t.Errorf("legend swatch at %s outside the height %v", r.attr["y"], h)
			}
		}
	})
	t.Run("total label", func(t *testing.T) {
		svg := parse(t, Donut("", []Point{{"a", 1}}, Options{TotalLabel: "Total"}))
		if !contains(texts(svg), "Total") || !strings.HasPrefix(svg.child("desc").text, "Total 1.") {
			t.Errorf("TotalLabel not used: %q", texts(svg))
		}
	})
}

// centre returns the centre of a donut: the middle of its plot area.
func centre(tb testing.TB, svg *node) (float64, float64) {
	tb.Helper()
	x, y, w, h := plotArea(tb, svg)
	return x + w/2, y + h/2
}

// arcTurns reads the outer arc of a segment "M x0,y0 A r,r 0 l 1 x1,y1 …"
// and returns its ends in turns clockwise from the top.
func arcTurns(tb testing.TB, d string, cx, cy float64) (float64, float64) {
	tb.Helper()
	f := strings.Fields(strings.NewReplacer("M", " ", "A", " ", "L", " ", ",", " ").Replace(d))
	if len(f) < 9 {
		tb.Fatalf("segment path %q", d)
	}
	n := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			tb.Fatalf("segment path %q: %v", d, err)
		}
		return v
	}
	turns := func(x, y float64) float64 {
		a := math.Atan2(x-cx, cy-y) / (2 * math.Pi)
		if a < -1e-6 {
			a++
		}
		return a
	}
	from := turns(n(f[0]), n(f[1]))
	to := turns(n(f[7]), n(f[8]))
	if to < from+1e-6 { // the arc ends at the top again
		to++
	}
	return from, to
}

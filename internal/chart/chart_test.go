package chart

import (
	"html/template"
	"strings"
	"testing"
)

// charts draws every kind of chart of the same points.
func charts(points []Point, o Options) map[string]template.HTML {
	series := []Series{{Name: "受理", Points: points}}
	return map[string]template.HTML{
		"bars":    Bars("标题", points, o),
		"columns": Columns("标题", series, o),
		"line":    Line("标题", series, o),
		"donut":   Donut("标题", points, o),
	}
}

// kinds is the order the tests go through charts in.
var kinds = []string{"bars", "columns", "line", "donut"}

func TestFrame(t *testing.T) {
	for kind, h := range charts([]Point{{"a", 1}, {"b", 2}}, Options{}) {
		t.Run(kind, func(t *testing.T) {
			svg := parse(t, h)
			want := map[string]string{"role": "img", "data-chart": kind, "font-family": "sans-serif", "width": "640"}
			for k, v := range want {
				if svg.attr[k] != v {
					t.Errorf("%s = %q, want %q", k, svg.attr[k], v)
				}
			}
			if !strings.HasPrefix(svg.attr["viewBox"], "0 0 640 ") {
				t.Errorf("viewBox = %q", svg.attr["viewBox"])
			}
			if len(svg.kids) < 2 || svg.kids[0].name != "title" || svg.kids[1].name != "desc" {
				t.Fatalf("the first children are not <title> and <desc>")
			}
			if svg.kids[0].text != "标题" || !strings.Contains(svg.kids[1].text, "b: 2") {
				t.Errorf("title %q, desc %q", svg.kids[0].text, svg.kids[1].text)
			}
			for _, bad := range []string{"href", "url(", "@import", "<script", "<style", "<foreignObject"} {
				if strings.Contains(string(h), bad) {
					t.Errorf("the chart holds %q", bad)
				}
			}
			for _, m := range svg.marks() {
				if _, ok := m.attr["data-label"]; !ok || m.child("title") == nil {
					t.Errorf("mark <%s> without data-label or <title>", m.name)
				}
			}
		})
	}
}

func TestEscaping(t *testing.T) {
	evil := `<script>alert("x")</script> & 'q'`
	for _, kind := range kinds {
		h := charts([]Point{{evil, 2}, {"ok", 1}}, Options{})[kind]
		t.Run(kind, func(t *testing.T) {
			if strings.Contains(string(h), "<script") {
				t.Fatalf("<script> not escaped")
			}
			svg := parse(t, h)
			if got := svg.marks()[0].attr["data-label"]; got != evil {
				t.Errorf("data-label = %q, want %q", got, evil)
			}
			if !strings.Contains(svg.child("desc").text, evil) {
				t.Errorf("desc %q lacks the label", svg.child("desc").text)
			}
			if !strings.Contains(string(h), "&lt;script&gt;") {
				t.Errorf("no escaped label in the output")
			}
		})
	}
	t.Run("title and series", func(t *testing.T) {
		h := Line(evil, []Series{{evil, []Point{{"a", 1}}}, {"b", []Point{{"a", 2}}}}, Options{})
		if strings.Contains(string(h), "<script") {
			t.Fatalf("<script> not escaped")
		}
		svg := parse(t, h)
		if svg.child("title").text != evil || svg.marks()[0].attr["data-series"] != evil {
			t.Errorf("title or series name changed by escaping")
		}
	})
	t.Run("control characters", func(t *testing.T) {
		svg := parse(t, Bars("", []Point{{"a\x00b\nc\xff", 1}}, Options{}))
		if got, want := svg.marks()[0].attr["data-label"], "a\uFFFDb\nc\uFFFD"; got != want {
			t.Errorf("data-label = %q, want %q", got, want)
		}
	})
}

func TestEmpty(t *testing.T) {
	for _, o := range []Options{{}, {Empty: "No data"}} {
		want := o.Empty
		if want == "" {
			want = "暂无数据"
		}
		empties := charts(nil, o)
		empties["columns, no points"] = Columns("标题", []Series{{Name: "a"}, {Name: "b"}}, o)
		for kind, h := range empties {
			t.Run(kind+" "+want, func(t *testing.T) {
				svg := parse(t, h)
				if got := svg.attr["data-chart"]; !strings.HasPrefix(kind, got) {
					t.Errorf("data-chart = %q", got)
				}
				if !contains(texts(svg), want) || svg.child("desc").text != want {
					t.Errorf("texts %q, desc %q; want %q", texts(svg), svg.child("desc").text, want)
				}
				if n := len(svg.marks()); n != 0 {
					t.Errorf("%d marks", n)
				}
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	points := []Point{{"b", 3}, {"a", 1}, {"c", 2}, {"a", 4}}
	first := charts(points, Options{})
	for i := 0; i < 20; i++ {
		for kind, h := range charts(points, Options{}) {
			if h != first[kind] {
				t.Fatalf("%s: a second drawing differs", kind)
			}
		}
	}
}

func TestPalette(t *testing.T) {
	o := Options{Palette: []string{"#111111", "#222222"}}
	svg := parse(t, Donut("", []Point{{"a", 1}, {"b", 1}, {"c", 1}}, o))
	var fills []string
	for _, m := range svg.marks() {
		fills = append(fills, m.attr["fill"])
	}
	if got := strings.Join(fills, " "); got != "#111111 #222222 #111111" {
		t.Errorf("fills %s, want the palette in turn", got)
	}
	if got := parse(t, Bars("", []Point{{"a", 1}}, Options{})).marks()[0].attr["fill"]; got != DefaultPalette()[0] {
		t.Errorf("bar fill %s, want %s", got, DefaultPalette()[0])
	}
}

func TestFormatNumbers(t *testing.T) {
	cases := []struct {
		f    func(float64) string
		v    float64
		want string
	}{
		{formatNumber, 0, "0"},
		{formatNumber, 15, "15"},
		{formatNumber, 1234, "1,234"},
		{formatNumber, 1234567.891, "1,234,567.89"},
		{formatNumber, 2.5, "2.5"},
		{formatNumber, 1.005, "1.01"},
		{formatNumber, 999.999, "1,000"},
		{formatPercent, 14.0 / 15, "93.3%"},
		{formatPercent, 1.0 / 15, "6.7%"},
		{formatPercent, 1.0 / 16, "6.3%"}, // 6.25: half up, not to even
		{formatPercent, 1, "100.0%"},
		{formatPercentTick, 0.2, "20%"},
		{formatPercentTick, 0.025, "2.5%"},
	}
	for _, tc := range cases {
		if got := tc.f(tc.v); got != tc.want {
			t.Errorf("%v → %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestFit(t *testing.T) {
	if got, cut := fit("短标签", 100, 14); got != "短标签" || cut {
		t.Errorf("fit = %q, %v", got, cut)
	}
	got, cut := fit("一二三四五六七八九十", 14*5, 14)
	if !cut || got != "一二三四…" {
		t.Errorf("fit = %q, %v; want 一二三四…", got, cut)
	}
	if w := textWidth(got, 14); w > 14*5 {
		t.Errorf("the cut label is %v wide, room %v", w, 14*5)
	}
}

// A chart goes into a page through html/template unchanged.
func TestInTemplate(t *testing.T) {
	page := template.Must(template.New("page").Parse(`<figure class="chart">{{.}}</figure>`))
	h := Bars("<各乡镇>", []Point{{"<script>", 1}}, Options{})
	var b strings.Builder
	if err := page.Execute(&b, h); err != nil {
		t.Fatal(err)
	}
	if want := `<figure class="chart">` + string(h) + `</figure>`; b.String() != want {
		t.Errorf("the page changed the chart")
	}
}

func TestWrap(t *testing.T) {
	cases := []struct {
		s    string
		room float64 // in ems at size 10
		want []string
		cut  bool
	}{
		{"乐坪街道", 4, []string{"乐坪街道"}, false},
		{"乐坪街道", 2, []string{"乐坪", "街道"}, false},
		{"蛇形山镇人民政府", 3, []string{"蛇形山", "镇人…"}, true},
		{"12345 政企通专席", 6, []string{"12345", "政企通专席"}, false},
		{"abc", 0.1, []string{"a", "…"}, true},
	}
	for _, tc := range cases {
		got, cut := wrap(tc.s, tc.room*10, 10, 2)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || cut != tc.cut {
			t.Errorf("wrap(%q, %v em) = %q, %v; want %q, %v", tc.s, tc.room, got, cut, tc.want, tc.cut)
		}
	}
}

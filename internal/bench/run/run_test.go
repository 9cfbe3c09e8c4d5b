package run

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/web"
)

func TestPercentile(t *testing.T) {
	var s []time.Duration
	for i := 1; i <= 100; i++ {
		s = append(s, time.Duration(i))
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0.50, 50}, {0.95, 95}, {0.99, 99}, {1, 100}, {0.001, 1}} {
		if got := percentile(s, c.p); got != c.want {
			t.Errorf("p%g = %d, want %d", c.p*100, got, c.want)
		}
	}
	if got := percentile(nil, 0.5); got != 0 {
		t.Errorf("no samples: %d", got)
	}
}

func TestRecorderMergesKinds(t *testing.T) {
	a, b := newRecorder(), newRecorder()
	a.success(time.Millisecond)
	a.failure("GET x: HTTP 500", "first a")
	b.failure("GET x: HTTP 500", "first b")
	b.failure("GET y: transport: timeout", "first y")
	b.success(3 * time.Millisecond)
	total := newRecorder()
	total.merge(a)
	total.merge(b)
	s := total.stats(time.Second)
	if s.Requests != 5 || s.OK != 2 || s.Errors != 3 || s.Throughput != 2 || s.Max != 3*time.Millisecond {
		t.Fatalf("stats %+v", s)
	}
	want := []ErrorKind{{"GET x: HTTP 500", 2, "first a"}, {"GET y: transport: timeout", 1, "first y"}}
	if !slices.Equal(s.ErrorKinds, want) {
		t.Fatalf("kinds %+v, want %+v", s.ErrorKinds, want)
	}
}

// TestDraftsAreValid: the intake's appeals are ones the domain accepts,
// of the lengths an intake seat types.
func TestDraftsAreValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		d := newDraft(rng, []int64{10, 11}, []int64{3})
		in := d.intake(5)
		if err := in.Validate(); err != nil {
			t.Fatalf("draft %d: %v\n%+v", i, err, d)
		}
		if n := utf8.RuneCountInString(d.title); n < 10 || n > 40 {
			t.Errorf("title of %d characters: %s", n, d.title)
		}
		if n := utf8.RuneCountInString(d.content); n < 100 || n > 1000 {
			t.Errorf("content of %d characters", n)
		}
		var body api.NewAppeal
		if err := json.Unmarshal(d.body(5), &body); err != nil || body.DistrictID != 5 || body.Title != d.title {
			t.Fatalf("body %+v, %v", body, err)
		}
	}
}

func TestCheckURL(t *testing.T) {
	for _, ok := range []string{"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:80"} {
		if err := CheckURL(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"https://127.0.0.1", "http://example.com", "http://10.0.0.1:8080", "127.0.0.1:8080", ""} {
		if err := CheckURL(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestLastMonths(t *testing.T) {
	got := lastMonths(time.Date(2026, 3, 17, 10, 0, 0, 0, appeal.CST), 3)
	want := []period{{"2026-01-01", "2026-01-31"}, {"2026-02-01", "2026-02-28"}, {"2026-03-01", "2026-03-31"}}
	if !slices.Equal(got, want) {
		t.Fatalf("%v, want %v", got, want)
	}
}

// document returns an OpenAPI document of the GET operations ops (and one
// POST), as the server serves it.
func document(ops ...string) []byte {
	paths := map[string]any{"/api/v1/appeals": map[string]any{"post": map[string]any{"operationId": "createAppeal"}}}
	for _, op := range ops {
		paths["/api/v1/"+op] = map[string]any{"get": map[string]any{"operationId": op}}
	}
	b, _ := json.Marshal(map[string]any{"paths": paths})
	return b
}

// TestEveryReadIsMeasured: a documented read that no scenario measures,
// and an operation a scenario calls that is not documented, are errors.
func TestEveryReadIsMeasured(t *testing.T) {
	var reads []string
	for _, sc := range scenarios() {
		for _, op := range sc.covers {
			if op != "createAppeal" && !slices.Contains(reads, op) {
				reads = append(reads, op)
			}
		}
	}
	for op := range notMeasured {
		reads = append(reads, op)
	}
	for _, c := range []struct {
		name           string
		ops            []string
		uncovered, err string
	}{
		{"all", reads, "", ""},
		{"a new page", append(slices.Clone(reads), "dashboard"), "GET /api/v1/dashboard (dashboard) is documented but no scenario measures it", ""},
		{"a route gone", slices.DeleteFunc(slices.Clone(reads), func(s string) bool { return s == "appealVisits" }), "",
			"scenario appeal calls appealVisits, which the server does not document"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := document(c.ops...)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(doc) }))
			defer srv.Close()
			r := &Report{}
			if err := r.checkCoverage(context.Background(), newClient(srv.URL, 1)); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(r.Uncovered, "\n"); (c.uncovered == "") != (got == "") || !strings.Contains(got, c.uncovered) {
				t.Errorf("uncovered %q, want %q", got, c.uncovered)
			}
			if got := strings.Join(r.Errors, "\n"); (c.err == "") != (got == "") || !strings.Contains(got, c.err) {
				t.Errorf("errors %q, want %q", got, c.err)
			}
		})
	}
}

// TestOpenLoopKeepsSchedule: the open loop starts rate × duration steps
// whatever the server does, and counts a failure of each kind.
func TestOpenLoopKeepsSchedule(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%5 == 0 {
			http.Error(w, `{"code":"conflict","reason":"idem.busy"}`, http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	e := &env{c: newClient(srv.URL, 8)}
	sc := &scenario{name: "post", step: func(ctx context.Context, w *worker) {
		w.do(ctx, &request{op: "createAppeal", method: "POST", path: "/", body: []byte("{}"), want: 201})
	}}
	rec, _ := openLoop(context.Background(), e, sc, 500, 8, 40*time.Millisecond)
	s := rec.stats(time.Second)
	if s.Requests != 20 || s.Errors != 4 || len(s.ErrorKinds) != 1 || s.ErrorKinds[0].Kind != "POST createAppeal: HTTP 409 conflict (idem.busy)" {
		t.Fatalf("stats %+v", s)
	}
}

// TestEveryPageIsMeasured: every GET page of the UI is in a scenario or
// excused, a new page is reported, and no scenario names a page that is not.
func TestEveryPageIsMeasured(t *testing.T) {
	table := web.Table()
	if u := uncoveredPages(table); len(u) != 0 {
		t.Fatalf("pages not measured: %v", u)
	}
	more := append(slices.Clone(table), web.PageInfo{Method: "GET", Pattern: "/reports/not-yet-written", Access: web.Officer})
	if u := uncoveredPages(more); len(u) != 1 || !strings.Contains(u[0], "GET /reports/not-yet-written") {
		t.Fatalf("a new page is reported as %v", u)
	}
	served := map[string]bool{}
	for _, p := range table {
		served[p.Method+" "+p.Pattern] = true
	}
	for _, sc := range scenarios() {
		for _, p := range sc.pages {
			if !served[p] {
				t.Errorf("scenario %s reads %s, which is not a page", sc.name, p)
			}
		}
	}
	for p := range notMeasuredPages {
		if !served[p] {
			t.Errorf("%s is excused from the benchmark but is not a page", p)
		}
	}
}

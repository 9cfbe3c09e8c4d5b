package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zhitong/internal/api"
)

// Faults of ours are logged whole with the request id; the client gets the
// apology and the id, never the error or a stack.
func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	w := newWorld(t)
	check := func(r *resp, logged ...string) {
		t.Helper()
		e := r.wantError(500, "internal")
		if e.Code != "internal" || !strings.Contains(e.Message, "请求编号") || e.RequestID != r.header.Get("X-Request-Id") {
			t.Errorf("internal error %+v", e)
		}
		for _, leak := range []string{"nil pointer", "runtime", "goroutine", "sql", "closed", ".go:"} {
			if strings.Contains(string(r.raw), leak) {
				t.Errorf("the response shows %q: %s", leak, r.raw)
			}
		}
		logs := w.logs.String()
		for _, s := range append(logged, e.RequestID) {
			if !strings.Contains(logs, s) {
				t.Errorf("the log lacks %q:\n%s", s, logs)
			}
		}
	}

	// A handler that panics (here: a server built without the appeal service).
	cfg := w.cfg
	cfg.Appeals = nil
	broken := httptest.NewServer(api.New(cfg))
	defer broken.Close()
	c := w.as(t, "fed")
	c.allow5xx = true
	r := c.getFrom(broken.URL, "/api/v1/categories")
	check(r, "panic", "nil pointer")

	// A database that went away.
	w.anon(t).get("/healthz").want(200)
	w.db.Close()
	r = c.get("/api/v1/appeals")
	check(r, "database is closed")
	h := w.anon(t)
	h.allow5xx = true
	var health api.Health
	h.get("/healthz").want(503).into(&health)
	if health.Status != "unavailable" {
		t.Errorf("health %+v", health)
	}
}

// getFrom sends GET path to another server of the same API, checked like any other.
func (c *client) getFrom(base, path string) *resp {
	c.t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := &resp{t: c.t, status: res.StatusCode, header: res.Header, raw: raw, method: "GET", path: path}
	c.check(r)
	return r
}

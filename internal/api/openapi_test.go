package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// The document is well formed: every reference resolves, every operation is
// named once and documents its success.
func TestOpenAPIDocumentIsWhole(t *testing.T) {
	w := newWorld(t)
	r := w.anon(t).get("/api/v1/openapi.json").want(200)
	var doc map[string]any
	r.into(&doc)
	if doc["openapi"] != "3.0.3" {
		t.Errorf("openapi %v", doc["openapi"])
	}
	var refs []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, sub := range x {
				if s, ok := sub.(string); ok && k == "$ref" {
					refs = append(refs, s)
				}
				walk(sub)
			}
		case []any:
			for _, sub := range x {
				walk(sub)
			}
		}
	}
	walk(doc)
	for _, ref := range refs {
		if w.doc.ref(ref) == nil {
			t.Errorf("unresolved %s", ref)
		}
	}
	if len(refs) < 50 {
		t.Errorf("only %d references", len(refs))
	}
	names := map[string]bool{}
	for _, op := range w.doc.ops {
		if op.id == "" || names[op.id] {
			t.Errorf("%s %s: operationId %q missing or repeated", op.method, op.path, op.id)
		}
		names[op.id] = true
		if op.op["summary"] == "" {
			t.Errorf("%s: no summary", op.id)
		}
		success := false
		for code := range op.op["responses"].(map[string]any) {
			success = success || strings.HasPrefix(code, "2")
		}
		if !success {
			t.Errorf("%s: no success response", op.id)
		}
		for _, m := range regexp.MustCompile(`\{([a-z_]+)\}`).FindAllStringSubmatch(op.path, -1) {
			found := false
			for _, p := range op.op["parameters"].([]any) {
				pm := p.(map[string]any)
				found = found || pm["name"] == m[1] && pm["in"] == "path"
			}
			if !found {
				t.Errorf("%s: path parameter %s undocumented", op.id, m[1])
			}
		}
	}
	// The enums of the domain are in the schemas.
	state := w.doc.ref("#/components/schemas/Appeal")["properties"].(map[string]any)["state"].(map[string]any)
	if fmt.Sprint(state["enum"]) != "[registered unassigned in_progress at_city await_visit closed not_accepted transferred withdrawn merged]" {
		t.Errorf("state enum %v", state["enum"])
	}
}

// Every documented operation is served: the mux routes it to a handler (any
// answer but "no such endpoint" or "method not allowed").
func TestEveryDocumentedOperationIsServed(t *testing.T) {
	w := newWorld(t)
	c := w.as(t, "sysadmin")
	for _, op := range w.doc.ops {
		path := regexp.MustCompile(`\{[a-z_]+\}`).ReplaceAllString(op.path, "1")
		var body any
		if op.method == "POST" {
			body = "{}"
		}
		r := c.do(op.method, path, body)
		if r.status == 404 || r.status == 405 {
			var e struct{ Reason string }
			r.into(&e)
			if e.Reason == "api.no_route" || e.Reason == "api.method" {
				t.Errorf("%s %s is documented but not served", op.method, op.path)
			}
		}
	}
	// And nothing else under /api/v1 is: a sample of near misses.
	for _, probe := range []struct{ method, path string }{
		{"PUT", "/api/v1/appeals/1"}, {"DELETE", "/api/v1/appeals/1"}, {"GET", "/api/v1/appeals/1/answer"},
		{"POST", "/api/v1/appeals/1/accept"}, {"GET", "/api/v1/tasks/1"}, {"POST", "/api/v1/reports/summary"},
		{"GET", "/api/v2/appeals"}, {"GET", "/api/v1/appeals/1/tasks"},
	} {
		r := c.do(probe.method, probe.path, nil)
		if r.status != 404 && r.status != 405 {
			t.Errorf("%s %s is served (%d) but not documented", probe.method, probe.path, r.status)
		}
	}
}

// The checker that holds every response to the document finds mistakes:
// otherwise the tests that rely on it could not fail.
func TestResponseCheckerFindsMistakes(t *testing.T) {
	w := newWorld(t)
	created := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "检查器自测", "ligang"))
	path := fmt.Sprintf("/api/v1/appeals/%d", created.ID)
	raw := w.as(t, "fed").get(path).want(200).raw
	if p := w.doc.checkResponse("GET", path, 200, raw); len(p) != 0 {
		t.Fatalf("a real response fails: %v", p)
	}
	for name, edit := range map[string]func(m map[string]any){
		"missing required":        func(m map[string]any) { delete(m, "number") },
		"undocumented property":   func(m map[string]any) { m["secret"] = "x" },
		"value outside the enum":  func(m map[string]any) { m["state"] = "lost" },
		"string for an integer":   func(m map[string]any) { m["id"] = "1" },
		"fraction for an integer": func(m map[string]any) { m["version"] = 1.5 },
		"null where not nullable": func(m map[string]any) { m["title"] = nil },
		"time not in CST":         func(m map[string]any) { m["created_at"] = "2026-03-02T01:00:00Z" },
		"time not a time":         func(m map[string]any) { m["updated_at"] = "yesterday" },
		"object for an array":     func(m map[string]any) { m["tasks"] = map[string]any{} },
		"bad array item":          func(m map[string]any) { m["actions"] = []any{"dance"} },
		"boolean as a string":     func(m map[string]any) { m["anonymous"] = "false" },
	} {
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		b, _ := json.Marshal(m)
		if p := w.doc.checkResponse("GET", path, 200, b); len(p) == 0 {
			t.Errorf("%s: not found", name)
		}
	}
	if p := w.doc.checkResponse("GET", path, 418, []byte(`{"code":"x"}`)); len(p) == 0 {
		t.Error("an error body without its required fields passes")
	}
	if p := w.doc.checkResponse("GET", path, 201, raw); len(p) == 0 {
		t.Error("an undocumented success status passes")
	}
	if p := w.doc.checkResponse("PATCH", path, 200, raw); len(p) == 0 {
		t.Error("an undocumented operation passes")
	}
}

package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// apiDoc is the OpenAPI document a server serves, with a checker of
// responses against it for the subset of JSON Schema the document uses:
// $ref, allOf, type, nullable, required, properties, additionalProperties,
// items, enum, minimum and the date and date-time formats.
type apiDoc struct {
	raw map[string]any
	ops []*docOp
}

// docOp is one documented operation.
type docOp struct {
	method, path string
	id           string
	re           *regexp.Regexp
	op           map[string]any
}

// loadDoc fetches and indexes the document of the server at base.
func loadDoc(t testing.TB, base string) *apiDoc {
	t.Helper()
	res, err := http.Get(base + "/api/v1/openapi.json")
	if err != nil {
		t.Fatalf("openapi: %v", err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("openapi: status %d", res.StatusCode)
	}
	var raw map[string]any
	dec := json.NewDecoder(res.Body)
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("openapi: %v", err)
	}
	d := &apiDoc{raw: raw}
	for path, item := range raw["paths"].(map[string]any) {
		re := regexp.MustCompile("^" + regexp.MustCompile(`\\\{[a-z_]+\\\}`).ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$")
		for method, op := range item.(map[string]any) {
			o := op.(map[string]any)
			id, _ := o["operationId"].(string)
			d.ops = append(d.ops, &docOp{method: strings.ToUpper(method), path: path, id: id, re: re, op: o})
			coverage.declare(id)
		}
	}
	return d
}

// find returns the operation of method and a concrete path, or nil. As
// the mux does, a literal segment wins over a parameter:
// /api/v1/appeals/unmatched is not /api/v1/appeals/{id}.
func (d *apiDoc) find(method, path string) *docOp {
	path, _, _ = strings.Cut(path, "?")
	var found *docOp
	for _, o := range d.ops {
		if o.method == method && o.re.MatchString(path) && (found == nil || strings.Count(o.path, "{") < strings.Count(found.path, "{")) {
			found = o
		}
	}
	return found
}

// checkResponse returns what is wrong with a response to method path.
func (d *apiDoc) checkResponse(method, path string, status int, body []byte) []string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return []string{"body is not JSON: " + err.Error()}
	}
	op := d.find(method, path)
	if op == nil {
		// Not an operation: the server must answer with its error body.
		if status != http.StatusNotFound && status != http.StatusMethodNotAllowed {
			return []string{fmt.Sprintf("undocumented operation answered %d", status)}
		}
		return d.validate(v, d.ref("#/components/schemas/Error"), "$")
	}
	responses := op.op["responses"].(map[string]any)
	r, ok := responses[strconv.Itoa(status)]
	if !ok {
		if status < 400 {
			return []string{fmt.Sprintf("status %d is not documented", status)}
		}
		if r, ok = responses["default"]; !ok {
			return []string{fmt.Sprintf("status %d is not documented and there is no default", status)}
		}
	}
	rm := r.(map[string]any)
	if ref, ok := rm["$ref"].(string); ok {
		rm = d.ref(ref)
	}
	content, _ := rm["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	if media == nil {
		return []string{fmt.Sprintf("no JSON schema documented for %d", status)}
	}
	problems := d.validate(v, media["schema"].(map[string]any), "$")
	if len(problems) == 0 {
		coverage.mark(op.id, status)
	}
	return problems
}

// ref resolves a local reference such as #/components/schemas/Appeal.
func (d *apiDoc) ref(ref string) map[string]any {
	var cur any = d.raw
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := cur.(map[string]any)
		cur = m[part]
	}
	m, _ := cur.(map[string]any)
	return m
}

// validate returns where v breaks schema s; at names the place in v.
func (d *apiDoc) validate(v any, s map[string]any, at string) []string {
	if s == nil {
		return []string{at + ": no schema (unresolved reference?)"}
	}
	if ref, ok := s["$ref"].(string); ok {
		return d.validate(v, d.ref(ref), at)
	}
	var problems []string
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			problems = append(problems, d.validate(v, sub.(map[string]any), at)...)
		}
	}
	if v == nil {
		if s["nullable"] == true || s["type"] == nil {
			return problems
		}
		return append(problems, at+": null is not allowed")
	}
	if enum, ok := s["enum"].([]any); ok && !inEnum(v, enum) {
		problems = append(problems, fmt.Sprintf("%s: %v is not one of %v", at, v, enum))
	}
	switch s["type"] {
	case "object":
		problems = append(problems, d.validateObject(v, s, at)...)
	case "array":
		a, ok := v.([]any)
		if !ok {
			return append(problems, fmt.Sprintf("%s: %T is not an array", at, v))
		}
		items, _ := s["items"].(map[string]any)
		for i, x := range a {
			problems = append(problems, d.validate(x, items, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			return append(problems, fmt.Sprintf("%s: %T is not a string", at, v))
		}
		problems = append(problems, checkFormat(str, s["format"], at)...)
	case "integer", "number":
		n, ok := v.(json.Number)
		if !ok {
			return append(problems, fmt.Sprintf("%s: %T is not a number", at, v))
		}
		if _, err := n.Int64(); err != nil && s["type"] == "integer" {
			problems = append(problems, fmt.Sprintf("%s: %s is not an integer", at, n))
		}
		if min, ok := s["minimum"].(json.Number); ok {
			if f, _ := n.Float64(); f < mustFloat(min) {
				problems = append(problems, fmt.Sprintf("%s: %s is below %s", at, n, min))
			}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			problems = append(problems, fmt.Sprintf("%s: %T is not a boolean", at, v))
		}
	}
	return problems
}

func (d *apiDoc) validateObject(v any, s map[string]any, at string) []string {
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: %T is not an object", at, v)}
	}
	var problems []string
	props, _ := s["properties"].(map[string]any)
	if req, ok := s["required"].([]any); ok {
		for _, name := range req {
			if _, there := obj[name.(string)]; !there {
				problems = append(problems, fmt.Sprintf("%s: required %s is missing", at, name))
			}
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if ps, ok := props[k].(map[string]any); ok {
			problems = append(problems, d.validate(obj[k], ps, at+"."+k)...)
			continue
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			if !ap {
				problems = append(problems, fmt.Sprintf("%s: property %s is not documented", at, k))
			}
		case map[string]any:
			problems = append(problems, d.validate(obj[k], ap, at+"."+k)...)
		}
	}
	return problems
}

func checkFormat(s string, format any, at string) []string {
	switch format {
	case "date-time":
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return []string{fmt.Sprintf("%s: %q is not RFC 3339", at, s)}
		}
		if _, off := t.Zone(); off != 8*3600 {
			return []string{fmt.Sprintf("%s: %q is not in China Standard Time", at, s)}
		}
	case "date":
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return []string{fmt.Sprintf("%s: %q is not a date", at, s)}
		}
	}
	return nil
}

func inEnum(v any, enum []any) bool {
	for _, e := range enum {
		if fmt.Sprint(e) == fmt.Sprint(v) {
			return true
		}
	}
	return false
}

func mustFloat(n json.Number) float64 {
	f, _ := n.Float64()
	return f
}

// coverageLog records which operations had a response validated, by
// status, across the whole test run.
type coverageLog struct {
	sync.Mutex
	declared map[string]bool
	ok       map[string]map[int]bool
}

var coverage = &coverageLog{declared: map[string]bool{}, ok: map[string]map[int]bool{}}

func (c *coverageLog) declare(id string) {
	c.Lock()
	defer c.Unlock()
	c.declared[id] = true
}

func (c *coverageLog) mark(id string, status int) {
	c.Lock()
	defer c.Unlock()
	if c.ok[id] == nil {
		c.ok[id] = map[int]bool{}
	}
	c.ok[id][status] = true
}

// withoutSuccess lists the declared operations that never had a 2xx
// response validated against the document.
func withoutSuccess() []string {
	coverage.Lock()
	defer coverage.Unlock()
	var out []string
	for id := range coverage.declared {
		found := false
		for st := range coverage.ok[id] {
			found = found || st < 300
		}
		if !found {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// TestMain runs the tests and then, when the whole package ran, fails if any
// documented operation never had a real success response checked against
// its documented schema by the tests above.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && flag.Lookup("test.skip").Value.String() == "" {
		if missing := withoutSuccess(); len(missing) > 0 {
			fmt.Println("FAIL: no success response of these operations was checked against the OpenAPI document:", missing)
			code = 1
		}
	}
	os.Exit(code)
}

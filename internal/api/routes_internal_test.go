package api

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// The route table, the mux and the document agree: every route of the table
// is registered under its own pattern and documented under its name, and
// the document has no operation the table does not.
func TestRouteTableMuxAndDocumentAgree(t *testing.T) {
	s := newServer(Config{})
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
		}
	}
	if err := json.Unmarshal(s.doc, &doc); err != nil {
		t.Fatal(err)
	}
	ops := 0
	for _, item := range doc.Paths {
		ops += len(item)
	}
	if ops != len(s.table) {
		t.Errorf("%d documented operations, %d routes", ops, len(s.table))
	}
	names := map[string]bool{}
	for _, rt := range s.table {
		key := rt.method + " " + rt.pattern
		if names[rt.name] {
			t.Errorf("%s: name %s twice", key, rt.name)
		}
		names[rt.name] = true
		path := strings.ReplaceAll(rt.pattern, "{id}", "7")
		if _, pattern := s.mux.Handler(httptest.NewRequest(rt.method, path, nil)); pattern != key {
			t.Errorf("%s %s is served by %q", rt.method, path, pattern)
		}
		if op, ok := doc.Paths[rt.pattern][strings.ToLower(rt.method)]; !ok || op.OperationID != rt.name {
			t.Errorf("%s is not documented as %s", key, rt.name)
		}
		// Every route is classified for the one check of who is asking.
		switch {
		case rt.access == 0:
			t.Errorf("%s has no access class", key)
		case rt.name == "login" && rt.access == Public: // signing in is for those not signed in
		case rt.method == "GET" && rt.access == Write, rt.method != "GET" && rt.access != Write:
			t.Errorf("%s is classed %d", key, rt.access)
		case rt.access == Public && strings.HasPrefix(rt.pattern, "/api/v1/") && rt.name != "openapi":
			t.Errorf("%s is public", key)
		}
		if rt.handle == nil || rt.status == 0 || rt.summary == "" {
			t.Errorf("%s is incomplete", key)
		}
	}
	// One endpoint per action a person may take.
	for _, a := range appeal.Actions {
		if _, ok := bodyOf[a]; !ok {
			t.Errorf("action %s has no endpoint", a)
		}
	}
}

// Every message key the package uses is in the catalog, in both languages.
func TestMessageKeysAreKnown(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "E" && sel.Sel.Name != "Field") {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "fault" {
				return true
			}
			if bin, ok := call.Args[1].(*ast.BinaryExpr); ok {
				if prefix, ok := bin.X.(*ast.BasicLit); ok && prefix.Value == `"api.type."` {
					return true // checked below, for every kind jsonKind names
				}
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: a message key that is not a literal", fset.Position(call.Pos()))
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			n++
			if !fault.Known(key) {
				t.Errorf("%s: unknown message key %q", fset.Position(call.Pos()), key)
			}
			return true
		})
	}
	for _, k := range []reflect.Kind{reflect.String, reflect.Bool, reflect.Int64, reflect.Float64, reflect.Slice, reflect.Struct} {
		key := "api.type." + jsonKind(kindType(k))
		if !fault.Known(key) {
			t.Errorf("unknown message key %q", key)
		}
	}
	if n < 20 {
		t.Errorf("found only %d message keys: is the scan broken?", n)
	}
}

func kindType(k reflect.Kind) reflect.Type {
	switch k {
	case reflect.String:
		return reflect.TypeFor[string]()
	case reflect.Bool:
		return reflect.TypeFor[bool]()
	case reflect.Int64:
		return reflect.TypeFor[int64]()
	case reflect.Float64:
		return reflect.TypeFor[float64]()
	case reflect.Slice:
		return reflect.TypeFor[[]int64]()
	}
	return reflect.TypeFor[struct{}]()
}

func TestVersionOf(t *testing.T) {
	for _, tc := range []struct {
		header string
		body   int
		want   int
		reason string
	}{
		{"", 0, 0, ""}, {"", 4, 4, ""}, {`"3"`, 0, 3, ""}, {"3", 0, 3, ""}, {`W/"3"`, 0, 3, ""},
		{`"3"`, 3, 3, ""}, {`"3"`, 4, 0, "api.version_twice"}, {"*", 0, 0, "api.if_match"},
		{`"0"`, 0, 0, "api.if_match"}, {`"-1"`, 0, 0, "api.if_match"}, {`"x"`, 0, 0, "api.if_match"},
	} {
		r := httptest.NewRequest("POST", "/", nil)
		if tc.header != "" {
			r.Header.Set("If-Match", tc.header)
		}
		v, err := versionOf(r, tc.body)
		var fe *fault.Error
		if tc.reason != "" {
			if !errorsAs(err, &fe) || fe.Key != tc.reason {
				t.Errorf("If-Match %q, body %d: %v, want %s", tc.header, tc.body, err, tc.reason)
			}
			continue
		}
		if err != nil || v != tc.want {
			t.Errorf("If-Match %q, body %d: %d, %v", tc.header, tc.body, v, err)
		}
	}
}

func errorsAs(err error, fe **fault.Error) bool {
	e, ok := err.(*fault.Error)
	*fe = e
	return ok
}

func TestDeadlinesAndDays(t *testing.T) {
	end, err := parseDeadline("d", "2026-03-20")
	if err != nil || !end.Equal(time.Date(2026, 3, 21, 0, 0, 0, 0, appeal.CST)) {
		t.Errorf("a day's deadline %v, %v", end, err)
	}
	at, err := parseDeadline("d", "2026-03-20T17:30:00+08:00")
	if err != nil || !at.Equal(time.Date(2026, 3, 20, 17, 30, 0, 0, appeal.CST)) {
		t.Errorf("a time's deadline %v, %v", at, err)
	}
	for _, bad := range []string{"2026-3-20", "2026-02-30", "20260320", "tomorrow", "2026-03-20 17:30"} {
		if _, err := parseDeadline("d", bad); err == nil {
			t.Errorf("%q is a deadline", bad)
		}
	}
	if d, err := parseDay("from", "2026-03-01"); err != nil || d.UTC().Format(time.RFC3339) != "2026-02-28T16:00:00Z" {
		t.Errorf("the first of March begins at %v (%v)", d.UTC(), err)
	}
}

func TestCursorsAndIDs(t *testing.T) {
	c := encodeCursor("appeals", 42)
	if id, ok := decodeCursor("appeals", c); !ok || id != 42 {
		t.Errorf("round trip %d %v", id, ok)
	}
	if _, ok := decodeCursor("tasks", c); ok {
		t.Error("a cursor of appeals pages tasks")
	}
	if encodeCursor("appeals", 0) != "" {
		t.Error("the last page has a cursor")
	}
	for _, s := range []string{"", "0", "-1", "+1", "1.0", "1e3", " 1", "0x10", "9999999999999999999"} {
		if _, ok := parseID(s); ok {
			t.Errorf("%q is an id", s)
		}
	}
	if id, ok := parseID("007"); !ok || id != 7 {
		t.Errorf("007: %d %v", id, ok)
	}
}

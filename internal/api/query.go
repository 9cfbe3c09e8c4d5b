package api

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// param is a query parameter a route accepts: the route table lists them,
// the OpenAPI document shows them, and a request with any other is refused.
type param struct {
	name     string
	doc      string
	schema   map[string]any
	list     bool // comma-separated values (style form, explode false)
	required bool
}

func idParam(name, doc string) param {
	return param{name: name, doc: doc, schema: map[string]any{"type": "integer", "format": "int64", "minimum": 1}}
}

func dateParam(name, doc string) param {
	return param{name: name, doc: doc, schema: map[string]any{"type": "string", "format": "date"}}
}

func requiredParam(p param) param {
	p.required = true
	return p
}

func textParam(name, doc string, max int) param {
	return param{name: name, doc: doc, schema: map[string]any{"type": "string", "maxLength": max}}
}

func enumParam[T ~string](name, doc string, vs []T) param {
	return param{name: name, doc: doc, schema: map[string]any{"type": "string", "enum": codes(vs)}}
}

func listParam[T ~string](name, doc string, vs []T) param {
	return param{name: name, doc: doc, list: true, schema: map[string]any{"type": "array",
		"items": map[string]any{"type": "string", "enum": codes(vs)}}}
}

var (
	cursorParam = param{name: "cursor", doc: "the next_cursor of the previous page",
		schema: map[string]any{"type": "string"}}
	limitParam = param{name: "limit", doc: "page size, 20 unless given",
		schema: map[string]any{"type": "integer", "minimum": 1, "maximum": appeal.MaxLimit}}
	langParam = param{name: "lang", doc: "the language of error messages: zh (default) or en; Accept-Language works too",
		schema: map[string]any{"type": "string", "enum": []string{"zh", "en"}}}
)

func codes[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// query reads a request's query parameters; the first error sticks, so that
// a handler reads them all and checks once.
type query struct {
	values url.Values
	err    error
}

// readQuery parses r's query, refusing malformed escapes, text that is not
// clean UTF-8, and any parameter the route does not list.
func readQuery(r *http.Request, accepted []param) (*query, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, fault.E(fault.Invalid, "api.bad_param", "?")
	}
	for name, vs := range values {
		if name != langParam.name && !listed(accepted, name) {
			return nil, fault.Field(name, "api.unknown_param", name)
		}
		for _, v := range vs {
			if !cleanText(v) {
				return nil, fault.Field(name, "api.control", name)
			}
		}
	}
	return &query{values: values}, nil
}

func listed(ps []param, name string) bool {
	for _, p := range ps {
		if p.name == name {
			return true
		}
	}
	return false
}

func cleanText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

func (q *query) fail(err error) {
	if q.err == nil {
		q.err = err
	}
}

// get returns the one value of name, trimmed, or "".
func (q *query) get(name string) string {
	vs := q.values[name]
	if len(vs) > 1 {
		q.fail(fault.Field(name, "api.repeat_param", name))
	}
	if len(vs) == 0 {
		return ""
	}
	return strings.TrimSpace(vs[0])
}

func (q *query) text(name string) string { return q.get(name) }

func (q *query) id(name string) int64 {
	s := q.get(name)
	if s == "" {
		return 0
	}
	id, ok := parseID(s)
	if !ok {
		q.fail(fault.Field(name, "bad_id", name))
	}
	return id
}

// day reads a date YYYY-MM-DD as the midnight that begins it (CST).
func (q *query) day(name string) time.Time {
	s := q.get(name)
	if s == "" {
		return time.Time{}
	}
	d, err := parseDay(name, s)
	q.fail(err)
	return d
}

// limit reads the page size, 1 to max; 0 when absent.
func (q *query) limit(max int) int {
	s := q.get("limit")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		q.fail(fault.Field("limit", "api.limit", max))
	}
	return n
}

// cursor reads a cursor of kind; 0 is the first page.
func (q *query) cursor(kind string) int64 {
	s := q.get("cursor")
	if s == "" {
		return 0
	}
	id, ok := decodeCursor(kind, s)
	if !ok {
		q.fail(fault.Field("cursor", "cursor.bad"))
	}
	return id
}

func queryEnum[T ~string](q *query, name string, vs []T) T {
	s := q.get(name)
	if s == "" {
		return ""
	}
	for _, v := range vs {
		if string(v) == s {
			return v
		}
	}
	q.fail(fault.Field(name, "one_of", name, strings.Join(codes(vs), ", ")))
	return ""
}

func queryEnums[T ~string](q *query, name string, vs []T) []T {
	s := q.get(name)
	if s == "" {
		return nil
	}
	var out []T
	for _, part := range strings.Split(s, ",") {
		sub := &query{values: url.Values{name: {part}}}
		v := queryEnum(sub, name, vs)
		if sub.err != nil {
			q.fail(sub.err)
			return nil
		}
		out = append(out, v)
	}
	return out
}

// parseID reads a positive decimal id, digits only.
func parseID(s string) (int64, bool) {
	if s == "" || len(s) > 18 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// pathID reads the {name} segment of r's path as a positive id.
func pathID(r *http.Request, name string) (int64, error) {
	id, ok := parseID(r.PathValue(name))
	if !ok {
		return 0, fault.Field(name, "bad_id", name)
	}
	return id, nil
}

// A cursor is opaque to clients: the kind of list and the last id seen,
// base64url-encoded, so that a cursor of one list is refused by another.
func encodeCursor(kind string, id int64) string {
	if id <= 0 {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + strconv.FormatInt(id, 10)))
}

func decodeCursor(kind, s string) (int64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(b), kind+":")
	if !ok {
		return 0, false
	}
	return parseID(rest)
}

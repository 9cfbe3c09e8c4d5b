package api

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"zhitong/internal/session"
)

// The OpenAPI 3 document, generated from the route table once at start: the
// same table registers the mux, so that every route is documented and every
// documented operation is served.

// CSV is the response type of a route that answers a spreadsheet, text/csv
// in UTF-8 with a byte order mark, rather than JSON.
type CSV string

// binary is the schema of a file's bytes.
var binary = map[string]any{"type": "string", "format": "binary"}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// mustDocument returns the OpenAPI document of rs as JSON. It panics on a
// route table that cannot be documented (two schemas of one name), which
// the tests would see at once.
func mustDocument(rs []route) []byte {
	b, err := json.Marshal(document(rs))
	if err != nil {
		panic("api: openapi: " + err.Error())
	}
	return b
}

func document(rs []route) map[string]any {
	g := newSchemas()
	errRef := g.of(typeOf[Error]())
	paths := map[string]any{}
	for i := range rs {
		rt := &rs[i]
		item, _ := paths[rt.pattern].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[rt.pattern] = item
		}
		item[strings.ToLower(rt.method)] = operation(g, rt)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":   "zhitong API",
			"version": "1",
			"description": "营商环境直通车: appeals of enterprises round the closed loop. JSON with snake_case fields; " +
				"times RFC 3339 in China Standard Time; errors {code, reason, message, field, request_id} in Chinese, " +
				"or English when Accept-Language prefers it (or ?lang=en).",
		},
		"paths":    paths,
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"components": map[string]any{
			"schemas": g.components,
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": session.CookiePlain,
					"description": "the browser session of POST /api/v1/session (__Host-zt_session over TLS); a request that changes state must come from zhitong's own pages"},
			},
			"responses": map[string]any{"Error": map[string]any{
				"description": "an error",
				"content":     map[string]any{"application/json": map[string]any{"schema": errRef}},
			}},
		},
	}
}

func operation(g *schemas, rt *route) map[string]any {
	op := map[string]any{"operationId": rt.name, "summary": rt.summary, "tags": []string{rt.tag}}
	if rt.access == Public {
		op["security"] = []any{}
	}
	op["parameters"] = parameters(g, rt)
	switch {
	case rt.body == typeOf[File]():
		op["requestBody"] = map[string]any{"required": true,
			"content": map[string]any{"application/octet-stream": map[string]any{"schema": binary}}}
	case rt.body == typeOf[XLSX]():
		op["requestBody"] = map[string]any{"required": true,
			"content": map[string]any{xlsxType: map[string]any{"schema": binary}}}
	case rt.body == typeOf[RegistryFile]():
		op["requestBody"] = map[string]any{"required": true,
			"content": map[string]any{xlsxType: map[string]any{"schema": binary}, "text/csv": map[string]any{"schema": binary}}}
	case rt.body != nil:
		op["requestBody"] = map[string]any{"required": !rt.optional,
			"content": map[string]any{"application/json": map[string]any{"schema": g.of(rt.body)}}}
	}
	op["responses"] = responses(g, rt)
	return op
}

func parameters(g *schemas, rt *route) []any {
	ps := []any{}
	for _, m := range pathParam.FindAllStringSubmatch(rt.pattern, -1) {
		ps = append(ps, map[string]any{"name": m[1], "in": "path", "required": true,
			"schema": map[string]any{"type": "integer", "format": "int64", "minimum": 1}})
	}
	for _, p := range append(append([]param{}, rt.query...), langParam) {
		q := map[string]any{"name": p.name, "in": "query", "required": p.required, "schema": p.schema}
		if p.doc != "" {
			q["description"] = p.doc
		}
		if p.list {
			q["style"], q["explode"] = "form", false
		}
		ps = append(ps, q)
	}
	if rt.ifMatch {
		ps = append(ps, map[string]any{"name": "If-Match", "in": "header", "required": false,
			"description": `the version the client read, as "3" (or give version in the body)`,
			"schema":      map[string]any{"type": "string"}})
	}
	if rt.idempotent {
		ps = append(ps, map[string]any{"name": idempotencyHeader, "in": "header", "required": false,
			"description": "a key of the client's, 1 to 100 printable ASCII characters: a retry with the same key and body " +
				"within a day returns what the first request created (marked replayed) and creates nothing; the key with another body is a 409",
			"schema": map[string]any{"type": "string", "minLength": 1, "maxLength": 100}})
	}
	return ps
}

func responses(g *schemas, rt *route) map[string]any {
	ok := map[string]any{"description": http.StatusText(rt.status)}
	schema := map[string]any{"type": "object"}
	if rt.response != nil && rt.response != typeOf[File]() && rt.response != typeOf[XLSX]() {
		schema = g.of(rt.response)
	}
	media := "application/json"
	headers := map[string]any{}
	if rt.response == typeOf[File]() {
		media, schema = "application/octet-stream", binary
		headers["Content-Disposition"] = map[string]any{"description": "attachment, with the file's name", "schema": map[string]any{"type": "string"}}
	}
	if rt.response == typeOf[XLSX]() {
		media, schema = xlsxType, binary
		headers["Content-Disposition"] = map[string]any{"description": "attachment, with a file name", "schema": map[string]any{"type": "string"}}
	}
	if rt.response == typeOf[CSV]() {
		media = "text/csv"
		headers["Content-Disposition"] = map[string]any{"description": "attachment, with a file name", "schema": map[string]any{"type": "string"}}
	}
	ok["content"] = map[string]any{media: map[string]any{"schema": schema}}
	if rt.response == typeOf[AppealDetail]() || rt.response == typeOf[AppealCreated]() {
		headers["ETag"] = map[string]any{"description": `the appeal's version, as "3"`, "schema": map[string]any{"type": "string"}}
	}
	if rt.idempotent {
		headers[replayedHeader] = map[string]any{"description": `"true" when this answers a retry under the same Idempotency-Key`,
			"schema": map[string]any{"type": "string"}}
	}
	if rt.status == http.StatusCreated && rt.response != typeOf[Category]() && rt.response != typeOf[User]() {
		headers["Location"] = map[string]any{"description": "where the new object is", "schema": map[string]any{"type": "string"}}
	}
	if len(headers) > 0 {
		ok["headers"] = headers
	}
	out := map[string]any{strconv.Itoa(rt.status): ok}
	if rt.dryRun {
		out["200"] = map[string]any{"description": "a dry run: every check made, nothing written",
			"content": map[string]any{media: map[string]any{"schema": schema}}}
	}
	errResp := map[string]any{"$ref": "#/components/responses/Error"}
	for _, st := range errorStatuses(rt) {
		out[strconv.Itoa(st)] = errResp
	}
	if rt.name == "health" {
		out["503"] = map[string]any{"description": "the database does not answer",
			"content": map[string]any{"application/json": map[string]any{"schema": schema}}}
	}
	out["default"] = errResp
	return out
}

// errorStatuses lists the errors a route can answer, as far as its shape tells.
func errorStatuses(rt *route) []int {
	var sts []int
	if rt.body != nil || len(rt.query) > 0 || strings.Contains(rt.pattern, "{") {
		sts = append(sts, http.StatusBadRequest)
	}
	if rt.access != Public {
		sts = append(sts, http.StatusUnauthorized, http.StatusForbidden)
	}
	if strings.Contains(rt.pattern, "{") || rt.body != nil {
		sts = append(sts, http.StatusNotFound)
	}
	if rt.method == http.MethodPost {
		sts = append(sts, http.StatusConflict)
	}
	if rt.body != nil {
		sts = append(sts, http.StatusRequestEntityTooLarge)
	}
	return sts
}

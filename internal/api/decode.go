package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"zhitong/internal/fault"
)

// DefaultMaxBody is the largest request body the API reads: 1 MiB.
const DefaultMaxBody = 1 << 20

// decode reads the JSON object of r's body into v, a pointer to a request
// struct, strictly: JSON content type, at most max bytes, valid UTF-8, one
// object whose keys are exactly v's json names (each once), values of the
// right types, nothing after it, and no NUL or other control character but
// tab and newlines in any text. Every refusal is a 4xx fault naming what is
// wrong. An empty body is allowed when optional, and leaves v as it is.
func decode(w http.ResponseWriter, r *http.Request, max int64, v any, optional bool) error {
	if r.ContentLength > max {
		return fault.E(fault.TooLarge, "api.too_large", max)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return fault.E(fault.TooLarge, "api.too_large", max)
	} else if err != nil {
		return fault.E(fault.Invalid, "api.json", 0)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		if optional {
			return nil
		}
		return fault.E(fault.Invalid, "api.empty_body")
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil ||
		!(mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return fault.E(fault.Invalid, "api.content_type")
	}
	if !utf8.Valid(body) {
		return fault.E(fault.Invalid, "api.utf8")
	}
	if err := checkKeys(body, jsonNames(reflect.TypeOf(v).Elem())); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fault.E(fault.Invalid, "api.trailing")
	}
	return checkText(reflect.ValueOf(v).Elem(), "")
}

// checkKeys makes sure body is one JSON object whose keys are all in names,
// each once: encoding/json would match a key in another case and let a
// repeated key overwrite the first.
func checkKeys(body []byte, names map[string]bool) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	tok, err := dec.Token()
	if err != nil {
		return jsonError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fault.E(fault.Invalid, "api.json_object")
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return jsonError(err)
		}
		key, _ := tok.(string)
		switch {
		case !names[key]:
			return fault.Field(key, "api.unknown_field", key)
		case seen[key]:
			return fault.Field(key, "api.dup_field", key)
		}
		seen[key] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return jsonError(err)
		}
	}
	return nil
}

// jsonError turns an error of encoding/json into a fault that says what
// was wrong and where.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fault.E(fault.Invalid, "api.json", syntax.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return fault.E(fault.Invalid, "api.json_object")
	case errors.As(err, &typ):
		return fault.Field(typ.Field, "api.type."+jsonKind(typ.Type), typ.Field)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fault.E(fault.Invalid, "api.json", 0)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return fault.Field(name, "api.unknown_field", name)
	}
	return fault.E(fault.Invalid, "api.json", 0)
}

// jsonKind names the JSON type a Go type takes.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	}
	return "object"
}

// jsonNames returns the json names of a struct type's fields, embedded
// structs' included.
func jsonNames(t reflect.Type) map[string]bool {
	names := map[string]bool{}
	for _, f := range jsonFields(t) {
		names[f.name] = true
	}
	return names
}

// checkText refuses control characters in the strings of a decoded request:
// a NUL (\u0000 in JSON) and its kind break storage and display alike.
func checkText(v reflect.Value, name string) error {
	switch v.Kind() {
	case reflect.String:
		for _, r := range v.String() {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
				return fault.Field(name, "api.control", name)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return checkText(v.Elem(), name)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if err := checkText(v.Index(i), name); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for _, f := range jsonFields(v.Type()) {
			if err := checkText(v.FieldByIndex(f.index), f.name); err != nil {
				return err
			}
		}
	}
	return nil
}

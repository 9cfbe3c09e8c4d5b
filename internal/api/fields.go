package api

import (
	"reflect"
	"strings"
)

// jsonField is one field of a struct as encoding/json sees it.
type jsonField struct {
	name     string
	index    []int
	typ      reflect.Type
	optional bool   // omitempty or omitzero: absent when empty
	doc      string // the doc tag: a line for the OpenAPI document
	enum     string // the enum tag: comma-separated values, for plain strings
}

// jsonFields lists the fields of struct type t under their json names,
// with the fields of embedded structs promoted as encoding/json does (this
// package's views never shadow a name, so the simple rule suffices).
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for _, sub := range jsonFields(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		optional := false
		for _, o := range strings.Split(opts, ",") {
			optional = optional || o == "omitempty" || o == "omitzero"
		}
		out = append(out, jsonField{name: name, index: []int{i}, typ: f.Type, optional: optional,
			doc: f.Tag.Get("doc"), enum: f.Tag.Get("enum")})
	}
	return out
}

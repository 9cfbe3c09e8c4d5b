package api

import (
	"fmt"
	"maps"
	"reflect"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/matching"
	"zhitong/internal/report"
	"zhitong/internal/unit"
)

// The JSON Schemas of the OpenAPI document, reflected from the Go types of
// the request and response bodies: a struct is an object whose properties
// are its json names, required unless tagged omitempty or omitzero, and no
// others; a string type of the domain with a list of values is an enum.

// enumValues are the string types whose values the domain lists.
var enumValues = map[reflect.Type][]string{
	typeOf[appeal.Channel]():      codes(appeal.Channels),
	typeOf[appeal.Type]():         codes(appeal.Types),
	typeOf[appeal.Urgency]():      codes([]appeal.Urgency{appeal.Normal, appeal.Urgent}),
	typeOf[appeal.Route]():        codes(appeal.Routes),
	typeOf[appeal.State]():        codes(appeal.States),
	typeOf[appeal.TaskState]():    codes(appeal.TaskStates),
	typeOf[appeal.TaskRole]():     codes([]appeal.TaskRole{appeal.Lead, appeal.Co}),
	typeOf[appeal.Outcome]():      codes(appeal.Outcomes),
	typeOf[appeal.Satisfaction](): codes(appeal.Satisfactions),
	typeOf[appeal.Action]():       codes(append([]appeal.Action{appeal.ActRegister}, append(append(appeal.Actions, appeal.ActMergedIn), appeal.RegistryActions...)...)),
	typeOf[matching.Reason]():     codes(matching.Reasons),
	typeOf[account.Role]():        codes(account.Roles),
	typeOf[unit.Level]():          codes([]unit.Level{unit.Province, unit.City, unit.District, unit.Township}),
	typeOf[unit.Kind]():           codes([]unit.Kind{unit.Region, unit.TownshipK, unit.Department, unit.Vertical}),
	typeOf[unit.Capability](): codes([]unit.Capability{unit.Federation, unit.Office, unit.CityOffice, unit.Hotline,
		unit.Discipline}),
}

// fixedSchemas are the types that write their own JSON.
var fixedSchemas = map[reflect.Type]map[string]any{
	typeOf[Time](): {"type": "string", "format": "date-time", "nullable": true,
		"description": "RFC 3339 in China Standard Time (+08:00)"},
	typeOf[report.Rate](): {"type": "object", "additionalProperties": false,
		"required": []string{"num", "den", "percent"},
		"properties": map[string]any{
			"num":     map[string]any{"type": "integer"},
			"den":     map[string]any{"type": "integer"},
			"percent": map[string]any{"type": "string", "description": `one decimal, half up ("93.3%"); "-" without a denominator`},
		}},
}

// schemas builds the schemas of a document: each struct once, as a
// component, referred to by name.
type schemas struct {
	components map[string]any
	names      map[reflect.Type]string
}

func newSchemas() *schemas {
	return &schemas{components: map[string]any{}, names: map[reflect.Type]string{}}
}

// of returns the schema of values of type t.
func (g *schemas) of(t reflect.Type) map[string]any {
	if s, ok := fixedSchemas[t]; ok {
		return maps.Clone(s)
	}
	if vs, ok := enumValues[t]; ok {
		return map[string]any{"type": "string", "enum": vs}
	}
	switch t.Kind() {
	case reflect.Pointer: // only in request bodies, to tell a field left out from false or 0
		return g.of(t.Elem())
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Uint, reflect.Uint64:
		return map[string]any{"type": "integer", "format": "int64"}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return map[string]any{"type": "integer", "format": "int32"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Struct:
		return map[string]any{"$ref": "#/components/schemas/" + g.component(t)}
	}
	panic(fmt.Sprintf("api: no schema for %v", t))
}

// component adds struct type t to the components once and returns its name.
func (g *schemas) component(t reflect.Type) string {
	if name, ok := g.names[t]; ok {
		return name
	}
	name := t.Name()
	if _, clash := g.components[name]; clash || name == "" {
		panic(fmt.Sprintf("api: two schemas named %q (%v)", name, t))
	}
	g.names[t] = name
	g.components[name] = nil // reserve the name while the fields are reflected
	props := map[string]any{}
	required := []string{}
	for _, f := range jsonFields(t) {
		s := g.of(f.typ)
		if f.enum != "" {
			s["enum"] = strings.Split(f.enum, ",")
		}
		if f.doc != "" {
			if _, ref := s["$ref"]; ref {
				s = map[string]any{"allOf": []any{s}}
			}
			s["description"] = f.doc
		}
		props[f.name] = s
		if !f.optional {
			required = append(required, f.name)
		}
	}
	obj := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		obj["required"] = required
	}
	g.components[name] = obj
	return name
}

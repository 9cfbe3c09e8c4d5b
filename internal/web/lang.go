package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
)

// lang is the language of a page, "zh" (the default) or "en". Templates
// call its methods for every string they show: $.L.T "key".
type lang string

const langCookie = "zt_lang"

// langOf is the language a request asks for: ?lang=, then the cookie the
// switch sets; Simplified Chinese unless English is chosen. A browser's
// Accept-Language is not followed: officers work in Chinese whatever
// their browser was set up with, and switch on purpose.
func langOf(r *http.Request) lang {
	switch r.URL.Query().Get("lang") {
	case "en":
		return "en"
	case "zh":
		return "zh"
	}
	if c, err := r.Cookie(langCookie); err == nil && c.Value == "en" {
		return "en"
	}
	return "zh"
}

func (l lang) tag() string {
	if l == "en" {
		return "en"
	}
	return "zh-CN"
}

// Tag is the page's language for <html lang>.
func (l lang) Tag() string { return l.tag() }

// Other is the language the switch offers.
func (l lang) Other() string {
	if l == "en" {
		return "zh"
	}
	return "en"
}

// T is the text of key in the language, with fmt arguments.
func (l lang) T(key string, args ...any) string {
	m, ok := texts[key]
	if !ok {
		return key
	}
	s := m[0]
	if l == "en" {
		s = m[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// code is the label of a code: key prefix.code, or the code itself.
func (l lang) code(prefix, code string) string {
	if code == "" {
		return ""
	}
	if _, ok := texts[prefix+"."+code]; ok {
		return l.T(prefix + "." + code)
	}
	return code
}

// The labels of the domain's codes.
func (l lang) State(s appeal.State) string               { return l.code("state", string(s)) }
func (l lang) TaskState(s appeal.TaskState) string       { return l.code("task", string(s)) }
func (l lang) TaskRole(s appeal.TaskRole) string         { return l.code("role", string(s)) }
func (l lang) Channel(c appeal.Channel) string           { return l.code("channel", string(c)) }
func (l lang) Type(t appeal.Type) string                 { return l.code("type", string(t)) }
func (l lang) Route(r appeal.Route) string               { return l.code("route", string(r)) }
func (l lang) Urgency(u appeal.Urgency) string           { return l.code("urgency", string(u)) }
func (l lang) Outcome(o appeal.Outcome) string           { return l.code("outcome", string(o)) }
func (l lang) Satisfaction(s appeal.Satisfaction) string { return l.code("sat", string(s)) }
func (l lang) Action(a appeal.Action) string             { return l.code("act", string(a)) }
func (l lang) Role(r account.Role) string                { return l.code("urole", string(r)) }

// Time is a moment in China Standard Time, as the language writes it;
// nothing for the zero time.
func (l lang) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l == "en" {
		return t.In(appeal.CST).Format("2 Jan 2006 15:04")
	}
	return t.In(appeal.CST).Format("2006-01-02 15:04")
}

// Date is a day in China Standard Time.
func (l lang) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l == "en" {
		return t.In(appeal.CST).Format("2 Jan 2006")
	}
	return t.In(appeal.CST).Format("2006年1月2日")
}

// Num writes a count with thousands separators.
func (l lang) Num(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + l.Num(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Count is a list's total: "10,000+" when the count stopped at its cap.
func (l lang) Count(n int, capped bool) string {
	if capped {
		return l.Num(n) + "+"
	}
	return l.Num(n)
}

// Size is a file's size in KB or MB.
func (l lang) Size(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt((n+1023)>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

package api_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"zhitong/internal/api"
)

// A bad morning (story 10): every malformed request gets a 4xx with a JSON
// error that says what is wrong, in Chinese or in English, and nothing is
// half-written.
func TestBadInput(t *testing.T) {
	w := newWorld(t)
	seat, fed := w.as(t, "intake"), w.as(t, "fed")
	good := func(edit func(m map[string]any)) string {
		m := w.newAppeal("hotline_12345", "help", "正常标题", "ligang")
		edit(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	existing := seat.create(w.newAppeal("hotline_12345", "help", "已有诉求", "ligang"))
	d := fed.act(existing.ID, "refer-district", 1, nil).detail()
	appealPath := fmt.Sprintf("/api/v1/appeals/%d", existing.ID)
	tasksCursor := base64.RawURLEncoding.EncodeToString([]byte("tasks:5"))

	cases := []struct {
		name        string
		method      string
		path        string
		contentType string // "" is application/json
		body        string
		status      int
		reason      string
		field       string
	}{
		{"malformed JSON", "POST", "/api/v1/appeals", "", `{"title": `, 400, "api.json", ""},
		{"trailing comma", "POST", "/api/v1/appeals", "", `{"title": "x",}`, 400, "api.json", ""},
		{"single quotes", "POST", "/api/v1/appeals", "", `{'title': 'x'}`, 400, "api.json", ""},
		{"empty body", "POST", "/api/v1/appeals", "", ``, 400, "api.empty_body", ""},
		{"array body", "POST", "/api/v1/appeals", "", `[]`, 400, "api.json_object", ""},
		{"null body", "POST", "/api/v1/appeals", "", `null`, 400, "api.json_object", ""},
		{"trailing data", "POST", "/api/v1/appeals", "", good(func(map[string]any) {}) + ` {}`, 400, "api.trailing", ""},
		{"not JSON content", "POST", "/api/v1/appeals", "text/plain", good(func(map[string]any) {}), 400, "api.content_type", ""},
		{"form content", "POST", "/api/v1/appeals", "application/x-www-form-urlencoded", "title=x", 400, "api.content_type", ""},
		{"invalid UTF-8", "POST", "/api/v1/appeals", "", `{"title": "` + "\xff\xfe" + `"}`, 400, "api.utf8", ""},
		{"NUL in text", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["title"] = "标题\u0000尾巴" }), 400, "api.control", "title"},
		{"id as a string", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["district_id"] = "abc" }), 400, "api.type.integer", "district_id"},
		{"id as a fraction", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["district_id"] = 1.5 }), 400, "api.type.integer", "district_id"},
		{"id too large", "POST", "/api/v1/appeals", "", `{"district_id":99999999999999999999}`, 400, "api.type.integer", "district_id"},
		{"title as a number", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["title"] = 123 }), 400, "api.type.string", "title"},
		{"flag as a string", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["anonymous"] = "yes" }), 400, "api.type.boolean", "anonymous"},
		{"unknown field", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["titel"] = "x" }), 400, "api.unknown_field", "titel"},
		{"field in another case", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["Title"] = "x" }), 400, "api.unknown_field", "Title"},
		{"field twice", "POST", "/api/v1/appeals", "", `{"title":"a","title":"b"}`, 400, "api.dup_field", "title"},
		{"missing title", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { delete(m, "title") }), 400, "required", "title"},
		{"blank title", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["title"] = "   " }), 400, "required", "title"},
		{"missing district", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { delete(m, "district_id") }), 400, "intake.district", "district_id"},
		{"missing enterprise", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { delete(m, "enterprise_id") }), 400, "intake.enterprise", "enterprise_name"},
		{"over-long title", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["title"] = strings.Repeat("长", 101) }), 400, "too_long", "title"},
		{"over-long content", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["content"] = strings.Repeat("长", 5001) }), 400, "too_long", "content"},
		{"2 MB body", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["content"] = strings.Repeat("x", 2<<20) }), 413, "api.too_large", ""},
		{"wrong check character", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["credit_code"] = wrongCheck(creditCode(9)) }), 400, "credit.check", "credit_code"},
		{"short credit code", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["credit_code"] = "91431302" }), 400, "credit.length", "credit_code"},
		{"phone with letters", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["contact_phone"] = "138abc45678" }), 400, "bad_phone", "contact_phone"},
		{"unknown channel", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["channel"] = "fax" }), 400, "one_of", "channel"},
		{"unknown type", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["type"] = "praise" }), 400, "one_of", "type"},
		{"unknown enterprise", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["enterprise_id"] = 999999 }), 400, "not_found", "enterprise_id"},
		{"unknown category", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["category_id"] = 999999 }), 400, "intake.category", "category_id"},
		{"another district", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["district_id"] = w.unit("shuangfeng") }), 400, "intake.district", "district_id"},
		{"a department as the district", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["district_id"] = w.unit("fagai") }), 400, "intake.district", "district_id"},
		{"territory elsewhere", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["territory_id"] = w.unit("sfTown") }), 400, "intake.territory", "territory_id"},
		{"bad deadline", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["due_at"] = "2026-13-01" }), 400, "api.bad_time", "due_at"},
		{"city appeal without deadline", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["channel"] = "city_assigned" }), 400, "intake.due", "due_at"},
		{"city appeal from the seat", "POST", "/api/v1/appeals", "", good(func(m map[string]any) { m["channel"], m["due_at"] = "city_assigned", "2026-04-01" }), 403, "forbidden", ""},

		{"id not a number", "GET", "/api/v1/appeals/abc", "", "", 400, "bad_id", "id"},
		{"id zero", "GET", "/api/v1/appeals/0", "", "", 400, "bad_id", "id"},
		{"id negative", "GET", "/api/v1/appeals/-1", "", "", 400, "bad_id", "id"},
		{"id with a sign", "GET", "/api/v1/appeals/+1", "", "", 400, "bad_id", "id"},
		{"unknown appeal", "GET", "/api/v1/appeals/999999", "", "", 404, "not_found", ""},
		{"unknown appeal's timeline", "GET", "/api/v1/appeals/999999/timeline", "", "", 404, "not_found", ""},
		{"unknown task", "POST", "/api/v1/tasks/999999/accept", "", `{"version":1}`, 404, "not_found", ""},
		{"unknown enterprise by id", "GET", "/api/v1/enterprises/999999", "", "", 404, "not_found", ""},
		{"unknown unit", "GET", "/api/v1/units/999999", "", "", 404, "not_found", ""},
		{"unknown status", "GET", "/api/v1/appeals?status=open", "", "", 400, "one_of", "status"},
		{"one unknown status", "GET", "/api/v1/appeals?status=registered,bogus", "", "", 400, "one_of", "status"},
		{"unknown channel filter", "GET", "/api/v1/appeals?channel=fax", "", "", 400, "one_of", "channel"},
		{"unknown type filter", "GET", "/api/v1/appeals?type=x", "", "", 400, "one_of", "type"},
		{"unknown route filter", "GET", "/api/v1/appeals?route=none", "", "", 400, "one_of", "route"},
		{"category not a number", "GET", "/api/v1/appeals?category_id=abc", "", "", 400, "bad_id", "category_id"},
		{"unit negative", "GET", "/api/v1/appeals?unit_id=-3", "", "", 400, "bad_id", "unit_id"},
		{"bad from", "GET", "/api/v1/appeals?from=2026-13-01", "", "", 400, "bad_date", "from"},
		{"bad to", "GET", "/api/v1/appeals?to=20260301", "", "", 400, "bad_date", "to"},
		{"Feb 30", "GET", "/api/v1/appeals?to=2026-02-30", "", "", 400, "bad_date", "to"},
		{"from after to", "GET", "/api/v1/appeals?from=2026-03-02&to=2026-03-01", "", "", 400, "filter.range", "from"},
		{"bad cursor", "GET", "/api/v1/appeals?cursor=!!!", "", "", 400, "cursor.bad", "cursor"},
		{"cursor of another list", "GET", "/api/v1/appeals?cursor=" + tasksCursor, "", "", 400, "cursor.bad", "cursor"},
		{"limit zero", "GET", "/api/v1/appeals?limit=0", "", "", 400, "api.limit", "limit"},
		{"limit too big", "GET", "/api/v1/appeals?limit=201", "", "", 400, "api.limit", "limit"},
		{"limit not a number", "GET", "/api/v1/appeals?limit=ten", "", "", 400, "api.limit", "limit"},
		{"over-long keyword", "GET", "/api/v1/appeals?q=" + strings.Repeat("%E9%80%80", 51), "", "", 400, "too_long", "q"},
		{"unknown parameter", "GET", "/api/v1/appeals?order_by=id", "", "", 400, "api.unknown_param", "order_by"},
		{"bad sort", "GET", "/api/v1/appeals?sort=id", "", "", 400, "one_of", "sort"},
		{"parameter twice", "GET", "/api/v1/appeals?channel=portal&channel=visit", "", "", 400, "api.repeat_param", "channel"},
		{"control character in a parameter", "GET", "/api/v1/appeals?q=%00", "", "", 400, "api.control", "q"},
		{"bad escape", "GET", "/api/v1/appeals?q=%zz", "", "", 400, "api.bad_param", ""},
		{"bad task status", "GET", "/api/v1/tasks?status=open", "", "", 400, "one_of", "status"},
		{"bad report date", "GET", "/api/v1/reports/summary?from=yesterday&to=2026-03-01", "", "", 400, "bad_date", "from"},
		{"unknown endpoint", "GET", "/api/v1/nothing", "", "", 404, "api.no_route", ""},
		{"outside the API", "GET", "/", "", "", 404, "api.no_route", ""},
		{"wrong method", "DELETE", "/api/v1/appeals", "", "", 405, "api.method", ""},

		{"assign a unit id as text", "POST", appealPath + "/assign", "", fmt.Sprintf(`{"version":%d,"co_unit_ids":["x"]}`, d.Version), 400, "api.type.integer", "co_unit_ids"},
		{"assign a unit elsewhere", "POST", appealPath + "/assign", "", fmt.Sprintf(`{"version":%d,"lead_unit_id":%d}`, d.Version, w.unit("sfTown")), 400, "assign.badunit", "lead_unit_id"},
		{"assign an unknown unit", "POST", appealPath + "/assign", "", fmt.Sprintf(`{"version":%d,"lead_unit_id":999999}`, d.Version), 400, "assign.badunit", "lead_unit_id"},
		{"assign nobody", "POST", appealPath + "/assign", "", fmt.Sprintf(`{"version":%d}`, d.Version), 400, "assign.nounit", "lead_unit_id"},
		{"assign with a bad deadline", "POST", appealPath + "/assign", "", fmt.Sprintf(`{"version":%d,"lead_unit_id":%d,"reply_due":"soon"}`, d.Version, w.unit("fagai")), 400, "api.bad_time", "reply_due"},
		{"a field of another action", "POST", appealPath + "/assign", "", fmt.Sprintf(`{"version":%d,"target_id":1}`, d.Version), 400, "api.unknown_field", "target_id"},
		{"version as text", "POST", appealPath + "/assign", "", `{"version":"2"}`, 400, "api.type.integer", "version"},
		{"an action in the wrong state", "POST", appealPath + "/visit", "", fmt.Sprintf(`{"version":%d,"reached":true,"satisfaction":"satisfied"}`, d.Version), 409, "state.action", ""},
		{"visit without reached", "POST", appealPath + "/visit", "", fmt.Sprintf(`{"version":%d}`, d.Version), 400, "required", "reached"},
		{"unknown outcome", "POST", appealPath + "/answer", "", fmt.Sprintf(`{"version":%d,"outcome":"great","text":"x"}`, d.Version), 400, "one_of", "outcome"},
		{"unknown action", "POST", appealPath + "/approve", "", `{"version":1}`, 404, "api.no_route", ""},

		{"enterprise: wrong check character", "POST", "/api/v1/enterprises", "", `{"name":"某公司","credit_code":"` + wrongCheck(creditCode(8)) + `"}`, 400, "credit.check", "credit_code"},
		{"enterprise: letter I in the code", "POST", "/api/v1/enterprises", "", `{"name":"某公司","credit_code":"91431302MA4I00001X"}`, 400, "credit.char", "credit_code"},
		{"enterprise: no name", "POST", "/api/v1/enterprises", "", `{"credit_code":"` + creditCode(8) + `"}`, 400, "enterprise.name", "name"},
		{"enterprise: unknown district", "POST", "/api/v1/enterprises", "", `{"name":"某公司","district_id":999999}`, 400, "forbidden", "district_id"},
	}
	countBefore := func() (int, int) {
		var p api.AppealPage
		seat.get("/api/v1/appeals").want(200).into(&p)
		var e api.EnterprisePage
		seat.get("/api/v1/enterprises?limit=100").want(200).into(&e)
		return p.Total, len(e.Items)
	}
	appeals, enterprises := countBefore()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []string{"zh", "en"} {
				c := seat
				if strings.Contains(tc.path, "/assign") || strings.Contains(tc.path, "/visit") || strings.Contains(tc.path, "/answer") {
					c = w.as(t, "office")
					if !strings.Contains(tc.path, "/assign") {
						c = fed
					}
				}
				c = &client{w: w, t: t, token: c.token, headers: c.headers.Clone()}
				if tc.contentType != "" {
					c = c.with("Content-Type", tc.contentType)
				}
				if lang == "en" {
					c = c.with("Accept-Language", "en")
				}
				var body any
				if tc.body != "" {
					body = tc.body
				}
				e := c.do(tc.method, tc.path, body).wantError(tc.status, tc.reason)
				if e.Field != tc.field {
					t.Errorf("field %q, want %q", e.Field, tc.field)
				}
				if hasHan(e.Message) != (lang == "zh") && tc.reason != "not_found" {
					t.Errorf("%s message %q", lang, e.Message)
				}
				if e.Code == "internal" || strings.Contains(e.Message, "json:") || strings.Contains(e.Message, "sql") {
					t.Errorf("the message leaks internals: %q", e.Message)
				}
			}
		})
	}
	if a, e := countBefore(); a != appeals || e != enterprises {
		t.Errorf("refused requests wrote: %d appeals (was %d), %d enterprises (was %d)", a, appeals, e, enterprises)
	}
	if after := fed.appeal(existing.ID); after.Version != d.Version || len(after.Tasks) != 0 {
		t.Errorf("refused actions changed the appeal: %+v", after.Appeal)
	}
}

func wrongCheck(code string) string {
	last := code[17]
	repl := byte('0')
	if last == '0' {
		repl = '1'
	}
	return code[:17] + string(repl)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Text that looks like markup is data: stored as typed, returned JSON-escaped.
func TestMarkupIsData(t *testing.T) {
	w := newWorld(t)
	const title = `<script>alert("x")</script>&<b>`
	body := w.newAppeal("hotline_12345", "help", title, "ligang")
	r := w.as(t, "intake").post("/api/v1/appeals", body).want(201)
	if strings.Contains(string(r.raw), "<script>") || !strings.Contains(string(r.raw), `\u003cscript\u003e`) {
		t.Errorf("the title is not escaped: %s", clip(r.raw))
	}
	var d api.AppealCreated
	r.into(&d)
	if d.Title != title {
		t.Errorf("the title came back as %q", d.Title)
	}
	if got := w.as(t, "fed").appeal(d.ID).Title; got != title {
		t.Errorf("stored as %q", got)
	}
}

// The language of messages follows ?lang and Accept-Language.
func TestLanguage(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct {
		header, query string
		en            bool
	}{
		{"", "", false},
		{"en", "", true},
		{"en-GB,en;q=0.8", "", true},
		{"zh-CN,zh;q=0.9,en;q=0.8", "", false},
		{"en;q=0.5,zh;q=0.9", "", false},
		{"fr, en;q=0.3", "", true},
		{"", "?lang=en", true},
		{"en", "?lang=zh", false},
		{"garbage;;;q=x", "", false},
	} {
		c := w.anon(t)
		if tc.header != "" {
			c = c.with("Accept-Language", tc.header)
		}
		e := c.get("/api/v1/me" + tc.query).apiError(401)
		if hasHan(e.Message) == tc.en {
			t.Errorf("Accept-Language %q, query %q: %q", tc.header, tc.query, e.Message)
		}
	}
}

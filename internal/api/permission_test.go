package api_test

import (
	"fmt"
	"strings"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
)

func TestNoTokenNoEntry(t *testing.T) {
	w := newWorld(t)
	for _, c := range []*client{
		w.anon(t),
		w.anon(t).with("Authorization", "Bearer zt_nottoken"),
		w.anon(t).with("Authorization", "Bearer"),
		w.anon(t).with("Authorization", "Basic "+w.people["office"].token),
		w.anon(t).with("Authorization", w.people["office"].token),
	} {
		for _, path := range []string{"/api/v1/me", "/api/v1/appeals", "/api/v1/appeals/1", "/api/v1/reports/summary"} {
			r := c.get(path)
			r.wantError(401, "unauthenticated")
			if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s: WWW-Authenticate %q", path, r.header.Get("WWW-Authenticate"))
			}
		}
		c.post("/api/v1/appeals", w.newAppeal("portal", "help", "x", "ligang")).wantError(401, "unauthenticated")
	}
	// Public routes need none.
	w.anon(t).get("/healthz").want(200)
	w.anon(t).get("/api/v1/openapi.json").want(200)
}

func TestMe(t *testing.T) {
	w := newWorld(t)
	var me api.Me
	w.as(t, "office").get("/api/v1/me").want(200).into(&me)
	if me.Username != "office" || me.ReadOnly || len(me.Districts) != 1 || me.Districts[0] != w.unit("louxing") {
		t.Errorf("me %+v", me)
	}
	w.asRead(t, "city").get("/api/v1/me").want(200).into(&me)
	if !me.ReadOnly || len(me.Districts) != 2 {
		t.Errorf("the city office's read token %+v", me)
	}
}

func TestReadOnlyTokenCannotWrite(t *testing.T) {
	w := newWorld(t)
	created := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "只读令牌测试", "ligang"))
	ro := w.asRead(t, "fed")
	ro.appeal(created.ID)
	ro.act(created.ID, "refer-district", 1, nil).wantError(403, "forbidden")
	w.asRead(t, "intake").post("/api/v1/appeals", w.newAppeal("hotline_12345", "help", "x", "ligang")).wantError(403, "forbidden")
	w.asRead(t, "sysadmin").post("/api/v1/categories", map[string]any{"name": "新分类"}).wantError(403, "forbidden")
	if d := w.as(t, "fed").appeal(created.ID); d.Version != 1 {
		t.Errorf("the read-only token changed the appeal: version %d", d.Version)
	}
}

// Units see their own tasks only; other districts see nothing.
func TestScopeOfUnitsAndDistricts(t *testing.T) {
	w := newWorld(t)
	fed, office := w.as(t, "fed"), w.as(t, "office")
	created := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "厂区道路维修", "ligang"))
	id := created.ID
	d := fed.act(id, "refer-district", 1, nil).detail()
	d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai"),
		"co_unit_ids": []int64{w.unit("zhujian")}}).detail()
	lead := taskOf(t, d, w.unit("fagai"))

	// The co-unit sees the appeal but may not accept the lead's task.
	w.as(t, "zhujian").appeal(id)
	w.as(t, "zhujian").taskAct(lead.ID, "accept", lead.Version, nil).wantError(403, "scope.unit")
	// A unit with no task on it does not learn it exists.
	ziran := w.as(t, "ziran")
	ziran.get(fmt.Sprintf("/api/v1/appeals/%d", id)).wantError(404, "not_found")
	ziran.get(fmt.Sprintf("/api/v1/appeals/%d/timeline", id)).wantError(404, "not_found")
	ziran.taskAct(lead.ID, "accept", lead.Version, nil).wantError(404, "not_found")
	var page api.AppealPage
	ziran.get("/api/v1/appeals").want(200).into(&page)
	if page.Total != 0 || len(page.Items) != 0 {
		t.Errorf("自然资源局 lists %+v", page)
	}
	// The office of another district neither.
	sf := w.as(t, "sfOffice")
	sf.get(fmt.Sprintf("/api/v1/appeals/%d", id)).wantError(404, "not_found")
	sf.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("sfTown")}).wantError(404, "not_found")
	sf.get("/api/v1/appeals").want(200).into(&page)
	if page.Total != 0 {
		t.Errorf("双峰县 lists %+v", page)
	}
	sf.get(fmt.Sprintf("/api/v1/appeals?district_id=%d", w.unit("louxing"))).want(200).into(&page)
	if page.Total != 0 {
		t.Errorf("双峰县 lists 娄星区's appeals by asking: %+v", page)
	}
	// A handler may not triage; the federation may not assign.
	w.as(t, "fagai").act(id, "answer", d.Version, map[string]any{"outcome": "solved", "text": "x"}).wantError(403, "role.action")
	fed.act(id, "assign", d.Version, map[string]any{"co_unit_ids": []int64{w.unit("ziran")}}).wantError(403, "role.action")
	// A unit is refused the visits, which name the enterprise's words.
	w.as(t, "fagai").get(fmt.Sprintf("/api/v1/appeals/%d/visits", id)).wantError(403, "forbidden")
}

// An appeal dispatched anonymously shows a unit the matter, never who
// complained: not in the appeal, the list, the worklist or the timeline.
func TestAnonymousAppealHidesTheAppellant(t *testing.T) {
	w := newWorld(t)
	fed, office, unitC := w.as(t, "fed"), w.as(t, "office"), w.as(t, "fagai")
	const phone, contact = "13912345678", "举报人钱多多"
	body := w.newAppeal("hotline_12345", "report", "执法人员吃拿卡要", "yongan")
	body["anonymous"], body["contact_phone"], body["contact_name"] = true, phone, contact
	created := w.as(t, "intake").create(body)
	id := created.ID
	if created.ContactPhone != phone || created.EnterpriseName != "湖南永安煤矿机械制造有限公司" {
		t.Fatalf("the seat sees %+v", created.Appeal)
	}
	d := fed.act(id, "refer-district", 1, map[string]any{"told": "已受理，联系电话 " + phone}).detail()
	d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai"), "note": "匿名交办"}).detail()

	seen := unitC.appeal(id)
	if seen.EnterpriseName != appeal.Anonymous || seen.EnterpriseID != 0 || seen.CreditCode != "" ||
		seen.ContactName != "" || seen.ContactPhone != "" || !seen.Anonymous {
		t.Errorf("the unit sees %+v", seen.Appeal)
	}
	secrets := []string{phone, "5678", contact, "永安", w.enterprises["yongan"].CreditCode, "坐席王芳"}
	for _, path := range []string{
		fmt.Sprintf("/api/v1/appeals/%d", id),
		fmt.Sprintf("/api/v1/appeals/%d/timeline", id),
		"/api/v1/appeals",
		"/api/v1/tasks",
	} {
		r := unitC.get(path).want(200)
		for _, s := range secrets {
			if strings.Contains(string(r.raw), s) {
				t.Errorf("%s shows the unit %q: %s", path, s, clip(r.raw))
			}
		}
	}
	// The office and the federation see the contact masked, and reveal it
	// on purpose (privacy_test.go); the seat that took it down in the clear.
	if o := office.appeal(id); o.ContactPhone != "139****5678" {
		t.Errorf("the office sees the phone as %q", o.ContactPhone)
	}
	if l := w.as(t, "leader").appeal(id); l.ContactPhone != "139****5678" || l.ContactName != "举*****" {
		t.Errorf("the leader sees %q %q", l.ContactPhone, l.ContactName)
	}
}

// Only system administrators keep units, users and categories.
func TestAdministration(t *testing.T) {
	w := newWorld(t)
	admin, office, sec := w.as(t, "sysadmin"), w.as(t, "office"), w.as(t, "secadmin")
	user := map[string]any{"username": "newclerk", "name": "新坐席", "phone": "13800138000",
		"unit_id": w.unit("hotline"), "roles": []string{"intake"}}
	office.post("/api/v1/users", user).wantError(403, "forbidden")
	sec.post("/api/v1/users", user).wantError(403, "forbidden")
	var u api.User
	admin.post("/api/v1/users", user).want(201).into(&u)
	if u.ID == 0 || u.Username != "newclerk" || !u.Active || len(u.Roles) != 1 {
		t.Errorf("created %+v", u)
	}
	admin.post("/api/v1/users", user).wantError(409, "account.dup")
	user["username"], user["roles"] = "other", []string{"king"}
	admin.post("/api/v1/users", user).wantError(400, "account.role")

	var us api.Users
	admin.get("/api/v1/users").want(200).into(&us)
	if len(us.Items) != len(w.people)+1 || us.Items[0].Phone != "13807380001" {
		t.Errorf("the administrator lists %d users, first %+v", len(us.Items), us.Items[0])
	}
	office.get("/api/v1/users").want(200).into(&us)
	for _, x := range us.Items {
		if x.UnitID == w.unit("sfOffice") || x.UnitID == w.unit("cityOffice") {
			t.Errorf("娄星区's office lists %s of another unit", x.Username)
		}
		if !strings.Contains(x.Phone, "****") {
			t.Errorf("娄星区's office sees the phone %q", x.Phone)
		}
	}
	if len(us.Items) < 10 {
		t.Errorf("娄星区's office lists %d users", len(us.Items))
	}

	unitBody := map[string]any{"parent_id": w.unit("louxing"), "name": "娄星区税务局", "level": "district", "kind": "vertical"}
	office.post("/api/v1/units", unitBody).wantError(403, "forbidden")
	var nu api.Unit
	r := admin.post("/api/v1/units", unitBody).want(201)
	r.into(&nu)
	if nu.DistrictID != w.unit("louxing") || !nu.Assessed || !nu.Active || r.header.Get("Location") != fmt.Sprintf("/api/v1/units/%d", nu.ID) {
		t.Errorf("created unit %+v", nu)
	}
	w.as(t, "fagai").get(fmt.Sprintf("/api/v1/units/%d", nu.ID)).want(200)
	var units api.Units
	w.as(t, "fagai").get(fmt.Sprintf("/api/v1/units?root_id=%d", w.unit("shuangfeng"))).want(200).into(&units)
	if len(units.Items) != 4 {
		t.Errorf("双峰县's subtree has %d units", len(units.Items))
	}

	office.post("/api/v1/categories", map[string]any{"name": "知识产权"}).wantError(403, "forbidden")
	admin.post("/api/v1/categories", map[string]any{"name": "知识产权", "code": "ip"}).want(201)
	var cs api.Categories
	w.as(t, "fagai").get("/api/v1/categories").want(200).into(&cs)
	if len(cs.Items) != len(w.categories)+1 {
		t.Errorf("%d categories", len(cs.Items))
	}
}

func TestEnterprises(t *testing.T) {
	w := newWorld(t)
	seat := w.as(t, "intake")
	var e api.Enterprise
	r := seat.post("/api/v1/enterprises", map[string]any{"name": "娄底新材料有限公司", "credit_code": creditCode(77),
		"district_id": w.unit("louxing"), "territory_id": w.unit("leping")}).want(201)
	r.into(&e)
	if e.CreditCode != creditCode(77) || r.header.Get("Location") != fmt.Sprintf("/api/v1/enterprises/%d", e.ID) {
		t.Errorf("created %+v", e)
	}
	seat.get(fmt.Sprintf("/api/v1/enterprises/%d", e.ID)).want(200)
	seat.post("/api/v1/enterprises", map[string]any{"name": "重复登记", "credit_code": creditCode(77)}).wantError(409, "enterprise.dup")
	w.as(t, "sfOffice").post("/api/v1/enterprises", map[string]any{"name": "越权登记",
		"district_id": w.unit("louxing")}).wantError(400, "forbidden")
	w.as(t, "fagai").post("/api/v1/enterprises", map[string]any{"name": "无权登记"}).wantError(403, "forbidden")

	// Keyset pages of one: every enterprise once, newest first.
	seen := map[int64]bool{}
	cursor := ""
	for page := 0; page < 10; page++ {
		var p api.EnterprisePage
		seat.get("/api/v1/enterprises?limit=2&cursor=" + cursor).want(200).into(&p)
		for _, x := range p.Items {
			if seen[x.ID] {
				t.Fatalf("enterprise %d twice", x.ID)
			}
			seen[x.ID] = true
		}
		if cursor = p.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != len(w.enterprises)+1 {
		t.Errorf("paged through %d enterprises", len(seen))
	}
}

// Lists page by cursor, filter, and count.
func TestListAppeals(t *testing.T) {
	w := newWorld(t)
	seat, fed := w.as(t, "intake"), w.as(t, "fed")
	var ids []int64
	for i := 0; i < 5; i++ {
		body := w.newAppeal("hotline_12345", "consult", fmt.Sprintf("出口退税咨询第%d号", i), "ligang")
		if i%2 == 1 {
			body["channel"], body["title"], body["content"] = "portal", fmt.Sprintf("融资担保问题第%d号", i), "担保"
		}
		ids = append(ids, seat.create(body).ID)
		w.clock.Advance(24 * 3600e9)
	}
	fed.act(ids[0], "refer-district", 1, nil).detail()

	list := func(query string) api.AppealPage {
		t.Helper()
		var p api.AppealPage
		fed.get("/api/v1/appeals" + query).want(200).into(&p)
		return p
	}
	all := list("?limit=2")
	if all.Total != 5 || len(all.Items) != 2 || all.Items[0].ID != ids[4] || all.NextCursor == "" || all.TotalCapped {
		t.Fatalf("first page %+v", all)
	}
	next := list("?limit=2&cursor=" + all.NextCursor)
	if len(next.Items) != 2 || next.Items[0].ID != ids[2] {
		t.Errorf("second page %+v", next.Items)
	}
	last := list("?limit=2&cursor=" + next.NextCursor)
	if len(last.Items) != 1 || last.NextCursor != "" {
		t.Errorf("last page %+v", last)
	}
	for query, want := range map[string]int{
		"?channel=portal":                                          2,
		"?status=unassigned":                                       1,
		"?status=registered,unassigned":                            5,
		"?route=district":                                          1,
		"?type=consult":                                            5,
		"?q=" + "%E9%80%80%E7%A8%8E":                               3, // 退税
		"?from=2026-03-03&to=2026-03-04":                           2,
		"?from=2026-03-06":                                         1,
		"?to=2026-03-02":                                           1,
		"?district_id=" + fmt.Sprint(w.unit("louxing")):            5,
		"?territory_id=" + fmt.Sprint(w.unit("leping")):            5,
		"?enterprise_id=" + fmt.Sprint(w.enterprises["ligang"].ID): 5,
		"?enterprise_id=" + fmt.Sprint(w.enterprises["haite"].ID):  0,
	} {
		if p := list(query); p.Total != want || len(p.Items) != want {
			t.Errorf("%s: total %d, %d items, want %d", query, p.Total, len(p.Items), want)
		}
	}
	if r := fed.get("/api/v1/appeals"); r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("a list of appeals may be cached: %q", r.header.Get("Cache-Control"))
	}
}

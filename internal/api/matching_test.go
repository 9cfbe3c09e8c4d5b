package api_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
)

// addEntity registers an entity of district key as the system does.
func (w *world) addEntity(t *testing.T, district, name, code string, edit func(e *enterprise.Enterprise)) *enterprise.Enterprise {
	t.Helper()
	e := &enterprise.Enterprise{Name: name, CreditCode: code, DistrictID: w.unit(district)}
	if edit != nil {
		edit(e)
	}
	if err := w.cfg.Enterprises.Create(bg, account.SystemActor(), e); err != nil {
		t.Fatalf("entity %s: %v", name, err)
	}
	return e
}

// nameOnly is a hotline appeal naming its enterprise by name (and code, if
// any) alone.
func (w *world) nameOnly(title, name, code string) map[string]any {
	b := w.newAppeal("hotline_12345", "help", title, "")
	b["enterprise_name"] = name
	if code != "" {
		b["credit_code"] = code
	}
	return b
}

func matchesOf(t *testing.T, c *client, id int64) api.Matches {
	t.Helper()
	var m api.Matches
	c.get(fmt.Sprintf("/api/v1/appeals/%d/matches", id)).want(200).into(&m)
	return m
}

func eventOf(tl []api.Event, a appeal.Action) *api.Event {
	for i := range tl {
		if tl[i].Action == a {
			return &tl[i]
		}
	}
	return nil
}

// Two appeals of 娄星区 name their enterprise alone: 湖南利钢金属制品 (no
// code) and 海特科技 with a code the registry did not know at intake. The
// suggestions put the code first, then the name without its legal form,
// and never an entity of 双峰县 of the very same name; the federation links
// the first, which then has the entity and its code, an entry on its
// timeline, and is found by the entity's appeals; what is refused is
// refused with its reason.
func TestMatchAppeals(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		intake, fed, office := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office")
		ligang, haite := w.enterprises["ligang"], w.enterprises["haite"]
		foreign := w.addEntity(t, "shuangfeng", "湖南利钢金属制品", "", nil)
		a := intake.create(w.nameOnly("厂区用电容量不足", "湖南利钢金属制品", ""))
		newCode := creditCode(50)
		b := intake.create(w.nameOnly("申请技改补贴", "海特科技", newCode))
		if a.EnterpriseID != 0 || b.EnterpriseID != 0 {
			t.Fatalf("registered linked: %d %d", a.EnterpriseID, b.EnterpriseID)
		}
		// Registered since: the entity of the code the caller gave.
		late := w.addEntity(t, "louxing", "娄底市新创科技有限公司", newCode, nil)

		var list api.UnmatchedPage
		fed.get("/api/v1/appeals/unmatched").want(200).into(&list)
		if list.Open != 2 || len(list.Items) != 2 || list.Items[0].ID != b.ID || list.Items[1].ID != a.ID || list.Items[0].CreditCode != newCode {
			t.Fatalf("unmatched: %+v", list)
		}

		ma := matchesOf(t, fed, a.ID)
		if len(ma.Items) == 0 || ma.Items[0].Enterprise.ID != ligang.ID || ma.Items[0].Reason != "same_core" || ma.Items[0].Score != 90 {
			t.Fatalf("matches of %s: %+v", "湖南利钢金属制品", ma.Items)
		}
		for _, m := range ma.Items {
			if m.Enterprise.ID == foreign.ID || m.Enterprise.DistrictID != w.unit("louxing") {
				t.Errorf("a candidate of another district: %+v", m.Enterprise)
			}
		}
		mb := matchesOf(t, office, b.ID)
		if len(mb.Items) < 2 || mb.Items[0].Enterprise.ID != late.ID || mb.Items[0].Reason != "code" || mb.Items[0].Score != 100 {
			t.Fatalf("matches of 海特科技 with a code: %+v", mb.Items)
		}
		if i := slices.IndexFunc(mb.Items, func(m api.Match) bool { return m.Enterprise.ID == haite.ID }); i < 0 ||
			mb.Items[i].Reason != "contains" || !mb.Items[i].CodeDiffers {
			t.Errorf("海特 among the matches of 海特科技: %+v", mb.Items)
		}

		// Who may not: a unit, a leader who reads, the intake seat, another district's federation.
		link := fmt.Sprintf("/api/v1/appeals/%d/enterprise", a.ID)
		for _, who := range []string{"fagai", "leader", "intake", "sfFed"} {
			if r := w.as(t, who).post(link, map[string]any{"enterprise_id": ligang.ID}); r.status != 403 && r.status != 404 {
				t.Errorf("%s linked: %d", who, r.status)
			}
		}
		w.as(t, "leader").get(fmt.Sprintf("/api/v1/appeals/%d/matches", a.ID)).wantError(403, "forbidden")
		fed.post(link, map[string]any{"enterprise_id": foreign.ID}).wantError(400, "match.district")
		fed.post(link, map[string]any{"enterprise_id": 999999}).wantError(400, "not_found")

		reports := w.reportsNow(t)
		d := fed.post(link, map[string]any{"enterprise_id": ligang.ID}).detail()
		if d.EnterpriseID != ligang.ID || d.CreditCode != ligang.CreditCode || d.EnterpriseName != "湖南利钢金属制品" || d.Version != a.Version+1 {
			t.Fatalf("linked: enterprise %d, code %q, name %q, version %d", d.EnterpriseID, d.CreditCode, d.EnterpriseName, d.Version)
		}
		if ev := eventOf(fed.timeline(a.ID), appeal.ActLinkEnterprise); ev == nil || ev.ActorName != "工商联李明" || ev.Note == "" {
			t.Errorf("no entry on the timeline: %+v", ev)
		}
		fed.post(link, map[string]any{"enterprise_id": ligang.ID}).wantError(409, "match.same")
		fed.post(link, map[string]any{"enterprise_id": haite.ID}).wantError(409, "match.linked")
		// Relinked explicitly, and back: the code taken from the registry follows.
		if d := office.post(link, map[string]any{"enterprise_id": haite.ID, "relink": true}).detail(); d.EnterpriseID != haite.ID || d.CreditCode != haite.CreditCode {
			t.Errorf("relinked: %d %s", d.EnterpriseID, d.CreditCode)
		}
		if d := fed.post(link, map[string]any{"enterprise_id": ligang.ID, "relink": true}).detail(); d.CreditCode != ligang.CreditCode {
			t.Errorf("relinked back: %s", d.CreditCode)
		}
		// The code the caller gave is theirs: linking to another entity keeps it.
		mb2 := fmt.Sprintf("/api/v1/appeals/%d/enterprise", b.ID)
		if d := fed.post(mb2, map[string]any{"enterprise_id": haite.ID}).detail(); d.CreditCode != newCode {
			t.Errorf("the caller's code replaced: %s", d.CreditCode)
		}
		fed.post(mb2, map[string]any{"enterprise_id": late.ID, "relink": true}).want(200)
		if after := w.reportsNow(t); after != reports {
			t.Errorf("linking changed the reports:\n%s\n%s", reports, after)
		}

		// The entity's appeals find it, by list and by keyword.
		var page api.AppealPage
		office.get(fmt.Sprintf("/api/v1/appeals?enterprise_id=%d&q=用电", ligang.ID)).want(200).into(&page)
		if len(page.Items) != 1 || page.Items[0].ID != a.ID {
			t.Errorf("the entity's appeals by keyword: %+v", page.Items)
		}
		fed.get("/api/v1/appeals/unmatched").want(200).into(&list)
		if list.Open != 0 || len(list.Items) != 0 {
			t.Errorf("unmatched after linking both: %+v", list)
		}
		w.as(t, "sfFed").get(fmt.Sprintf("/api/v1/appeals/unmatched?district_id=%d", w.unit("louxing"))).wantError(400, "match.scope")
	})
}

// The unmatched list pages through the open appeals, then the closed ones.
func TestUnmatchedPages(t *testing.T) {
	w := newWorld(t)
	intake, fed := w.as(t, "intake"), w.as(t, "fed")
	var ids []int64
	for i := range 5 {
		ids = append(ids, intake.create(w.nameOnly(fmt.Sprintf("诉求%d号", i), "某某商行", "")).ID)
	}
	// The oldest two closed early: they come last.
	for _, id := range ids[:2] {
		fed.act(id, "reject", 1, map[string]any{"note": "已进入诉讼程序"}).want(200)
	}
	var got []int64
	cursor := ""
	for range 4 {
		var p api.UnmatchedPage
		fed.get("/api/v1/appeals/unmatched?limit=2" + cursor).want(200).into(&p)
		for _, it := range p.Items {
			got = append(got, it.ID)
		}
		if p.NextCursor == "" {
			break
		}
		cursor = "&cursor=" + p.NextCursor
	}
	want := []int64{ids[4], ids[3], ids[2], ids[1], ids[0]}
	if !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	fed.get("/api/v1/appeals/unmatched?cursor=bogus").wantError(400, "cursor.bad")
}

// 湖南利钢 was registered twice: the second entry (no code, with the
// address and size the first lacks) has an appeal, a visit and a portal
// account. The office merges it into the first: all three move, the first
// takes the facts it lacked, the duplicate leaves the registry's list and
// the coverage's count, points to its survivor, and the moved appeal says
// so on its timeline; the merge is in the audit trail. What must not be
// merged is refused with its reason.
func TestMergeEntities(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		w.clock.Set(cst(2026, 3, 20, 10, 0))
		office, cadre := w.as(t, "office"), w.as(t, "cadre")
		ligang, haite := w.enterprises["ligang"], w.enterprises["haite"]
		dup := w.addEntity(t, "louxing", "湖南利钢金属制品厂", "", func(e *enterprise.Enterprise) {
			e.TerritoryID, e.Address, e.Size = w.unit("leping"), "乐坪大道 8 号", enterprise.Small
		})
		c := w.as(t, "intake").create(w.nameOnly("申请办理排污许可", "利钢金属制品厂", ""))
		w.as(t, "fed").post(fmt.Sprintf("/api/v1/appeals/%d/enterprise", c.ID), map[string]any{"enterprise_id": dup.ID}).want(200)
		cadre.post(fmt.Sprintf("/api/v1/enterprises/%d/visits", dup.ID), map[string]any{"visited_on": "2026-03-20", "visitors": "许诺"}).want(201)
		acct := &account.EnterpriseAccount{EnterpriseID: dup.ID, Name: "利钢厂联系人", Phone: "13907389999", CreatedAt: w.clock.Now()}
		if err := w.db.CreateEnterpriseAccount(bg, acct); err != nil {
			t.Fatal(err)
		}
		coverage := func() int {
			var cv struct{ Total struct{ Enterprises int } }
			office.get(fmt.Sprintf("/api/v1/reports/coverage?district_id=%d", w.unit("louxing"))).want(200).into(&cv)
			return cv.Total.Enterprises
		}
		listed := func() []int64 {
			var p api.EnterprisePage
			office.get("/api/v1/enterprises?q=利钢").want(200).into(&p)
			var ids []int64
			for _, e := range p.Items {
				ids = append(ids, e.ID)
			}
			return ids
		}
		before := coverage()
		if ids := listed(); !slices.Contains(ids, dup.ID) {
			t.Fatalf("the duplicate not listed before: %v", ids)
		}

		merge := func(from, into int64) *resp {
			return office.post(fmt.Sprintf("/api/v1/enterprises/%d/merge", from), map[string]any{"into": into})
		}
		foreign := w.addEntity(t, "shuangfeng", "湖南利钢金属制品厂", "", nil)
		merge(dup.ID, dup.ID).wantError(400, "emerge.self")
		merge(dup.ID, foreign.ID).wantError(400, "emerge.place")
		merge(haite.ID, ligang.ID).wantError(409, "emerge.codes")
		merge(dup.ID, 999999).wantError(400, "not_found")
		w.as(t, "sfOffice").post(fmt.Sprintf("/api/v1/enterprises/%d/merge", dup.ID), map[string]any{"into": ligang.ID}).wantError(403, "emerge.scope")
		for _, who := range []string{"fagai", "leader", "intake", "cadre"} {
			if r := w.as(t, who).post(fmt.Sprintf("/api/v1/enterprises/%d/merge", dup.ID), map[string]any{"into": ligang.ID}); r.status != 403 {
				t.Errorf("%s merged: %d", who, r.status)
			}
		}

		// At two events: one with both entries present, one with the duplicate alone.
		today := w.clock.Now().In(appeal.CST).Format("2006-01-02")
		var both, alone struct{ ID int64 }
		office.post("/api/v1/events", map[string]any{"kind": "symposium", "title": "座谈会", "host_unit_id": w.unit("fagai"), "held_on": today,
			"enterprise_ids": []int64{dup.ID, ligang.ID}}).want(201).into(&both)
		office.post("/api/v1/events", map[string]any{"kind": "open_day", "title": "开放日", "host_unit_id": w.unit("fagai"), "held_on": today,
			"enterprise_ids": []int64{dup.ID}}).want(201).into(&alone)

		var done api.EnterpriseMerged
		reports := w.reportsNow(t)
		merge(dup.ID, ligang.ID).want(200).into(&done)
		if after := w.reportsNow(t); after != reports {
			t.Errorf("merging changed the reports:\n%s\n%s", reports, after)
		}
		s := done.Survivor
		if s.ID != ligang.ID || s.Name != ligang.Name || s.CreditCode != ligang.CreditCode || s.Address != "乐坪大道 8 号" || s.Size != "small" ||
			s.ContactName != ligang.ContactName || done.Duplicate.MergedInto != ligang.ID || done.Duplicate.CreditCode != "" {
			t.Errorf("merged: %+v", done)
		}
		if done.Moved["appeals"] != 1 || done.Moved["field_visits.enterprise_id"] != 1 || done.Moved["enterprise_accounts.enterprise_id"] != 1 ||
			done.Moved["outreach_event_enterprises.enterprise_id"] != 1 {
			t.Errorf("moved: %v", done.Moved)
		}
		for _, id := range []int64{both.ID, alone.ID} {
			var ev struct {
				EnterpriseIDs []int64 `json:"enterprise_ids"`
			}
			office.get(fmt.Sprintf("/api/v1/events/%d", id)).want(200).into(&ev)
			if len(ev.EnterpriseIDs) != 1 || ev.EnterpriseIDs[0] != ligang.ID {
				t.Errorf("event %d after the merge has present %v, want the survivor alone", id, ev.EnterpriseIDs)
			}
		}
		if d := office.appeal(c.ID); d.EnterpriseID != ligang.ID || d.Version != 3 {
			t.Errorf("the appeal: enterprise %d, version %d", d.EnterpriseID, d.Version)
		}
		if ev := eventOf(office.timeline(c.ID), appeal.ActEnterpriseMerged); ev == nil || ev.ActorName != "优化办赵强" {
			t.Errorf("no merge on the appeal's timeline: %+v", ev)
		}
		var visits api.FieldVisitList
		office.get(fmt.Sprintf("/api/v1/enterprises/%d/visits", ligang.ID)).want(200).into(&visits)
		if len(visits.Items) != 1 || visits.Items[0].Visitors != "许诺" {
			t.Errorf("the survivor's visits: %+v", visits.Items)
		}
		if a, err := w.db.EnterpriseAccount(bg, acct.ID); err != nil || a.EnterpriseID != ligang.ID {
			t.Errorf("the account: %+v, %v", a, err)
		}
		if n := coverage(); n != before-1 {
			t.Errorf("coverage counts %d entities, want %d", n, before-1)
		}
		if ids := listed(); slices.Contains(ids, dup.ID) || !slices.Contains(ids, ligang.ID) {
			t.Errorf("listed after the merge: %v", ids)
		}
		var got api.Enterprise
		office.get(fmt.Sprintf("/api/v1/enterprises/%d", dup.ID)).want(200).into(&got)
		if got.MergedInto != ligang.ID {
			t.Errorf("the duplicate's page: %+v", got)
		}
		if n := w.auditCount(t, "enterprise.merge", fmt.Sprintf("enterprise:%d", dup.ID)); n != 1 {
			t.Errorf("%d audit entries of the merge", n)
		}

		merge(dup.ID, ligang.ID).wantError(409, "emerge.done")
		other := w.addEntity(t, "louxing", "利钢金属制品", "", nil)
		merge(other.ID, dup.ID).wantError(409, "emerge.merged")
		// Nor visited: its visits are the survivor's; and an appeal
		// registered against it is the survivor's.
		cadre.post(fmt.Sprintf("/api/v1/enterprises/%d/visits", dup.ID), map[string]any{"visited_on": "2026-03-20", "visitors": "许诺"}).wantError(409, "emerge.done")
		old := w.newAppeal("hotline_12345", "help", "按旧编号登记", "")
		old["enterprise_id"] = dup.ID
		if got := w.as(t, "intake").create(old); got.EnterpriseID != ligang.ID || got.EnterpriseName != ligang.Name {
			t.Errorf("registered against the merged entry: enterprise %d %s", got.EnterpriseID, got.EnterpriseName)
		}
		// A merged entry is linked to nothing, and suggested for nothing.
		d := w.as(t, "intake").create(w.nameOnly("利钢厂咨询", "湖南利钢金属制品厂", ""))
		w.as(t, "fed").post(fmt.Sprintf("/api/v1/appeals/%d/enterprise", d.ID), map[string]any{"enterprise_id": dup.ID}).wantError(409, "match.merged")
		for _, m := range matchesOf(t, office, d.ID).Items {
			if m.Enterprise.ID == dup.ID {
				t.Errorf("the merged entry suggested: %+v", m)
			}
		}
	})
}

// auditCount counts the entries of action on object in the audit trail.
func (w *world) auditCount(t *testing.T, action, object string) int {
	t.Helper()
	var p api.AuditPage
	w.as(t, "auditor").get("/api/v1/audit?action=" + action + "&from=" + w.clock.Now().Add(-48*time.Hour).In(appeal.CST).Format("2006-01-02")).want(200).into(&p)
	n := 0
	for _, e := range p.Items {
		if e.Object == object {
			n++
		}
	}
	return n
}

// reportsNow is the month's summary and units' report as the office reads
// them: an appeal's entity takes part in no counter of theirs.
func (w *world) reportsNow(t *testing.T) string {
	t.Helper()
	office := w.as(t, "office")
	month := "?from=2026-03-01&to=2026-03-31"
	return string(office.get("/api/v1/reports/summary"+month).want(200).raw) + "\n" +
		string(office.get("/api/v1/reports/units"+month).want(200).raw)
}

// A policy sent to every entity of 娄星区 reached 湖南利钢's second entry
// through a visit, not the first: merged, the policy has one target fewer
// and has reached 湖南利钢 — the reach 1 of the district's entities less one.
func TestMergeKeepsPolicyReach(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		w.clock.Set(cst(2026, 3, 20, 10, 0))
		office := w.as(t, "office")
		ligang := w.enterprises["ligang"]
		dup := w.addEntity(t, "louxing", "湖南利钢金属制品厂", "", nil)
		var p policyOut
		office.post("/api/v1/policies", w.policyBody("合并测试政策")).want(201).into(&p)
		office.get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(200).into(&p)
		targets := p.Reach.Den
		if targets < 2 || p.Reach.Num != 0 {
			t.Fatalf("the policy before: %+v", p.Reach)
		}
		office.post(fmt.Sprintf("/api/v1/enterprises/%d/visits", dup.ID), map[string]any{"visited_on": "2026-03-20", "visitors": "许诺",
			"policy_ids": []int64{p.ID}}).want(201)
		office.post(fmt.Sprintf("/api/v1/enterprises/%d/merge", dup.ID), map[string]any{"into": ligang.ID}).want(200)
		office.get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(200).into(&p)
		if p.Reach.Den != targets-1 || p.Reach.Num != 1 {
			t.Errorf("the reach after the merge: %d of %d, want 1 of %d", p.Reach.Num, p.Reach.Den, targets-1)
		}
		var ts struct {
			Items []struct {
				EnterpriseID int64  `json:"enterprise_id"`
				ReadAt       string `json:"read_at"`
			}
		}
		office.get(fmt.Sprintf("/api/v1/policies/%d/targets", p.ID)).want(200).into(&ts)
		for _, it := range ts.Items {
			if it.EnterpriseID == dup.ID {
				t.Error("the duplicate is still a target")
			}
			if it.EnterpriseID == ligang.ID && it.ReadAt == "" {
				t.Error("湖南利钢 has not been reached")
			}
		}
		// A policy published after the merge leaves the duplicate out.
		var later policyOut
		office.post("/api/v1/policies", w.policyBody("合并后的政策")).want(201).into(&later)
		office.get(fmt.Sprintf("/api/v1/policies/%d", later.ID)).want(200).into(&later)
		if later.Reach.Den != targets-1 {
			t.Errorf("a later policy has %d targets, want %d", later.Reach.Den, targets-1)
		}
	})
}

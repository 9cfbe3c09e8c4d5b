package api_test

import (
	"fmt"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/report"
)

// The discipline commission records a typical case against 住建局; until it
// is published only the commission, the office and leaders read it; once
// published as a notice the unit reads it too, and its assessment loses
// the case's points (5 by default): 100 → 95.
func TestAccountabilityCase(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		fed, office, zhujian, jw := w.as(t, "fed"), w.as(t, "office"), w.as(t, "zhujian"), w.as(t, "discipline")
		c := fed.create(w.newAppeal("hotline_12345", "help", "施工许可审批吃拿卡要", "haite"))
		d := fed.act(c.ID, "refer-district", c.Version, nil).detail()
		d = office.act(c.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("zhujian")}).detail()
		tk := taskOf(t, d, w.unit("zhujian"))
		zhujian.taskAct(tk.ID, "accept", tk.Version, nil).detail()
		const q = "/api/v1/reports/assessment?from=2026-03-01&to=2026-03-31"
		score := func() report.Score {
			t.Helper()
			var a report.Assessment
			office.get(q).want(200).into(&a)
			for _, k := range a.Kinds {
				for _, s := range k.Units {
					if s.UnitID == w.unit("zhujian") {
						return s
					}
				}
			}
			t.Fatalf("住建局 is not assessed")
			return report.Score{}
		}
		if s := score(); s.Score != 100 {
			t.Fatalf("before the case: %+v", s)
		}
		body := map[string]any{"unit_id": w.unit("zhujian"), "appeal_id": c.ID, "title": "区住建局工作人员在施工许可审批中吃拿卡要",
			"facts": "经查，该局工作人员在办理施工许可过程中，以材料不全为由多次拖延。", "handling": "诫勉谈话"}
		office.post("/api/v1/cases", body).want(403)
		jw.post("/api/v1/cases", map[string]any{"unit_id": w.unit("sfOffice"), "title": "外区", "facts": "事实", "handling": "诫勉谈话"}).apiError(400)
		var k api.Case
		jw.post("/api/v1/cases", body).want(201).into(&k)
		var list api.Cases
		zhujian.get("/api/v1/cases").want(200).into(&list)
		if len(list.Items) != 0 {
			t.Fatalf("the unit reads an unpublished case: %+v", list.Items)
		}
		if s := score(); s.Score != 100 {
			t.Fatalf("an unpublished case counted: %+v", s)
		}
		jw.post(fmt.Sprintf("/api/v1/cases/%d/publish", k.ID), nil).want(200).into(&k)
		jw.post(fmt.Sprintf("/api/v1/cases/%d/publish", k.ID), nil).wantError(409, "case.published")
		zhujian.get("/api/v1/cases").want(200).into(&list)
		if len(list.Items) != 1 || list.Items[0].PublishedAt.IsZero() {
			t.Fatalf("the unit's notices: %+v", list.Items)
		}
		if s := score(); s.Score != 95 || s.Cases != 1 || s.Penalty != 5 {
			t.Fatalf("after the notice: %+v", s)
		}
	})
}

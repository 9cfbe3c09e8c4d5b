package api_test

import (
	"testing"

	"zhitong/internal/report"
)

// Fair satisfaction: two appeals of 住建局 are closed, one 满意 and one 不满意;
// the office marks the second as beyond what can be granted, with its
// reason: the district's and the unit's satisfaction leave it out (100%),
// the report shows it apart and the rate with it (50%); lifted on review,
// the figures are as before.
func TestFairSatisfaction(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		fed, office, zhujian := w.as(t, "fed"), w.as(t, "office"), w.as(t, "zhujian")
		closeWith := func(title, satisfaction string) (int64, int) {
			c := fed.create(w.newAppeal("hotline_12345", "help", title, "haite"))
			d := fed.act(c.ID, "refer-district", c.Version, nil).detail()
			d = office.act(c.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("zhujian")}).detail()
			tk := taskOf(t, d, w.unit("zhujian"))
			d = zhujian.taskAct(tk.ID, "accept", tk.Version, nil).detail()
			tk = taskOf(t, d, w.unit("zhujian"))
			d = zhujian.taskAct(tk.ID, "reply", tk.Version, map[string]any{"outcome": "explained", "text": "已答复"}).detail()
			tk = taskOf(t, d, w.unit("zhujian"))
			d = office.taskAct(tk.ID, "approve", tk.Version, nil).detail()
			d = fed.act(c.ID, "feedback", d.Version, map[string]any{"told": "已告知"}).detail()
			d = fed.act(c.ID, "visit", d.Version, map[string]any{"reached": true, "satisfaction": satisfaction, "resolved": satisfaction == "satisfied"}).detail()
			return c.ID, d.Version
		}
		closeWith("咨询施工许可办理时限", "satisfied")
		id, version := closeWith("要求减免全部历史欠缴土地出让金", "dissatisfied")
		const q = "?from=2026-03-01&to=2026-03-31"
		figures := func() (report.Figures, report.UnitRow) {
			t.Helper()
			var s report.Summary
			office.get("/api/v1/reports/summary" + q).want(200).into(&s)
			var u report.UnitReport
			office.get("/api/v1/reports/units" + q).want(200).into(&u)
			for _, row := range u.Units {
				if row.UnitID == w.unit("zhujian") {
					return s.Total, row
				}
			}
			t.Fatalf("住建局 is not in the units' report")
			return report.Figures{}, report.UnitRow{}
		}
		total, unit := figures()
		if total.Satisfaction.String() != "50.0%" || unit.Satisfaction.String() != "50.0%" || total.Unreasonable != 0 {
			t.Fatalf("before marking: district %s, unit %s, unreasonable %d", total.Satisfaction, unit.Satisfaction, total.Unreasonable)
		}

		office.act(id, "unreasonable", version, nil).wantError(400, "reason.required")
		zhujian.act(id, "unreasonable", version, map[string]any{"note": "超出政策范围"}).want(403)
		d := office.act(id, "unreasonable", version, map[string]any{"note": "土地出让金减免超出政策范围，已依法解释"}).detail()
		if !d.Unreasonable || d.UnreasonableReason != "土地出让金减免超出政策范围，已依法解释" {
			t.Fatalf("the appeal after marking: %+v", d.Appeal)
		}
		office.act(id, "unreasonable", d.Version, map[string]any{"note": "再次认定"}).wantError(409, "unreasonable.already")
		total, unit = figures()
		if total.Satisfaction.String() != "100.0%" || total.SatisfactionAll.String() != "50.0%" || total.Unreasonable != 1 ||
			total.UnreasonableRated != 1 || total.Rated != 1 || total.Closed != 2 || unit.Satisfaction.String() != "100.0%" || unit.Rated != 1 {
			t.Fatalf("after marking: total %+v; unit satisfaction %s of %d rated", total, unit.Satisfaction, unit.Rated)
		}
		office.act(id, "reasonable", d.Version, map[string]any{"note": "复核后撤销认定"}).detail()
		total, unit = figures()
		if total.Satisfaction.String() != "50.0%" || total.Unreasonable != 0 || unit.Satisfaction.String() != "50.0%" {
			t.Fatalf("after lifting: district %s, unit %s, unreasonable %d", total.Satisfaction, unit.Satisfaction, total.Unreasonable)
		}
	})
}

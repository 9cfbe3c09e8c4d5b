package api_test

import (
	"fmt"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/report"
)

// The units' figures of a month whose answers are counted here by hand:
// 住建局 answered one appeal on time (rated 满意, 已解决) and returned another
// two days late; 供电公司 took that one at once and let its deadline pass;
// 乐坪街道 was reminded and supervised, and accepted its task a week late.
func TestUnitReport(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		fed, office, leader := w.as(t, "fed"), w.as(t, "office"), w.as(t, "leader")
		zhujian, power, leping := w.as(t, "zhujian"), w.as(t, "power"), w.as(t, "leping")
		assign := func(typ, title, unitKey string) (int64, int) {
			c := fed.create(w.newAppeal("hotline_12345", typ, title, "haite"))
			d := fed.act(c.ID, "refer-district", c.Version, nil).detail()
			d = office.act(c.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit(unitKey)}).detail()
			return c.ID, d.Version
		}
		a1, _ := assign("consult", "咨询施工许可办理时限", "zhujian")
		a2, _ := assign("consult", "咨询供电报装流程", "zhujian")
		a3, _ := assign("help", "园区道路破损影响运输", "leping")

		d := fed.appeal(a1)
		tk := taskOf(t, d, w.unit("zhujian"))
		d = zhujian.taskAct(tk.ID, "accept", tk.Version, nil).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		d = zhujian.taskAct(tk.ID, "reply", tk.Version, map[string]any{"outcome": "solved", "text": "施工许可10个工作日内办结"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		d = office.taskAct(tk.ID, "approve", tk.Version, nil).detail()
		d = fed.act(a1, "feedback", d.Version, map[string]any{"told": "已电话告知"}).detail()
		fed.act(a1, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "satisfied", "resolved": true}).detail()

		d = fed.appeal(a3)
		tk = taskOf(t, d, w.unit("leping"))
		d = office.taskAct(tk.ID, "remind", tk.Version, nil).detail()
		tk = taskOf(t, d, w.unit("leping"))
		office.taskAct(tk.ID, "supervise", tk.Version, map[string]any{"doc_no": "娄星优化督〔2026〕2号", "note": "尽快签收办理"}).detail()

		w.clock.Set(cst(2026, 3, 4, 10, 0)) // past the time to accept (the end of 3 March)
		d = fed.appeal(a2)
		tk = taskOf(t, d, w.unit("zhujian"))
		d = zhujian.taskAct(tk.ID, "return", tk.Version, map[string]any{"note": "供电报装不属本单位职责"}).detail()
		d = office.act(a2, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("power")}).detail()
		tk = taskOf(t, d, w.unit("power"))
		power.taskAct(tk.ID, "accept", tk.Version, nil).detail()

		w.clock.Set(cst(2026, 3, 11, 12, 0)) // 供电公司's five days ended with the 9th
		d = fed.appeal(a3)
		tk = taskOf(t, d, w.unit("leping"))
		leping.taskAct(tk.ID, "accept", tk.Version, nil).detail()

		var r report.UnitReport
		leader.get("/api/v1/reports/units?from=2026-03-01&to=2026-03-31").want(200).into(&r)
		got := map[int64]report.UnitRow{}
		for _, u := range r.Units {
			got[u.UnitID] = u
		}
		if len(r.Units) != 3 || r.AsOf != "2026-03-11T12:00:00+08:00" {
			t.Fatalf("the report as of %s has %d units: %+v", r.AsOf, len(r.Units), r.Units)
		}
		check := func(key string, want report.UnitCounts, response, onTime, satisfaction string) {
			t.Helper()
			u := got[w.unit(key)]
			want.UnitID, want.Name, want.Kind, want.Assessed = u.UnitID, u.Name, u.Kind, u.Assessed
			if u.UnitCounts != want {
				t.Errorf("%s: counts\n%+v\nwant\n%+v", key, u.UnitCounts, want)
			}
			if u.Response.String() != response || u.OnTimeRate.String() != onTime || u.Satisfaction.String() != satisfaction {
				t.Errorf("%s: response %s, on time %s, satisfaction %s; want %s, %s, %s", key,
					u.Response, u.OnTimeRate, u.Satisfaction, response, onTime, satisfaction)
			}
		}
		check("zhujian", report.UnitCounts{Assigned: 2, Responded: 1, Due: 1, OnTime: 1, Returned: 1, ReturnedLate: 1,
			Rated: 1, Satisfied: 1, Resolved: 1}, "50.0%", "100.0%", "100.0%")
		check("power", report.UnitCounts{Assigned: 1, Responded: 1, Due: 1, Overdue: 1, OpenOverdue: 1}, "100.0%", "0.0%", "-")
		check("leping", report.UnitCounts{Assigned: 1, Reminders: 1, Supervised: 1, Unanswered: 1}, "0.0%", "-", "-")
		// Townships first, then departments, then vertical units.
		if r.Units[0].UnitID != w.unit("leping") || r.Units[1].UnitID != w.unit("zhujian") || r.Units[2].UnitID != w.unit("power") {
			t.Errorf("the order: %v, %v, %v", r.Units[0].Name, r.Units[1].Name, r.Units[2].Name)
		}

		// The monthly scheduling report holds the same figures, and the cohort by type, category and township.
		var m report.Monthly
		leader.get("/api/v1/reports/monthly?from=2026-03-01&to=2026-03-31").want(200).into(&m)
		if m.AsOf != r.AsOf || m.Total.Received != 3 || m.Total.Closed != 1 || m.Total.Satisfaction.String() != "100.0%" {
			t.Errorf("the monthly report's total as of %s: %+v", m.AsOf, m.Total)
		}
		wantTasks := report.Tasks{Assigned: 4, Overdue: 1, OpenOverdue: 1, Supervised: 1, Reminders: 1, ReturnedLate: 1,
			Response: report.RateOf(2, 4), OnTime: report.RateOf(1, 2)}
		if m.Tasks != wantTasks {
			t.Errorf("the tasks' sums: %+v, want %+v", m.Tasks, wantTasks)
		}
		byType := map[string]int{}
		for _, row := range m.ByType {
			byType[row.Key] = row.Received
		}
		if len(m.ByType) != 5 || m.ByType[0].Key != "consult" || m.ByType[0].Name != "咨询" || byType["consult"] != 2 || byType["help"] != 1 || byType["complaint"] != 0 {
			t.Errorf("by type: %+v", m.ByType)
		}
		if len(m.ByTownship) != 1 || m.ByTownship[0].Name != "乐坪街道" || m.ByTownship[0].Received != 3 || m.ByTownship[0].Closed != 1 {
			t.Errorf("by township: %+v", m.ByTownship)
		}
		if len(m.ByCategory) != 1 || m.ByCategory[0].Key != "0" || m.ByCategory[0].Received != 3 {
			t.Errorf("by category (none given): %+v", m.ByCategory)
		}
		if len(m.Units) != 3 {
			t.Errorf("the monthly report's units: %+v", m.Units)
		}

		// The assessment of the month, counted by hand under the default weights (20/30/20/30):
		// 住建局 10 + 30 + 20 + 30 = 90; 供电公司, nothing rated: 100 × (20 × 1 + 30 × 0) ÷ 50 = 40, less 1
		// for its overdue task; 乐坪街道, its response alone counts: 0, and no less than 0 for its supervision.
		var as report.Assessment
		leader.get("/api/v1/reports/assessment?from=2026-03-01&to=2026-03-31").want(200).into(&as)
		scores := map[int64]report.Score{}
		for _, k := range as.Kinds {
			for _, s := range k.Units {
				scores[s.UnitID] = s
			}
		}
		for key, want := range map[string]float64{"zhujian": 90, "power": 39, "leping": 0} {
			if s := scores[w.unit(key)]; s.Score != want || s.Rank != 1 {
				t.Errorf("%s: score %v (rank %d), want %v: %+v", key, s.Score, s.Rank, want, s)
			}
		}
		office.do("PUT", "/api/v1/assessment/weights", map[string]any{"response": 10, "on_time": 30, "resolution": 20, "satisfaction": 30}).apiError(400)
		leader.do("PUT", "/api/v1/assessment/weights", map[string]any{"response": 25, "on_time": 25, "resolution": 25, "satisfaction": 25}).want(403)
		office.do("PUT", "/api/v1/assessment/weights", map[string]any{"response": 25, "on_time": 25, "resolution": 25, "satisfaction": 25,
			"overdue": 5}).want(200)
		var weights report.Weights
		leader.get("/api/v1/assessment/weights").want(200).into(&weights)
		if weights.Response != 25 || weights.Overdue != 5 {
			t.Errorf("the weights in force: %+v", weights)
		}
		var days []report.Day
		leader.get("/api/v1/reports/trend?from=2026-03-01&to=2026-03-31").want(200).into(&days)
		if len(days) != 31 || days[1].Date != "2026-03-02" || days[1].N != 3 {
			t.Errorf("the trend: %+v", days)
		}
		leader.get("/api/v1/reports/assessment?from=2026-03-01&to=2026-03-31").want(200).into(&as)
		for _, k := range as.Kinds {
			for _, s := range k.Units {
				// 供电公司 now: 100 × (25 × 1 + 25 × 0) ÷ 50 = 50, less 5.
				if s.UnitID == w.unit("power") && s.Score != 45 {
					t.Errorf("供电公司 under the new weights: %v", s.Score)
				}
			}
		}

		// 供电公司 contests its overdue task: the enterprise could not take the supply in time. Another
		// unit may not contest it; the office grants it (核减), and the charge comes off: 100.
		d = fed.appeal(a2)
		powerTask := taskOf(t, d, w.unit("power")).ID
		contest := map[string]any{"charge": "overdue", "reason": "企业配电房未按期完工，不具备送电条件"}
		zhujian.post(fmt.Sprintf("/api/v1/tasks/%d/contests", powerTask), contest).want(403)
		var ct api.Contest
		power.post(fmt.Sprintf("/api/v1/tasks/%d/contests", powerTask), contest).want(201).into(&ct)
		power.post(fmt.Sprintf("/api/v1/tasks/%d/contests", powerTask), contest).wantError(409, "contest.dup")
		var list api.Contests
		power.get("/api/v1/contests").want(200).into(&list)
		if len(list.Items) != 1 || list.Items[0].State != "pending" {
			t.Fatalf("供电公司's contests: %+v", list.Items)
		}
		power.post(fmt.Sprintf("/api/v1/contests/%d/decision", ct.ID), map[string]any{"grant": true, "decision": "属实"}).want(403)
		office.post(fmt.Sprintf("/api/v1/contests/%d/decision", ct.ID), map[string]any{"grant": true}).apiError(400)
		office.post(fmt.Sprintf("/api/v1/contests/%d/decision", ct.ID), map[string]any{"grant": true, "decision": "经核实属实，予以核减"}).want(200).into(&ct)
		office.post(fmt.Sprintf("/api/v1/contests/%d/decision", ct.ID), map[string]any{"grant": false, "decision": "改判"}).wantError(409, "contest.decided")
		if ct.State != "granted" || ct.DecidedAt.IsZero() {
			t.Fatalf("the decided contest: %+v", ct)
		}
		leader.get("/api/v1/reports/assessment?from=2026-03-01&to=2026-03-31").want(200).into(&as)
		for _, k := range as.Kinds {
			for _, s := range k.Units {
				if s.UnitID == w.unit("power") && (s.Score != 100 || s.Granted["overdue"] != 1 || s.OnTime != 1 || s.OpenOverdue != 0) {
					t.Errorf("供电公司 after 核减: %+v", s)
				}
			}
		}
		// The units' report itself is not changed by it: it counts what happened.
		var after report.UnitReport
		leader.get("/api/v1/reports/units?from=2026-03-01&to=2026-03-31").want(200).into(&after)
		for _, u := range after.Units {
			if u.UnitID == w.unit("power") && u.Overdue != 1 {
				t.Errorf("the units' report took the contest off: %+v", u)
			}
		}

		zhujian.get("/api/v1/reports/units?from=2026-03-01&to=2026-03-31").want(403)
		office.get("/api/v1/reports/units?from=2026-03-31&to=2026-03-01").apiError(400)
		var none report.UnitReport
		office.get("/api/v1/reports/units?from=2026-02-01&to=2026-02-28").want(200).into(&none)
		if len(none.Units) != 0 {
			t.Errorf("February, with no appeal, has units: %+v", none.Units)
		}
	})
}

package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/report"
)

// A figure of the units' report opens as a worklist: GET /api/v1/tasks with
// the unit, the report's days and the figure lists the tasks behind it.
// 住建局 answers a March appeal (rated 满意); 供电公司 lets a March appeal
// and an April one pass their deadlines; 乐坪街道 is reminded in March.
func TestTaskFigures(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		fed, office, leader := w.as(t, "fed"), w.as(t, "office"), w.as(t, "leader")
		zhujian, power := w.as(t, "zhujian"), w.as(t, "power")
		assign := func(title, unitKey string) int64 {
			c := fed.create(w.newAppeal("hotline_12345", "consult", title, "haite"))
			d := fed.act(c.ID, "refer-district", c.Version, nil).detail()
			office.act(c.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit(unitKey)}).detail()
			return c.ID
		}
		a1 := assign("咨询施工许可办理时限", "zhujian")
		a2 := assign("咨询供电报装流程", "power")
		a3 := assign("咨询园区道路维修", "leping")

		d := fed.appeal(a1)
		tk := taskOf(t, d, w.unit("zhujian"))
		d = zhujian.taskAct(tk.ID, "accept", tk.Version, nil).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		d = zhujian.taskAct(tk.ID, "reply", tk.Version, map[string]any{"outcome": "solved", "text": "施工许可10个工作日内办结"}).detail()
		rated := taskOf(t, d, w.unit("zhujian")).ID
		tk = taskOf(t, d, w.unit("zhujian"))
		d = office.taskAct(tk.ID, "approve", tk.Version, nil).detail()
		d = fed.act(a1, "feedback", d.Version, map[string]any{"told": "已电话告知"}).detail()
		fed.act(a1, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "satisfied", "resolved": true}).detail()

		d = fed.appeal(a2)
		tk = taskOf(t, d, w.unit("power"))
		power.taskAct(tk.ID, "accept", tk.Version, nil).detail()
		march := tk.ID
		d = fed.appeal(a3)
		tk = taskOf(t, d, w.unit("leping"))
		office.taskAct(tk.ID, "remind", tk.Version, nil).detail()

		w.clock.Set(cst(2026, 4, 20, 9, 0))
		a4 := assign("咨询增容报装", "power")
		april := taskOf(t, fed.appeal(a4), w.unit("power")).ID
		w.clock.Set(cst(2026, 5, 20, 9, 0)) // both of 供电公司's deadlines have passed

		var r report.UnitReport
		leader.get("/api/v1/reports/units?from=2026-03-01&to=2026-03-31").want(200).into(&r)
		counts := map[int64]report.UnitCounts{}
		for _, u := range r.Units {
			counts[u.UnitID] = u.UnitCounts
		}
		list := func(c *client, query string) []int64 {
			t.Helper()
			var p api.TaskPage
			c.get("/api/v1/tasks?" + query).want(200).into(&p)
			var ids []int64
			for _, it := range p.Items {
				ids = append(ids, it.ID)
			}
			if p.Total != len(ids) {
				t.Errorf("%s: total %d for %d tasks", query, p.Total, len(ids))
			}
			return ids
		}
		march31 := "from=2026-03-01&to=2026-03-31"
		for _, c := range []struct {
			unit, figure string
			count        int
			want         []int64
		}{
			{"power", "overdue", counts[w.unit("power")].Overdue, []int64{march}},
			{"power", "open_overdue", counts[w.unit("power")].OpenOverdue, []int64{march}},
			{"power", "responded", counts[w.unit("power")].Responded, []int64{march}},
			{"zhujian", "rated", counts[w.unit("zhujian")].Rated, []int64{rated}},
			{"zhujian", "on_time", counts[w.unit("zhujian")].OnTime, []int64{rated}},
			{"zhujian", "overdue", counts[w.unit("zhujian")].Overdue, nil},
			{"leping", "reminded", counts[w.unit("leping")].Reminders, []int64{taskOf(t, fed.appeal(a3), w.unit("leping")).ID}},
		} {
			q := fmt.Sprintf("unit_id=%d&%s&figure=%s", w.unit(c.unit), march31, c.figure)
			for _, reader := range []*client{leader, office} {
				if got := list(reader, q); !slices.Equal(got, c.want) || len(got) != c.count {
					t.Errorf("%s's %s of March: tasks %v, want %v (the report counts %d)", c.unit, c.figure, got, c.want, c.count)
				}
			}
		}
		// The unit sees its own the same; without the days, every one.
		if got := list(power, march31+"&figure=overdue"); !slices.Equal(got, []int64{march}) {
			t.Errorf("供电公司's own overdue tasks of March: %v", got)
		}
		if got := list(leader, fmt.Sprintf("unit_id=%d&figure=overdue", w.unit("power"))); !slices.Equal(got, []int64{april, march}) {
			t.Errorf("供电公司's overdue tasks: %v, want %v", got, []int64{april, march})
		}
		if got := list(leader, fmt.Sprintf("unit_id=%d&from=2026-04-01&to=2026-04-30", w.unit("power"))); !slices.Equal(got, []int64{april}) {
			t.Errorf("供电公司's tasks of April: %v", got)
		}

		// The refusals, in the caller's language.
		for _, c := range []struct {
			query, reason, field, message string
		}{
			{"figure=late", "one_of", "figure", "figure 的取值无效，可选：assigned, responded, late_response"},
			{"from=2026-03-31&to=2026-03-01", "filter.range", "from", "开始日期不能晚于结束日期"},
			{"from=2026-03-01", "required", "to", "to 不能为空"},
			{"to=2026-03-31&figure=due", "required", "from", "from 不能为空"},
			{"from=2026-02-30&to=2026-03-31", "api.bad_date", "from", ""},
		} {
			e := leader.get("/api/v1/tasks?" + c.query).apiError(400)
			if c.reason == "api.bad_date" { // whatever the date parser says of a bad day
				if e.Field != c.field {
					t.Errorf("%s: %+v", c.query, e)
				}
				continue
			}
			if e.Reason != c.reason || e.Field != c.field || !strings.HasPrefix(e.Message, c.message) {
				t.Errorf("%s: %s (%s) on %q, want %s (%s…) on %q", c.query, e.Reason, e.Message, e.Field, c.reason, c.message, c.field)
			}
		}
		if e := leader.get("/api/v1/tasks?figure=late&lang=en").apiError(400); !strings.HasPrefix(e.Message, "figure has an invalid value") {
			t.Errorf("in English: %s", e.Message)
		}
	})
}

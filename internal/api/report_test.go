package api_test

import (
	"fmt"
	"testing"
	"time"

	"zhitong/internal/appeal"
)

// The summary report through the API reproduces the worked example of
// DOMAIN.md's counting rules. The appeals are made through the services
// (as the demo loader would), then read over HTTP.

// flow drives appeals through the services as the people of the world.
type flow struct {
	t *testing.T
	w *world
}

func (f flow) create(who string, at time.Time, in appeal.Intake) int64 {
	f.t.Helper()
	f.w.clock.Set(at)
	if in.DistrictID == 0 {
		in.DistrictID = f.w.unit("louxing")
	}
	if in.Type == "" {
		in.Type = appeal.Help
	}
	in.Title, in.Content, in.EnterpriseName = fmt.Sprintf("诉求%d", at.Unix()), "内容", "某某公司"
	c, err := f.w.appeals.Create(bg, f.w.actor(who), in)
	if err != nil {
		f.t.Fatalf("create %+v: %v", in, err)
	}
	return c.Aggregate.Appeal.ID
}

// act takes c on appeal id as who, an hour later, with the version read now.
func (f flow) act(who string, id int64, c appeal.Command) *appeal.Aggregate {
	f.t.Helper()
	f.w.clock.Advance(time.Hour)
	g, err := f.w.db.Aggregate(bg, id)
	if err != nil {
		f.t.Fatal(err)
	}
	c.Version = g.Appeal.Version
	out, err := f.w.appeals.Act(bg, f.w.actor(who), id, c)
	if err != nil {
		f.t.Fatalf("%s on %d by %s: %v", c.Action, id, who, err)
	}
	return out
}

// task takes c on the open task of unit as who.
func (f flow) task(who string, id int64, unitKey string, c appeal.Command) {
	f.t.Helper()
	f.w.clock.Advance(time.Hour)
	g, err := f.w.db.Aggregate(bg, id)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, t := range g.Current() {
		if t.UnitID == f.w.unit(unitKey) && t.State.Open() {
			c.Version = t.Version
			if _, err := f.w.appeals.ActOnTask(bg, f.w.actor(who), t.ID, c); err != nil {
				f.t.Fatalf("%s on task %d: %v", c.Action, t.ID, err)
			}
			return
		}
	}
	f.t.Fatalf("appeal %d has no open task of %s", id, unitKey)
}

func (f flow) visit(id int64, s appeal.Satisfaction) {
	f.t.Helper()
	f.act("fed", id, appeal.Command{Action: appeal.ActVisit, Reached: true, Satisfaction: s, Resolved: s != appeal.Dissatisfied})
}

// handled takes an assigned appeal through the unit fagai and the office's approval.
func (f flow) handled(id int64) {
	f.t.Helper()
	f.act("office", id, appeal.Command{Action: appeal.ActAssign, LeadUnitID: f.w.unit("fagai")})
	f.task("fagai", id, "fagai", appeal.Command{Action: appeal.ActAccept})
	f.task("fagai", id, "fagai", appeal.Command{Action: appeal.ActReply, Outcome: appeal.Solved, Text: "已办结"})
	f.task("office", id, "fagai", appeal.Command{Action: appeal.ActApprove})
}

func (f flow) direct(ch appeal.Channel, at time.Time, s appeal.Satisfaction) int64 {
	id := f.create("intake", at, appeal.Intake{Channel: ch, Type: appeal.Consult})
	f.act("fed", id, appeal.Command{Action: appeal.ActAnswer, Outcome: appeal.Solved, Text: "已答复"})
	f.visit(id, s)
	return id
}

func (f flow) viaCity(at time.Time, s appeal.Satisfaction) {
	id := f.create("intake", at, appeal.Intake{Channel: appeal.Portal})
	f.act("fed", id, appeal.Command{Action: appeal.ActReferCity})
	f.act("city", id, appeal.Command{Action: appeal.ActCityResult, Outcome: appeal.Solved, Text: "市里已办结"})
	f.visit(id, s)
}

func (f flow) viaDistrict(at time.Time) int64 {
	id := f.create("intake", at, appeal.Intake{Channel: appeal.OpenDay})
	f.act("fed", id, appeal.Command{Action: appeal.ActReferDistrict})
	return id
}

func (f flow) fromCity(at time.Time, s appeal.Satisfaction) {
	id := f.create("city", at, appeal.Intake{Channel: appeal.CityAssigned, ExternalNo: "LDS", DueAt: at.AddDate(0, 0, 10)})
	f.handled(id)
	f.act("office", id, appeal.Command{Action: appeal.ActReportUp})
	f.visit(id, s)
}

// ratings returns n ratings: sat satisfied, fair fairly satisfied, the rest dissatisfied.
func ratings(n, sat, fair int) []appeal.Satisfaction {
	out := make([]appeal.Satisfaction, n)
	for i := range out {
		switch {
		case i < sat:
			out[i] = appeal.Satisfied
		case i < sat+fair:
			out[i] = appeal.FairlySatisfied
		default:
			out[i] = appeal.Dissatisfied
		}
	}
	return out
}

// day spreads appeal i over March 2–30, at ten in the morning.
func day(i int) time.Time { return cst(2026, 3, 2+i%29, 10, 0) }

type figures struct {
	Received     int `json:"received"`
	Closed       int `json:"closed"`
	Rated        int `json:"rated"`
	Satisfied    int `json:"satisfied"`
	Fair         int `json:"fair"`
	Dissatisfied int `json:"dissatisfied"`
	Merged       int `json:"merged"`
	Withdrawn    int `json:"withdrawn"`
	NotAccepted  int `json:"not_accepted"`
	Satisfaction struct {
		Num, Den int
		Percent  string
	} `json:"satisfaction"`
}

type summaryRow struct {
	Key string `json:"key"`
	figures
}

type summary struct {
	From, To  string
	AsOf      string `json:"as_of"`
	Total     figures
	Hotline   figures
	ByChannel []summaryRow `json:"by_channel"`
	ByRoute   []summaryRow `json:"by_route"`
}

func (s summary) route(key string) figures {
	for _, r := range s.ByRoute {
		if r.Key == key {
			return r.figures
		}
	}
	return figures{}
}

func wantFigures(t *testing.T, name string, got figures, received, closed, sat, fair, dis int, percent string) {
	t.Helper()
	if got.Received != received || got.Closed != closed || got.Rated != sat+fair+dis || got.Satisfied != sat ||
		got.Fair != fair || got.Dissatisfied != dis || got.Satisfaction.Percent != percent {
		t.Errorf("%s: %+v; want received %d, closed %d, %d/%d/%d, %s", name, got, received, closed, sat, fair, dis, percent)
	}
}

func TestSummaryReproducesTheWorkedExample(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		f := flow{t: t, w: w}
		// Hotline: 24, all answered directly; the first registered five
		// minutes into March, the last half an hour before it ends.
		for i, s := range ratings(24, 20, 4) {
			ch, at := appeal.Hotline12345, day(i)
			if i%2 == 1 {
				ch = appeal.HotlinePriv
			}
			switch i {
			case 0:
				at = cst(2026, 3, 1, 0, 5)
			case 23:
				at = cst(2026, 3, 31, 23, 30)
			}
			f.direct(ch, at, s)
		}
		// Just outside the month on either side.
		f.direct(appeal.Hotline12345, cst(2026, 2, 28, 23, 55), appeal.Satisfied)
		f.direct(appeal.Hotline12345, cst(2026, 4, 1, 0, 10), appeal.Dissatisfied)
		// Referred to the city: 15.
		for i, s := range ratings(15, 12, 2) {
			f.viaCity(day(i), s)
		}
		// Referred to the district office: 34, one of them redone after a
		// dissatisfied first visit and satisfied at the second.
		for i, s := range ratings(34, 30, 4) {
			id := f.viaDistrict(day(i))
			f.handled(id)
			if i == 0 {
				f.visit(id, appeal.Dissatisfied)
				f.act("office", id, appeal.Command{Action: appeal.ActRedo, Note: "不满意，重办"})
				f.task("fagai", id, "fagai", appeal.Command{Action: appeal.ActAccept})
				f.task("fagai", id, "fagai", appeal.Command{Action: appeal.ActReply, Outcome: appeal.Solved, Text: "重办已解决"})
				f.task("office", id, "fagai", appeal.Command{Action: appeal.ActApprove})
			}
			f.visit(id, s)
		}
		// Assigned by the city: 50.
		for i, s := range ratings(50, 45, 4) {
			f.fromCity(day(i), s)
		}
		// Left out: a hotline duplicate merged, a district duplicate merged,
		// one withdrawn, one not accepted; and an appeal of another district.
		survivor := f.viaDistrict(day(4))
		dup := f.create("intake", day(4), appeal.Intake{Channel: appeal.Hotline12345})
		f.act("fed", dup, appeal.Command{Action: appeal.ActMerge, TargetID: survivor})
		dup2 := f.viaDistrict(day(4))
		f.act("office", dup2, appeal.Command{Action: appeal.ActMerge, TargetID: survivor})
		f.act("fed", survivor, appeal.Command{Action: appeal.ActWithdraw, Note: "企业撤回"})
		rej := f.create("intake", day(5), appeal.Intake{Channel: appeal.Symposium})
		f.act("fed", rej, appeal.Command{Action: appeal.ActReject, Note: "已进入诉讼程序"})
		other := f.create("sfFed", day(6), appeal.Intake{Channel: appeal.Hotline12345, DistrictID: w.unit("shuangfeng")})
		f.act("sfFed", other, appeal.Command{Action: appeal.ActAnswer, Outcome: appeal.Solved, Text: "已答复"})
		f.visit2(other)

		w.clock.Set(cst(2026, 4, 2, 9, 0))
		var s summary
		w.as(t, "office").get("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31").want(200).into(&s)
		if s.From != "2026-03-01" || s.To != "2026-03-31" || s.AsOf != "2026-04-02T09:00:00+08:00" {
			t.Errorf("period %s..%s as of %s", s.From, s.To, s.AsOf)
		}
		wantFigures(t, "hotline", s.Hotline, 24, 24, 20, 4, 0, "100.0%")
		if s.Hotline.Merged != 1 {
			t.Errorf("hotline merged %d", s.Hotline.Merged)
		}
		wantFigures(t, "referred to the city", s.route("city"), 15, 15, 12, 2, 1, "93.3%")
		// The district row holds the 34, the withdrawn survivor of the merge
		// (received, left out of closed and satisfaction) and the merged duplicate.
		district := s.route("district")
		wantFigures(t, "referred to the district office", district, 35, 34, 30, 4, 0, "100.0%")
		if district.Merged != 1 || district.Withdrawn != 1 {
			t.Errorf("district: merged %d, withdrawn %d", district.Merged, district.Withdrawn)
		}
		wantFigures(t, "assigned by the city", s.route("city_assigned"), 50, 50, 45, 4, 1, "98.0%")
		if s.Total.Received != 24+15+35+50+1 || s.Total.Merged != 2 || s.Total.NotAccepted != 1 || s.Total.Withdrawn != 1 || s.Total.Closed != 123 {
			t.Errorf("total %+v", s.Total)
		}

		// The month boundary, in China Standard Time: one appeal each side.
		for _, m := range []struct{ from, to string }{{"2026-02-01", "2026-02-28"}, {"2026-04-01", "2026-04-30"}} {
			var edge summary
			w.as(t, "leader").get("/api/v1/reports/summary?from=" + m.from + "&to=" + m.to).want(200).into(&edge)
			if edge.Hotline.Received != 1 || edge.Total.Received != 1 {
				t.Errorf("%s..%s: hotline %+v", m.from, m.to, edge.Hotline)
			}
		}
		var one summary
		w.as(t, "office").get("/api/v1/reports/summary?from=2026-03-31&to=2026-03-31").want(200).into(&one)
		if one.Hotline.Received != 1 {
			t.Errorf("the last day alone: %+v", one.Hotline)
		}
		w.as(t, "office").get(fmt.Sprintf("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&district_id=%d",
			w.unit("shuangfeng"))).wantError(400, "scope.district")
		w.as(t, "fagai").get("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31").wantError(403, "forbidden")
		w.as(t, "office").get("/api/v1/reports/summary?from=2026-03-31&to=2026-03-01").wantError(400, "filter.range")
		w.as(t, "office").get("/api/v1/reports/summary?to=2026-03-01").wantError(400, "required")
	})
}

// visit2 records the visit of an appeal of the second district.
func (f flow) visit2(id int64) {
	f.t.Helper()
	f.act("sfFed", id, appeal.Command{Action: appeal.ActVisit, Reached: true, Satisfaction: appeal.Satisfied, Resolved: true})
}

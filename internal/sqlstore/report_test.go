package sqlstore_test

import (
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestSummaryGroups(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		type facts struct {
			district    int64
			at          time.Time
			ch          appeal.Channel
			route       appeal.Route
			state       appeal.State
			sat         appeal.Satisfaction
			resolved    bool
			unreachable bool
		}
		march, april := ms(2026, 3, 1, 0, 0, 0, 0), ms(2026, 4, 1, 0, 0, 0, 0)
		mid := ms(2026, 3, 15, 12, 0, 0, 0)
		d1, d2, d3 := tr.district.ID, tr.district2.ID, tr.district3.ID
		for _, f := range []facts{
			{d1, march.Add(-time.Millisecond), appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.Satisfied, true, false}, // February
			{d1, march, appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.Satisfied, true, false},
			{d1, mid, appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.Satisfied, true, false},
			{d1, mid, appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.FairlySatisfied, false, false},
			{d1, mid, appeal.HotlinePriv, appeal.RouteCity, appeal.AtCity, "", false, false},
			{d1, mid, appeal.Portal, appeal.RouteNone, appeal.Registered, "", false, false},
			{d1, april.Add(-time.Millisecond), appeal.CityAssigned, appeal.RouteFromCity, appeal.Closed, "", false, true},
			{d1, april, appeal.CityAssigned, appeal.RouteFromCity, appeal.Closed, appeal.Dissatisfied, false, false}, // April
			{d2, mid, appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.Satisfied, true, false},
			{d2, mid, appeal.VisitCh, appeal.RouteDistrict, appeal.Merged, "", false, false},
			{d3, mid, appeal.VisitCh, appeal.RouteDistrict, appeal.Withdrawn, "", false, false},
		} {
			a := newAppeal(f.district, "统计", "统计口径", f.at)
			a.Channel, a.Route, a.State, a.Satisfaction, a.Resolved, a.Unreachable = f.ch, f.route, f.state, f.sat, f.resolved, f.unreachable
			create(t, db, a)
		}
		g := func(ch appeal.Channel, r appeal.Route, s appeal.State, sat appeal.Satisfaction, res, unr bool, n int) report.Group {
			return report.Group{Channel: ch, Route: r, State: s, Satisfaction: sat, Resolved: res, Unreachable: unr, N: n}
		}
		d1March := []report.Group{
			g(appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.Satisfied, true, false, 2),
			g(appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.FairlySatisfied, false, false, 1),
			g(appeal.HotlinePriv, appeal.RouteCity, appeal.AtCity, "", false, false, 1),
			g(appeal.Portal, appeal.RouteNone, appeal.Registered, "", false, false, 1),
			g(appeal.CityAssigned, appeal.RouteFromCity, appeal.Closed, "", false, true, 1),
		}
		d2March := []report.Group{
			g(appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.Satisfied, true, false, 1),
			g(appeal.VisitCh, appeal.RouteDistrict, appeal.Merged, "", false, false, 1),
		}
		d3March := []report.Group{g(appeal.VisitCh, appeal.RouteDistrict, appeal.Withdrawn, "", false, false, 1)}
		for _, c := range []struct {
			name string
			q    report.Query
			want []report.Group
		}{
			{"one district, one month", report.Query{Districts: []int64{d1}, From: march, To: april}, d1March},
			{"two districts", report.Query{Districts: []int64{d1, d2}, From: march, To: april}, mergeGroups(d1March, d2March)},
			{"every district", report.Query{From: march, To: april}, mergeGroups(d1March, d2March, d3March)},
			{"a district without appeals", report.Query{Districts: []int64{tr.township.ID}, From: march, To: april}, nil},
			{"one day", report.Query{Districts: []int64{d1}, From: march, To: march.AddDate(0, 0, 1)},
				[]report.Group{g(appeal.Hotline12345, appeal.RouteDirect, appeal.Closed, appeal.Satisfied, true, false, 1)}},
			{"the last millisecond of March", report.Query{Districts: []int64{d1}, From: april.Add(-time.Millisecond), To: april.Add(time.Millisecond)},
				[]report.Group{g(appeal.CityAssigned, appeal.RouteFromCity, appeal.Closed, "", false, true, 1),
					g(appeal.CityAssigned, appeal.RouteFromCity, appeal.Closed, appeal.Dissatisfied, false, false, 1)}},
		} {
			got, err := db.SummaryGroups(ctx, c.q)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if got == nil {
				t.Errorf("%s: nil groups, want an empty slice", c.name)
			}
			if gm, wm := groupMap(got), groupMap(c.want); !sameGroups(gm, wm) || len(gm) != len(got) {
				t.Errorf("%s:\n got %v\nwant %v", c.name, got, c.want)
			}
		}
	})
}

type groupKey struct {
	ch            appeal.Channel
	route         appeal.Route
	state         appeal.State
	sat           appeal.Satisfaction
	resolved, unr bool
}

func groupMap(gs []report.Group) map[groupKey]int {
	m := map[groupKey]int{}
	for _, g := range gs {
		m[groupKey{g.Channel, g.Route, g.State, g.Satisfaction, g.Resolved, g.Unreachable}] += g.N
	}
	return m
}

func mergeGroups(lists ...[]report.Group) []report.Group {
	m := map[groupKey]int{}
	for _, l := range lists {
		for k, n := range groupMap(l) {
			m[k] += n
		}
	}
	var out []report.Group
	for k, n := range m {
		out = append(out, report.Group{Channel: k.ch, Route: k.route, State: k.state, Satisfaction: k.sat, Resolved: k.resolved, Unreachable: k.unr, N: n})
	}
	return out
}

func sameGroups(a, b map[groupKey]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

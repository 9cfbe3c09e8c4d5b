package outreach_test

import (
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/outreach"
)

// A campaign of three departments: one held two events, one none, and an
// event of a department not listed counts in the campaign's totals but
// marks no department done. Those not done come first, in the campaign's
// order.
func TestProgressOf(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 5, d, 0, 0, 0, 0, appeal.CST) }
	c := &outreach.Campaign{ID: 1, UnitIDs: []int64{10, 20, 30}}
	p := outreach.ProgressOf(c, []outreach.Event{
		{HostUnitID: 20, HeldOn: day(3), Representatives: 40, AppealCount: 2},
		{HostUnitID: 20, HeldOn: day(9), Representatives: 15, AppealCount: 1},
		{HostUnitID: 99, HeldOn: day(5), Representatives: 7},
	})
	if p.Done != 1 || p.Total != 3 || p.Events != 3 || p.Representatives != 62 || p.Appeals != 3 {
		t.Errorf("the campaign: done %d/%d, %d events, %d representatives, %d appeals", p.Done, p.Total, p.Events, p.Representatives, p.Appeals)
	}
	var order []int64
	for _, u := range p.Units {
		order = append(order, u.UnitID)
	}
	if len(order) != 3 || order[0] != 10 || order[1] != 30 || order[2] != 20 {
		t.Errorf("the departments in the order %v, want 10, 30, 20", order)
	}
	if u := p.Units[2]; !u.Done || u.Events != 2 || !u.LastHeld.Equal(day(9)) || u.Representatives != 55 || u.Appeals != 3 {
		t.Errorf("the department that held two: %+v", u)
	}
}

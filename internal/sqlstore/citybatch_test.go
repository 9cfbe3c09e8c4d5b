package sqlstore_test

import (
	"fmt"
	"testing"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// A city batch is stored whole or not at all: a row the database refuses
// (here a township that does not exist) leaves none of the batch behind;
// a good batch is all there, each appeal with its event; a number taken by
// then is a conflict that inserts nothing. ExternalNos finds the numbers a
// district holds, in chunks, and only that district's.
func TestCityBatchStore(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		at := ms(2026, 12, 1, 10, 0, 0, 0)
		batch := func(n int, prefix string) ([]*appeal.Appeal, []*appeal.Event) {
			var as []*appeal.Appeal
			var evs []*appeal.Event
			for i := range n {
				a := newAppeal(tr.district.ID, fmt.Sprintf("市交办诉求%d", i), "市里交办的诉求。", at)
				a.Channel, a.Route, a.State = appeal.CityAssigned, appeal.RouteFromCity, appeal.Unassigned
				a.ExternalNo, a.DueAt = fmt.Sprintf("%s%04d", prefix, i), ms(2026, 12, 16, 0, 0, 0, 0)
				as = append(as, a)
				evs = append(evs, &appeal.Event{At: at, ActorName: "优化办", Action: appeal.ActRegister, ToState: a.State})
			}
			return as, evs
		}
		count := func() int {
			t.Helper()
			p, err := db.ListAppeals(ctx, appeal.Filter{Scope: appeal.Scope{All: true}, Limit: 1, CountUpTo: 10000})
			if err != nil {
				t.Fatal(err)
			}
			return p.Total
		}

		as, evs := batch(3, "SJ-BAD-")
		as[2].TerritoryID = 999999 // no such unit: the database refuses the third row
		if err := db.CreateAppeals(ctx, as, evs); err == nil {
			t.Fatal("a batch with a row the database refuses was stored")
		}
		if n := count(); n != 0 {
			t.Fatalf("a refused batch left %d appeals", n)
		}
		for i := range as {
			if as[i].ID != 0 || evs[i].ID != 0 {
				t.Errorf("row %d kept the id %d of an insert rolled back", i, as[i].ID)
			}
		}

		as, evs = batch(450, "SJ") // more than two look-ups' worth
		if err := db.CreateAppeals(ctx, as, evs); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 450 {
			t.Fatalf("a batch of 450 stored %d appeals", n)
		}
		g := aggregate(t, db, as[449].ID)
		if g.Appeal.ExternalNo != "SJ0449" || g.Appeal.State != appeal.Unassigned || !g.Appeal.DueAt.Equal(as[449].DueAt) {
			t.Fatalf("the last appeal reads back as %+v", g.Appeal)
		}
		if evs, err := db.Timeline(ctx, as[0].ID); err != nil || len(evs) != 1 || evs[0].Action != appeal.ActRegister {
			t.Fatalf("the first appeal's timeline: %+v %v", evs, err)
		}

		nos := []string{"SJ0000", "SJ0201", "SJ0449", "SJ9999"}
		for i := range 300 {
			nos = append(nos, fmt.Sprintf("XX%d", i))
		}
		got, err := db.ExternalNos(ctx, tr.district.ID, nos)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got["SJ0201"] != as[201].Number() || got["SJ0449"] != as[449].Number() {
			t.Fatalf("ExternalNos found %v", got)
		}
		if other, err := db.ExternalNos(ctx, tr.district2.ID, nos); err != nil || len(other) != 0 {
			t.Fatalf("another district holds %v (%v)", other, err)
		}

		again, evs := batch(2, "SJ-NEW-")
		again[1].ExternalNo = "SJ0007" // taken by the batch before
		err = db.CreateAppeals(ctx, again, evs)
		wantKind(t, err, fault.Conflict, "a number taken meanwhile")
		if n := count(); n != 450 {
			t.Fatalf("a batch refused for a taken number left %d appeals, want 450", n)
		}
	})
}

package sqlstore_test

import (
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// TestServiceLoop takes an appeal round the loop through the domain service
// on the real store: what the service returns after each action is what
// the store then reads back, task ids included.
func TestServiceLoop(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		now := ms(2026, 6, 1, 9, 0, 0, 0)
		svc := &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{},
			Now: func() time.Time { now = now.Add(time.Minute); return now }}
		actor := func(u *account.User) *account.Actor { return actorOf(t, db, u) }
		fed := actor(mkUser(t, db, tr.federation, "fed", account.Federation, account.Intake))
		office := actor(mkUser(t, db, tr.office, "office", account.Office))
		dept := actor(mkUser(t, db, tr.dept, "dept", account.Handler))
		town := actor(mkUser(t, db, tr.township, "town", account.Handler))

		in := appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Help, Title: "厂区道路破损", Content: "园区道路破损影响运输。",
			EnterpriseName: "娄底某某物流有限公司", ContactPhone: "13800001111", DistrictID: tr.district.ID, TerritoryID: tr.township.ID}
		created, err := svc.Create(ctx, fed, in)
		if err != nil {
			t.Fatal(err)
		}
		id := created.Aggregate.Appeal.ID
		act := func(a *account.Actor, c appeal.Command) *appeal.Aggregate {
			t.Helper()
			g, err := svc.Act(ctx, a, id, c)
			if err != nil {
				t.Fatalf("%s: %v", c.Action, err)
			}
			same(t, "after "+string(c.Action), aggregate(t, db, id), g)
			return g
		}
		onTask := func(a *account.Actor, taskID int64, c appeal.Command) *appeal.Aggregate {
			t.Helper()
			g, err := svc.ActOnTask(ctx, a, taskID, c)
			if err != nil {
				t.Fatalf("%s: %v", c.Action, err)
			}
			same(t, "after "+string(c.Action), aggregate(t, db, id), g)
			return g
		}
		g := act(fed, appeal.Command{Action: appeal.ActReferDistrict, Version: 1})
		g = act(office, appeal.Command{Action: appeal.ActAssign, Version: g.Appeal.Version, LeadUnitID: tr.dept.ID, CoUnitIDs: []int64{tr.township.ID}})
		if len(g.Tasks) != 2 || g.Tasks[0].ID == 0 || g.Tasks[1].ID == 0 {
			t.Fatalf("after assign: tasks %+v", g.Tasks)
		}
		lead, co := g.Tasks[0], g.Tasks[1]

		// A stale version is refused and changes nothing.
		_, err = svc.Act(ctx, office, id, appeal.Command{Action: appeal.ActAssign, Version: 1, CoUnitIDs: []int64{tr.tax.ID}})
		wantKind(t, err, fault.Conflict, "assign at a stale version")

		g = onTask(town, co.ID, appeal.Command{Action: appeal.ActAccept, Version: co.Version})
		g = onTask(town, co.ID, appeal.Command{Action: appeal.ActReply, Version: g.Task(co.ID).Version, Outcome: appeal.Solved, Text: "已修复路面"})
		g = onTask(dept, lead.ID, appeal.Command{Action: appeal.ActAccept, Version: lead.Version})
		g = onTask(dept, lead.ID, appeal.Command{Action: appeal.ActReply, Version: g.Task(lead.ID).Version, Outcome: appeal.Solved, Text: "道路已修复"})
		g = onTask(office, lead.ID, appeal.Command{Action: appeal.ActApprove, Version: g.Task(lead.ID).Version})
		if g.Appeal.State != appeal.AwaitVisit {
			t.Fatalf("after approve: %s", g.Appeal.State)
		}
		g = act(fed, appeal.Command{Action: appeal.ActVisit, Version: g.Appeal.Version, Reached: true, Satisfaction: appeal.Dissatisfied, Words: "修得不好"})
		g = act(office, appeal.Command{Action: appeal.ActRedo, Version: g.Appeal.Version, Note: "重新修复"})
		if len(g.Tasks) != 3 || g.Tasks[2].ID == 0 || g.Tasks[2].Round != 2 || !g.Tasks[0].Redone {
			t.Fatalf("after redo: tasks %+v", g.Tasks)
		}

		evs, err := db.Timeline(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var actions []appeal.Action
		for _, e := range evs {
			actions = append(actions, e.Action)
		}
		want := []appeal.Action{appeal.ActRegister, appeal.ActReferDistrict, appeal.ActAssign, appeal.ActAccept, appeal.ActReply,
			appeal.ActAccept, appeal.ActReply, appeal.ActApprove, appeal.ActVisit, appeal.ActRedo}
		if len(actions) != len(want) {
			t.Fatalf("timeline %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Fatalf("timeline %v, want %v", actions, want)
			}
		}
		vs, err := db.Visits(ctx, id)
		if err != nil || len(vs) != 1 || vs[0].Satisfaction != appeal.Dissatisfied || vs[0].By != fed.UserID {
			t.Fatalf("visits %+v, %v", vs, err)
		}

		// A merge writes an event on the surviving appeal.
		other, err := svc.Create(ctx, fed, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Act(ctx, fed, other.Aggregate.Appeal.ID, appeal.Command{Action: appeal.ActMerge, Version: 1, TargetID: id}); err != nil {
			t.Fatal(err)
		}
		evs, _ = db.Timeline(ctx, id)
		if last := evs[len(evs)-1]; last.Action != appeal.ActMergedIn {
			t.Errorf("the survivor's last event is %s, want merged_in", last.Action)
		}
		merged := aggregate(t, db, other.Aggregate.Appeal.ID)
		if merged.Appeal.State != appeal.Merged || merged.Appeal.MergedInto != id {
			t.Errorf("merged appeal: state %s, into %d", merged.Appeal.State, merged.Appeal.MergedInto)
		}
	})
}

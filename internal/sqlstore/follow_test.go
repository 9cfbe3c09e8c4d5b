package sqlstore_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// The enterprise following its appeal with its number and code sees how
// long the unit has left: the lead task's deadline and the days to it,
// yellow near the end, and that the clock stands still while it supplies
// material.
func TestFollowShowsTimeLeft(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		now := ms(2026, 6, 1, 9, 0, 0, 0)
		svc := &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{},
			Now: func() time.Time { return now }}
		fed := actorOf(t, db, mkUser(t, db, tr.federation, "fed", account.Federation, account.Intake))
		office := actorOf(t, db, mkUser(t, db, tr.office, "office", account.Office))
		dept := actorOf(t, db, mkUser(t, db, tr.dept, "dept", account.Handler))
		created, err := svc.Create(ctx, fed, appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Consult, Title: "咨询用地政策",
			Content: "咨询工业用地弹性出让政策。", EnterpriseName: "某公司", ContactPhone: "13800001111", DistrictID: tr.district.ID})
		if err != nil {
			t.Fatal(err)
		}
		a := created.Aggregate.Appeal
		follow := func() *appeal.Followed {
			t.Helper()
			f, err := svc.Follow(ctx, a.Number(), created.QueryCode)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		if f := follow(); !f.Due.IsZero() {
			t.Fatalf("a deadline before any unit has the appeal: %v", f.Due)
		}
		g, err := svc.Act(ctx, fed, a.ID, appeal.Command{Action: appeal.ActReferDistrict, Version: 1})
		if err != nil {
			t.Fatal(err)
		}
		g, err = svc.Act(ctx, office, a.ID, appeal.Command{Action: appeal.ActAssign, Version: g.Appeal.Version, LeadUnitID: tr.dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		task := g.Tasks[0]
		f := follow()
		if !f.Due.Equal(task.ReplyDue) || f.DaysLeft != 5 || f.Clock != appeal.DueNone {
			t.Fatalf("just assigned: due %v (task's %v), %d days left, clock %q", f.Due, task.ReplyDue, f.DaysLeft, f.Clock)
		}
		now = ms(2026, 6, 5, 21, 0, 0, 0)
		if f := follow(); f.DaysLeft != 1 || f.Clock != appeal.DueSoon {
			t.Fatalf("on the evening of the 5th: %d days left, clock %q", f.DaysLeft, f.Clock)
		}
		g, err = svc.ActOnTask(ctx, dept, task.ID, appeal.Command{Action: appeal.ActAccept, Version: task.Version})
		if err != nil {
			t.Fatal(err)
		}
		g, err = svc.ActOnTask(ctx, dept, task.ID, appeal.Command{Action: appeal.ActPause, Version: g.Task(task.ID).Version, Note: "等待企业补充材料"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err = svc.ActOnTask(ctx, office, task.ID, appeal.Command{Action: appeal.ActGrant, Version: g.Task(task.ID).Version}); err != nil {
			t.Fatal(err)
		}
		now = ms(2026, 6, 9, 9, 0, 0, 0)
		if f := follow(); !f.Paused || f.Clock != appeal.DueNone {
			t.Fatalf("paused and past the deadline: paused %v, clock %q", f.Paused, f.Clock)
		}
	})
}

// A worklist by deadline lists the task due first first, ties by id, and
// pages through every task once.
func TestTasksByDue(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		var want []int64
		days := []int{5, 1, 3, 1, 2} // created on these days of June: due ten days later
		byDay := map[int][]int64{}
		for i, d := range days {
			a := create(t, db, newAppeal(tr.district.ID, "任务"+strconv.Itoa(i), "内容", ms(2026, 6, d, 9, 0, 0, 0)))
			tk := addTask(t, db, a.ID, tr.dept, appeal.TaskPending)
			byDay[d] = append(byDay[d], tk.ID)
		}
		for _, d := range []int{1, 2, 3, 5} {
			want = append(want, byDay[d]...)
		}
		var got []int64
		f := appeal.TaskFilter{Scope: appeal.Scope{All: true}, UnitID: tr.dept.ID, ByDue: true, Limit: 2}
		for range 10 {
			p, err := db.ListTasks(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range p.Items {
				got = append(got, it.ID)
			}
			if p.Next == 0 {
				break
			}
			f.Before, f.AfterDue = p.Next, p.NextDue
		}
		if !slices.Equal(got, want) {
			t.Fatalf("by due: %v, want %v", got, want)
		}
	})
}

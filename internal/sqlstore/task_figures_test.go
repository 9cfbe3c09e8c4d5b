package sqlstore_test

import (
	"slices"
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

// A worklist filtered by a figure of the reports, a unit and a cohort lists
// exactly the tasks the unit counts make up: for every unit and every
// figure, as many tasks as UnitCounts says, over a cohort with a task in
// every situation the counting rules tell apart and appeals just outside
// it on either side.
func TestTaskFiguresMatchUnitCounts(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		from, to := ms(2027, 3, 1, 0, 0, 0, 0), ms(2027, 4, 1, 0, 0, 0, 0) // March 2027
		asOf := ms(2027, 5, 10, 12, 0, 0, 0)
		fx := &figureFixture{t: t, db: db}
		d1, d2 := tr.district.ID, tr.district2.ID

		// A closed appeal rated satisfied: its lead accepted and replied in
		// time (rated); its co-unit accepted late and replied late.
		a1 := fx.appeal(d1, ms(2027, 3, 3, 9, 0, 0, 0), appeal.Closed, 1, func(a *appeal.Appeal) {
			a.Satisfaction, a.Resolved = appeal.Satisfied, true
		})
		onTime := fx.task(a1, tr.dept, appeal.Lead, appeal.TaskDone, accepted(1), replied(5))
		late := fx.task(a1, tr.township, appeal.Co, appeal.TaskDone, accepted(30), replied(20))
		// In progress: a lead that never accepted, past its deadline,
		// reminded twice and supervised without an answer; a co-unit with
		// its clock paused past the deadline, extended, its supervision
		// answered; a unit that returned it in time, and one too late.
		a2 := fx.appeal(d1, ms(2027, 3, 5, 10, 0, 0, 0), appeal.InProgress, 1, nil)
		open := fx.task(a2, tr.dept, appeal.Lead, appeal.TaskPending, func(k *appeal.Task) {
			k.Reminders = 2
			k.SupervisedAt = k.AssignedAt.Add(20 * 24 * time.Hour)
		})
		paused := fx.task(a2, tr.township, appeal.Co, appeal.TaskHandling, accepted(1), func(k *appeal.Task) {
			k.PausedAt = k.AssignedAt.Add(10 * 24 * time.Hour)
			k.ExtraDays = 5
			k.SupervisedAt = k.AssignedAt.Add(8 * 24 * time.Hour)
			k.RespondedAt = k.AssignedAt.Add(9 * 24 * time.Hour)
			k.Reminders = 1
		})
		returned := fx.task(a2, tr.tax, appeal.Co, appeal.TaskReturned, returnedAfter(3))
		returnedLate := fx.task(a2, tr.township2, appeal.Co, appeal.TaskReturned, returnedAfter(40))
		// Redone: the first round's lead reply was ordered redone; the
		// second round's lead closed it, rated fair.
		a3 := fx.appeal(d1, ms(2027, 3, 10, 11, 0, 0, 0), appeal.Closed, 2, func(a *appeal.Appeal) {
			a.Satisfaction = appeal.FairlySatisfied
		})
		redone := fx.task(a3, tr.dept, appeal.Lead, appeal.TaskDone, accepted(1), replied(3), func(k *appeal.Task) {
			k.Round, k.Redone = 1, true
		})
		secondRound := fx.task(a3, tr.township, appeal.Lead, appeal.TaskDone, accepted(1), replied(4), func(k *appeal.Task) { k.Round = 2 })
		// Replied with no deadline at all (a date-less task): responded and
		// on time; and one replied late while the appeal awaits its visit.
		a4 := fx.appeal(d1, ms(2027, 3, 12, 8, 0, 0, 0), appeal.AwaitVisit, 1, nil)
		noDeadline := fx.task(a4, tr.tax, appeal.Lead, appeal.TaskReplied, accepted(1), replied(2), func(k *appeal.Task) {
			k.AcceptDue, k.ReplyDue = time.Time{}, time.Time{}
		})
		replyLate := fx.task(a4, tr.dept, appeal.Co, appeal.TaskReplied, accepted(1), replied(17), func(k *appeal.Task) { k.ExtraDays = 1 })
		// Withdrawn: its tasks are cancelled, and count for nothing however
		// late, reminded or supervised.
		a5 := fx.appeal(d1, ms(2027, 3, 14, 8, 0, 0, 0), appeal.Withdrawn, 1, nil)
		cancelled := fx.task(a5, tr.dept, appeal.Lead, appeal.TaskCancelled, accepted(9), func(k *appeal.Task) {
			k.Reminders, k.SupervisedAt, k.ExtraDays, k.Redone = 3, k.AssignedAt.Add(time.Hour), 2, true
		})
		// Not yet due at the as-of time.
		a6 := fx.appeal(d1, ms(2027, 3, 31, 23, 59, 59, 999), appeal.InProgress, 1, nil)
		notDue := fx.task(a6, tr.dept, appeal.Lead, appeal.TaskHandling, accepted(1), func(k *appeal.Task) { k.ReplyDue = asOf.Add(time.Hour) })
		// Closed but not rated: unreachable, unreasonable, or no visit
		// yet; and a co-unit's done task of a rated appeal.
		for _, mark := range []func(*appeal.Appeal){
			func(a *appeal.Appeal) { a.Unreachable = true },
			func(a *appeal.Appeal) { a.Unreasonable, a.Satisfaction = true, appeal.Satisfied },
			func(a *appeal.Appeal) {},
		} {
			a := fx.appeal(d1, ms(2027, 3, 20, 8, 0, 0, 0), appeal.Closed, 1, mark)
			fx.task(a, tr.dept, appeal.Lead, appeal.TaskDone, accepted(1), replied(2))
		}
		a7 := fx.appeal(d1, ms(2027, 3, 21, 8, 0, 0, 0), appeal.Closed, 1, func(a *appeal.Appeal) { a.Satisfaction = appeal.Dissatisfied })
		rated7 := fx.task(a7, tr.tax, appeal.Lead, appeal.TaskDone, accepted(1), replied(2))
		fx.task(a7, tr.dept, appeal.Co, appeal.TaskDone, accepted(1), replied(2))
		// Another district's appeal of the month.
		a8 := fx.appeal(d2, ms(2027, 3, 15, 8, 0, 0, 0), appeal.InProgress, 1, nil)
		other := fx.task(a8, tr.dept2, appeal.Lead, appeal.TaskPending, func(k *appeal.Task) { k.Reminders = 1 })
		// Just outside the cohort on either side, in every situation.
		var outside []int64
		for _, at := range []time.Time{from.Add(-time.Millisecond), to} {
			a := fx.appeal(d1, at, appeal.Closed, 1, func(a *appeal.Appeal) { a.Satisfaction = appeal.Satisfied })
			for _, u := range []*unit.Unit{tr.dept, tr.township, tr.tax} {
				k := fx.task(a, u, appeal.Lead, appeal.TaskDone, accepted(30), replied(30), func(k *appeal.Task) {
					k.Reminders, k.SupervisedAt, k.ExtraDays, k.Redone = 1, k.AssignedAt.Add(time.Hour), 3, true
				})
				outside = append(outside, k)
			}
			b := fx.appeal(d1, at, appeal.InProgress, 1, nil)
			outside = append(outside, fx.task(b, tr.dept, appeal.Lead, appeal.TaskReturned, returnedAfter(40)),
				fx.task(b, tr.township, appeal.Co, appeal.TaskPending))
		}

		counts, err := db.UnitCounts(ctx, report.Query{From: from, To: to}, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != 5 {
			t.Fatalf("%d units counted, want 5: %+v", len(counts), counts)
		}
		seen := map[appeal.TaskFigure]int{}
		for _, c := range counts {
			if c.Overdue != c.Due-c.OnTime {
				t.Errorf("unit %s: overdue %d, due %d, on time %d", c.Name, c.Overdue, c.Due, c.OnTime)
			}
			districts := []int64{d1}
			if c.UnitID == tr.dept2.ID {
				districts = []int64{d2}
			}
			// The figure as the report's reader (all, or the district)
			// and as the unit itself would open it.
			for _, sc := range []appeal.Scope{{All: true}, {Districts: districts}, {UnitID: c.UnitID}, {Districts: []int64{tr.district3.ID}, UnitID: c.UnitID}} {
				for _, fig := range appeal.TaskFigures {
					items := fx.list(appeal.TaskFilter{Scope: sc, UnitID: c.UnitID, Figure: fig, From: from, To: to, Now: asOf})
					want, got := figureCount(c, fig), len(items)
					if fig == appeal.FigureReminded {
						got = 0
						for _, it := range items {
							got += it.Reminders
						}
					}
					if got != want {
						t.Errorf("unit %s, scope %+v, figure %s: listed %d, the report counts %d", c.Name, sc, fig, got, want)
					}
					for _, it := range items {
						if it.UnitID != c.UnitID || it.State == appeal.TaskCancelled || slices.Contains(outside, it.ID) {
							t.Errorf("unit %s, figure %s lists task %d of unit %d in state %s", c.Name, fig, it.ID, it.UnitID, it.State)
						}
					}
					if sc.All {
						seen[fig] += want
					}
				}
			}
		}
		for _, fig := range appeal.TaskFigures {
			if seen[fig] == 0 {
				t.Errorf("no unit has a task counted as %s: the fixture does not test it", fig)
			}
		}

		// By hand: which tasks the figures are.
		all := appeal.Scope{All: true}
		for _, c := range []struct {
			unit *unit.Unit
			fig  appeal.TaskFigure
			want []int64 // newest first
		}{
			{tr.dept, appeal.FigureOverdue, []int64{replyLate, open}},
			{tr.dept, appeal.FigureOpenOverdue, []int64{open}},
			{tr.tax, appeal.FigureOnTime, []int64{rated7, noDeadline}},
			{tr.dept, appeal.FigureRated, []int64{onTime}},
			{tr.dept, appeal.FigureRedone, []int64{redone}},
			{tr.dept, appeal.FigureAssigned, nil}, // every task but the cancelled one: checked below
			{tr.township, appeal.FigureRated, []int64{secondRound}},
			{tr.township, appeal.FigureOverdue, []int64{late}},
			{tr.township, appeal.FigureLateResponse, []int64{late}},
			{tr.township2, appeal.FigureLateResponse, []int64{returnedLate}},
			{tr.township, appeal.FigureExtended, []int64{paused}},
			{tr.township, appeal.FigureSupervised, []int64{paused}},
			{tr.township, appeal.FigureUnanswered, nil},
			{tr.tax, appeal.FigureReturned, []int64{returned}},
			{tr.tax, appeal.FigureRated, []int64{rated7}},
			{tr.township2, appeal.FigureReturnedLate, []int64{returnedLate}},
			{tr.dept2, appeal.FigureReminded, []int64{other}},
		} {
			got := ids(fx.list(appeal.TaskFilter{Scope: all, UnitID: c.unit.ID, Figure: c.fig, From: from, To: to, Now: asOf}),
				func(it appeal.TaskItem) int64 { return it.ID })
			if c.fig == appeal.FigureAssigned {
				if slices.Contains(got, cancelled) || !slices.Contains(got, notDue) || !slices.Contains(got, open) || len(got) != 9 {
					t.Errorf("区住建局's assigned tasks: %v", got)
				}
				continue
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s, %s: tasks %v, want %v", c.unit.Name, c.fig, got, c.want)
			}
		}
		// The cohort alone lists every task of its appeals, cancelled ones
		// too; a figure alone, every task it holds of.
		cohort := ids(fx.list(appeal.TaskFilter{Scope: all, UnitID: tr.dept.ID, From: from, To: to, Now: asOf}),
			func(it appeal.TaskItem) int64 { return it.ID })
		if !slices.Contains(cohort, cancelled) || len(cohort) != 10 {
			t.Errorf("区住建局's tasks of March: %v", cohort)
		}
		if got := fx.list(appeal.TaskFilter{Scope: all, UnitID: tr.dept.ID, Figure: appeal.FigureRedone, Now: asOf}); len(got) != 3 {
			t.Errorf("区住建局's redone tasks of any time: %d, want 3 (March's and the two outside it)", len(got))
		}
		// One day of the cohort, as the API asks for the 31st.
		if got := fx.list(appeal.TaskFilter{Scope: all, UnitID: tr.dept.ID, From: ms(2027, 3, 31, 0, 0, 0, 0), To: to, Now: asOf}); len(got) != 1 || got[0].ID != notDue {
			t.Errorf("区住建局's tasks of 31 March: %v", got)
		}
		// A district's figure leaves out the other district's tasks.
		if got := fx.list(appeal.TaskFilter{Scope: appeal.Scope{Districts: []int64{d1}}, Figure: appeal.FigureReminded, From: from, To: to, Now: asOf}); len(got) != 2 {
			t.Errorf("娄星区's reminded tasks: %d, want 2", len(got))
		}
		_, err = db.ListTasks(ctx, appeal.TaskFilter{Scope: all, Figure: "late", Now: asOf})
		wantKind(t, err, fault.Invalid, "an unknown figure")

		// The units' counters say what the tasks say, their deltas waiting,
		// folded, and counted anew: for March, its last day, a month and a
		// half around it, its first ten days; both districts or one.
		check := func(when string) {
			t.Helper()
			for _, p := range [][2]time.Time{{from, to}, {ms(2027, 3, 31, 0, 0, 0, 0), to}, {ms(2027, 2, 15, 0, 0, 0, 0), ms(2027, 4, 16, 0, 0, 0, 0)},
				{from, ms(2027, 3, 11, 0, 0, 0, 0)}} {
				for _, ds := range [][]int64{nil, {d1}, {d2}, {d1, d2}} {
					q := report.Query{Districts: ds, From: p[0], To: p[1]}
					got, err := db.UnitCounts(ctx, q, asOf)
					if err != nil {
						t.Fatal(err)
					}
					want, err := sqlstore.ScanUnitCounts(db, ctx, q, asOf)
					if err != nil {
						t.Fatal(err)
					}
					byID := func(a, b report.UnitCounts) int { return int(a.UnitID - b.UnitID) }
					slices.SortFunc(got, byID)
					slices.SortFunc(want, byID)
					if !slices.Equal(got, want) || len(want) == 0 && ds == nil && p[0] == from {
						t.Errorf("%s, %s to %s, districts %v: the counters say\n%+v\nthe tasks\n%+v", when, p[0], p[1], ds, got, want)
					}
				}
			}
		}
		check("deltas waiting")
		for {
			n, err := db.FoldCohort(ctx, 5)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			if pending, _ := db.PendingCohortDeltas(ctx); pending > 0 && pending%7 == 0 {
				check("half folded")
			}
		}
		check("folded")
		if err := db.RebuildCohort(ctx); err != nil {
			t.Fatal(err)
		}
		check("counted anew")
		// Migration 0020 counts the tasks there are when it is applied.
		if err := sqlstore.Unapply0020(db, ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		check("migrated")
	})
}

// figureCount is the count of c that figure lists.
func figureCount(c report.UnitCounts, fig appeal.TaskFigure) int {
	return map[appeal.TaskFigure]int{
		appeal.FigureAssigned: c.Assigned, appeal.FigureResponded: c.Responded, appeal.FigureLateResponse: c.Assigned - c.Responded,
		appeal.FigureDue: c.Due, appeal.FigureOnTime: c.OnTime, appeal.FigureOverdue: c.Overdue, appeal.FigureOpenOverdue: c.OpenOverdue,
		appeal.FigureReturned: c.Returned, appeal.FigureReturnedLate: c.ReturnedLate, appeal.FigureRedone: c.Redone,
		appeal.FigureReminded: c.Reminders, appeal.FigureSupervised: c.Supervised, appeal.FigureUnanswered: c.Unanswered,
		appeal.FigureExtended: c.Extended, appeal.FigureRated: c.Rated,
	}[fig]
}

type figureFixture struct {
	t  *testing.T
	db *sqlstore.DB
}

// appeal registers an appeal of district at time at in state and round,
// with what mark sets.
func (fx *figureFixture) appeal(district int64, at time.Time, state appeal.State, round int, mark func(*appeal.Appeal)) int64 {
	fx.t.Helper()
	a := newAppeal(district, "统计口径", "点开数字看到的任务", at)
	a.State, a.Round = state, round
	if mark != nil {
		mark(a)
	}
	return create(fx.t, fx.db, a).ID
}

// task gives appeal id a task of u assigned an hour after the appeal was
// registered, to be accepted within a day and answered within fifteen, as
// the options make it, and returns its id.
func (fx *figureFixture) task(id int64, u *unit.Unit, role appeal.TaskRole, state appeal.TaskState, opts ...func(*appeal.Task)) int64 {
	fx.t.Helper()
	err := fx.db.Mutate(ctx, id, func(g *appeal.Aggregate) (*appeal.Change, error) {
		a := g.Appeal
		ch := &appeal.Change{PrevVersion: a.Version}
		a.Version++
		ch.Appeal = a
		at := a.CreatedAt.Add(time.Hour)
		k := appeal.Task{AppealID: id, DistrictID: a.DistrictID, Round: a.Round, UnitID: u.ID, Role: role, State: state,
			AssignedAt: at, AcceptDue: at.Add(24 * time.Hour), ReplyDue: at.Add(15 * 24 * time.Hour), Version: 1}
		for _, o := range opts {
			o(&k)
		}
		ch.NewTasks = []appeal.Task{k}
		return ch, nil
	})
	if err != nil {
		fx.t.Fatalf("task: %v", err)
	}
	g := aggregate(fx.t, fx.db, id)
	return g.Tasks[len(g.Tasks)-1].ID
}

// list is every task f lists, checking that its total says as many.
func (fx *figureFixture) list(f appeal.TaskFilter) []appeal.TaskItem {
	fx.t.Helper()
	f.Limit, f.CountUpTo = 100, 1000
	p, err := fx.db.ListTasks(ctx, f)
	if err != nil {
		fx.t.Fatalf("ListTasks %+v: %v", f, err)
	}
	if p.Next != 0 || p.Total != len(p.Items) || p.TotalCapped {
		fx.t.Fatalf("ListTasks %+v: %d items, total %d, next %d", f, len(p.Items), p.Total, p.Next)
	}
	return p.Items
}

// accepted: accepted days (of 24 hours) after assignment.
func accepted(days int) func(*appeal.Task) {
	return func(k *appeal.Task) { k.AcceptedAt = k.AssignedAt.Add(time.Duration(days) * 24 * time.Hour) }
}

// replied: replied days after assignment.
func replied(days int) func(*appeal.Task) {
	return func(k *appeal.Task) { k.RepliedAt = k.AssignedAt.Add(time.Duration(days) * 24 * time.Hour) }
}

// returnedAfter: returned hours after assignment.
func returnedAfter(hours int) func(*appeal.Task) {
	return func(k *appeal.Task) { k.ReturnedAt = k.AssignedAt.Add(time.Duration(hours) * time.Hour) }
}

package sqlstore_test

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// step returns a Mutate function that advances the appeal's version and
// applies edit to the change.
func step(edit func(g *appeal.Aggregate, ch *appeal.Change)) func(*appeal.Aggregate) (*appeal.Change, error) {
	return func(g *appeal.Aggregate) (*appeal.Change, error) {
		ch := &appeal.Change{PrevVersion: g.Appeal.Version}
		g.Appeal.Version++
		g.Appeal.UpdatedAt = g.Appeal.UpdatedAt.Add(time.Minute)
		if edit != nil {
			edit(g, ch)
		}
		ch.Appeal = g.Appeal
		return ch, nil
	}
}

func TestMutateWritesTheWholeChange(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		target := create(t, db, newAppeal(tr.district.ID, "目标诉求", "并单目标", ms(2026, 4, 1, 8, 0, 0, 0)))
		a := create(t, db, newAppeal(tr.district.ID, "供水管网改造", "园区停水", ms(2026, 4, 1, 9, 0, 0, 0)))
		old := addTask(t, db, a.ID, tr.dept, appeal.TaskPending)
		at := ms(2026, 4, 2, 10, 0, 0, 5)

		var seen *appeal.Aggregate
		var change *appeal.Change
		err := db.Mutate(ctx, a.ID, step(func(g *appeal.Aggregate, ch *appeal.Change) {
			seen = g
			change = ch
			g.Appeal.State, g.Appeal.MergedInto = appeal.InProgress, 0
			g.Appeal.FeedbackAt, g.Appeal.VisitAttempts = at, 1
			// Touch the old task, and add two in the same round.
			t0 := &g.Tasks[0]
			t0.State, t0.AcceptedAt, t0.Reason = appeal.TaskReturned, at, "不属于本单位职责"
			t0.ReturnedAt = at
			t0.Version++
			ch.Tasks = append(ch.Tasks, *t0)
			for _, u := range []int64{tr.township.ID, tr.tax.ID} {
				nt := appeal.Task{AppealID: a.ID, DistrictID: a.DistrictID, Round: 1, UnitID: u, Role: appeal.Co,
					State: appeal.TaskPending, Note: "请协办", AssignedBy: 0, AssignedAt: at, AcceptDue: at.Add(24 * time.Hour),
					ReplyDue: at.Add(15 * 24 * time.Hour), Version: 1}
				ch.NewTasks = append(ch.NewTasks, nt)
				g.Tasks = append(g.Tasks, nt)
			}
			ch.Events = []appeal.Event{
				{AppealID: a.ID, At: at, ActorName: "区优化办", Action: appeal.ActAssign, FromState: appeal.Unassigned, ToState: appeal.InProgress, Note: "交办"},
				{AppealID: target.ID, At: at, ActorName: "区优化办", Action: appeal.ActMergedIn, Note: "另一个诉求"},
			}
			ch.Visit = &appeal.Visit{AppealID: a.ID, Round: 1, At: at, Reached: false, Words: "无人接听"}
		}))
		if err != nil {
			t.Fatal(err)
		}
		g := aggregate(t, db, a.ID)
		same(t, "appeal after Mutate", g.Appeal, change.Appeal)
		if len(g.Tasks) != 3 {
			t.Fatalf("%d tasks after Mutate, want 3", len(g.Tasks))
		}
		same(t, "touched task", g.Tasks[0], change.Tasks[0])
		if g.Tasks[0].ID != old.ID || g.Tasks[0].Version != 2 {
			t.Errorf("touched task %d at version %d, want %d at 2", g.Tasks[0].ID, g.Tasks[0].Version, old.ID)
		}
		for i, nt := range change.NewTasks {
			if nt.ID == 0 || nt.ID != g.Tasks[i+1].ID {
				t.Errorf("new task %d: ID %d in the change, %d stored", i, nt.ID, g.Tasks[i+1].ID)
			}
			if seen.Tasks[i+1].ID != nt.ID {
				t.Errorf("new task %d: the aggregate fn saw has ID %d, want %d", i, seen.Tasks[i+1].ID, nt.ID)
			}
			same(t, "new task", g.Tasks[i+1], nt)
		}
		evs, err := db.Timeline(ctx, a.ID)
		if err != nil || len(evs) != 2 || evs[1].Action != appeal.ActAssign {
			t.Fatalf("timeline of the appeal = %+v, %v; want register then assign", evs, err)
		}
		same(t, "assign event", evs[1], change.Events[0])
		tevs, err := db.Timeline(ctx, target.ID)
		if err != nil || len(tevs) != 2 || tevs[1].Action != appeal.ActMergedIn {
			t.Fatalf("timeline of the merge target = %+v, %v; want register then merged_in", tevs, err)
		}
		vs, err := db.Visits(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "visits", vs, []appeal.Visit{*change.Visit})
		if change.Visit.ID == 0 {
			t.Error("Mutate did not set the visit's ID")
		}
	})
}

// snapshot is everything Mutate may write about an appeal.
type snapshot struct {
	Agg    *appeal.Aggregate
	Events []appeal.Event
	Visits []appeal.Visit
}

func snap(t *testing.T, db *sqlstore.DB, id int64) snapshot {
	t.Helper()
	evs, err := db.Timeline(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := db.Visits(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{aggregate(t, db, id), evs, vs}
}

func TestMutateAllOrNothing(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		a := create(t, db, newAppeal(tr.district.ID, "审批", "环评审批", ms(2026, 4, 1, 8, 0, 0, 0)))
		task := addTask(t, db, a.ID, tr.dept, appeal.TaskPending)
		before := snap(t, db, a.ID)
		at := ms(2026, 4, 3, 0, 0, 0, 0)
		everything := func(g *appeal.Aggregate, ch *appeal.Change) {
			g.Appeal.State = appeal.AwaitVisit
			g.Tasks[0].State, g.Tasks[0].Version = appeal.TaskDone, g.Tasks[0].Version+1
			ch.Tasks = []appeal.Task{g.Tasks[0]}
			ch.NewTasks = []appeal.Task{{AppealID: a.ID, DistrictID: a.DistrictID, Round: 1, UnitID: tr.tax.ID,
				Role: appeal.Co, State: appeal.TaskPending, AssignedAt: at, Version: 1}}
			ch.Events = []appeal.Event{{AppealID: a.ID, At: at, Action: appeal.ActApprove}}
			ch.Visit = &appeal.Visit{AppealID: a.ID, Round: 1, At: at, Reached: true, Satisfaction: appeal.Satisfied}
		}
		cases := []struct {
			name string
			fn   func(*appeal.Aggregate) (*appeal.Change, error)
			kind fault.Kind
		}{
			{"fn fails", func(g *appeal.Aggregate) (*appeal.Change, error) {
				g.Appeal.State = appeal.Closed
				return nil, fault.E(fault.Conflict, "state.action", "x", "y")
			}, fault.Conflict},
			{"stale appeal version", func(g *appeal.Aggregate) (*appeal.Change, error) {
				ch, _ := step(everything)(g)
				ch.PrevVersion--
				return ch, nil
			}, fault.Conflict},
			{"stale task version", func(g *appeal.Aggregate) (*appeal.Change, error) {
				ch, _ := step(everything)(g)
				ch.Tasks[0].Version++
				return ch, nil
			}, fault.Conflict},
			{"new task of no unit", func(g *appeal.Aggregate) (*appeal.Change, error) {
				ch, _ := step(everything)(g)
				ch.NewTasks[0].UnitID = 99999
				return ch, nil
			}, fault.Invalid},
			{"event of no appeal", func(g *appeal.Aggregate) (*appeal.Change, error) {
				ch, _ := step(everything)(g)
				ch.Events = append(ch.Events, appeal.Event{AppealID: 99999, At: at, Action: appeal.ActMergedIn})
				return ch, nil
			}, fault.Invalid},
			{"visit of no appeal", func(g *appeal.Aggregate) (*appeal.Change, error) {
				ch, _ := step(everything)(g)
				ch.Visit.AppealID = 99999
				return ch, nil
			}, fault.Invalid},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				err := db.Mutate(ctx, a.ID, c.fn)
				wantKind(t, err, c.kind, "Mutate")
				same(t, "after a failed Mutate", snap(t, db, a.ID), before)
			})
		}

		// fn's own error comes back unchanged.
		mine := errors.New("mine")
		if err := db.Mutate(ctx, a.ID, func(*appeal.Aggregate) (*appeal.Change, error) { return nil, mine }); err != mine {
			t.Errorf("Mutate returned %v, want fn's error unchanged", err)
		}
		// The stale conflict says which versions.
		err := db.Mutate(ctx, a.ID, func(g *appeal.Aggregate) (*appeal.Change, error) {
			ch, _ := step(nil)(g)
			ch.PrevVersion = 1
			return ch, nil
		})
		var fe *fault.Error
		if !asFault(err, &fe) || fe.Key != "stale" || !slices.Equal(fe.Args, []any{1, before.Agg.Appeal.Version}) {
			t.Errorf("stale Mutate: %v, want stale with versions 1 and %d", err, before.Agg.Appeal.Version)
		}
		// And the same change at the right version goes through.
		if err := db.Mutate(ctx, a.ID, step(everything)); err != nil {
			t.Fatalf("Mutate at the current version: %v", err)
		}
		after := snap(t, db, a.ID)
		if after.Agg.Appeal.Version != before.Agg.Appeal.Version+1 || len(after.Agg.Tasks) != 2 ||
			len(after.Events) != len(before.Events)+1 || len(after.Visits) != 1 || after.Agg.Tasks[0].ID != task.ID {
			t.Errorf("after a good Mutate: %+v", after)
		}
	})
}

// TestMutateConcurrently mutates one appeal from two goroutines, through two
// separate handles on one database (as two instances would): the second
// waits for the first and sees its write, so no update is lost.
func TestMutateConcurrently(t *testing.T) {
	t.Parallel()
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dbs := instances(t, engine)
			tr := newTree(t, dbs[0])
			a := create(t, dbs[0], newAppeal(tr.district.ID, "并发", "两人同时操作", ms(2026, 4, 1, 8, 0, 0, 0)))
			const rounds = 5
			var wg sync.WaitGroup
			errs := make(chan error, 2*rounds)
			for _, db := range dbs {
				wg.Go(func() {
					for range rounds {
						errs <- db.Mutate(ctx, a.ID, step(func(g *appeal.Aggregate, ch *appeal.Change) {
							time.Sleep(2 * time.Millisecond) // hold the lock while the other waits
							g.Appeal.VisitAttempts++
							ch.Events = []appeal.Event{{AppealID: a.ID, At: g.Appeal.UpdatedAt, Action: appeal.ActFeedback}}
						}))
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatalf("concurrent Mutate: %v", err)
				}
			}
			g := aggregate(t, dbs[1], a.ID)
			if g.Appeal.Version != 1+2*rounds || g.Appeal.VisitAttempts != 2*rounds {
				t.Errorf("after %d mutations: version %d, attempts %d; want %d and %d",
					2*rounds, g.Appeal.Version, g.Appeal.VisitAttempts, 1+2*rounds, 2*rounds)
			}
			evs, err := dbs[1].Timeline(ctx, a.ID)
			if err != nil || len(evs) != 1+2*rounds {
				t.Errorf("timeline has %d events, %v; want %d", len(evs), err, 1+2*rounds)
			}
		})
	}
}

// TestMutateReindexes changes the text an appeal is found by (the
// enterprise's name, once matched to the registry): the keyword index
// follows.
func TestMutateReindexes(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		a := create(t, db, newAppeal(tr.district.ID, "用工招聘", "招工难", ms(2026, 4, 1, 8, 0, 0, 0)))
		find := func(kw string) []int64 {
			t.Helper()
			return appealIDs(list(t, db, appeal.Filter{Scope: appeal.Scope{All: true}, Keyword: kw}))
		}
		if got := find("机械"); !equalIDs(got, []int64{a.ID}) {
			t.Fatalf("before: 机械 finds %v", got)
		}
		err := db.Mutate(ctx, a.ID, step(func(g *appeal.Aggregate, ch *appeal.Change) {
			g.Appeal.EnterpriseName = "湖南某某纺织有限公司"
		}))
		if err != nil {
			t.Fatal(err)
		}
		if got := find("机械"); len(got) != 0 {
			t.Errorf("after: the old name's 机械 finds %v", got)
		}
		for _, kw := range []string{"纺织", "招工"} {
			if got := find(kw); !equalIDs(got, []int64{a.ID}) {
				t.Errorf("after: %s finds %v, want [%d]", kw, got, a.ID)
			}
		}
		// A change that leaves the text alone leaves the index alone.
		if err := db.Mutate(ctx, a.ID, step(nil)); err != nil {
			t.Fatal(err)
		}
		if got := find("纺织"); !equalIDs(got, []int64{a.ID}) {
			t.Errorf("after a second change: 纺织 finds %v", got)
		}
	})
}

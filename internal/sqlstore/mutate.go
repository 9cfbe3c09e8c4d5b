package sqlstore

import (
	"context"
	"errors"
	"fmt"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// Mutate reads appeal id with its tasks in a write transaction, locked
// against concurrent change, passes it to fn and writes the change fn
// returns: the appeal (if it is still at ch.PrevVersion), the tasks it
// touched (each at its version before the change), the new tasks, events
// and visit. The new tasks' ids are set in ch.NewTasks and in the
// aggregate's tasks that have none, in order. If fn fails, its error is
// returned unchanged and nothing is written; if any write fails, none is.
func (db *DB) Mutate(ctx context.Context, id int64, fn func(*appeal.Aggregate) (*appeal.Change, error)) error {
	return db.inWrite(ctx, "mutate", func(ctx context.Context, tx *txn) error {
		g, err := db.loadAggregate(ctx, tx, id, true)
		if err != nil {
			return err
		}
		before := g.Appeal
		ch, err := fn(g)
		if err != nil {
			return err
		}
		if ch == nil {
			return fault.Wrap(errNilChange, "sqlstore: mutate")
		}
		return db.writeChange(ctx, tx, g, &before, ch)
	})
}

var errNilChange = errors.New("the change is nil")

// writeChange writes ch, computed from g as it was (before), in tx.
func (db *DB) writeChange(ctx context.Context, tx *txn, g *appeal.Aggregate, before *appeal.Appeal, ch *appeal.Change) error {
	a := &ch.Appeal
	if a.ID != before.ID {
		return fault.Wrap(fmt.Errorf("the change is of appeal %d, not %d", a.ID, before.ID), "sqlstore: mutate")
	}
	if err := unitDeltas(ctx, tx, a.ID, -1); err != nil { // unit_counts.go: its tasks as they were
		return err
	}
	vals := append(appealValues(a)[appealMutable:], a.ID, ch.PrevVersion)
	if err := db.updateVersioned(ctx, tx, "appeals", updateAppealSQL, vals, a.ID, ch.PrevVersion); err != nil {
		return err
	}
	if err := cohortDeltas(ctx, tx, before, a); err != nil { // cohort.go
		return err
	}
	if searchChanged(before, a) {
		if err := db.indexAppeal(ctx, tx, a, true); err != nil {
			return err
		}
	}
	for i := range ch.Tasks {
		t := &ch.Tasks[i]
		// A task given a new deadline is warned again as it nears that one.
		if _, err := tx.ExecContext(ctx, `UPDATE tasks SET warned_at = NULL, overdue_at = NULL WHERE id = $1 AND reply_due <> $2`,
			t.ID, ms(t.ReplyDue)); err != nil {
			return writeErr(err, "mutate: tasks", nil)
		}
		vals := append(taskValues(t)[taskMutable:], t.ID, t.Version-1)
		if err := db.updateVersioned(ctx, tx, "tasks", updateTaskSQL, vals, t.ID, t.Version-1); err != nil {
			return err
		}
	}
	if err := insertNewTasks(ctx, tx, g, ch.NewTasks); err != nil {
		return err
	}
	if err := unitDeltas(ctx, tx, a.ID, 1); err != nil { // and as they are
		return err
	}
	for i := range ch.Events {
		e := &ch.Events[i]
		var err error
		if e.ID, err = insertID(ctx, tx, insertEventSQL, eventValues(e)...); err != nil {
			return writeErr(err, "mutate: event", nil)
		}
	}
	if err := auditEvents(ctx, tx, ch.Events); err != nil { // audit.go
		return err
	}
	for i := range ch.Events {
		if e := &ch.Events[i]; e.AppealID == a.ID {
			if err := db.writeEventNotices(ctx, tx, a, e); err != nil { // notices.go
				return err
			}
		}
	}
	if v := ch.Visit; v != nil {
		var err error
		if v.ID, err = insertID(ctx, tx, insertVisitSQL, visitValues(v)...); err != nil {
			return writeErr(err, "mutate: visit", nil)
		}
	}
	return nil
}

// updateVersioned runs an UPDATE ... WHERE id = $ AND version = $ of one row
// and reports a stale version as a Conflict that names the version found.
func (db *DB) updateVersioned(ctx context.Context, tx *txn, table, query string, vals []any, id int64, prev int) error {
	res, err := tx.ExecContext(ctx, query, vals...)
	if err != nil {
		return writeErr(err, "mutate: "+table, nil)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fault.Wrap(err, "sqlstore: mutate: "+table)
	}
	if n == 1 {
		return nil
	}
	var now int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM `+table+` WHERE id = $1`, id).Scan(&now); err != nil {
		return readErr(err, "mutate: "+table, map[string]string{"appeals": nounAppeal, "tasks": nounTask}[table])
	}
	return fault.E(fault.Conflict, "stale", prev, now)
}

// insertNewTasks inserts the new tasks and sets their ids in ts and in the
// aggregate's tasks without one, in order.
func insertNewTasks(ctx context.Context, tx *txn, g *appeal.Aggregate, ts []appeal.Task) error {
	next := 0
	for i := range ts {
		id, err := insertID(ctx, tx, insertTaskSQL, taskValues(&ts[i])...)
		if err != nil {
			return writeErr(err, "mutate: new task", nil)
		}
		ts[i].ID = id
		for ; next < len(g.Tasks); next++ {
			if g.Tasks[next].ID == 0 {
				g.Tasks[next].ID = id
				next++
				break
			}
		}
	}
	return nil
}

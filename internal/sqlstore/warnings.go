package sqlstore

import (
	"context"
	"strconv"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// Warned counts what one pass of WarnTasks found.
type Warned struct{ DueSoon, Overdue int }

// WarnTasks tells units of their tasks that have become due soon or
// overdue at now, each once: a task due soon warns its unit; an overdue one
// warns its unit and escalates to the office of its district. The
// messages are written with the marks that say they were (tasks.warned_at,
// tasks.overdue_at), in one transaction, so that a crash repeats nothing
// and loses nothing. At most limit tasks of each kind are taken per pass.
func (db *DB) WarnTasks(ctx context.Context, now time.Time, limit int) (Warned, error) {
	var w Warned
	err := db.inWrite(ctx, "warn tasks", func(ctx context.Context, tx *txn) error {
		var err error
		if w.Overdue, err = db.warn(ctx, tx, now, appeal.DueOverdue, "overdue_at", limit); err != nil {
			return err
		}
		w.DueSoon, err = db.warn(ctx, tx, now, appeal.DueSoon, "warned_at", limit)
		return err
	})
	return w, err
}

// warn sends the notices of the tasks at clock due not yet marked in
// column mark, and marks them.
func (db *DB) warn(ctx context.Context, tx *txn, now time.Time, due appeal.Due, mark string, limit int) (int, error) {
	a := &args{}
	conds := append(db.taskConditions(a, &appeal.TaskFilter{Scope: appeal.Scope{All: true}, Due: due, Now: now}), "t."+mark+" IS NULL")
	rows, err := tx.QueryContext(ctx, `SELECT t.id, t.appeal_id FROM tasks t`+whereClause(conds)+` ORDER BY t.id LIMIT `+strconv.Itoa(limit), *a...)
	if err != nil {
		return 0, fault.Wrap(err, "sqlstore: warn tasks")
	}
	type found struct{ task, appeal int64 }
	fs, err := collect(rows, "warn tasks", func(r scanner, f *found) error { return r.Scan(&f.task, &f.appeal) })
	if err != nil {
		return 0, err
	}
	kind, suffix := appeal.NoticeDueSoon, ".soon"
	if due == appeal.DueOverdue {
		kind, suffix = appeal.NoticeOverdue, ".overdue"
	}
	for _, f := range fs {
		g, err := db.loadAggregate(ctx, tx, f.appeal, false)
		if err != nil {
			return 0, err
		}
		t := g.Task(f.task)
		if t == nil {
			continue
		}
		ns := []appeal.Notice{appeal.TaskNotice(kind, &g.Appeal, t)}
		if due == appeal.DueOverdue {
			esc := appeal.TaskNotice(kind, &g.Appeal, t)
			esc.UnitID, esc.Office = 0, true
			ns = append(ns, esc)
		}
		// The cause names the deadline too: a task given more time is
		// warned again of its new one.
		cause := "t" + strconv.FormatInt(t.ID, 10) + "." + strconv.FormatInt(t.ReplyDue.UnixMilli(), 10) + suffix
		if err := db.writeNotices(ctx, tx, &g.Appeal, cause, now, ns); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tasks SET `+mark+` = $1 WHERE id = $2`, msNotNull(now), t.ID); err != nil {
			return 0, fault.Wrap(err, "sqlstore: warn tasks")
		}
	}
	return len(fs), nil
}

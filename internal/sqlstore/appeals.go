package sqlstore

import (
	"context"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// CreateAppeal inserts a and sets its ID, then writes ev (with the new id)
// and a's keyword index, all in one transaction.
func (db *DB) CreateAppeal(ctx context.Context, a *appeal.Appeal, ev *appeal.Event) error {
	terms := indexTerms(a) // here, not on the writer's goroutine
	return db.inWrite(ctx, "create appeal", func(ctx context.Context, tx *txn) error {
		return db.createAppeal(ctx, tx, a, ev, terms)
	})
}

// createAppeal is CreateAppeal in tx, with a's index terms (indexTerms);
// CreateAppealOnce (idempotency.go) calls it too.
func (db *DB) createAppeal(ctx context.Context, tx *txn, a *appeal.Appeal, ev *appeal.Event, terms []string) error {
	id, err := insertID(ctx, tx, insertAppealSQL, appealValues(a)...)
	if err != nil {
		return writeErr(err, "create appeal", nil)
	}
	a.ID = id
	if ev != nil {
		ev.AppealID = id
		if ev.ID, err = insertID(ctx, tx, insertEventSQL, eventValues(ev)...); err != nil {
			a.ID, ev.ID = 0, 0
			return writeErr(err, "create appeal: event", nil)
		}
		if err := auditEvents(ctx, tx, []appeal.Event{*ev}); err != nil { // audit.go
			a.ID, ev.ID = 0, 0
			return err
		}
		if err := db.writeEventNotices(ctx, tx, a, ev); err != nil { // notices.go
			a.ID, ev.ID = 0, 0
			return err
		}
	}
	if err := cohortDeltas(ctx, tx, nil, a); err != nil { // cohort.go
		a.ID = 0
		return err
	}
	if err := db.writeIndex(ctx, tx, a.ID, terms, false); err != nil {
		a.ID = 0
		return err
	}
	return nil
}

// Aggregate reads an appeal with all its tasks, in one snapshot.
func (db *DB) Aggregate(ctx context.Context, id int64) (*appeal.Aggregate, error) {
	var g *appeal.Aggregate
	err := db.inRead(ctx, "aggregate", func(tx *txn) error {
		var err error
		g, err = db.loadAggregate(ctx, tx, id, false)
		return err
	})
	return g, err
}

// loadAggregate reads the appeal id and its tasks by id in tx; lock asks
// PostgreSQL to lock the appeal's row against concurrent change (on SQLite
// the write transaction holds the database's write lock already).
func (db *DB) loadAggregate(ctx context.Context, tx *txn, id int64, lock bool) (*appeal.Aggregate, error) {
	q := `SELECT ` + appealSelect("") + ` FROM appeals WHERE id = $1`
	if lock && db.pg() {
		q += ` FOR UPDATE`
	}
	g := &appeal.Aggregate{}
	if err := scanAppeal(tx.QueryRowContext(ctx, q, id), &g.Appeal); err != nil {
		return nil, readErr(err, "aggregate", nounAppeal)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+taskSelect("")+` FROM tasks WHERE appeal_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: aggregate tasks")
	}
	if g.Tasks, err = collect(rows, "aggregate tasks", scanTask); err != nil {
		return nil, err
	}
	return g, nil
}

// AppealOfTask returns the id of the appeal task taskID belongs to.
func (db *DB) AppealOfTask(ctx context.Context, taskID int64) (int64, error) {
	var id int64
	err := db.readRow(ctx, `SELECT appeal_id FROM tasks WHERE id = $1`, taskID).Scan(&id)
	if err != nil {
		return 0, readErr(err, "appeal of task", nounTask)
	}
	return id, nil
}

// Timeline returns the events of appeal id, oldest first. An appeal without
// events (none exists) is NotFound.
func (db *DB) Timeline(ctx context.Context, id int64) ([]appeal.Event, error) {
	var evs []appeal.Event
	err := db.inRead(ctx, "timeline", func(tx *txn) error {
		if err := db.exists(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, `+joinColumns(eventColumns)+` FROM appeal_events
			WHERE appeal_id = $1 ORDER BY id`, id)
		if err != nil {
			return fault.Wrap(err, "sqlstore: timeline")
		}
		evs, err = collect(rows, "timeline", scanEvent)
		return err
	})
	return evs, err
}

// Visits returns the return visits of appeal id, oldest first.
func (db *DB) Visits(ctx context.Context, id int64) ([]appeal.Visit, error) {
	var vs []appeal.Visit
	err := db.inRead(ctx, "visits", func(tx *txn) error {
		if err := db.exists(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, `+joinColumns(visitColumns)+` FROM visits
			WHERE appeal_id = $1 ORDER BY id`, id)
		if err != nil {
			return fault.Wrap(err, "sqlstore: visits")
		}
		vs, err = collect(rows, "visits", scanVisit)
		return err
	})
	return vs, err
}

// exists returns NotFound unless appeal id exists.
func (db *DB) exists(ctx context.Context, q querier, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM appeals WHERE id = $1`, id).Scan(&one)
	return readErr(err, "appeal", nounAppeal)
}

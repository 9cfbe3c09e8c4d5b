package sqlstore

import (
	"context"
	"strconv"
	"time"

	"zhitong/internal/fault"
	"zhitong/internal/report"
)

var _ report.ContestStore = (*DB)(nil)

const contestColumns = `id, task_id, appeal_id, unit_id, district_id, charge, reason, state, created_by, created_at, decided_by, decided_at, decision`

func scanContest(r scanner, c *report.Contest) error {
	return r.Scan(&c.ID, &c.TaskID, &c.AppealID, &c.UnitID, &c.DistrictID, &c.Charge, &c.Reason, &c.State, &c.CreatedBy,
		timeOf{&c.CreatedAt}, nullID{&c.DecidedBy}, nullTime{&c.DecidedAt}, &c.Decision)
}

// TaskRef reads what a contest needs of task id.
func (db *DB) TaskRef(ctx context.Context, id int64) (report.TaskRef, error) {
	t := report.TaskRef{ID: id}
	err := db.readRow(ctx, `SELECT appeal_id, unit_id, district_id FROM tasks WHERE id = $1`, id).Scan(&t.AppealID, &t.UnitID, &t.DistrictID)
	if err != nil {
		return t, readErr(err, "task", nounTask)
	}
	return t, nil
}

// CreateContest inserts c and sets its id; a live contest of the same task
// and charge is a Conflict.
func (db *DB) CreateContest(ctx context.Context, c *report.Contest) error {
	return db.inWrite(ctx, "create contest", func(ctx context.Context, tx *txn) error {
		id, err := insertID(ctx, tx, `INSERT INTO contests (task_id, appeal_id, unit_id, district_id, charge, reason, state, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, c.TaskID, c.AppealID, c.UnitID, c.DistrictID, string(c.Charge),
			c.Reason, c.State, c.CreatedBy, msNotNull(c.CreatedAt))
		if err != nil {
			return writeErr(err, "create contest", fault.E(fault.Conflict, "contest.dup"))
		}
		c.ID = id
		return nil
	})
}

// DecideContest records the decision of pending contest id.
func (db *DB) DecideContest(ctx context.Context, id int64, state string, by int64, at time.Time, decision string) (*report.Contest, error) {
	var c report.Contest
	err := db.inWrite(ctx, "decide contest", func(ctx context.Context, tx *txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE contests SET state = $1, decided_by = $2, decided_at = $3, decision = $4
			WHERE id = $5 AND state = 'pending'`, state, by, msNotNull(at), decision, id)
		if err != nil {
			return fault.Wrap(err, "sqlstore: decide contest")
		}
		if n, err := res.RowsAffected(); err != nil {
			return fault.Wrap(err, "sqlstore: decide contest")
		} else if n == 0 {
			return fault.E(fault.Conflict, "contest.decided")
		}
		return scanContest(tx.QueryRowContext(ctx, `SELECT `+contestColumns+` FROM contests WHERE id = $1`, id), &c)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Contest reads contest id.
func (db *DB) Contest(ctx context.Context, id int64) (*report.Contest, error) {
	var c report.Contest
	if err := scanContest(db.readRow(ctx, `SELECT `+contestColumns+` FROM contests WHERE id = $1`, id), &c); err != nil {
		return nil, readErr(err, "contest", nounContest)
	}
	return &c, nil
}

// Contests lists the contests of districts (nil: all) or of unit, pending
// first, newest first.
func (db *DB) Contests(ctx context.Context, districts []int64, unit int64, limit int) ([]report.Contest, error) {
	a := &args{}
	where := "1 = 1"
	switch {
	case unit > 0:
		where = "unit_id = " + a.add(unit)
	case districts != nil && len(districts) == 0:
		return []report.Contest{}, nil
	case districts != nil:
		where = "district_id IN (" + list(a, districts) + ")"
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+contestColumns+` FROM contests WHERE `+where+`
		ORDER BY CASE WHEN state = 'pending' THEN 0 ELSE 1 END, id DESC LIMIT `+strconv.Itoa(limit), *a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: contests")
	}
	return collect(rows, "contests", scanContest)
}

// Granted counts the granted contests of the tasks of the cohort q, per
// unit and charge.
func (db *DB) Granted(ctx context.Context, q report.Query) (map[int64]map[report.Charge]int, error) {
	a := args{msNotNull(q.From), msNotNull(q.To)}
	query := `SELECT c.unit_id, c.charge, COUNT(*) FROM contests c JOIN appeals a ON a.id = c.appeal_id
		WHERE c.state = 'granted' AND a.created_at >= $1 AND a.created_at < $2`
	if q.Districts != nil {
		if len(q.Districts) == 0 {
			return map[int64]map[report.Charge]int{}, nil
		}
		query += " AND a.district_id IN (" + list(&a, q.Districts) + ")"
	}
	rows, err := db.read.QueryContext(ctx, query+" GROUP BY c.unit_id, c.charge", a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: granted contests")
	}
	defer rows.Close()
	out := map[int64]map[report.Charge]int{}
	for rows.Next() {
		var unit int64
		var charge report.Charge
		var n int
		if err := rows.Scan(&unit, &charge, &n); err != nil {
			return nil, fault.Wrap(err, "sqlstore: granted contests")
		}
		if out[unit] == nil {
			out[unit] = map[report.Charge]int{}
		}
		out[unit][charge] = n
	}
	return out, fault.Wrap(rows.Err(), "sqlstore: granted contests")
}

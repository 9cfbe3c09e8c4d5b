package sqlstore

import (
	"context"
	"strconv"
	"time"

	"zhitong/internal/accountability"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

var _ accountability.Store = (*DB)(nil)

const caseColumns = `id, district_id, unit_id, appeal_id, title, facts, handling, created_by, created_at, published_at, published_by`

func scanCase(r scanner, c *accountability.Case) error {
	return r.Scan(&c.ID, &c.DistrictID, &c.UnitID, nullID{&c.AppealID}, &c.Title, &c.Facts, &c.Handling, &c.CreatedBy,
		timeOf{&c.CreatedAt}, nullTime{&c.PublishedAt}, nullID{&c.PublishedBy})
}

// CreateCase inserts c and sets its id.
func (db *DB) CreateCase(ctx context.Context, c *accountability.Case) error {
	return db.inWrite(ctx, "create case", func(ctx context.Context, tx *txn) error {
		id, err := insertID(ctx, tx, `INSERT INTO cases (district_id, unit_id, appeal_id, title, facts, handling, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, c.DistrictID, c.UnitID, nullable(c.AppealID), c.Title, c.Facts,
			c.Handling, c.CreatedBy, msNotNull(c.CreatedAt))
		if err != nil {
			return writeErr(err, "create case", nil)
		}
		c.ID = id
		return nil
	})
}

// Case reads case id.
func (db *DB) Case(ctx context.Context, id int64) (*accountability.Case, error) {
	var c accountability.Case
	if err := scanCase(db.readRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = $1`, id), &c); err != nil {
		return nil, readErr(err, "case", nounCase)
	}
	return &c, nil
}

// PublishCase publishes case id.
func (db *DB) PublishCase(ctx context.Context, id, by int64, at time.Time) error {
	return db.inWrite(ctx, "publish case", func(ctx context.Context, tx *txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE cases SET published_at = $1, published_by = $2 WHERE id = $3 AND published_at IS NULL`,
			msNotNull(at), by, id)
		if err != nil {
			return fault.Wrap(err, "sqlstore: publish case")
		}
		if n, err := res.RowsAffected(); err != nil {
			return fault.Wrap(err, "sqlstore: publish case")
		} else if n == 0 {
			return fault.E(fault.Conflict, "case.published")
		}
		return nil
	})
}

// Cases lists cases, newest first.
func (db *DB) Cases(ctx context.Context, districts []int64, unit int64, published bool, limit int) ([]accountability.Case, error) {
	a := &args{}
	where := "1 = 1"
	if districts != nil {
		if len(districts) == 0 {
			return []accountability.Case{}, nil
		}
		where += " AND district_id IN (" + list(a, districts) + ")"
	}
	if unit > 0 {
		where += " AND unit_id = " + a.add(unit)
	}
	if published {
		where += " AND published_at IS NOT NULL"
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+where+` ORDER BY id DESC LIMIT `+strconv.Itoa(limit), *a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: cases")
	}
	return collect(rows, "cases", scanCase)
}

// PublishedCases counts, per unit, the cases of q's districts published in
// q's period: what the assessment charges.
func (db *DB) PublishedCases(ctx context.Context, q report.Query) (map[int64]int, error) {
	a := args{msNotNull(q.From), msNotNull(q.To)}
	query := `SELECT unit_id, COUNT(*) FROM cases WHERE published_at >= $1 AND published_at < $2`
	if q.Districts != nil {
		if len(q.Districts) == 0 {
			return map[int64]int{}, nil
		}
		query += " AND district_id IN (" + list(&a, q.Districts) + ")"
	}
	rows, err := db.read.QueryContext(ctx, query+" GROUP BY unit_id", a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: published cases")
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var u int64
		var n int
		if err := rows.Scan(&u, &n); err != nil {
			return nil, fault.Wrap(err, "sqlstore: published cases")
		}
		out[u] = n
	}
	return out, fault.Wrap(rows.Err(), "sqlstore: published cases")
}

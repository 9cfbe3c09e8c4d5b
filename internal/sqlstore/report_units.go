package sqlstore

import (
	"context"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

var _ report.UnitStore = (*DB)(nil)

// unitFigures are the figures unitCountsSQL counts, in the order of the
// fields of report.UnitCounts it scans them into.
var unitFigures = []appeal.TaskFigure{appeal.FigureAssigned, appeal.FigureResponded, appeal.FigureDue, appeal.FigureOnTime,
	appeal.FigureOverdue, appeal.FigureOpenOverdue, appeal.FigureReturned, appeal.FigureReturnedLate, appeal.FigureRedone,
	appeal.FigureReminded, appeal.FigureSupervised, appeal.FigureUnanswered, appeal.FigureExtended, appeal.FigureRated}

// unitCountsSQL counts each unit's tasks of the cohort at the as-of time
// ($1) under the rules of report.UnitCounts, each figure by its condition
// (figures.go), which the worklists filter by too; the cohort's
// conditions follow WHERE. Only the rates are left to Go.
var unitCountsSQL = func() string {
	asOf := func() string { return "$1" }
	rated := figure(appeal.FigureRated, asOf)
	return `SELECT t.unit_id, n.name, n.kind, n.assessed,
	` + countFigures(unitFigures, asOf) + `,
	SUM(CASE WHEN ` + rated + ` AND a.satisfaction = 'satisfied' THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + rated + ` AND a.satisfaction = 'fair' THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + rated + ` AND a.resolved THEN 1 ELSE 0 END)
FROM tasks t JOIN appeals a ON a.id = t.appeal_id JOIN units n ON n.id = t.unit_id
WHERE ` + notCancelled + ` AND a.created_at >= $2 AND a.created_at < $3`
}()

// UnitCounts returns the counts of every unit with a task of the cohort q
// at asOf.
// A period that begins and ends at midnight is read from the units'
// counters (unit_counts.go); another from the tasks themselves.
func (db *DB) UnitCounts(ctx context.Context, q report.Query, asOf time.Time) ([]report.UnitCounts, error) {
	if q.Districts != nil && len(q.Districts) == 0 {
		return []report.UnitCounts{}, nil
	}
	if from, to, ok := aligned(q); ok {
		var out []report.UnitCounts
		err := db.inRead(ctx, "unit counts", func(tx *txn) (err error) {
			out, err = countedUnits(ctx, tx, q, asOf, from, to)
			return err
		})
		return out, err
	}
	return db.scanUnitCounts(ctx, q, asOf)
}

// scanUnitCounts is UnitCounts from the cohort's tasks.
func (db *DB) scanUnitCounts(ctx context.Context, q report.Query, asOf time.Time) ([]report.UnitCounts, error) {
	a := args{msNotNull(asOf), msNotNull(q.From), msNotNull(q.To)}
	query := unitCountsSQL
	if q.Districts != nil {
		if len(q.Districts) == 0 {
			return []report.UnitCounts{}, nil
		}
		query += " AND a.district_id IN (" + list(&a, q.Districts) + ")"
	}
	query += " GROUP BY t.unit_id, n.name, n.kind, n.assessed"
	rows, err := db.read.QueryContext(ctx, query, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: unit counts")
	}
	return collect(rows, "unit counts", func(r scanner, c *report.UnitCounts) error {
		return r.Scan(&c.UnitID, &c.Name, &c.Kind, &c.Assessed, &c.Assigned, &c.Responded, &c.Due, &c.OnTime, &c.Overdue,
			&c.OpenOverdue, &c.Returned, &c.ReturnedLate, &c.Redone, &c.Reminders, &c.Supervised, &c.Unanswered, &c.Extended,
			&c.Rated, &c.Satisfied, &c.Fair, &c.Resolved)
	})
}

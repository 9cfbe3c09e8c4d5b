package sqlstore

import (
	"context"
	"time"

	"zhitong/internal/fault"
	"zhitong/internal/report"
)

var _ report.UnitStore = (*DB)(nil)

// unitCountsSQL counts each unit's tasks of the cohort at the as-of time
// ($1) under the rules of report.UnitCounts; the cohort's conditions
// follow WHERE. Only the rates are left to Go.
const unitCountsSQL = `SELECT t.unit_id, n.name, n.kind, n.assessed,
	COUNT(*),
	SUM(CASE WHEN (t.accepted_at IS NOT NULL AND (t.accept_due IS NULL OR t.accepted_at <= t.accept_due))
		OR (t.returned_at IS NOT NULL AND (t.accept_due IS NULL OR t.returned_at <= t.accept_due)) THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.state <> 'returned' AND (t.replied_at IS NOT NULL
		OR (t.reply_due IS NOT NULL AND t.reply_due < $1 AND t.paused_at IS NULL)) THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.state <> 'returned' AND t.replied_at IS NOT NULL AND (t.reply_due IS NULL OR t.replied_at <= t.reply_due) THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.state IN ('pending', 'handling') AND t.reply_due IS NOT NULL AND t.reply_due < $1 AND t.paused_at IS NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.state = 'returned' THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.state = 'returned' AND t.accept_due IS NOT NULL AND t.returned_at > t.accept_due THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.redone THEN 1 ELSE 0 END),
	SUM(t.reminders),
	SUM(CASE WHEN t.supervised_at IS NOT NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.supervised_at IS NOT NULL AND t.responded_at IS NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN t.extra_days > 0 THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + finalLead + ` THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + finalLead + ` AND a.satisfaction = 'satisfied' THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + finalLead + ` AND a.satisfaction = 'fair' THEN 1 ELSE 0 END),
	SUM(CASE WHEN ` + finalLead + ` AND a.resolved THEN 1 ELSE 0 END)
FROM tasks t JOIN appeals a ON a.id = t.appeal_id JOIN units n ON n.id = t.unit_id
WHERE t.state <> 'cancelled' AND a.created_at >= $2 AND a.created_at < $3`

// finalLead is a task whose reply closed its appeal, rated on the final
// visit: the done lead task of the appeal's last round.
const finalLead = `(t.role = 'lead' AND t.round = a.round AND t.state = 'done' AND a.state = 'closed'
	AND NOT a.unreachable AND NOT a.unreasonable AND a.satisfaction <> '')`

// UnitCounts returns the counts of every unit with a task of the cohort q
// at asOf.
func (db *DB) UnitCounts(ctx context.Context, q report.Query, asOf time.Time) ([]report.UnitCounts, error) {
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
		err := r.Scan(&c.UnitID, &c.Name, &c.Kind, &c.Assessed, &c.Assigned, &c.Responded, &c.Due, &c.OnTime, &c.OpenOverdue,
			&c.Returned, &c.ReturnedLate, &c.Redone, &c.Reminders, &c.Supervised, &c.Unanswered, &c.Extended,
			&c.Rated, &c.Satisfied, &c.Fair, &c.Resolved)
		c.Overdue = c.Due - c.OnTime
		return err
	})
}

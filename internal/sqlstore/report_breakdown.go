package sqlstore

import (
	"context"
	"strconv"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

var _ report.BreakdownStore = (*DB)(nil)

// Breakdown returns the groups of the cohort q by type, by category and
// by township, each with the facts the counting rules look at, and the
// names of the categories and townships. It reads the cohort's appeals
// themselves: a district's month is some thousands of rows.
func (db *DB) Breakdown(ctx context.Context, q report.Query) ([]report.Part, error) {
	var out []report.Part
	err := db.inRead(ctx, "breakdown", func(tx *txn) error {
		for _, d := range []struct{ dim, col, name string }{
			{"type", "a.type", "''"},
			{"category", "COALESCE(a.category_id, 0)", "COALESCE(c.name, '')"},
			{"territory", "COALESCE(a.territory_id, 0)", "COALESCE(n.name, '')"},
		} {
			a := args{msNotNull(q.From), msNotNull(q.To)}
			query := `SELECT ` + d.col + `, ` + d.name + `, a.channel, a.route, a.state, a.satisfaction, a.resolved, a.unreachable, a.unreasonable, COUNT(*)
				FROM appeals a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN units n ON n.id = a.territory_id
				WHERE a.created_at >= $1 AND a.created_at < $2`
			if q.Districts != nil {
				if len(q.Districts) == 0 {
					return nil
				}
				query += " AND a.district_id IN (" + list(&a, q.Districts) + ")"
			}
			query += " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
			rows, err := tx.QueryContext(ctx, query, a...)
			if err != nil {
				return fault.Wrap(err, "sqlstore: breakdown")
			}
			parts, err := collect(rows, "breakdown", func(r scanner, p *report.Part) error {
				var key any
				if d.dim == "type" {
					key = &p.Key
				} else {
					key = new(int64)
				}
				if err := r.Scan(key, &p.Name, &p.Channel, &p.Route, &p.State, &p.Satisfaction, &p.Resolved, &p.Unreachable, &p.Unreasonable, &p.N); err != nil {
					return err
				}
				if id, ok := key.(*int64); ok {
					p.Key = strconv.FormatInt(*id, 10)
				} else {
					p.Name = appeal.TypeName(appeal.Type(p.Key))
				}
				p.Dim = d.dim
				return nil
			})
			if err != nil {
				return err
			}
			out = append(out, parts...)
		}
		return nil
	})
	return out, err
}

var _ report.TrendStore = (*DB)(nil)

// Trend returns how many appeals of the cohort q were registered each day,
// merged duplicates left out, from the day counters and the deltas not yet
// folded (whole days only, as the counters count).
func (db *DB) Trend(ctx context.Context, q report.Query) ([]report.Day, error) {
	var out []report.Day
	err := db.inRead(ctx, "trend", func(tx *txn) error {
		regions, err := regionsOf(ctx, tx, q.Districts)
		if err != nil {
			return err
		}
		var a args
		inRegions, inDistricts := cohortScope(&a, regions, q.Districts)
		from, to := a.add(dayOf(q.From)), a.add(dayOf(q.To))
		rows, err := tx.QueryContext(ctx, `SELECT day, CAST(sum(n) AS BIGINT) FROM (
				SELECT day, n FROM cohort_days WHERE `+inRegions+`state <> 'merged' AND day >= `+from+` AND day < `+to+`
				UNION ALL
				SELECT day, n FROM cohort_deltas WHERE `+inDistricts+`state <> 'merged' AND day >= `+from+` AND day < `+to+`) AS c
			GROUP BY day ORDER BY day`, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: trend")
		}
		out, err = collect(rows, "trend", func(r scanner, d *report.Day) error {
			var day int64
			if err := r.Scan(&day, &d.N); err != nil {
				return err
			}
			d.Date = time.UnixMilli(day * dayMS).UTC().Format(time.DateOnly) // a CST day's UTC date is its CST date
			return nil
		})
		return err
	})
	return out, err
}

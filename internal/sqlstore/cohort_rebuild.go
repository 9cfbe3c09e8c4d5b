package sqlstore

import (
	"context"
	"database/sql"
	"maps"
	"time"

	"zhitong/internal/fault"
)

// Counting the report's counters anew from the appeals and tasks
// themselves: for a database filled without the store, to repair counters
// that drifted, and as the hooks of the migrations that made them.

// RebuildCohort counts every appeal anew into the counters — the
// summary's, the breakdowns' and the units' — which it empties with their
// deltas first (emptyCounters): for a database filled without the store
// (bench load), and to repair counters that drifted.
func (db *DB) RebuildCohort(ctx context.Context) error {
	return db.inWriteAlone(ctx, "rebuild cohort", func(ctx context.Context, tx *txn) error {
		return rebuildCohort(ctx, db, tx)
	})
}

// rebuildCohort is RebuildCohort in tx.
func rebuildCohort(ctx context.Context, db *DB, tx *txn) error {
	if err := rebuildSummary(ctx, db, tx); err != nil {
		return err
	}
	if err := countParts(ctx, db, tx); err != nil {
		return err
	}
	return rebuildUnits(ctx, db, tx) // unit_counts.go
}

// rebuildSummary counts the summary's counters anew, its deltas dropped:
// the hook of migration 0016, which remade them (before the breakdowns'
// existed).
func rebuildSummary(ctx context.Context, db *DB, tx *txn) error {
	if err := emptyCounters(ctx, db, tx, "cohort_deltas", `DELETE FROM cohort_deltas`, `DELETE FROM cohort_days`,
		`DELETE FROM cohort_months`); err != nil {
		return err
	}
	sums, err := recount(ctx, tx, nil, time.Time{}, time.Time{}, summaryDim)
	if err != nil {
		return err
	}
	return addCounts(ctx, tx, sums)
}

// countParts counts the breakdowns' counters anew, their deltas dropped:
// the hook of migration 0021, which made them as they are.
func countParts(ctx context.Context, db *DB, tx *txn) error {
	if err := emptyCounters(ctx, db, tx, "cohort_deltas", `DELETE FROM cohort_deltas WHERE dim <> ''`, `DELETE FROM cohort_parts`); err != nil {
		return err
	}
	sums, err := recount(ctx, tx, nil, time.Time{}, time.Time{}, partDims)
	if err != nil {
		return err
	}
	return addCounts(ctx, tx, sums)
}

// recount counts the appeals of districts (nil: all) registered in [from,
// to) (zero times: ever) into their counters of dims, from the appeals alone.
func recount(ctx context.Context, q querier, districts []int64, from, to time.Time, dims []string) (map[cohortKey]int64, error) {
	sums := map[cohortKey]int64{}
	for _, dim := range dims {
		var a args
		day := `(created_at + ` + a.add(int64(cstMS)) + `) / ` + a.add(int64(dayMS))
		var conds []string
		if districts != nil {
			conds = append(conds, "district_id IN ("+list(&a, districts)+")")
		}
		if !from.IsZero() || !to.IsZero() {
			conds = append(conds, "created_at >= "+a.add(from.UnixMilli()), "created_at < "+a.add(to.UnixMilli()))
		}
		facts := groupColumns
		if dim != "" {
			facts = "'', '', " + partColumns
		}
		rows, err := q.QueryContext(ctx, `SELECT district_id, `+day+`, `+a.add(dim)+`, `+partOf(dim)+`, `+facts+`, count(*)
			FROM appeals`+whereClause(conds)+` GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`, a...)
		if err != nil {
			return nil, fault.Wrap(err, "sqlstore: recount cohort")
		}
		got, _, err := sumCounts(rows, "recount cohort")
		if err != nil {
			return nil, err
		}
		maps.Copy(sums, got)
	}
	return sums, nil
}

// sumCounts reads rows of a counter's columns and a number, adds the
// numbers by counter, and closes rows; n is how many rows it read.
func sumCounts(rows *sql.Rows, op string) (sums map[cohortKey]int64, n int, err error) {
	defer rows.Close()
	sums = map[cohortKey]int64{}
	for rows.Next() {
		var k cohortKey
		var d int64
		if err := rows.Scan(append(k.dest(), &d)...); err != nil {
			return nil, 0, fault.Wrap(err, "sqlstore: "+op)
		}
		sums[k] += d
		n++
	}
	return sums, n, fault.Wrap(rows.Err(), "sqlstore: "+op)
}

// emptyCounters runs deletes, the emptying of counters and their deltas
// before they are counted anew; on PostgreSQL it first locks the table of
// deltas against writers for the rest of tx, so that no change falls
// between the count and the counters.
func emptyCounters(ctx context.Context, db *DB, tx *txn, deltas string, deletes ...string) error {
	if db.pg() {
		if _, err := tx.ExecContext(ctx, `LOCK TABLE `+deltas+` IN EXCLUSIVE MODE`); err != nil {
			return fault.Wrap(err, "sqlstore: rebuild counters")
		}
	}
	for _, q := range deletes {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fault.Wrap(err, "sqlstore: rebuild counters")
		}
	}
	return nil
}

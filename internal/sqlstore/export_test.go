package sqlstore

import (
	"context"
	"time"

	"zhitong/internal/report"
)

// ScanUnitCounts counts the units' figures from the tasks themselves, for
// the tests that compare the counters with them.
func ScanUnitCounts(db *DB, ctx context.Context, q report.Query, asOf time.Time) ([]report.UnitCounts, error) {
	return db.scanUnitCounts(ctx, q, asOf)
}

// Unapply0020 takes migration 0020 back (its tables and its record), so
// that a test can apply it again over existing tasks.
func Unapply0020(db *DB, ctx context.Context) error {
	return db.inWriteAlone(ctx, "unapply 0020", func(ctx context.Context, tx *txn) error {
		for _, q := range []string{`DELETE FROM schema_migrations WHERE name = '0020_unit_counts'`, `DROP TABLE unit_deltas`,
			`DROP TABLE unit_days`, `DROP TABLE unit_months`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
}

// IndexNamesAnew empties the index of similar names and fills it as
// migration 0027's hook does for the entities registered before it.
func IndexNamesAnew(db *DB, ctx context.Context) error {
	return db.inWriteAlone(ctx, "0027's hook", func(ctx context.Context, tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_name_pairs`); err != nil {
			return err
		}
		return indexNames(ctx, db, tx)
	})
}

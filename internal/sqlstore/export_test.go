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

// MoveReference moves the rows of table.column from entity from to to as a
// merge does, unique being the other columns of a unique key with column.
func MoveReference(db *DB, ctx context.Context, table, column string, unique []string, from, to int64) (int, error) {
	var n int
	err := db.inWrite(ctx, "move reference", func(ctx context.Context, tx *txn) error {
		var err error
		n, err = moveReference(ctx, tx, reference{table: table, column: column, unique: unique}, from, to)
		return err
	})
	return n, err
}

// Exec runs a statement of a test's own (a table of its own).
func Exec(db *DB, ctx context.Context, query string) error {
	return db.inWriteAlone(ctx, "test statement", func(ctx context.Context, tx *txn) error {
		_, err := tx.ExecContext(ctx, query)
		return err
	})
}

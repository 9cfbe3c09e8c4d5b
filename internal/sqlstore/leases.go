package sqlstore

import (
	"context"
	"time"

	"zhitong/internal/fault"
	"zhitong/internal/schedule"
)

var _ schedule.Leases = (*DB)(nil)

// TakeLease gives job name to holder until until if its lease has ended at
// now (or it has none). One statement: on PostgreSQL two instances taking
// the same lease at once queue on its row, and the second finds it taken.
func (db *DB) TakeLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error) {
	var taken bool
	err := db.inWrite(ctx, "take lease", func(ctx context.Context, tx *txn) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO job_leases (name, holder, until, last_run) VALUES ($1, $2, $3, $4)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until, last_run = excluded.last_run
			WHERE job_leases.until <= $4`, name, holder, msNotNull(until), msNotNull(now))
		if err != nil {
			return fault.Wrap(err, "sqlstore: take lease "+name)
		}
		n, err := res.RowsAffected()
		taken = n == 1
		return fault.Wrap(err, "sqlstore: take lease "+name)
	})
	return taken, err
}

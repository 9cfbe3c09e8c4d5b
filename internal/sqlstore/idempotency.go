package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// The registrations remembered under idempotency keys (package appeal,
// idempotency.go): the key is written in the appeal's transaction, so that
// an appeal acknowledged to a client and its key are committed together or
// not at all.

// pruneEvery is how often, in appeals created under a key, the keys older
// than the time kept are pruned: often enough to keep the table small, not
// on every registration.
const pruneEvery = 64

// CreateAppealOnce implements appeal.Store.
func (db *DB) CreateAppealOnce(ctx context.Context, a *appeal.Appeal, ev *appeal.Event, r *appeal.Remembered, since time.Time) (int64, error) {
	var replay int64
	terms := indexTerms(a) // here, not on the writer's goroutine
	err := db.inWrite(ctx, "create appeal once", func(ctx context.Context, tx *txn) error {
		old, err := remembered(ctx, tx, r.Actor, r.Key, since)
		switch {
		case err == nil && old.Hash != r.Hash:
			return fault.E(fault.Conflict, "idem.mismatch")
		case err == nil:
			replay = old.AppealID
			return nil
		case !fault.Is(err, fault.NotFound):
			return err
		}
		// A key older than since is forgotten: its row makes way. (Only an
		// old one: on PostgreSQL a concurrent request's key may have been
		// committed since the look-up, and must stay to refuse this one.)
		if _, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE actor = $1 AND idem_key = $2 AND created_at < $3`,
			r.Actor, r.Key, since.UnixMilli()); err != nil {
			return fault.Wrap(err, "sqlstore: idempotency: forget")
		}
		if err := db.createAppeal(ctx, tx, a, ev, terms); err != nil {
			return err
		}
		r.AppealID = a.ID
		if _, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (actor, idem_key, request_hash, appeal_id, created_at)
			VALUES ($1, $2, $3, $4, $5)`, r.Actor, r.Key, r.Hash, r.AppealID, msNotNull(r.At)); err != nil {
			a.ID, r.AppealID = 0, 0
			return writeErr(err, "idempotency: remember", fault.E(fault.Conflict, "idem.busy"))
		}
		if a.ID%pruneEvery == 0 {
			_, err := pruneIdempotency(ctx, tx, since)
			return err
		}
		return nil
	})
	if err != nil {
		a.ID = 0
		return 0, err
	}
	return replay, nil
}

// Remembered implements appeal.Store.
func (db *DB) Remembered(ctx context.Context, actor, key string, since time.Time) (*appeal.Remembered, error) {
	return remembered(ctx, reader{db}, actor, key, since)
}

func remembered(ctx context.Context, q querier, actor, key string, since time.Time) (*appeal.Remembered, error) {
	r := &appeal.Remembered{Actor: actor, Key: key}
	err := q.QueryRowContext(ctx, `SELECT request_hash, appeal_id, created_at FROM idempotency_keys
		WHERE actor = $1 AND idem_key = $2 AND created_at >= $3`, actor, key, since.UnixMilli()).
		Scan(&r.Hash, &r.AppealID, timeOf{&r.At})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fault.E(fault.NotFound, "not_found", fault.Noun(nounAppeal))
	}
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: idempotency")
	}
	return r, nil
}

// PruneIdempotency deletes the keys remembered before before and returns
// how many it deleted.
func (db *DB) PruneIdempotency(ctx context.Context, before time.Time) (n int64, err error) {
	err = db.inWrite(ctx, "prune idempotency keys", func(ctx context.Context, tx *txn) error {
		n, err = pruneIdempotency(ctx, tx, before)
		return err
	})
	return n, err
}

func pruneIdempotency(ctx context.Context, tx *txn, before time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < $1`, before.UnixMilli())
	if err != nil {
		return 0, fault.Wrap(err, "sqlstore: prune idempotency keys")
	}
	n, err := res.RowsAffected()
	return n, fault.Wrap(err, "sqlstore: prune idempotency keys")
}

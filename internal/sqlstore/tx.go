package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"zhitong/internal/fault"
)

// querier is what both a pool and a transaction offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inWrite runs fn in one write transaction, committed if fn succeeds and
// rolled back otherwise; fn's error is returned unchanged. On SQLite the
// transaction is the committer's (commit.go): fn runs in a savepoint of a
// transaction shared with the writes waiting at the same time, begun
// IMMEDIATE on the writer connection, and inWrite returns once it is
// committed. fn is given ctx without its cancellation.
func (db *DB) inWrite(ctx context.Context, op string, fn func(ctx context.Context, tx *txn) error) error {
	if db.commits != nil {
		return db.commits.do(ctx, op, false, fn)
	}
	return db.inOwnWrite(ctx, op, fn)
}

// inWriteAlone is inWrite in a transaction that nothing else shares: for
// migrations, whose statements are not for a savepoint of someone else's.
func (db *DB) inWriteAlone(ctx context.Context, op string, fn func(ctx context.Context, tx *txn) error) error {
	if db.commits != nil {
		return db.commits.do(ctx, op, true, fn)
	}
	return db.inOwnWrite(ctx, op, fn)
}

// inOwnWrite runs fn in a transaction of its own on the write pool.
func (db *DB) inOwnWrite(ctx context.Context, op string, fn func(ctx context.Context, tx *txn) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fault.Wrap(err, "sqlstore: "+op+": begin")
	}
	if err := fn(ctx, &txn{Tx: tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fault.Wrap(err, "sqlstore: "+op+": commit")
	}
	return nil
}

// inRead runs fn in one read-only transaction, so that what it reads in
// several statements is one snapshot.
func (db *DB) inRead(ctx context.Context, op string, fn func(tx *txn) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: db.pg()})
	if err != nil {
		return fault.Wrap(err, "sqlstore: "+op+": begin")
	}
	err = fn(&txn{Tx: tx, stmts: db.reads})
	tx.Rollback()
	db.reads.prepareNoted(ctx)
	return err
}

// insertID runs an INSERT ... RETURNING id and returns the id.
func insertID(ctx context.Context, q querier, query string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, query, args...).Scan(&id)
	return id, err
}

// args collects the arguments of a query as it is built, numbering the
// placeholders in order.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// list appends the values and returns their placeholders, comma-separated.
func list[T any](a *args, vs []T) string {
	ps := make([]string, len(vs))
	for i, v := range vs {
		ps[i] = a.add(v)
	}
	return strings.Join(ps, ", ")
}

// collect scans every row with scan and closes rows. No rows is an empty
// slice, not nil, so that an empty list is [] in JSON.
func collect[T any](rows *sql.Rows, op string, scan func(r scanner, v *T) error) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, fault.Wrap(err, "sqlstore: "+op)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fault.Wrap(err, "sqlstore: "+op)
	}
	return out, nil
}

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

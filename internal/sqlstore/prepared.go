package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements on SQLite. The SQLite driver parses a statement's
// text on every call; the store's statements are few and run many times a
// second, and parsing them cost the writer as much as writing the rows. A
// txn keeps each statement prepared on its pool, so that it is parsed once
// per connection. (pgx keeps its own statement cache on each PostgreSQL
// connection, so there a txn is its transaction alone.)

// txn is a transaction of the store: a *sql.Tx whose queries use the
// statements prepared on its pool.
type txn struct {
	*sql.Tx
	stmts *stmtCache // nil: no statement is kept
}

// ExecContext runs query in the transaction, prepared once.
func (t *txn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

// QueryContext runs query in the transaction, prepared once.
func (t *txn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query in the transaction, prepared once.
func (t *txn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// stmt returns query's statement for this transaction, or nil when none is
// kept yet (the query then runs unprepared).
func (t *txn) stmt(ctx context.Context, query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	st := t.stmts.get(query)
	if st == nil {
		return nil
	}
	return t.Tx.StmtContext(ctx, st)
}

// maxStatements bounds the statements a pool keeps: the store's own are a
// few dozen, but lists build their text from the filters they are given.
const maxStatements = 256

// stmtCache is the statements prepared on one pool, by their text. A query
// not yet prepared is noted, and prepared by prepareNoted, which is called
// when the caller holds none of the pool's connections: preparing on a
// pool takes a connection of it, and the writer's pool has only one.
type stmtCache struct {
	pool  *sql.DB
	mu    sync.Mutex
	m     map[string]*sql.Stmt
	noted map[string]bool
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}, noted: map[string]bool{}}
}

// get returns the statement of query, or nil (and notes the query) when it
// is not prepared yet.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.m[query]
	if !ok && len(c.noted) < maxStatements {
		c.noted[query] = true
	}
	return st
}

// prepareNoted prepares the queries noted since it last ran. When the
// cache is full, a statement makes way for each (database/sql closes it
// once no connection is using it). A query that cannot be prepared is
// dropped: it runs unprepared, and fails there with its own error.
func (c *stmtCache) prepareNoted(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if len(c.noted) == 0 {
		c.mu.Unlock()
		return
	}
	noted := c.noted
	c.noted = map[string]bool{}
	c.mu.Unlock()
	for q := range noted {
		st, err := c.pool.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.m[q]; ok {
			st.Close()
		} else {
			c.evictLocked()
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) evictLocked() {
	if len(c.m) < maxStatements {
		return
	}
	for q, old := range c.m {
		old.Close()
		delete(c.m, q)
		return
	}
}

// close closes the statements kept.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
}

// ready returns the statement of query when it is prepared, having first
// prepared the queries noted before; nil otherwise (the query is noted).
// The caller must hold none of the pool's connections.
func (c *stmtCache) ready(ctx context.Context, query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.prepareNoted(ctx)
	return c.get(query)
}

// readRow runs query on the read pool outside a transaction, prepared once.
func (db *DB) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := db.reads.ready(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.read.QueryRowContext(ctx, query, args...)
}

// readRows runs query on the read pool outside a transaction, prepared once.
func (db *DB) readRows(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := db.reads.ready(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.read.QueryContext(ctx, query, args...)
}

// reader is the read pool as a querier whose statements are prepared once.
type reader struct{ db *DB }

func (r reader) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.db.read.ExecContext(ctx, query, args...)
}

func (r reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.db.readRows(ctx, query, args...)
}

func (r reader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return r.db.readRow(ctx, query, args...)
}

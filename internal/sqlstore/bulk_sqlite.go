package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// bulkSQLite loads SQLite with multi-row INSERTs, a prepared statement per
// table for the whole chunks and one more for the rest, in one IMMEDIATE
// transaction per batch. While it loads, the writer connection runs with
// synchronous=OFF (a crash of the process loses nothing committed; a power
// cut may cost the load, which is then done again into a new file; Finish
// sets FULL again and checkpoints) and a large page cache, and
// the big tables' secondary indexes are set aside, to be created again,
// exactly as they were, at the end: sorting once is cheaper than keeping
// them up to date row by row. (The keyword index is a virtual table and is
// written as it goes.)
type bulkSQLite struct {
	cacheSize int64    // the connection's cache_size before the load
	indexes   []string // CREATE INDEX statements of the dropped indexes
	dropped   int
}

// bulkCacheKiB is the page cache of the loading connection.
const bulkCacheKiB = 512 * 1024

// bulkParams is about how many parameters one INSERT binds.
const bulkParams = 4000

func (s *bulkSQLite) start(ctx context.Context, conn *sql.Conn) error {
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&s.cacheSize); err != nil {
		return err
	}
	for _, p := range []string{"PRAGMA synchronous = OFF", fmt.Sprintf("PRAGMA cache_size = -%d", bulkCacheKiB)} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	var a args
	rows, err := conn.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN (`+list(&a, bulkBig)+`) ORDER BY name`, a...)
	if err != nil {
		return err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, n), append(defs, d)
	}
	rows.Close()
	for i, n := range names {
		if _, err := conn.ExecContext(ctx, "DROP INDEX "+n); err != nil {
			return err
		}
		s.indexes = append(s.indexes, defs[i])
	}
	s.dropped = len(defs)
	return nil
}

func (s *bulkSQLite) notes() []string {
	return []string{fmt.Sprintf("SQLite: the loading connection ran with synchronous=OFF and a %d MiB page cache, "+
		"and %d secondary indexes of the big tables were created after the rows; synchronous=FULL and the cache "+
		"were restored and the log checkpointed at the end", bulkCacheKiB/1024, s.dropped)}
}

func (s *bulkSQLite) write(ctx context.Context, conn *sql.Conn, b *BulkBatch) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, t := range bulkOrder {
		cols := t.columns
		if cols == nil {
			cols = searchColumns(false)
		}
		if err := insertRows(ctx, tx, t.name, cols, b.values(i, t, false)); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return tx.Commit()
}

// insertRows inserts vs, the values of whole rows of columns, into table.
func insertRows(ctx context.Context, tx *sql.Tx, table string, columns []string, vs []any) error {
	n := len(columns)
	rows := len(vs) / n
	if rows == 0 {
		return nil
	}
	per := max(1, bulkParams/n)
	whole := rows / per * per
	if whole > 0 {
		stmt, err := tx.PrepareContext(ctx, bulkInsertSQL(table, columns, per))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for r := 0; r < whole; r += per {
			if _, err := stmt.ExecContext(ctx, vs[r*n:(r+per)*n]...); err != nil {
				return err
			}
		}
	}
	if rest := rows - whole; rest > 0 {
		_, err := tx.ExecContext(ctx, bulkInsertSQL(table, columns, rest), vs[whole*n:]...)
		return err
	}
	return nil
}

func (s *bulkSQLite) finish(ctx context.Context, conn *sql.Conn) error {
	if err := s.rebuild(ctx, conn); err != nil {
		return err
	}
	err := s.pragmas(ctx, conn)
	if _, cerr := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); cerr != nil {
		err = errors.Join(err, cerr)
	}
	return err
}

// rebuild creates the indexes that start dropped; each is forgotten once made.
func (s *bulkSQLite) rebuild(ctx context.Context, conn *sql.Conn) error {
	for len(s.indexes) > 0 {
		if _, err := conn.ExecContext(ctx, s.indexes[0]); err != nil {
			return fmt.Errorf("%s: %w", s.indexes[0], err)
		}
		s.indexes = s.indexes[1:]
	}
	return nil
}

func (s *bulkSQLite) restore(ctx context.Context, conn *sql.Conn) {
	s.rebuild(ctx, conn)
	s.pragmas(ctx, conn)
}

// pragmas puts back the connection's settings (db.go, sqlitePragmas).
func (s *bulkSQLite) pragmas(ctx context.Context, conn *sql.Conn) error {
	var err error
	for _, p := range []string{"PRAGMA synchronous = FULL", fmt.Sprintf("PRAGMA cache_size = %d", s.cacheSize)} {
		if _, e := conn.ExecContext(ctx, p); e != nil {
			err = errors.Join(err, e)
		}
	}
	return err
}

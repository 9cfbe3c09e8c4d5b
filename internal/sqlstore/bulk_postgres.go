package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// bulkPostgres loads PostgreSQL with COPY, one transaction per batch. The
// big tables' B-tree indexes and foreign keys are read from the catalog and
// dropped before the load, and created again, exactly as they were, at the
// end: building an index once over sorted rows, and checking a foreign key
// with one join, is far faster than maintaining them row by row. The GIN
// keyword indexes stay: their pending lists (64 MB while the session
// loads) take the rows in batches as fast as a build would, and the
// server does it while the next batch is being made. The session runs with
// synchronous_commit off while it loads.
type bulkPostgres struct {
	indexes []string // CREATE INDEX statements of the dropped indexes
	fkeys   []string // ALTER TABLE ... ADD CONSTRAINT statements of the dropped foreign keys
	dropped [2]int   // how many indexes and foreign keys start dropped
	gin     []string // the GIN indexes kept, whose pending lists Finish flushes
}

// bulkSequenced are the tables whose id sequence Finish moves past the ids loaded.
var bulkSequenced = []string{"units", "categories", "users", "enterprises", "appeals", "tasks", "appeal_events", "visits", "audit_log"}

func (p *bulkPostgres) start(ctx context.Context, conn *sql.Conn) error {
	for _, q := range []string{"SET synchronous_commit = off", "SET gin_pending_list_limit = '64MB'"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	rows, err := conn.QueryContext(ctx, `SELECT i.relname, pg_get_indexdef(i.oid), am.amname = 'gin'
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
		WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND NOT x.indisprimary
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
		ORDER BY t.relname, i.relname`, bulkBig)
	if err != nil {
		return err
	}
	var drops, indexes, fkeys []string
	for rows.Next() {
		var name, def string
		var gin bool
		if err := rows.Scan(&name, &def, &gin); err != nil {
			rows.Close()
			return err
		}
		if gin {
			p.gin = append(p.gin, name)
			continue
		}
		indexes = append(indexes, def)
		drops = append(drops, "DROP INDEX "+pgx.Identifier{name}.Sanitize())
	}
	rows.Close()
	rows, err = conn.QueryContext(ctx, `SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE n.nspname = current_schema() AND c.contype = 'f' AND t.relname = ANY($1)
		ORDER BY t.relname, c.conname`, bulkBig)
	if err != nil {
		return err
	}
	for rows.Next() {
		var table, name, def string
		if err := rows.Scan(&table, &name, &def); err != nil {
			rows.Close()
			return err
		}
		t, c := pgx.Identifier{table}.Sanitize(), pgx.Identifier{name}.Sanitize()
		fkeys = append(fkeys, "ALTER TABLE "+t+" ADD CONSTRAINT "+c+" "+def)
		drops = append(drops, "ALTER TABLE "+t+" DROP CONSTRAINT "+c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, d := range drops {
		if _, err := tx.ExecContext(ctx, d); err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	p.indexes, p.fkeys, p.dropped = indexes, fkeys, [2]int{len(indexes), len(fkeys)}
	return nil
}

func (p *bulkPostgres) notes() []string {
	return []string{fmt.Sprintf("PostgreSQL: COPY with synchronous_commit off; %d B-tree indexes and %d foreign keys "+
		"of the big tables were dropped for the load and created again (and checked) at the end; the GIN keyword "+
		"indexes took the rows through 64 MB pending lists, flushed at the end", p.dropped[0], p.dropped[1])}
}

func (p *bulkPostgres) write(ctx context.Context, conn *sql.Conn, b *BulkBatch) error {
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		for i, t := range bulkOrder {
			cols := t.columns
			if cols == nil {
				cols = searchColumns(true)
			}
			vs := b.values(i, t, true)
			if len(vs) == 0 {
				continue
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, cols, &flatRows{vs: vs, n: len(cols), i: -1}); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
		return tx.Commit(ctx)
	})
}

// flatRows is a pgx.CopyFromSource over the values of whole rows, n each.
type flatRows struct {
	vs []any
	n  int
	i  int // the current row
}

func (f *flatRows) Next() bool {
	f.i++
	return (f.i+1)*f.n <= len(f.vs)
}

func (f *flatRows) Values() ([]any, error) { return f.vs[f.i*f.n : (f.i+1)*f.n], nil }

func (f *flatRows) Err() error { return nil }

func (p *bulkPostgres) finish(ctx context.Context, conn *sql.Conn) error {
	if err := p.rebuild(ctx, conn); err != nil {
		return err
	}
	for _, i := range p.gin {
		if _, err := conn.ExecContext(ctx, `SELECT gin_clean_pending_list($1::regclass)`, pgx.Identifier{i}.Sanitize()); err != nil {
			return fmt.Errorf("%s: %w", i, err)
		}
	}
	for _, t := range bulkSequenced {
		q := `SELECT setval(pg_get_serial_sequence($1, 'id'), m) FROM (SELECT max(id) AS m FROM ` + t + `) s WHERE m IS NOT NULL`
		if _, err := conn.ExecContext(ctx, q, t); err != nil {
			return fmt.Errorf("sequence of %s: %w", t, err)
		}
	}
	_, err := conn.ExecContext(ctx, "RESET synchronous_commit; RESET gin_pending_list_limit")
	return err
}

// rebuild creates the indexes and foreign keys that start dropped, with a
// large maintenance memory; each is forgotten once made.
func (p *bulkPostgres) rebuild(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "SET maintenance_work_mem = '1GB'"); err != nil {
		return err
	}
	for len(p.indexes) > 0 {
		if _, err := conn.ExecContext(ctx, p.indexes[0]); err != nil {
			return fmt.Errorf("%s: %w", p.indexes[0], err)
		}
		p.indexes = p.indexes[1:]
	}
	for len(p.fkeys) > 0 {
		if _, err := conn.ExecContext(ctx, p.fkeys[0]); err != nil {
			return fmt.Errorf("%s: %w", p.fkeys[0], err)
		}
		p.fkeys = p.fkeys[1:]
	}
	_, err := conn.ExecContext(ctx, "RESET maintenance_work_mem")
	return err
}

func (p *bulkPostgres) restore(ctx context.Context, conn *sql.Conn) {
	err := p.rebuild(ctx, conn)
	if _, e := conn.ExecContext(ctx, "RESET synchronous_commit; RESET gin_pending_list_limit"); e != nil {
		err = errors.Join(err, e)
	}
	_ = err // a failed load is reported by its own error; the database is discarded anyway
}

// Package sqlstore is zhitong's storage adapter: the domain stores of the
// appeal, unit, account, enterprise and report packages, written in plain
// SQL that runs on both SQLite (modernc.org/sqlite, pure Go) and PostgreSQL
// (pgx through database/sql).
//
// The differences between the engines are few and visible: how a database
// is opened (this file), the primary key type and the keyword index in the
// migrations, the migration lock (migrate.go), the row lock of Mutate
// (appeals.go) and the keyword index's SQL (search.go). Everything else is
// the same SQL text with $1 placeholders and RETURNING.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/report"
	"zhitong/internal/unit"
)

// The engines, as Engine reports them.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open database. On SQLite it holds two pools: one writer
// connection that runs every write in an immediate transaction, so that
// writers queue instead of failing with SQLITE_BUSY, and a pool of
// read-only connections. On PostgreSQL both are the same pool.
type DB struct {
	engine string
	write  *sql.DB // every write transaction
	read   *sql.DB // reads outside a write transaction
	// commits runs the write transactions on SQLite (commit.go); nil on
	// PostgreSQL, where each write has a transaction of its own.
	commits *committer
	// reads keeps the statements prepared on the read pool (prepared.go);
	// nil on PostgreSQL, whose driver keeps its own.
	reads *stmtCache
	// checkpoints copies the log into the database file (checkpoint.go);
	// nil on PostgreSQL.
	checkpoints *checkpointer
	// notices says how the notices of changes become messages (notices.go).
	notices noticeConfig
}

var (
	_ appeal.Store     = (*DB)(nil)
	_ unit.Store       = (*DB)(nil)
	_ account.Store    = (*DB)(nil)
	_ enterprise.Store = (*DB)(nil)
	_ report.Store     = (*DB)(nil)
)

// Open opens the database named by dsn: a "postgres://" or "postgresql://"
// URL is a PostgreSQL server; anything else is the path of a SQLite file,
// whose directory is created if need be. It checks that the database
// answers, but does not migrate it.
func Open(ctx context.Context, dsn string) (*DB, error) {
	var db *DB
	var err error
	if IsPostgres(dsn) {
		db, err = openPostgres(dsn)
	} else {
		db, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fault.Wrap(err, "sqlstore: open")
	}
	return db, nil
}

// IsPostgres reports whether dsn names a PostgreSQL server rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func openPostgres(dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: open postgres")
	}
	pool.SetMaxOpenConns(max(10, 4*runtime.GOMAXPROCS(0)))
	pool.SetMaxIdleConns(max(5, 2*runtime.GOMAXPROCS(0)))
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pool.SetConnMaxLifetime(time.Hour)
	return &DB{engine: Postgres, write: pool, read: pool}, nil
}

// sqlitePragmas apply to every connection: WAL so that readers never wait
// for the writer, FULL sync so that a commit survives a power cut, a busy
// timeout so that other processes' writers are waited for, and foreign keys.
var sqlitePragmas = []string{"busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)"}

func openSQLite(path string) (*DB, error) {
	path = strings.TrimPrefix(path, "file:")
	// The file is opened by two pools, so it must be a file: an in-memory
	// database would be a different one for each connection.
	if path == "" || strings.Contains(path, "?") || strings.Contains(path, ":memory:") {
		return nil, fault.Wrap(fmt.Errorf("bad SQLite file name %q", path), "sqlstore: open sqlite")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fault.Wrap(err, "sqlstore: open sqlite")
		}
	}
	// busy_timeout (sqlitePragmas[0]) comes before journal_mode, so that
	// instances opening a new file at once wait for each other's switch to WAL.
	// The writer keeps its temporary files in memory: the savepoints of
	// group commit (commit.go) journal each page they change first, and on
	// disk that costs a write call a page.
	// Its checkpoints are put off, for the checkpointer (checkpoint.go).
	pragmas := append([]string{sqlitePragmas[0], "journal_mode(WAL)", "temp_store(MEMORY)",
		fmt.Sprintf("wal_autocheckpoint(%d)", writerCheckpointPages)}, sqlitePragmas[1:]...)
	q := url.Values{"_pragma": pragmas, "_txlock": {"immediate"}}
	write, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: open sqlite")
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxIdleTime(0)
	write.SetConnMaxLifetime(0)
	// The writer sets WAL mode (it is kept in the file) before any reader
	// opens: a reader only reads.
	if err := write.Ping(); err != nil {
		write.Close()
		return nil, fault.Wrap(err, "sqlstore: open sqlite")
	}
	q = url.Values{"_pragma": append(sqlitePragmas, "query_only(1)")}
	read, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		write.Close()
		return nil, fault.Wrap(err, "sqlstore: open sqlite")
	}
	n := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	q = url.Values{"_pragma": sqlitePragmas[:1]}
	ckpt, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		write.Close()
		read.Close()
		return nil, fault.Wrap(err, "sqlstore: open sqlite")
	}
	ckpt.SetMaxOpenConns(1)
	return &DB{engine: SQLite, write: write, read: read, reads: newStmtCache(read),
		commits: newCommitter(write, newStmtCache(write)), checkpoints: newCheckpointer(ckpt)}, nil
}

// Engine returns "sqlite" or "postgres".
func (db *DB) Engine() string { return db.engine }

// Ping checks that the database answers, for both pools.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return fault.Wrap(err, "sqlstore: ping")
	}
	return fault.Wrap(db.read.PingContext(ctx), "sqlstore: ping")
}

// Close waits for the write transaction under way, then closes the pools.
func (db *DB) Close() error {
	var errs []error
	if db.checkpoints != nil {
		errs = append(errs, db.checkpoints.shutdown())
	}
	if db.commits != nil {
		db.commits.shutdown()
		db.commits.stmts.close()
	}
	db.reads.close()
	errs = append(errs, db.write.Close())
	if db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	return errors.Join(errs...)
}

// pg reports whether db runs on PostgreSQL.
func (db *DB) pg() bool { return db.engine == Postgres }

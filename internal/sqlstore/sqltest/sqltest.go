// Package sqltest opens fresh, migrated databases for tests: always on
// SQLite, and on PostgreSQL when ZHITONG_TEST_POSTGRES names a server, each
// test in a database of its own that is dropped when the test ends.
package sqltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"zhitong/internal/sqlstore"
)

// The environment that configures the PostgreSQL half of the tests.
const (
	// EnvPostgres names a PostgreSQL server by URL, such as
	// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable; the user
	// must be allowed to create databases.
	EnvPostgres = "ZHITONG_TEST_POSTGRES"
	// EnvRequirePostgres set to 1 fails the tests that would skip PostgreSQL.
	EnvRequirePostgres = "ZHITONG_TEST_REQUIRE_POSTGRES"
)

// SkipMessage is what a test says when it skips the PostgreSQL half.
const SkipMessage = "PostgreSQL half skipped: " + EnvPostgres + " is not set"

// Engines lists the engines to test on: "sqlite", and "postgres" when
// ZHITONG_TEST_POSTGRES is set.
func Engines() []string {
	if os.Getenv(EnvPostgres) != "" {
		return []string{sqlstore.SQLite, sqlstore.Postgres}
	}
	return []string{sqlstore.SQLite}
}

// Each runs fn as a subtest on each engine, named for it, with a fresh
// database. Without PostgreSQL it says so in a skipped "postgres" subtest,
// or fails if ZHITONG_TEST_REQUIRE_POSTGRES=1.
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(e, func(t *testing.T) { fn(t, Open(t, e)) })
	}
	if os.Getenv(EnvPostgres) == "" {
		t.Run(sqlstore.Postgres, func(t *testing.T) {
			if os.Getenv(EnvRequirePostgres) == "1" {
				t.Fatal(EnvRequirePostgres + "=1 but " + EnvPostgres + " is not set")
			}
			t.Skip(SkipMessage)
		})
	}
}

// Open returns a migrated, empty database on engine, closed (and on
// PostgreSQL dropped) when t ends. On PostgreSQL the database is a copy of
// a migrated template, which is faster than migrating each one.
func Open(t testing.TB, engine string) *sqlstore.DB {
	t.Helper()
	if engine == sqlstore.Postgres {
		return open(t, createDatabase(t, migratedTemplate(t)))
	}
	db := OpenEmpty(t, engine)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("sqltest: migrate %s: %v", engine, err)
	}
	return db
}

// OpenEmpty is Open without the migrations: a database with no tables.
func OpenEmpty(t testing.TB, engine string) *sqlstore.DB {
	t.Helper()
	return open(t, DSN(t, engine))
}

func open(t testing.TB, dsn string) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("sqltest: open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// DSN returns the name of a new, empty database on engine for t: a file in
// t.TempDir() for SQLite; for PostgreSQL a database created on the server
// of ZHITONG_TEST_POSTGRES and dropped when t ends (after the cleanups
// registered later, which close the connections to it).
func DSN(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case sqlstore.SQLite:
		return filepath.Join(t.TempDir(), "zhitong.db")
	case sqlstore.Postgres:
		return createDatabase(t, "")
	}
	t.Fatalf("sqltest: unknown engine %q", engine)
	return ""
}

var admin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// server returns a connection pool to the server of ZHITONG_TEST_POSTGRES,
// shared by the tests of the process.
func server(t testing.TB) *sql.DB {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Fatal(SkipMessage)
	}
	admin.once.Do(func() {
		admin.db, admin.err = sql.Open("pgx", base)
		if admin.err == nil {
			admin.err = admin.db.Ping()
		}
	})
	if admin.err != nil {
		t.Fatalf("sqltest: PostgreSQL at %s: %v", EnvPostgres, admin.err)
	}
	return admin.db
}

// createDatabase creates a database for t, a copy of template if given,
// and returns its URL; it is dropped when t ends.
func createDatabase(t testing.TB, template string) string {
	t.Helper()
	srv := server(t)
	name := randomName("zt_test_")
	stmt := "CREATE DATABASE " + name
	if template != "" {
		stmt += " TEMPLATE " + template
	}
	if _, err := srv.Exec(stmt); err != nil {
		t.Fatalf("sqltest: create database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := srv.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("sqltest: drop database %s: %v", name, err)
		}
	})
	return databaseURL(t, name)
}

func randomName(prefix string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// databaseURL is ZHITONG_TEST_POSTGRES with the database name replaced.
func databaseURL(t testing.TB, name string) string {
	u, err := url.Parse(os.Getenv(EnvPostgres))
	if err != nil {
		t.Fatalf("sqltest: %s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String()
}

var template struct {
	once sync.Once
	name string
	err  error
}

// templateLock serializes the creation of templates among test processes.
const templateLock = 0x7a74_7465_6d70 // "zttemp"

// migratedTemplate returns the name of a migrated database to copy, named
// for the schema's digest, so that it is made once per schema and shared by
// test processes (go test runs packages at once). Templates of other
// schemas are dropped.
func migratedTemplate(t testing.TB) string {
	t.Helper()
	srv := server(t)
	template.once.Do(func() { template.name, template.err = ensureTemplate(srv) })
	if template.err != nil {
		t.Fatalf("sqltest: template database: %v", template.err)
	}
	return template.name
}

func ensureTemplate(srv *sql.DB) (string, error) {
	ctx := context.Background()
	name := "zt_template_" + sqlstore.SchemaDigest(sqlstore.Postgres)[:16]
	conn, err := srv.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", int64(templateLock)); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", int64(templateLock))
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	dropStaleTemplates(ctx, conn)
	// Build it under another name and rename it when complete, so that a
	// crash half-way leaves no broken template behind.
	tmp := randomName("zt_build_")
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+tmp); err != nil {
		return "", err
	}
	if err := migrateTemplate(ctx, tmp); err != nil {
		conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+tmp+" WITH (FORCE)")
		return "", err
	}
	// The closed pool's backends may not have gone yet: make sure.
	conn.ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", tmp)
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+tmp+" RENAME TO "+name); err != nil {
		conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+tmp+" WITH (FORCE)")
		return "", err
	}
	return name, nil
}

func migrateTemplate(ctx context.Context, name string) error {
	u, err := url.Parse(os.Getenv(EnvPostgres))
	if err != nil {
		return err
	}
	u.Path = "/" + name
	db, err := sqlstore.Open(ctx, u.String())
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Migrate(ctx)
	return err
}

// dropStaleTemplates drops the templates of other schemas, if it can.
func dropStaleTemplates(ctx context.Context, conn *sql.Conn) {
	rows, err := conn.QueryContext(ctx, "SELECT datname FROM pg_database WHERE datname LIKE 'zt\\_template\\_%'")
	if err != nil {
		return
	}
	var names []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			names = append(names, n)
		}
	}
	rows.Close()
	for _, n := range names {
		conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+n)
	}
}

package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// The internal tests cannot use package sqltest (it imports this package),
// so they open their databases here, the same way.

func testEngines() []string {
	if os.Getenv("ZHITONG_TEST_POSTGRES") != "" {
		return []string{SQLite, Postgres}
	}
	return []string{SQLite}
}

func openForPlan(t *testing.T, engine string) *DB {
	t.Helper()
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "plan.db")
	if engine == Postgres {
		base := os.Getenv("ZHITONG_TEST_POSTGRES")
		srv, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Close() })
		b := make([]byte, 8)
		rand.Read(b)
		name := "zt_test_" + hex.EncodeToString(b)
		if _, err := srv.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
		u, _ := url.Parse(base)
		u.Path = "/" + name
		dsn = u.String()
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

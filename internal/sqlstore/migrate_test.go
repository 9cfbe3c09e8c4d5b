package sqlstore_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestMigrate(t *testing.T) {
	t.Parallel()
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := sqltest.OpenEmpty(t, engine)
			applied, err := db.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"0001_init", "0002_search"}; !slices.Equal(applied[:min(2, len(applied))], want) ||
				!slices.IsSorted(applied) || !slices.Contains(applied, "0005_privacy") || !slices.Contains(applied, "0005_privacy_search") {
				t.Fatalf("first Migrate applied %q, want %q first, 0005_privacy and 0005_privacy_search, in order", applied, want)
			}
			again, err := db.Migrate(ctx)
			if err != nil || len(again) != 0 {
				t.Fatalf("second Migrate = %q, %v; want nothing applied", again, err)
			}
			if db.Engine() != engine {
				t.Errorf("Engine() = %q, want %q", db.Engine(), engine)
			}
		})
	}
}

// TestMigrateConcurrently starts several migrations of one fresh database at
// once, as several instances starting together would: all succeed, and the
// migrations are applied exactly once between them.
func TestMigrateConcurrently(t *testing.T) {
	t.Parallel()
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := sqltest.DSN(t, engine)
			const n = 4
			dbs := make([]*sqlstore.DB, n)
			for i := range dbs {
				db, err := sqlstore.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				dbs[i] = db
			}
			var wg sync.WaitGroup
			results := make([][]string, n)
			errs := make([]error, n)
			for i, db := range dbs {
				wg.Go(func() { results[i], errs[i] = db.Migrate(ctx) })
			}
			wg.Wait()
			count := map[string]int{}
			for i := range dbs {
				if errs[i] != nil {
					t.Fatalf("Migrate %d: %v", i, errs[i])
				}
				for _, name := range results[i] {
					count[name]++
				}
			}
			for _, name := range []string{"0001_init", "0002_search"} {
				if count[name] != 1 {
					t.Errorf("%s applied %d times, want once", name, count[name])
				}
			}
		})
	}
}

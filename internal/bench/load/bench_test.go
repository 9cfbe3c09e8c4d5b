package load

import (
	"context"
	"testing"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// BenchmarkLoad10k generates and writes 10,000 appeals with everything
// that goes with them into a fresh SQLite database, per iteration.
func BenchmarkLoad10k(b *testing.B) {
	const n = 10000
	key := make(audit.Key, audit.KeySize)
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		b.StopTimer()
		db := sqltest.Open(b, sqlstore.SQLite)
		b.StartTimer()
		if _, err := Load(context.Background(), db, Options{Appeals: n, Seed: 1, Years: 3, End: end, Key: key}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "appeals/s")
}

// BenchmarkGenerate10k generates 10,000 appeals without writing them.
func BenchmarkGenerate10k(b *testing.B) {
	const n = 10000
	key := make(audit.Key, audit.KeySize)
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		g := newGen(&Options{Appeals: n, Seed: 1, Years: 3, End: end, Key: key})
		out := make(chan *sqlstore.BulkBatch, 4)
		go func() {
			for range out {
			}
		}()
		if err := g.generate(context.Background(), DefaultPerTx, out, nil); err != nil {
			b.Fatal(err)
		}
		close(out)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "appeals/s")
}

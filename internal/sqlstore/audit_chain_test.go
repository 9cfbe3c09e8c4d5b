package sqlstore_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

var (
	chainKey = audit.Key(bytes.Repeat([]byte("k"), audit.KeySize))
	wrongKey = audit.Key(bytes.Repeat([]byte("w"), audit.KeySize))
)

// chainDB is a migrated database with a second, raw connection to it that
// bypasses the store, as someone with access to the database would, and a
// keeper with the head file in a directory of its own.
type chainDB struct {
	db     *sqlstore.DB
	raw    *sql.DB
	dsn    string
	keeper *audit.Keeper
	now    time.Time
}

// eachChain runs fn on a fresh chainDB on each engine.
func eachChain(t *testing.T, fn func(t *testing.T, c *chainDB)) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, openChain(t, engine)) })
	}
	if os.Getenv(sqltest.EnvPostgres) == "" {
		t.Run(sqlstore.Postgres, func(t *testing.T) {
			if os.Getenv(sqltest.EnvRequirePostgres) == "1" {
				t.Fatal(sqltest.EnvRequirePostgres + "=1 but " + sqltest.EnvPostgres + " is not set")
			}
			t.Skip(sqltest.SkipMessage)
		})
	}
}

func openChain(t testing.TB, engine string) *chainDB {
	t.Helper()
	dsn := sqltest.DSN(t, engine)
	db := openDSN(t, dsn)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	driver, rawDSN := "pgx", dsn
	if engine == sqlstore.SQLite {
		driver, rawDSN = "sqlite", dsn+"?_pragma=busy_timeout(10000)"
	}
	raw, err := sql.Open(driver, rawDSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	c := &chainDB{db: db, raw: raw, dsn: dsn, now: ms(2026, 11, 25, 10, 0, 0, 0)}
	c.keeper = c.newKeeper(db, chainKey, filepath.Join(t.TempDir(), "audit-head.json"))
	return c
}

func openDSN(t testing.TB, dsn string) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func (c *chainDB) newKeeper(db *sqlstore.DB, key audit.Key, head string) *audit.Keeper {
	return &audit.Keeper{Store: db, Key: key, Head: &audit.HeadFile{Path: head, Key: key}, Batch: 4,
		Now: func() time.Time { return c.now }}
}

// record appends n entries, a minute apart from at.
func (c *chainDB) record(t testing.TB, n int, at time.Time) {
	t.Helper()
	for i := range n {
		e := audit.Entry{At: at.Add(time.Duration(i) * time.Minute), ActorID: int64(i%3 + 1), ActorName: "officer",
			Action: "appeal.assign", Object: fmt.Sprintf("appeal:%d", i+1), Detail: "registered→in_progress"}
		if err := c.db.Record(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
}

func (c *chainDB) seal(t testing.TB) int {
	t.Helper()
	n, err := c.keeper.Seal(ctx)
	if err != nil {
		t.Fatalf("Seal: %v", err)
	}
	return n
}

func (c *chainDB) exec(t testing.TB, query string, args ...any) {
	t.Helper()
	if _, err := c.raw.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// verify verifies the chain and returns the report.
func (c *chainDB) verify(t testing.TB) *audit.Report {
	t.Helper()
	r, err := c.keeper.Verify(ctx)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return r
}

// intact fails unless the chain verifies with n entries up to seq last.
func (c *chainDB) intact(t testing.TB, n, last int64) *audit.Report {
	t.Helper()
	r := c.verify(t)
	if r.Problem != nil {
		t.Fatalf("an intact chain: %v", r.Problem)
	}
	if r.Entries != n || r.Last != last {
		t.Fatalf("verified %d entries up to seq %d, want %d up to %d", r.Entries, r.Last, n, last)
	}
	return r
}

// broken fails unless verify reports the problem key with the first
// arguments given (the seq, then the id or the next seq).
func broken(t testing.TB, r *audit.Report, key string, args ...any) {
	t.Helper()
	var fe *fault.Error
	if !errors.As(r.Problem, &fe) || fe.Key != key {
		t.Fatalf("verify found %v, want %s %v", r.Problem, key, args)
	}
	for i, a := range args {
		if i >= len(fe.Args) || fmt.Sprint(fe.Args[i]) != fmt.Sprint(a) {
			t.Fatalf("verify found %s %v, want %v", key, fe.Args, args)
		}
	}
	if msg := fe.Message("en"); strings.HasPrefix(key, "audit.broken.") && !bytes.Contains([]byte(msg), fmt.Appendf(nil, "seq %v", args[0])) {
		t.Errorf("the message does not name seq %v: %s", args[0], msg)
	}
}

// idOf returns the id of the entry at seq.
func (c *chainDB) idOf(t testing.TB, seq int64) int64 {
	t.Helper()
	var id int64
	if err := c.raw.QueryRow(`SELECT id FROM audit_log WHERE seq = $1`, seq).Scan(&id); err != nil {
		t.Fatalf("seq %d: %v", seq, err)
	}
	return id
}

func TestAuditSealAndVerify(t *testing.T) {
	t.Parallel()
	eachChain(t, func(t *testing.T, c *chainDB) {
		c.intact(t, 0, 0) // an empty log, and no head file yet
		c.record(t, 10, c.now.Add(-time.Hour))
		if n := c.seal(t); n != 10 {
			t.Fatalf("sealed %d, want 10", n)
		}
		if n := c.seal(t); n != 0 {
			t.Fatalf("sealed %d again", n)
		}
		r := c.intact(t, 10, 10)
		if r.Head == nil || r.Head.Seq != 10 || r.First != 1 {
			t.Errorf("report %+v", r)
		}
		// The seqs follow the ids, with no gap.
		es := entries(t, c.db)
		for i, e := range es {
			if e.Seq != int64(i+1) || len(e.Hash) != audit.HashSize {
				t.Errorf("entry %d (id %d) sealed as seq %d with %d bytes of hash", i, e.ID, e.Seq, len(e.Hash))
			}
		}
		// More entries continue the chain.
		c.record(t, 7, c.now.Add(-30*time.Minute))
		c.seal(t)
		c.intact(t, 17, 17)
		// Entries waiting more than a minute are reported.
		c.record(t, 2, c.now.Add(-3*time.Minute))
		if r := c.intact(t, 17, 17); r.Unsealed != 2 {
			t.Errorf("%d unsealed entries reported, want 2", r.Unsealed)
		}
	})
}

// Each way of tampering with the log is found, and verify names the first
// entry it concerns.
func TestAuditTamperingIsFound(t *testing.T) {
	t.Parallel()
	// rehash re-seals seqs from..to with key, as someone who can write the
	// database but has not the chain's key would.
	rehash := func(t testing.TB, c *chainDB, key audit.Key, from, to int64) {
		var prev []byte
		if from > 1 {
			var h string
			c.raw.QueryRow(`SELECT hash FROM audit_log WHERE seq = $1`, from-1).Scan(&h)
			fmt.Sscanf(h, "%x", &prev)
		}
		for seq := from; seq <= to; seq++ {
			es, err := c.db.SearchAudit(ctx, audit.Query{Before: c.idOf(t, seq) + 1, Limit: 1})
			if err != nil || len(es) != 1 {
				t.Fatalf("seq %d: %v", seq, err)
			}
			e := es[0]
			audit.Link(key, prev, &e)
			c.exec(t, `UPDATE audit_log SET hash = $1 WHERE seq = $2`, fmt.Sprintf("%x", e.Hash), seq)
			prev = e.Hash
		}
	}
	cases := []struct {
		name   string
		tamper func(t testing.TB, c *chainDB)
		key    string
		args   func(c *chainDB) []any
	}{
		{"a detail edited", func(t testing.TB, c *chainDB) {
			c.exec(t, `UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 4`)
		}, "audit.broken.hash", func(c *chainDB) []any { return []any{4, c.idOf(t, 4)} }},
		{"an actor changed", func(t testing.TB, c *chainDB) {
			c.exec(t, `UPDATE audit_log SET actor_id = 99 WHERE seq = 7`)
		}, "audit.broken.hash", func(c *chainDB) []any { return []any{7, c.idOf(t, 7)} }},
		{"a time moved", func(t testing.TB, c *chainDB) {
			c.exec(t, `UPDATE audit_log SET at = at + 1 WHERE seq = 2`)
		}, "audit.broken.hash", func(c *chainDB) []any { return []any{2, c.idOf(t, 2)} }},
		{"edited and the chain re-hashed without the key", func(t testing.TB, c *chainDB) {
			c.exec(t, `UPDATE audit_log SET outcome = 'denied' WHERE seq = 5`)
			rehash(t, c, wrongKey, 5, 10)
		}, "audit.broken.hash", func(c *chainDB) []any { return []any{5, c.idOf(t, 5)} }},
		{"a hash that is not hex", func(t testing.TB, c *chainDB) {
			c.exec(t, `UPDATE audit_log SET hash = 'forged' WHERE seq = 3`)
		}, "audit.broken.hash", func(c *chainDB) []any { return []any{3, c.idOf(t, 3)} }},
		{"two entries swapped", func(t testing.TB, c *chainDB) {
			c.exec(t, `UPDATE audit_log SET seq = -6 WHERE seq = 6`)
			c.exec(t, `UPDATE audit_log SET seq = 6 WHERE seq = 8`)
			c.exec(t, `UPDATE audit_log SET seq = 8 WHERE seq = -6`)
		}, "audit.broken.hash", func(c *chainDB) []any { return []any{6, c.idOf(t, 8)} }},
		{"a middle entry deleted", func(t testing.TB, c *chainDB) {
			c.exec(t, `DELETE FROM audit_log WHERE seq = 5`)
		}, "audit.broken.gap", func(c *chainDB) []any { return []any{5, 6, c.idOf(t, 6)} }},
		{"the first entry deleted", func(t testing.TB, c *chainDB) {
			c.exec(t, `DELETE FROM audit_log WHERE seq = 1`)
		}, "audit.broken.gap", func(c *chainDB) []any { return []any{1, 2, c.idOf(t, 2)} }},
		{"an entry unsealed", func(t testing.TB, c *chainDB) {
			c.exec(t, `UPDATE audit_log SET seq = NULL, hash = '' WHERE seq = 9`)
		}, "audit.broken.gap", func(c *chainDB) []any { return []any{9, 10, c.idOf(t, 10)} }},
		{"the tail deleted", func(t testing.TB, c *chainDB) {
			c.exec(t, `DELETE FROM audit_log WHERE seq > 7`)
		}, "audit.broken.tail", func(c *chainDB) []any { return []any{7, 10} }},
		{"everything deleted", func(t testing.TB, c *chainDB) {
			c.exec(t, `DELETE FROM audit_log`)
		}, "audit.broken.tail", func(c *chainDB) []any { return []any{0, 10} }},
		{"the tail replaced by entries sealed with another key", func(t testing.TB, c *chainDB) {
			c.exec(t, `DELETE FROM audit_log WHERE seq > 7`)
			c.record(t, 3, c.now)
			evil := c.newKeeper(c.db, wrongKey, filepath.Join(t.TempDir(), "evil-head.json"))
			if _, err := evil.Seal(ctx); err != nil {
				t.Fatal(err)
			}
		}, "audit.broken.hash", func(c *chainDB) []any { return []any{8} }},
		{"the tail deleted, then sealed anew while a server runs", func(t testing.TB, c *chainDB) {
			c.exec(t, `DELETE FROM audit_log WHERE seq > 7`)
			c.record(t, 5, c.now)
			_, err := c.keeper.Seal(ctx)
			var fe *fault.Error
			if !errors.As(err, &fe) || fe.Key != "audit.head.diverged" || fe.Args[0] != int64(10) {
				t.Errorf("sealing after the cut: %v", err)
			}
		}, "audit.broken.head", func(c *chainDB) []any { return []any{10} }},
		{"the head file deleted", func(t testing.TB, c *chainDB) {
			os.Remove(c.keeper.Head.Path)
		}, "audit.head.missing", func(c *chainDB) []any { return []any{c.keeper.Head.Path} }},
		{"the head file moved back", func(t testing.TB, c *chainDB) {
			b, _ := os.ReadFile(c.keeper.Head.Path)
			os.WriteFile(c.keeper.Head.Path, bytes.Replace(b, []byte(`"seq":10`), []byte(`"seq":7`), 1), 0o600)
		}, "audit.head.bad", func(c *chainDB) []any { return []any{c.keeper.Head.Path} }},
		{"verified with another key", func(t testing.TB, c *chainDB) {
			c.keeper.Key, c.keeper.Head.Key = wrongKey, wrongKey
		}, "audit.head.bad", func(c *chainDB) []any { return nil }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			eachChain(t, func(t *testing.T, c *chainDB) {
				c.record(t, 10, c.now.Add(-time.Hour))
				c.seal(t)
				c.intact(t, 10, 10)
				args := tc.args(c) // before the tamper: the ids of rows that stay
				tc.tamper(t, c)
				broken(t, c.verify(t), tc.key, args...)
			})
		})
	}
}

// A prune leaves a signed checkpoint from which the chain still verifies;
// entries younger than the retention are never pruned.
func TestAuditPrune(t *testing.T) {
	t.Parallel()
	eachChain(t, func(t *testing.T, c *chainDB) {
		c.record(t, 6, c.now.AddDate(0, 0, -400))
		c.record(t, 5, c.now.AddDate(0, 0, -200))
		c.record(t, 4, c.now.AddDate(0, 0, -10))
		c.seal(t)
		c.intact(t, 15, 15)

		_, _, err := c.keeper.Prune(ctx, c.now.AddDate(0, 0, -179))
		var fe *fault.Error
		if !errors.As(err, &fe) || fe.Key != "audit.retention" {
			t.Fatalf("pruning entries of 179 days: %v", err)
		}
		cp, n, err := c.keeper.Prune(ctx, c.now.AddDate(0, 0, -300))
		if err != nil {
			t.Fatal(err)
		}
		if cp == nil || cp.Seq != 6 || n != 6 {
			t.Fatalf("pruned %d up to %+v, want 6 up to seq 6", n, cp)
		}
		r := c.intact(t, 9, 15)
		if r.Checkpoint == nil || r.Checkpoint.Seq != 6 || r.First != 7 {
			t.Errorf("verify after the prune: %+v", r)
		}
		// The prune is recorded and sealed after the rest.
		c.seal(t)
		c.intact(t, 10, 16)
		if es := entries(t, c.db); es[len(es)-1].Action != "audit.prune" || es[0].Seq != 7 {
			t.Errorf("after the prune the log runs from seq %d to %s", es[0].Seq, es[len(es)-1].Action)
		}
		// Pruning again with nothing older left deletes nothing (and is
		// recorded too).
		if cp, n, err := c.keeper.Prune(ctx, c.now.AddDate(0, 0, -300)); err != nil || cp != nil || n != 0 {
			t.Errorf("a second prune: %+v, %d, %v", cp, n, err)
		}
		// A later day moves the checkpoint on.
		cp, n, err = c.keeper.Prune(ctx, c.now.AddDate(0, 0, -180))
		if err != nil || cp == nil || cp.Seq != 11 || n != 5 {
			t.Fatalf("the third prune: %+v, %d, %v", cp, n, err)
		}
		c.seal(t)
		c.intact(t, 7, 18)

		// A checkpoint altered, or deleted, is found.
		c.exec(t, `UPDATE audit_checkpoints SET seq = 12 WHERE seq = 11`)
		broken(t, c.verify(t), "audit.broken.checkpoint", 12)
		c.exec(t, `UPDATE audit_checkpoints SET seq = 11 WHERE seq = 12`)
		c.intact(t, 7, 18)
		c.exec(t, `UPDATE audit_checkpoints SET hash = $1 WHERE seq = 11`, fmt.Sprintf("%x", bytes.Repeat([]byte{1}, 32)))
		broken(t, c.verify(t), "audit.broken.checkpoint", 11)
		c.exec(t, `DELETE FROM audit_checkpoints WHERE seq = 11`)
		broken(t, c.verify(t), "audit.broken.gap", 7, 12)

		// A broken chain is not pruned: the evidence would go with it.
		if _, _, err := c.keeper.Prune(ctx, c.now.AddDate(0, 0, -180)); err == nil {
			t.Error("a broken chain was pruned")
		}
	})
}

// Two instances seal one database at once, while entries are written: one
// gapless chain results, which verifies. On PostgreSQL this is several
// servers behind a load balancer; on SQLite two processes on one file.
func TestAuditConcurrentSealers(t *testing.T) {
	t.Parallel()
	eachChain(t, func(t *testing.T, c *chainDB) {
		other := openDSN(t, c.dsn)
		head := c.keeper.Head.Path
		sealers := []*audit.Keeper{c.keeper, c.newKeeper(other, chainKey, head)}
		var wg sync.WaitGroup
		var writing atomic.Bool
		writing.Store(true)
		const writers, each = 4, 50
		var ww sync.WaitGroup
		for w := range writers {
			ww.Go(func() {
				db := []*sqlstore.DB{c.db, other}[w%2]
				for i := range each {
					e := audit.Entry{At: c.now, ActorID: int64(w + 1), Action: "login.ok", Object: fmt.Sprintf("user:%d", i)}
					if err := db.Record(ctx, e); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		errs := make(chan error, 2)
		for _, k := range sealers {
			wg.Go(func() {
				for writing.Load() {
					if _, err := k.Seal(ctx); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		ww.Wait()
		writing.Store(false)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		c.seal(t)
		c.intact(t, writers*each, writers*each)
	})
}

// BenchmarkSealAudit measures sealing: b.N waiting entries, sealed in
// batches of audit.DefaultBatch; it reports entries sealed per second.
func BenchmarkSealAudit(b *testing.B) {
	for _, engine := range sqltest.Engines() {
		b.Run(engine, func(b *testing.B) {
			c := openChain(b, engine)
			c.keeper.Batch = 0
			insertWaiting(b, c, b.N)
			b.ResetTimer()
			n, err := c.keeper.Seal(ctx)
			b.StopTimer()
			if err != nil || n != b.N {
				b.Fatalf("sealed %d of %d: %v", n, b.N, err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}

// insertWaiting inserts n unsealed entries straight into the table.
func insertWaiting(b *testing.B, c *chainDB, n int) {
	b.Helper()
	tx, err := c.raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO audit_log (at, actor_id, actor_name, unit_id, client_ip, request_id, action, object, outcome, detail)
		VALUES ($1, $2, 'zhou', 7, '10.0.0.1', 'req', 'appeal.assign', $3, 'ok', 'unassigned→in_progress task:9')`)
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if _, err := stmt.Exec(c.now.UnixMilli()+int64(i), i%50+1, fmt.Sprintf("appeal:%d", i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkVerifyAudit measures verify: a chain of b.N entries walked end
// to end; it reports entries verified per second.
func BenchmarkVerifyAudit(b *testing.B) {
	for _, engine := range sqltest.Engines() {
		b.Run(engine, func(b *testing.B) {
			c := openChain(b, engine)
			c.keeper.Batch = 0
			insertWaiting(b, c, b.N)
			if _, err := c.keeper.Seal(ctx); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			r, err := c.keeper.Verify(ctx)
			b.StopTimer()
			if err != nil || r.Problem != nil || r.Entries != int64(b.N) {
				b.Fatalf("verified %d of %d: %v %v", r.Entries, b.N, err, r.Problem)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "entries/s")
		})
	}
}

package sqlstore_test

import (
	"sync"
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func remember(actor, key, hash string, at time.Time) *appeal.Remembered {
	return &appeal.Remembered{Actor: actor, Key: key, Hash: hash, At: at}
}

// countAppeals counts every appeal in the database.
func countAppeals(t testing.TB, db *sqlstore.DB) int {
	t.Helper()
	p, err := db.ListAppeals(ctx, appeal.Filter{Scope: appeal.Scope{All: true}, Limit: 1, CountUpTo: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

func TestCreateAppealOnce(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		at := ms(2026, 3, 2, 9, 0, 0, 0)
		since := at.Add(-appeal.IdempotencyTTL)
		once := func(actor, key, hash string, when time.Time, since time.Time) (*appeal.Appeal, int64, error) {
			a := newAppeal(tr.district.ID, "留抵退税咨询", "企业询问留抵退税。", when)
			ev := &appeal.Event{At: when, Action: appeal.ActRegister, ToState: a.State}
			replay, err := db.CreateAppealOnce(ctx, a, ev, remember(actor, key, hash, when), since)
			return a, replay, err
		}
		first, replay, err := once("user:1", "k-1", "h1", at, since)
		if err != nil || replay != 0 || first.ID == 0 {
			t.Fatalf("first: id %d, replay %d, %v", first.ID, replay, err)
		}
		r, err := db.Remembered(ctx, "user:1", "k-1", since)
		if err != nil || r.AppealID != first.ID || r.Hash != "h1" || !r.At.Equal(at) {
			t.Fatalf("remembered %+v, %v", r, err)
		}
		// The retry: the same id, nothing new.
		again, replay, err := once("user:1", "k-1", "h1", at.Add(time.Minute), since)
		if err != nil || replay != first.ID || again.ID != 0 {
			t.Fatalf("retry: id %d, replay %d, %v", again.ID, replay, err)
		}
		// The key with another request is refused; another actor's key is its own.
		if _, _, err := once("user:1", "k-1", "h2", at, since); !fault.Is(err, fault.Conflict) {
			t.Fatalf("another request under the key: %v", err)
		}
		if other, replay, err := once("user:2", "k-1", "h2", at, since); err != nil || replay != 0 || other.ID == first.ID {
			t.Fatalf("another actor: %d %d %v", other.ID, replay, err)
		}
		if n := countAppeals(t, db); n != 2 {
			t.Fatalf("%d appeals, want 2", n)
		}
		// A key older than the time kept is forgotten and may be used anew.
		later := at.Add(appeal.IdempotencyTTL + time.Hour)
		if _, err := db.Remembered(ctx, "user:1", "k-1", later.Add(-appeal.IdempotencyTTL)); !fault.Is(err, fault.NotFound) {
			t.Fatalf("an old key is still remembered: %v", err)
		}
		fresh, replay, err := once("user:1", "k-1", "h3", later, later.Add(-appeal.IdempotencyTTL))
		if err != nil || replay != 0 || fresh.ID == 0 {
			t.Fatalf("reuse after expiry: %d %d %v", fresh.ID, replay, err)
		}
		// A registration that fails remembers nothing.
		bad := newAppeal(tr.district.ID, "x", "y", at)
		bad.CategoryID = 999999
		if _, err := db.CreateAppealOnce(ctx, bad, nil, remember("user:1", "k-bad", "h", at), since); err == nil || bad.ID != 0 {
			t.Fatalf("a bad appeal: id %d, %v", bad.ID, err)
		}
		if _, err := db.Remembered(ctx, "user:1", "k-bad", since); !fault.Is(err, fault.NotFound) {
			t.Fatalf("a failed registration's key is remembered: %v", err)
		}
		// Pruning forgets what is older than the time given.
		n, err := db.PruneIdempotency(ctx, later)
		if err != nil || n != 1 {
			t.Fatalf("pruned %d, %v; want the key of the first day left (user:2's)", n, err)
		}
		if _, err := db.Remembered(ctx, "user:1", "k-1", since); err != nil {
			t.Fatalf("the fresh key was pruned: %v", err)
		}
	})
}

// Concurrent requests with one key register one appeal between them: the
// others are answered with it or, on PostgreSQL, told that it is busy (the
// service then answers them with it).
func TestCreateAppealOnceConcurrently(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		at := ms(2026, 3, 2, 9, 0, 0, 0)
		const n = 8
		ids := make([]int64, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				a := newAppeal(tr.district.ID, "并发登记", "同一个键。", at)
				replay, err := db.CreateAppealOnce(ctx, a, nil, remember("user:1", "same", "h", at), at.Add(-time.Hour))
				ids[i], errs[i] = max(a.ID, replay), err
			})
		}
		wg.Wait()
		var created int64
		for i := range n {
			switch {
			case errs[i] != nil && !fault.Is(errs[i], fault.Conflict):
				t.Fatalf("request %d: %v", i, errs[i])
			case errs[i] == nil && created == 0:
				created = ids[i]
			case errs[i] == nil && ids[i] != created:
				t.Fatalf("request %d got appeal %d, another %d", i, ids[i], created)
			}
		}
		if got := countAppeals(t, db); got != 1 {
			t.Fatalf("%d appeals registered under one key", got)
		}
	})
}

package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// heldCommitter returns a SQLite database for the committer's tests and a
// committer of its writer connection whose loop does not run: the test puts
// jobs in its queue and runs a batch itself, so which jobs share a
// transaction is certain.
func heldCommitter(t *testing.T) (*DB, *committer) {
	t.Helper()
	db := openForPlan(t, SQLite)
	for _, q := range []string{
		`CREATE TABLE gc_rows (id INTEGER PRIMARY KEY, job TEXT NOT NULL)`,
		`CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE gc_child (parent INTEGER REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED)`,
		`CREATE VIRTUAL TABLE gc_index USING fts5 (terms, content = '', contentless_delete = 1)`,
	} {
		if err := db.inWrite(context.Background(), "setup", func(ctx context.Context, tx *txn) error {
			_, err := tx.ExecContext(ctx, q)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	return db, &committer{db: db.write, jobs: make(chan *writeJob, 16), stop: make(chan struct{})}
}

// insertJob is a job that inserts a row named name, then returns fail.
func insertJob(ctx context.Context, name string, fail error) *writeJob {
	return &writeJob{ctx: ctx, op: name, done: make(chan error, 1), fn: func(ctx context.Context, tx *txn) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO gc_rows (job) VALUES ($1)`, name); err != nil {
			return err
		}
		return fail
	}}
}

func committedJobs(t *testing.T, db *DB) []string {
	t.Helper()
	return column[string](t, db, `SELECT job FROM gc_rows ORDER BY job`)
}

// column returns the one column of the rows of query.
func column[T any](t *testing.T, db *DB, query string, args ...any) []T {
	t.Helper()
	rows, err := db.read.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := collect(rows, "column", func(r scanner, v *T) error { return r.Scan(v) })
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestGroupCommitFailedJobRollsBackAloneInItsBatch(t *testing.T) {
	db, c := heldCommitter(t)
	ctx := context.Background()
	refused := errors.New("refused by the domain")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	jobs := []*writeJob{
		insertJob(ctx, "a", nil),
		insertJob(ctx, "b", refused),
		insertJob(cancelled, "c", nil),
		{ctx: ctx, op: "d", done: make(chan error, 1), fn: func(context.Context, *txn) error { panic("boom") }},
		insertJob(ctx, "e", nil),
	}
	for _, j := range jobs[1:] {
		c.jobs <- j
	}
	if next := c.batch(jobs[0]); next != nil {
		t.Fatalf("batch returned %s to run next; want none", next.op)
	}
	if len(c.jobs) != 0 {
		t.Fatalf("%d jobs were left in the queue; one batch should take them all", len(c.jobs))
	}
	errs := map[string]error{}
	for _, j := range jobs {
		errs[j.op] = <-j.done
	}
	if errs["a"] != nil || errs["e"] != nil {
		t.Errorf("a: %v, e: %v; want both committed", errs["a"], errs["e"])
	}
	if !errors.Is(errs["b"], refused) {
		t.Errorf("b: %v; want its own error", errs["b"])
	}
	if !errors.Is(errs["c"], context.Canceled) {
		t.Errorf("c: %v; want context.Canceled (it was cancelled before it ran)", errs["c"])
	}
	if errs["d"] == nil {
		t.Error("d panicked but was answered with no error")
	}
	if got := committedJobs(t, db); !slices.Equal(got, []string{"a", "e"}) {
		t.Errorf("rows committed by %v; want [a e]", got)
	}
}

func TestGroupCommitFailedCommitFailsEveryJob(t *testing.T) {
	db, c := heldCommitter(t)
	ctx := context.Background()
	// A deferred foreign key is checked at COMMIT: the job itself succeeds,
	// and the commit of the whole batch fails.
	orphan := &writeJob{ctx: ctx, op: "orphan", done: make(chan error, 1), fn: func(ctx context.Context, tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO gc_child (parent) VALUES (42)`)
		return err
	}}
	jobs := []*writeJob{insertJob(ctx, "a", nil), orphan, insertJob(ctx, "b", nil)}
	for _, j := range jobs[1:] {
		c.jobs <- j
	}
	c.batch(jobs[0])
	for _, j := range jobs {
		if err := <-j.done; err == nil {
			t.Errorf("%s was acknowledged, but its batch's commit failed", j.op)
		}
	}
	if got := committedJobs(t, db); len(got) != 0 {
		t.Errorf("rows of %v survived a failed commit", got)
	}
}

func TestGroupCommitJobAloneEndsTheBatch(t *testing.T) {
	db, c := heldCommitter(t)
	ctx := context.Background()
	alone := insertJob(ctx, "alone", nil)
	alone.alone = true
	after := insertJob(ctx, "after", nil)
	c.jobs <- alone
	c.jobs <- after
	first := insertJob(ctx, "first", nil)
	next := c.batch(first)
	if next != alone {
		t.Fatalf("batch returned %v; want the job that runs alone", next)
	}
	if err := <-first.done; err != nil {
		t.Fatal(err)
	}
	if len(c.jobs) != 1 {
		t.Fatalf("%d jobs queued after the batch; want the one behind the lone job", len(c.jobs))
	}
	if err := c.runAlone(alone); err != nil {
		t.Fatal(err)
	}
	if got := committedJobs(t, db); !slices.Equal(got, []string{"alone", "first"}) {
		t.Errorf("rows committed by %v; want [alone first]", got)
	}
}

// Many concurrent writers through the running committer: every write that
// was acknowledged is there, every refused one is not, and they shared
// transactions (fewer commits than writes).
func TestGroupCommitConcurrentWriters(t *testing.T) {
	db, _ := heldCommitter(t)
	ctx := context.Background()
	const writers, each = 16, 25
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				name := fmt.Sprintf("w%02d-%02d", w, i)
				var fail error
				if i%5 == 0 {
					fail = errors.New("refused")
				}
				err := db.inWrite(ctx, name, func(ctx context.Context, tx *txn) error {
					if _, err := tx.ExecContext(ctx, `INSERT INTO gc_rows (job) VALUES ($1)`, name); err != nil {
						return err
					}
					return fail
				})
				if (err == nil) != (fail == nil) {
					t.Errorf("%s: %v", name, err)
				}
				if err == nil {
					mu.Lock()
					acked = append(acked, name)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	slices.Sort(acked)
	if got := committedJobs(t, db); !slices.Equal(got, acked) {
		t.Errorf("%d rows committed; %d writes acknowledged", len(got), len(acked))
	}
	if want := writers * each * 4 / 5; len(acked) != want {
		t.Errorf("%d writes acknowledged; want %d", len(acked), want)
	}
	if commits, jobs := db.commits.commits.Load(), db.commits.jobsDone.Load(); commits >= jobs {
		t.Errorf("%d commits for %d writes: the writers never shared a transaction", commits, jobs)
	}
}

// indexJob inserts a row named name and sets aside the index row of id,
// whose words are name; then returns fail.
func indexJob(ctx context.Context, name string, id int64, fail error) *writeJob {
	return &writeJob{ctx: ctx, op: name, done: make(chan error, 1), fn: func(ctx context.Context, tx *txn) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO gc_rows (job) VALUES ($1)`, name); err != nil {
			return err
		}
		err := afterJobs(ctx, tx, func(ctx context.Context, tx *txn) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO gc_index (rowid, terms) VALUES ($1, $2)`, id, name)
			return err
		})
		if err != nil {
			return err
		}
		return fail
	}}
}

func indexed(t *testing.T, db *DB, word string) []int64 {
	t.Helper()
	return column[int64](t, db, `SELECT rowid FROM gc_index WHERE gc_index MATCH $1 ORDER BY rowid`, word)
}

// The index writes a job sets aside are made after every job of the batch
// has run, and only for the jobs that succeeded.
func TestGroupCommitIndexWritesSetAside(t *testing.T) {
	db, c := heldCommitter(t)
	ctx := context.Background()
	first := indexJob(ctx, "alpha", 1, nil)
	refused := indexJob(ctx, "beta", 2, errors.New("refused"))
	third := indexJob(ctx, "gamma", 3, nil)
	c.jobs <- refused
	c.jobs <- third
	c.batch(first)
	for _, j := range []*writeJob{first, third} {
		if err := <-j.done; err != nil {
			t.Fatalf("%s: %v", j.op, err)
		}
	}
	if err := <-refused.done; err == nil {
		t.Fatal("the refused job was acknowledged")
	}
	for word, want := range map[string][]int64{"alpha": {1}, "beta": nil, "gamma": {3}} {
		if got := indexed(t, db, word); !slices.Equal(got, want) {
			t.Errorf("index rows of %s: %v; want %v", word, got, want)
		}
	}
	// Outside a batch the write is made at once.
	if err := db.inWrite(ctx, "direct", func(ctx context.Context, tx *txn) error {
		return afterJobs(ctx, tx, func(ctx context.Context, tx *txn) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO gc_index (rowid, terms) VALUES (4, 'delta')`)
			return err
		})
	}); err != nil {
		t.Fatal(err)
	}
	if got := indexed(t, db, "delta"); !slices.Equal(got, []int64{4}) {
		t.Errorf("index rows of delta: %v; want [4]", got)
	}
}

// A set-aside write that fails fails the whole batch: no job is
// acknowledged, and nothing of any is committed.
func TestGroupCommitFailedIndexWriteFailsTheBatch(t *testing.T) {
	db, c := heldCommitter(t)
	ctx := context.Background()
	first := indexJob(ctx, "alpha", 1, nil)
	clash := indexJob(ctx, "beta", 2, nil)
	clash.fn = func(ctx context.Context, tx *txn) error {
		return afterJobs(ctx, tx, func(ctx context.Context, tx *txn) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO gc_index (no_such_column) VALUES ('beta')`)
			return err
		})
	}
	c.jobs <- clash
	c.batch(first)
	for _, j := range []*writeJob{first, clash} {
		if err := <-j.done; err == nil {
			t.Errorf("%s was acknowledged, but its batch failed", j.op)
		}
	}
	if got := committedJobs(t, db); len(got) != 0 {
		t.Errorf("rows of %v survived a failed batch", got)
	}
	if got := indexed(t, db, "alpha"); len(got) != 0 {
		t.Errorf("index rows %v survived a failed batch", got)
	}
}

// The checkpointer copies the log into the database file while the writer
// writes, so that the writer need not: after a burst of writes that the
// writer leaves in the log, the file grows by them without anyone asking.
func TestCheckpointerCopiesTheLog(t *testing.T) {
	db, _ := heldCommitter(t)
	ctx := context.Background()
	var seq int
	var name, file string
	if err := db.read.QueryRowContext(ctx, `PRAGMA database_list`).Scan(&seq, &name, &file); err != nil {
		t.Fatal(err)
	}
	size := func() int64 {
		fi, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	for i := range 200 {
		if err := db.inWrite(ctx, "write", func(ctx context.Context, tx *txn) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO gc_rows (job) VALUES ($1)`, strings.Repeat("行", 2000)+strconv.Itoa(i))
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for size() < before+1<<20 {
		if time.Now().After(deadline) {
			t.Fatalf("1.2 MB written, and the database file grew from %d to %d bytes in 30 s", before, size())
		}
		time.Sleep(20 * time.Millisecond)
	}
	var auto int
	if err := db.write.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != writerCheckpointPages {
		t.Errorf("the writer checkpoints at %d pages (%v); want %d", auto, err, writerCheckpointPages)
	}
}

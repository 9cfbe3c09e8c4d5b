package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"zhitong/internal/fault"
)

// Group commit on SQLite. A SQLite database has one writer at a time, and
// each durable commit costs a sync of the WAL and the write of every page
// the transaction touched, which bounds one-transaction-per-request writes
// to a few hundred a second. The committer is the one goroutine that owns
// the writer connection: it takes the write requests that are waiting, runs
// each in a savepoint of one shared transaction, commits that transaction
// once, and only then answers each request. A request that fails is rolled
// back to its savepoint and answered with its error; the others go on. When
// the commit itself fails, every request of the batch is answered with that
// error, so nothing is acknowledged that was not made durable.
//
// There is no waiting for company: a batch is what queued while the
// previous one committed, so a lone request commits at once and a crowd
// shares the cost of each commit.
//
// The keyword index is written after the savepoints: FTS5 keeps what a
// transaction adds in memory and writes it out as a new segment (merging
// older ones) when a savepoint holding it is released, which would undo
// the point of sharing one transaction. A request's index writes are
// therefore set aside (afterJobs) and made once all requests have run, in
// their order, outside any savepoint; if one fails, the whole batch does.

// maxBatch caps the requests of one transaction, so that the first of a
// crowd waits for no more than this many others.
const maxBatch = 256

// writeJob is one request for a write transaction.
type writeJob struct {
	ctx   context.Context
	op    string
	fn    func(ctx context.Context, tx *txn) error
	alone bool // runs in a transaction of its own (migrations)
	done  chan error
	after []func(ctx context.Context, tx *txn) error // set aside by afterJobs
	err   error                                      // the job's own result
}

// committer runs the write transactions of a SQLite database.
type committer struct {
	db    *sql.DB
	stmts *stmtCache
	jobs  chan *writeJob
	stop  chan struct{}
	wg    sync.WaitGroup
	close sync.Once
	// commits and jobsDone count the transactions committed and the jobs
	// they held: how much the batching saves.
	commits, jobsDone atomic.Int64
}

func newCommitter(db *sql.DB, stmts *stmtCache) *committer {
	c := &committer{db: db, stmts: stmts, jobs: make(chan *writeJob), stop: make(chan struct{})}
	c.wg.Add(1)
	go c.loop()
	return c
}

// errClosed answers the requests made after Close.
var errClosed = errors.New("the database is closed")

// do runs fn in a write transaction shared with the requests waiting with
// it, and returns fn's error unchanged, or an error of the commit.
func (c *committer) do(ctx context.Context, op string, alone bool, fn func(context.Context, *txn) error) error {
	j := &writeJob{ctx: ctx, op: op, fn: fn, alone: alone, done: make(chan error, 1)}
	select {
	case c.jobs <- j:
	case <-ctx.Done():
		return fault.Wrap(ctx.Err(), "sqlstore: "+op)
	case <-c.stop:
		return fault.Wrap(errClosed, "sqlstore: "+op)
	}
	// Once taken, a job is always answered: the wait ends with its commit.
	return <-j.done
}

// shutdown stops the loop after the batch it is running, and waits for it.
func (c *committer) shutdown() {
	c.close.Do(func() { close(c.stop) })
	c.wg.Wait()
}

func (c *committer) loop() {
	defer c.wg.Done()
	var next *writeJob // a job that must start the next batch
	for {
		j := next
		next = nil
		if j == nil {
			select {
			case j = <-c.jobs:
			case <-c.stop:
				return
			}
		}
		if j.alone {
			j.done <- c.runAlone(j)
		} else {
			next = c.batch(j)
		}
		// The connection is free between transactions: the statements
		// first seen in the last one are prepared now.
		c.stmts.prepareNoted(context.Background())
	}
}

// runAlone runs j in a transaction of its own.
func (c *committer) runAlone(j *writeJob) error {
	tx, err := c.db.BeginTx(context.WithoutCancel(j.ctx), nil)
	if err != nil {
		return fault.Wrap(err, "sqlstore: "+j.op+": begin")
	}
	t := &txn{Tx: tx, stmts: c.stmts}
	if err := call(j, t, false); err != nil {
		tx.Rollback()
		return err
	}
	return fault.Wrap(tx.Commit(), "sqlstore: "+j.op+": commit")
}

// batch runs first and the jobs waiting behind it in one transaction, then
// answers them all. It returns a job that arrived but must run alone.
func (c *committer) batch(first *writeJob) (next *writeJob) {
	tx, err := c.db.BeginTx(context.Background(), nil)
	if err != nil {
		first.done <- fault.Wrap(err, "sqlstore: "+first.op+": begin")
		return nil
	}
	t := &txn{Tx: tx, stmts: c.stmts}
	ran := []*writeJob{first}
	broken := step(t, first)
gather:
	for broken == nil && len(ran) < maxBatch && next == nil {
		select {
		case j := <-c.jobs:
			if j.alone {
				next = j
				break gather
			}
			ran = append(ran, j)
			broken = step(t, j)
		default:
			break gather
		}
	}
	for _, j := range ran {
		if broken != nil {
			break
		}
		broken = runAfter(t, j)
	}
	if broken == nil {
		if broken = tx.Commit(); broken == nil {
			c.commits.Add(1)
			c.jobsDone.Add(int64(len(ran)))
		}
	} else {
		tx.Rollback()
	}
	for _, j := range ran {
		if broken != nil {
			j.done <- fault.Wrap(broken, "sqlstore: "+j.op+": commit")
		} else {
			j.done <- j.err
		}
	}
	return next
}

// step runs j in a savepoint of tx and keeps its result in j.err. It
// returns an error when the transaction can no longer be committed: a
// savepoint that could not be set or rolled back to (SQLite rolls a whole
// transaction back after some errors).
func step(tx *txn, j *writeJob) (broken error) {
	if err := j.ctx.Err(); err != nil {
		j.err = fault.Wrap(err, "sqlstore: "+j.op)
		return nil
	}
	if _, err := tx.Exec("SAVEPOINT job"); err != nil {
		return err
	}
	j.err = call(j, tx, true)
	if j.err != nil {
		j.after = nil
		if _, err := tx.Exec("ROLLBACK TO job"); err != nil {
			slog.Error("sqlstore: group commit: rollback to savepoint", "op", j.op, "err", err, "cause", j.err)
			return err
		}
	}
	_, err := tx.Exec("RELEASE job")
	return err
}

// runAfter makes the writes j set aside, if j succeeded.
func runAfter(tx *txn, j *writeJob) error {
	if j.err != nil {
		return nil
	}
	ctx := context.WithoutCancel(j.ctx)
	for _, fn := range j.after {
		if err := fn(ctx, tx); err != nil {
			return fault.Wrap(err, "sqlstore: "+j.op)
		}
	}
	return nil
}

// call runs j's function in tx with j's context, no longer cancellable:
// SQLite answers a cancelled statement by interrupting the connection, which
// rolls back the whole transaction and with it the other requests' work.
// With setAside, the function's index writes are kept in j.after. A panic
// is turned into j's error.
func call(j *writeJob, tx *txn, setAside bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fault.Wrap(fmt.Errorf("panic: %v", r), "sqlstore: "+j.op)
		}
	}()
	ctx := context.WithoutCancel(j.ctx)
	if setAside {
		ctx = context.WithValue(ctx, afterKey{}, &j.after)
	}
	return j.fn(ctx, tx)
}

// afterKey marks the context of a job in a batch: its value is where the
// job's index writes are set aside.
type afterKey struct{}

// afterJobs runs fn in tx now, or, in a job of a batch, sets it aside to run
// after every job of the batch has run.
func afterJobs(ctx context.Context, tx *txn, fn func(ctx context.Context, tx *txn) error) error {
	if after, ok := ctx.Value(afterKey{}).(*[]func(context.Context, *txn) error); ok {
		*after = append(*after, fn)
		return nil
	}
	return fn(ctx, tx)
}

// Package load is the benchmark's data generator (zhitong bench load): it
// fills an empty database with a province's history of appeals — the
// organisation of 湖南省 with its cities, districts, townships,
// departments, offices and officers; enterprises with valid credit codes;
// and appeals with believable Chinese text, each taken round the closed
// loop as the product would have done it (tasks, replies, visits,
// timeline, audit entries sealed into the HMAC chain, keyword index), with
// the skew of real life: busy districts and categories, seasons, most
// appeals closed, some late, some redone.
//
// Rows are generated on one goroutine, deterministically for a seed, and
// written on another straight into the engine (sqlstore.Bulk), big
// transactions at a time. A million appeals load in minutes.
package load

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
)

// Options say what to load.
type Options struct {
	Appeals int       // how many appeals
	Seed    uint64    // the same seed, the same data (token secrets aside)
	Years   float64   // the appeals are registered over this many years before End
	End     time.Time // the load's now: everything happened before it
	Key     audit.Key // the audit chain's key
	// Head, if not nil, is the chain's head file, written after the load.
	Head *audit.HeadFile
	// PerTx is how many appeals one transaction writes; DefaultPerTx if 0.
	PerTx int
	// Progress, if not nil, is called from time to time (Every) with what
	// is written so far.
	Progress func(Progress)
	Every    time.Duration
	// Say, if not nil, is told when a long step begins after the rows are
	// written.
	Say func(step string)
}

// DefaultPerTx is how many appeals one transaction writes by default.
const DefaultPerTx = 10000

// Progress is how far a load is.
type Progress struct {
	Appeals int // written
	Total   int
	Elapsed time.Duration
}

// Rate is the appeals written per second.
func (p Progress) Rate() float64 { return float64(p.Appeals) / max(p.Elapsed.Seconds(), 1e-9) }

// Result is what a load wrote.
type Result struct {
	Rows      []TableRows          // rows written, per table, in the order written
	States    map[appeal.State]int // appeals by state at the end
	Districts int
	Tokens    *Tokens // the ids and secrets for bench run
	Head      audit.Head
	Notes     []string      // what the writer did differently from ordinary writes
	Load      time.Duration // generating and writing, to the last commit
	Finish    time.Duration // indexes, report counters, sequences, tokens and head file
	Analyze   time.Duration
}

// TableRows is how many rows a table got.
type TableRows struct {
	Table string
	Rows  int64
}

// Load fills db, which must hold no data yet (an empty database, migrated),
// as opt says. It refuses a database that holds any data with a Conflict
// (bench.load.notempty). Afterwards the audit chain verifies with opt.Key
// and the planner has statistics.
func Load(ctx context.Context, db *sqlstore.DB, opt Options) (*Result, error) {
	if opt.Appeals <= 0 || opt.Years <= 0 {
		return nil, fault.E(fault.Invalid, "bench.load.options")
	}
	if opt.PerTx <= 0 {
		opt.PerTx = DefaultPerTx
	}
	if t, n, err := db.FirstNonEmpty(ctx); err != nil {
		return nil, err
	} else if t != "" {
		return nil, fault.E(fault.Conflict, "bench.load.notempty", t, n)
	}
	start := time.Now()
	g := newGen(&opt)
	bulk, err := db.StartBulk(ctx)
	if err != nil {
		return nil, err
	}
	defer bulk.Close()
	res := &Result{Districts: len(g.o.districts), Notes: bulk.Notes()}
	if err := write(ctx, g, bulk, &opt, res, start); err != nil {
		return nil, err
	}
	res.Load = time.Since(start)
	res.States, res.Head = g.states, g.chain.head
	say(&opt, "all rows written; creating the indexes set aside for the load")
	if err := bulk.Finish(ctx); err != nil {
		return nil, err
	}
	say(&opt, "counting the summary report's counters")
	if err := db.RebuildCohort(ctx); err != nil {
		return nil, err
	}
	if opt.Head != nil && res.Head.Seq > 0 {
		contains := func(h audit.Head) (bool, error) { return db.ChainContains(ctx, h) }
		if err := opt.Head.Advance(res.Head, contains); err != nil {
			return nil, err
		}
	}
	if res.Tokens, err = issueTokens(ctx, db, g); err != nil {
		return nil, err
	}
	res.Finish = time.Since(start) - res.Load
	say(&opt, "gathering the planner's statistics")
	t := time.Now()
	if err := db.Analyze(ctx); err != nil {
		return nil, err
	}
	res.Analyze = time.Since(t)
	return res, nil
}

func say(opt *Options, step string) {
	if opt.Say != nil {
		opt.Say(step)
	}
}

// write runs the generator on a goroutine of its own and writes what it
// sends, one transaction per batch, reporting progress.
func write(ctx context.Context, g *gen, bulk *sqlstore.Bulk, opt *Options, res *Result, start time.Time) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *sqlstore.BulkBatch, 1)
	genErr := make(chan error, 1)
	go func() {
		genErr <- g.generate(ctx, opt.PerTx, batches, bulk.Prepare)
		close(batches)
	}()
	written, last := 0, time.Now()
	var werr error
	for b := range batches {
		if werr != nil {
			continue // drain, so that the generator ends
		}
		if werr = bulk.Write(ctx, b); werr != nil {
			cancel()
			continue
		}
		written += len(b.Appeals)
		if opt.Progress != nil && time.Since(last) >= opt.Every {
			last = time.Now()
			opt.Progress(Progress{Appeals: written, Total: opt.Appeals, Elapsed: time.Since(start)})
		}
	}
	if err := <-genErr; werr == nil && err != nil {
		return err
	}
	if werr != nil {
		return werr
	}
	if written != opt.Appeals {
		return fmt.Errorf("bench load: %d appeals generated, %d asked for", written, opt.Appeals)
	}
	for _, t := range sqlstore.BulkTables {
		res.Rows = append(res.Rows, TableRows{Table: t, Rows: g.rows[t]})
	}
	return nil
}

// TokenTTL is how long the tokens of the load last.
const TokenTTL = 5 * 365 * 24 * time.Hour

// issueTokens issues a full token, as account.Service.CreateToken does, to
// an officer of each role bench run acts as: those of the busiest district
// and its busiest handling unit, and of the province.
func issueTokens(ctx context.Context, db *sqlstore.DB, g *gen) (*Tokens, error) {
	d := slices.MaxFunc(g.o.districts, func(a, b *district) int { return a.appeals - b.appeals })
	h := d.hs[slices.Index(d.tasks, slices.Max(d.tasks))]
	svc := &account.Service{Store: db, Units: db, Now: time.Now}
	t := &Tokens{DistrictID: d.id, UnitID: h.unit, ProvinceUnitID: g.o.province}
	for _, x := range []struct {
		secret *string
		who    int32
	}{
		{&t.Tokens.Intake, d.intake}, {&t.Tokens.Federation, d.fed}, {&t.Tokens.Office, d.office},
		{&t.Tokens.Handler, h.handler}, {&t.Tokens.Leader, d.leader}, {&t.Tokens.Province, g.o.leader},
		{&t.Tokens.Auditor, g.o.auditor},
	} {
		secret, _, err := svc.CreateToken(ctx, g.o.officers[x.who].id, "bench", account.ScopeFull, TokenTTL)
		if err != nil {
			return nil, errors.Join(errors.New("bench load: token"), err)
		}
		*x.secret = secret
	}
	return t, nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/bench/load"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
)

const benchLoadAbout = `
Fill an empty database with a province's history for the benchmark: 湖南省
with its cities, districts (about one per 2,000 appeals, 4 to 122), townships,
departments, offices and officers; about one enterprise per 20 appeals, with
valid credit codes; and N appeals with Chinese titles and contents, each taken
round the loop as the product does it — tasks, replies, return visits,
timeline, audit entries sealed into the HMAC chain, keyword index — with busy
districts and categories, seasons, most appeals closed, some late, some
redone. The same --seed gives the same data.

The database is migrated first and must hold no data: a second load is
refused. Rows are written straight into the engine in big transactions; on
SQLite the loading connection runs with synchronous=OFF until the end (FULL
again afterwards), on PostgreSQL the big tables' indexes and foreign keys are
built after the rows (a load that fails half way leaves a database to drop).
Then ANALYZE. Progress is printed every few seconds; at the end the rows per
table, the time, the rate and the database's size on disk.

The audit key is read from --audit-key-file, or generated there if the file
does not exist (next to a SQLite database by default); the head file is
written next to it, so that 'zhitong audit verify' passes. The tokens for
'zhitong bench run' go to --tokens, mode 0600.`

// benchLoadCommands is 'bench load'.
func benchLoadCommands() []command {
	return []command{{"bench load", "fill an empty database with N appeals of a province, for the benchmark", benchLoadAbout, runBenchLoad}}
}

// benchLoadFlags are the command's flags, parsed.
type benchLoadFlags struct {
	dsn     *string
	appeals int
	seed    uint64
	years   float64
	end     string
	tokens  string
	perTx   int
	files   auditFiles
}

func (c *cli) parseBenchLoad(args []string) (*benchLoadFlags, *load.Options, error) {
	const cmd = "bench load"
	fs := flags(cmd)
	f := &benchLoadFlags{dsn: c.dbFlag(fs)}
	fs.IntVar(&f.appeals, "appeals", 0, "how many appeals to load (required)")
	fs.Uint64Var(&f.seed, "seed", 1, "the seed of the generator: the same seed, the same data")
	fs.Float64Var(&f.years, "years", 3, "the appeals are registered over this many years (a fraction is allowed)")
	fs.StringVar(&f.end, "end", "", "the last day of the load, YYYY-MM-DD (China Standard Time); default today, up to now")
	fs.StringVar(&f.tokens, "tokens", "", "where to write the tokens for bench run (default: "+load.TokensFile+" next to a SQLite database, or in the working directory)")
	fs.IntVar(&f.perTx, "batch", load.DefaultPerTx, "appeals written per transaction")
	c.auditFlags(fs, &f.files)
	if err := c.parse(cmd, fs, args); err != nil {
		return nil, nil, err
	}
	if err := required(cmd, fs, "appeals", "db"); err != nil {
		return nil, nil, err
	}
	switch {
	case f.appeals < 0 || f.appeals > 1_000_000_000:
		return nil, nil, usagef(cmd, "--appeals must be between 1 and 1000000000, not %d", f.appeals)
	case !(f.years > 0 && f.years <= 30):
		return nil, nil, usagef(cmd, "--years must be above 0 and at most 30, not %v", f.years)
	case f.perTx < 1 || f.perTx > 1_000_000:
		return nil, nil, usagef(cmd, "--batch must be between 1 and 1000000, not %d", f.perTx)
	}
	end, err := loadEnd(f.end, time.Now())
	if err != nil {
		return nil, nil, usagef(cmd, "%v", err)
	}
	if _, err := f.files.keyPath(*f.dsn, ""); err != nil {
		return nil, nil, usagef(cmd, "--audit-key-file is required with PostgreSQL (or set %s)", envAuditKey)
	}
	return f, &load.Options{Appeals: f.appeals, Seed: f.seed, Years: f.years, End: end, PerTx: f.perTx}, nil
}

// loadEnd is the load's now for --end: the end of that day (CST), or now
// for today or no day.
func loadEnd(day string, now time.Time) (time.Time, error) {
	if day == "" {
		return now, nil
	}
	d, err := time.ParseInLocation("2006-01-02", day, appeal.CST)
	if err != nil {
		return time.Time{}, fmt.Errorf("--end must be a day, YYYY-MM-DD, not %q", day)
	}
	end := d.AddDate(0, 0, 1)
	if d.After(now) {
		return time.Time{}, fmt.Errorf("--end %s is after today", day)
	}
	if end.After(now) {
		return now, nil
	}
	return end, nil
}

func runBenchLoad(ctx context.Context, c *cli, args []string) error {
	f, opt, err := c.parseBenchLoad(args)
	if err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *f.dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	if t, n, err := a.db.FirstNonEmpty(ctx); err != nil {
		return err
	} else if t != "" {
		return fault.E(fault.Conflict, "bench.load.notempty", t, n)
	}
	keyPath, _ := f.files.keyPath(*f.dsn, "")
	key, created, err := audit.LoadOrCreateKey(keyPath)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(c.stdout, "generated the audit key %s (key id %s): keep it for 'zhitong audit verify'\n", keyPath, key.ID())
	}
	opt.Key, opt.Head = key, f.files.headFile(keyPath, key)
	if _, err := os.Stat(opt.Head.Path); err == nil {
		return fault.E(fault.Conflict, "bench.load.head", opt.Head.Path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tokensPath := f.tokens
	if tokensPath == "" {
		tokensPath = load.TokensFile
		if !sqlstore.IsPostgres(*f.dsn) {
			tokensPath = filepath.Join(filepath.Dir(*f.dsn), load.TokensFile)
		}
	}
	fmt.Fprintf(c.stdout, "loading %s appeals over %v years up to %s into %s (%s), seed %d\n", loadNum(int64(opt.Appeals)),
		opt.Years, opt.End.In(appeal.CST).Format("2006-01-02 15:04"), redact(*f.dsn), a.db.Engine(), opt.Seed)
	opt.Every = 5 * time.Second
	opt.Progress = func(p load.Progress) {
		fmt.Fprintf(c.stdout, "  %s / %s appeals (%.0f%%), %s appeals/s, %s\n", loadNum(int64(p.Appeals)), loadNum(int64(p.Total)),
			100*float64(p.Appeals)/float64(p.Total), loadNum(int64(p.Rate())), p.Elapsed.Round(100*time.Millisecond))
	}
	opt.Say = func(step string) { fmt.Fprintf(c.stdout, "  %s…\n", step) }
	res, err := load.Load(ctx, a.db, *opt)
	if err != nil {
		return err
	}
	if err := load.WriteTokens(tokensPath, res.Tokens); err != nil {
		return err
	}
	size, err := a.db.Size(ctx, *f.dsn)
	if err != nil {
		return err
	}
	c.printLoad(res, opt, size, tokensPath, opt.Head.Path, keyPath, key)
	return nil
}

func (c *cli) printLoad(res *load.Result, opt *load.Options, size int64, tokens, head, keyPath string, key audit.Key) {
	w := c.stdout
	total := res.Load + res.Finish + res.Analyze
	fmt.Fprintf(w, "loaded %s appeals in %s: %s appeals/s (writing %s, indexes/tokens/head %s, ANALYZE %s)\n",
		loadNum(int64(opt.Appeals)), total.Round(100*time.Millisecond), loadNum(int64(float64(opt.Appeals)/total.Seconds())),
		res.Load.Round(100*time.Millisecond), res.Finish.Round(100*time.Millisecond), res.Analyze.Round(100*time.Millisecond))
	fmt.Fprintln(w, "rows:")
	for _, t := range res.Rows {
		fmt.Fprintf(w, "  %-22s %14s\n", t.Table, loadNum(t.Rows))
	}
	var states []string
	for _, s := range appeal.States {
		if n := res.States[s]; n > 0 {
			states = append(states, fmt.Sprintf("%s %s (%.1f%%)", s, loadNum(int64(n)), 100*float64(n)/float64(opt.Appeals)))
		}
	}
	fmt.Fprintf(w, "appeals by state: %s\n", strings.Join(states, ", "))
	fmt.Fprintf(w, "database size on disk: %s (%s bytes)\n", loadBytes(size), loadNum(size))
	fmt.Fprintf(w, "audit chain: %s entries sealed up to seq %d with key %s (id %s); head file %s\n",
		loadNum(res.Head.Seq), res.Head.Seq, keyPath, key.ID(), head)
	fmt.Fprintf(w, "tokens for bench run: %s (district %d, unit %d, province %d; mode 0600)\n",
		tokens, res.Tokens.DistrictID, res.Tokens.UnitID, res.Tokens.ProvinceUnitID)
	for _, n := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// loadNum writes n with commas between groups of three digits.
func loadNum(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// loadBytes is a size in bytes, in MiB or GiB.
func loadBytes(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

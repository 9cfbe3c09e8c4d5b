package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"zhitong/internal/bench/load"
	benchrun "zhitong/internal/bench/run"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
)

const benchRunAbout = `
Measure a zhitong server as its officers use it: for each scenario, --clients
keep-alive HTTP clients for --duration, and p50, p95, p99, the largest
latency, throughput and errors (the first error of each kind is printed).
Either give --db: bench run starts 'zhitong serve' on it on a free loopback
port, measures the start-up until /healthz answers and the server's peak
memory (RSS), and stops it at the end; or give --url of a server running on
this machine (and --pid for its memory). The data are those of 'zhitong bench
load', whose tokens file (--tokens, default bench-tokens.json next to a SQLite
database, as bench load writes it) names the district, the unit and a token for
each seat.

The scenarios: intake (POST an appeal as fast as answered), intake@rate (at
--rate a second, timed from when each was due), worklist, appeal (with its
timeline and visits), search (two Chinese characters), list (filters and the
next page), report-month (the district's busiest month), report-year (the
province's year), and every other read of the API: enterprises, units, users,
categories, me, tokens, settings, audit. A read route that the server
documents and no scenario measures is an error.

The limit: the same appeals written straight into the engine, with no HTTP,
through the same domain service and transaction (so the same durability), with
--clients goroutines for --duration, into --limit-db (default: the --db of the
run, or a fresh SQLite database with --url); intake is printed as a ratio to
it. Each figure is printed next to its target (issue 4) with ✓ or ✗; --json
writes everything, with the machine, for comparing runs; --profile writes the
CPU profile of each scenario and of the limit, to read with go tool pprof. Exits 1 when a request
failed or a read route is not measured. The run adds the appeals it registers
to the database.`

// benchRunCommands is 'bench run'.
func benchRunCommands() []command {
	return []command{{"bench run", "measure a server: latency, throughput, memory and the limit, against the targets",
		benchRunAbout, runBenchRun}}
}

// benchRunFlags are bench run's flags as given.
type benchRunFlags struct {
	url, db, tokens, json, only, limitDB, serverLog, profile string
	clients, pid                                             int
	duration                                                 time.Duration
	rate                                                     float64
	noLimit                                                  bool
	audit                                                    auditFiles
}

func (c *cli) benchRunFlags(fs *flag.FlagSet) *benchRunFlags {
	f := &benchRunFlags{}
	fs.StringVar(&f.url, "url", "", "the `URL` of a server running on this machine (or give --db)")
	fs.StringVar(&f.db, "db", "", "the database to serve and measure: a SQLite file, or postgres://user@host:5432/db (or give --url)")
	fs.StringVar(&f.tokens, "tokens", "", "the tokens `file` of 'zhitong bench load' (default: "+load.TokensFile+" next to a SQLite --db, or in the working directory)")
	fs.IntVar(&f.clients, "clients", 8, "concurrent clients of each scenario, and goroutines of the limit")
	fs.DurationVar(&f.duration, "duration", 10*time.Second, "how long each scenario (and the limit) runs")
	fs.Float64Var(&f.rate, "rate", 1000, "requests a second of the intake@rate scenario")
	fs.IntVar(&f.pid, "pid", 0, "with --url: the server's process id, to read its memory")
	fs.StringVar(&f.json, "json", "", "write the results as JSON to this `file`")
	fs.StringVar(&f.only, "only", "", "run only these scenarios, comma-separated: "+benchrun.ScenarioList())
	fs.StringVar(&f.limitDB, "limit-db", "", "the database to measure the limit in (default: --db, or a fresh SQLite database with --url)")
	fs.BoolVar(&f.noLimit, "no-limit", false, "do not measure the limit")
	fs.StringVar(&f.serverLog, "server-log", "", "with --db: append the server's log to this `file` (default: dropped)")
	fs.StringVar(&f.profile, "profile", "", "with --db: write the CPU profiles of the server during each scenario, and of the limit, to this `directory` (go tool pprof)")
	c.auditFlags(fs, &f.audit)
	return f
}

// check reports the first mistake in the flags.
func (f *benchRunFlags) check() error {
	const cmd = "bench run"
	switch {
	case f.url == "" && f.db == "":
		return usagef(cmd, "--url or --db is required")
	case f.url != "" && f.db != "":
		return usagef(cmd, "give --url or --db, not both")
	case f.pid != 0 && f.url == "":
		return usagef(cmd, "--pid goes with --url (with --db bench run knows the server's process)")
	case f.clients < 1:
		return usagef(cmd, "--clients must be at least 1")
	case f.duration <= 0:
		return usagef(cmd, "--duration must be positive")
	case f.rate <= 0:
		return usagef(cmd, "--rate must be positive")
	case f.serverLog != "" && f.db == "":
		return usagef(cmd, "--server-log goes with --db")
	case f.profile != "" && f.db == "":
		return usagef(cmd, "--profile goes with --db (bench run starts the server that serves its profiles)")
	}
	if f.url != "" {
		if err := benchrun.CheckURL(f.url); err != nil {
			return usagef(cmd, "--url: %v", err)
		}
	}
	switch {
	case f.tokens != "":
	case f.db == "":
		return usagef(cmd, "--tokens is required with --url")
	case sqlstore.IsPostgres(f.db):
		f.tokens = load.TokensFile // where bench load writes it for PostgreSQL
	default:
		f.tokens = filepath.Join(filepath.Dir(f.db), load.TokensFile)
	}
	for _, name := range f.onlyList() {
		if !slices.Contains(benchrun.Scenarios(), name) {
			return usagef(cmd, "--only: no scenario %q; the scenarios are %s", name, benchrun.ScenarioList())
		}
	}
	return nil
}

func (f *benchRunFlags) onlyList() []string {
	var out []string
	for _, s := range strings.Split(f.only, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func runBenchRun(ctx context.Context, c *cli, args []string) error {
	fs := flags("bench run")
	f := c.benchRunFlags(fs)
	if err := c.parse("bench run", fs, args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	cfg, closeLog, err := f.config(c)
	if err != nil {
		return err
	}
	defer closeLog()
	rep, err := benchrun.Run(ctx, cfg)
	if err != nil {
		return err
	}
	rep.WriteText(c.stdout)
	if f.json != "" {
		if err := writeReport(f.json, rep); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "\nzhitong: bench run: the results are in %s\n", f.json)
	}
	if failed, uncovered, other := rep.Failures(); failed+int64(uncovered+other) > 0 {
		return fault.E(fault.Internal, "benchrun.failed", failed, uncovered, other)
	}
	return nil
}

// config turns the flags into the run's configuration.
func (f *benchRunFlags) config(c *cli) (benchrun.Config, func(), error) {
	cfg := benchrun.Config{URL: f.url, DB: f.db, PID: f.pid, Clients: f.clients, Duration: f.duration, Rate: f.rate,
		Only: f.onlyList(), LimitDB: f.limitDB, NoLimit: f.noLimit, Progress: c.stdout, ProfileDir: f.profile}
	noop := func() {}
	if f.profile != "" {
		if err := os.MkdirAll(f.profile, 0o750); err != nil {
			return cfg, noop, err
		}
	}
	tok, err := benchrun.ReadTokens(f.tokens)
	if err != nil {
		return cfg, noop, err
	}
	cfg.Tokens = tok
	if f.db == "" {
		return cfg, noop, nil
	}
	if cfg.Exe, err = os.Executable(); err != nil {
		return cfg, noop, err
	}
	if f.audit.key != "" {
		cfg.ServeArgs = append(cfg.ServeArgs, "--audit-key-file", f.audit.key)
	}
	if f.audit.head != "" {
		cfg.ServeArgs = append(cfg.ServeArgs, "--audit-head-file", f.audit.head)
	}
	if f.serverLog == "" {
		return cfg, noop, nil
	}
	lf, err := os.OpenFile(f.serverLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
	if err != nil {
		return cfg, noop, err
	}
	cfg.ServerLog = lf
	return cfg, func() { lf.Close() }, nil
}

// writeReport writes rep as indented JSON to path.
func writeReport(path string, rep *benchrun.Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

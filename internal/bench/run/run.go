// Package run is 'zhitong bench run': it measures a zhitong server over
// HTTP as its officers use it — many keep-alive clients registering appeals
// and reading worklists, appeals, searches, lists and reports — and prints
// p50, p95, p99, throughput and errors for each scenario, the server's
// start-up time and peak memory, and the limit: the same appeals written
// straight into the engine with the same durability and no HTTP, to which
// intake is compared as a ratio, since absolute times drift from machine
// to machine. Each figure is set next to its target of issue 4.
//
// The data are those 'zhitong bench load' loads; its tokens file names the
// district and unit to work on and a token for each seat (tokens.go). Every
// read route the server documents in its OpenAPI document must be measured
// by a scenario (scenarios.go), or the run fails.
package run

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/sqlstore"
	"zhitong/internal/web"
)

// Config says what to measure and how.
type Config struct {
	URL       string    // a running server on this machine; or
	DB        string    // a database to serve: Exe is started on it, and stopped at the end
	Exe       string    // the zhitong binary, for DB
	ServeArgs []string  // more flags for its serve (the audit chain's files)
	ServerLog io.Writer // where the started server's log goes; nil: dropped
	PID       int       // with URL: the server's process, to read its memory
	Tokens    *Tokens
	Clients   int           // concurrent clients of each scenario
	Duration  time.Duration // of each scenario, and of the limit
	Rate      float64       // requests a second of intake@rate
	Only      []string      // the scenarios to run; all if empty
	LimitDB   string        // the database of the limit: DB if empty, or a fresh SQLite one with URL
	NoLimit   bool
	Progress  io.Writer // a line as each part begins; nil: none
	// ProfileDir, with DB: the server is started with --pprof, and the CPU
	// profiles of each scenario (the server's) and of the limit (this
	// process's) are written there (profile.go).
	ProfileDir string
}

// inFlight is the most requests an open loop keeps waiting at once.
func (cfg *Config) inFlight() int { return max(64, cfg.Clients) }

func (cfg *Config) progress(format string, args ...any) {
	if cfg.Progress != nil {
		fmt.Fprintf(cfg.Progress, "zhitong: bench run: "+format+"\n", args...)
	}
}

// Run runs the benchmark and returns its report. It returns an error only
// when it cannot measure at all (the server does not start, a token is
// refused, the database holds no appeals); failed requests and reads no
// scenario measures are in the report (Failures).
func Run(ctx context.Context, cfg Config) (*Report, error) {
	r := &Report{Tool: "zhitong bench run", StartedAt: time.Now().In(appeal.CST).Format(time.RFC3339),
		Machine: thisMachine(), LoadAverage: loadAverage(), Engine: "unknown", DB: Redact(cfg.DB), DistrictID: cfg.Tokens.DistrictID, UnitID: cfg.Tokens.UnitID,
		Clients: cfg.Clients, DurationS: cfg.Duration.Seconds(), Rate: cfg.Rate, Scenarios: []ScenarioResult{},
		NotMeasured: notMeasured, Uncovered: []string{}, Errors: []string{}}
	switch {
	case cfg.DB != "":
		r.Engine = engineOf(cfg.DB)
	case cfg.LimitDB != "":
		r.Engine, r.DB = engineOf(cfg.LimitDB), Redact(cfg.LimitDB)
	}
	base, pid := cfg.URL, cfg.PID
	pprofURL := ""
	if cfg.DB != "" {
		cfg.progress("starting %s serve --db %s", cfg.Exe, Redact(cfg.DB))
		args := append([]string{"--db", cfg.DB}, cfg.ServeArgs...)
		if cfg.ProfileDir != "" {
			args = append(args, "--pprof", "127.0.0.1:0")
		}
		srv, err := startServer(ctx, cfg.Exe, args, cfg.ServerLog)
		if err != nil {
			return nil, err
		}
		defer func() {
			if err := srv.stop(); err != nil {
				r.Errors = append(r.Errors, "stopping the server: "+err.Error())
			}
		}()
		base, pid, pprofURL = srv.url, srv.pid, srv.pprof
		startup := ms(srv.startup)
		r.StartupMS = &startup
	}
	r.Server = base
	e := &env{c: newClient(base, cfg.inFlight()), tok: cfg.Tokens, runID: randomID(), pprof: pprofURL}
	e.seed = uint64(time.Now().UnixNano())
	defer e.c.close()
	if err := measure(ctx, &cfg, e, r, pid); err != nil {
		return nil, err
	}
	r.judge()
	return r, nil
}

// measure finds the fixture, checks the coverage, runs the scenarios, reads
// the server's memory and measures the limit.
func measure(ctx context.Context, cfg *Config, e *env, r *Report, pid int) error {
	cfg.progress("reading %s's routes and finding the data of district %d", r.Server, cfg.Tokens.DistrictID)
	if err := e.prepare(ctx); err != nil {
		return err
	}
	r.Appeals, r.Month, r.Year = e.fx.appeals, e.fx.month, e.fx.year
	if err := r.checkCoverage(ctx, e.c); err != nil {
		return err
	}
	for _, sc := range selected(cfg.Only) {
		r.Scenarios = append(r.Scenarios, runScenario(ctx, cfg, e, sc))
	}
	if pid > 0 {
		m, err := readMemory(pid)
		if err != nil {
			r.Errors = append(r.Errors, "reading the server's memory: "+err.Error())
		} else {
			peak, now := float64(m.PeakRSS)/1e6, float64(m.RSS)/1e6
			r.PeakRSSMB, r.RSSMB = &peak, &now
		}
	}
	if !cfg.NoLimit {
		runLimit(ctx, cfg, e, r)
	}
	return ctx.Err()
}

// selected returns the scenarios named in only, or all of them.
func selected(only []string) []*scenario {
	var out []*scenario
	for _, sc := range scenarios() {
		if len(only) == 0 || slices.Contains(only, sc.name) {
			out = append(out, sc)
		}
	}
	return out
}

func runScenario(ctx context.Context, cfg *Config, e *env, sc *scenario) ScenarioResult {
	if cfg.ProfileDir != "" && e.pprof != "" {
		wait := profileServer(ctx, e.pprof, cfg.ProfileDir, sc.name, cfg.Duration)
		defer func() {
			if err := wait(); err != nil {
				cfg.progress("%s: no profile: %v", sc.name, err)
			}
		}()
	}
	if sc.open {
		cfg.progress("%s: %g requests a second for %s", sc.name, cfg.Rate, cfg.Duration)
		rec, elapsed := openLoop(ctx, e, sc, cfg.Rate, cfg.inFlight(), cfg.Duration)
		return scenarioResult(sc, cfg.inFlight(), cfg.Rate, rec.stats(elapsed))
	}
	cfg.progress("%s: %d clients for %s", sc.name, cfg.Clients, cfg.Duration)
	rec, elapsed := closedLoop(ctx, e, sc, cfg.Clients, cfg.Duration)
	return scenarioResult(sc, cfg.Clients, 0, rec.stats(elapsed))
}

// runLimit measures the limit in cfg's database (the limit database, else
// the server's, else a fresh one) and notes intake's ratio to it.
func runLimit(ctx context.Context, cfg *Config, e *env, r *Report) {
	dsn := cfg.LimitDB
	if dsn == "" {
		dsn = cfg.DB
	}
	lim := &LimitResult{Clients: cfg.Clients, ErrorKinds: []ErrorKind{}}
	var db *sqlstore.DB
	var place *limitPlace
	var err error
	if dsn == "" {
		var remove func()
		db, place, dsn, remove, err = freshDatabase(ctx)
		if err == nil {
			defer remove()
		}
		lim.Fresh = true
	} else if db, err = sqlstore.Open(ctx, dsn); err == nil {
		if place, err = placeOf(ctx, db, cfg.Tokens, &e.fx); err != nil {
			db.Close()
		}
	}
	if err != nil {
		r.Errors = append(r.Errors, fmt.Sprintf("limit: %s: %v", Redact(dsn), err))
		return
	}
	defer db.Close()
	lim.DB, lim.Engine = Redact(dsn), db.Engine()
	cfg.progress("limit: appeal.Service.CreateOnce into %s, %d goroutines for %s", lim.DB, cfg.Clients, cfg.Duration)
	if cfg.ProfileDir != "" {
		if stop, err := profileSelf(cfg.ProfileDir, "limit"); err == nil {
			defer stop()
		}
	}
	rec, elapsed := measureLimit(ctx, db, place, cfg.Clients, cfg.Duration)
	s := rec.stats(elapsed)
	lim.Appeals, lim.Errors, lim.ElapsedS, lim.PerSecond = s.OK, s.Errors, s.Elapsed.Seconds(), s.Throughput
	lim.P50MS, lim.P95MS, lim.P99MS, lim.MaxMS, lim.ErrorKinds = ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), s.ErrorKinds
	if in := r.scenario("intake"); in != nil && lim.PerSecond > 0 {
		ratio := in.Throughput / lim.PerSecond
		lim.IntakeRatio = &ratio
	}
	r.Limit = lim
}

// checkCoverage reads the server's OpenAPI document and notes every
// documented read that no scenario measures, and every operation a
// scenario calls that the server does not document.
func (r *Report) checkCoverage(ctx context.Context, c *client) error {
	resp, err := c.send(ctx, &request{op: "openapi", method: "GET", path: "/api/v1/openapi.json", keep: true})
	if err != nil {
		return err
	}
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(resp.body, &doc); err != nil || resp.status != 200 {
		return fmt.Errorf("GET /api/v1/openapi.json: %d %v", resp.status, err)
	}
	covered := map[string]string{}
	for _, sc := range scenarios() {
		for _, op := range sc.covers {
			covered[op] = sc.name
		}
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths {
		for method, op := range item {
			documented[op.OperationID] = true
			if method == "get" && covered[op.OperationID] == "" && notMeasured[op.OperationID] == "" {
				r.Uncovered = append(r.Uncovered, fmt.Sprintf("GET %s (%s) is documented but no scenario measures it: "+
					"add it to a scenario of internal/bench/run/scenarios.go", path, op.OperationID))
			}
		}
	}
	for op, sc := range covered {
		if !documented[op] {
			r.Errors = append(r.Errors, fmt.Sprintf("scenario %s calls %s, which the server does not document", sc, op))
		}
	}
	r.Uncovered = append(r.Uncovered, uncoveredPages(web.Table())...)
	sort.Strings(r.Uncovered)
	sort.Strings(r.Errors)
	return nil
}

// uncoveredPages lists the GET pages of the table that no scenario reads
// and notMeasuredPages does not excuse: a page added to the UI and not here
// makes the run fail, as a read of the API does.
func uncoveredPages(table []web.PageInfo) []string {
	covered := map[string]bool{}
	for _, sc := range scenarios() {
		for _, p := range sc.pages {
			covered[p] = true
		}
	}
	var out []string
	for _, p := range table {
		key := p.Method + " " + p.Pattern
		if p.Method == "GET" && !covered[key] && notMeasuredPages[key] == "" {
			out = append(out, fmt.Sprintf("the page %s is served but no scenario measures it: add it to a scenario of internal/bench/run/scenarios.go", key))
		}
	}
	return out
}

func engineOf(dsn string) string {
	if sqlstore.IsPostgres(dsn) {
		return sqlstore.Postgres
	}
	return sqlstore.SQLite
}

// Redact hides the password of a PostgreSQL URL.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func randomID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ScenarioList is the names of the scenarios, comma-separated, for help.
func ScenarioList() string { return strings.Join(Scenarios(), ", ") }

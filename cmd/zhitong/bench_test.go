package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	execpkg "os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	benchrun "zhitong/internal/bench/run"
	"zhitong/internal/demo"
)

func TestBenchRunUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "z.db")
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "--url or --db is required"},
		{[]string{"--url", "http://127.0.0.1:8080", "--db", db}, "give --url or --db, not both"},
		{[]string{"--url", "http://example.com:8080", "--tokens", "t.json"}, "--url: the benchmark connects only to loopback addresses"},
		{[]string{"--url", "127.0.0.1:8080", "--tokens", "t.json"}, "is not an http:// URL"},
		{[]string{"--url", "http://127.0.0.1:8080"}, "--tokens is required with --url"},
		{[]string{"--db", db, "--pid", "42"}, "--pid goes with --url"},
		{[]string{"--db", db, "--clients", "0"}, "--clients must be at least 1"},
		{[]string{"--db", db, "--duration", "0s"}, "--duration must be positive"},
		{[]string{"--db", db, "--duration", "soon"}, `invalid value "soon" for flag --duration`},
		{[]string{"--db", db, "--rate", "-1"}, "--rate must be positive"},
		{[]string{"--db", db, "--only", "intake,frob"}, `--only: no scenario "frob"`},
		{[]string{"--url", "http://127.0.0.1:8080", "--tokens", "t.json", "--server-log", "s.log"}, "--server-log goes with --db"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errs := zhitong(t, append([]string{"bench", "run"}, c.args...)...)
			if code != 2 || out != "" || strings.Count(errs, "\n") != 1 {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
			}
			if !strings.Contains(errs, c.want) || !strings.Contains(errs, "(see 'zhitong bench run --help')") {
				t.Errorf("stderr %q, want %q", errs, c.want)
			}
		})
	}
	code, _, errs := zhitong(t, "bench", "run", "--db", db)
	if code != 1 || !strings.Contains(errs, "bench-tokens.json") {
		t.Errorf("no tokens file: exit %d, stderr %q", code, errs)
	}
}

// TestBenchRun runs the benchmark end to end, briefly, on a small database
// and checks that every scenario ran without an error and that the JSON
// holds every figure. It asserts nothing about time.
func TestBenchRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and serves it")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	db := filepath.Join(dir, "bench.db")
	benchData(t, db, filepath.Join(dir, "bench-tokens.json"))
	out := filepath.Join(dir, "run.json")
	cmd := execpkg.Command(bin, "bench", "run", "--db", db, "--duration", "300ms", "--clients", "2", "--json", out)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	stdout, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bench run: %v\n%s", err, stdout)
	}
	for _, want := range []string{"scenario", "limit (no HTTP)", "intake ÷ limit", "✓ start-up"} {
		if !strings.Contains(string(stdout), want) {
			t.Errorf("the table has no %q:\n%s", want, stdout)
		}
	}
	checkBenchJSON(t, out)
}

// checkBenchJSON checks the JSON of a run: every field present, every
// scenario run with no error, every figure measured.
func checkBenchJSON(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"tool", "started_at", "machine", "engine", "server", "db", "appeals", "district_id", "unit_id",
		"clients", "duration_s", "rate", "startup_ms", "peak_rss_mb", "rss_mb", "scenarios", "limit", "targets",
		"not_measured", "uncovered", "errors"} {
		if v, ok := raw[k]; !ok || v == nil {
			t.Errorf("the JSON has no %s", k)
		}
	}
	var rep benchrun.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	m := rep.Machine
	if m.CPU == "" || m.Cores < 1 || m.MemoryBytes <= 0 || m.Go == "" || rep.Engine != "sqlite" || rep.Appeals <= 0 {
		t.Errorf("machine %+v, engine %q, appeals %d", m, rep.Engine, rep.Appeals)
	}
	var names []string
	for _, s := range rep.Scenarios {
		names = append(names, s.Name)
		if s.Requests == 0 || s.OK != s.Requests || s.Errors != 0 || s.Throughput <= 0 || s.P50MS <= 0 || s.MaxMS < s.P99MS || len(s.Covers) == 0 {
			t.Errorf("scenario %s: %+v", s.Name, s)
		}
	}
	if !slices.Equal(names, benchrun.Scenarios()) {
		t.Errorf("scenarios %v, want %v", names, benchrun.Scenarios())
	}
	if l := rep.Limit; l == nil || l.Appeals == 0 || l.Errors != 0 || l.PerSecond <= 0 || l.IntakeRatio == nil || l.Fresh {
		t.Errorf("limit %+v", l)
	}
	if len(rep.Targets) != 9 {
		t.Errorf("%d targets, want 9", len(rep.Targets))
	}
	for _, tg := range rep.Targets {
		if tg.Value == nil || tg.Met == nil {
			t.Errorf("target %s not measured", tg.Name)
		}
	}
	if len(rep.Uncovered) > 0 || len(rep.Errors) > 0 {
		t.Errorf("uncovered %v, errors %v", rep.Uncovered, rep.Errors)
	}
}

// benchData fills the SQLite database db for the benchmark and writes its
// tokens file: the demo's 娄星区, with a province leader added.
// TODO: 'zhitong bench load --appeals 2000' once it exists.
func benchData(t *testing.T, db, tokens string) {
	t.Helper()
	ctx := context.Background()
	a, _, err := open(ctx, db, slog.New(slog.DiscardHandler), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	res, err := demo.Seed(ctx, a.db, demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	secrets := map[string]string{}
	for _, tk := range res.Tokens {
		secrets[tk.Username] = tk.Secret
	}
	units, err := a.db.Units(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, u := range units {
		ids[u.Name] = u.ID
	}
	leader := &account.User{Username: "bench_province", Name: "省领导", UnitID: ids["湖南省"], Roles: []account.Role{account.Leader}}
	if err := a.accounts.CreateUser(ctx, leader); err != nil {
		t.Fatal(err)
	}
	province, _, err := a.accounts.CreateToken(ctx, leader.ID, "bench", account.ScopeFull, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var tok benchrun.Tokens
	tok.DistrictID, tok.UnitID, tok.ProvinceUnitID = ids["娄星区"], ids["区财政局"], ids["湖南省"]
	s := &tok.Tokens
	s.Intake, s.Federation, s.Office, s.Handler = secrets["zx_lixiaoyan"], secrets["gsl_liujianhua"], secrets["yhb_zhouzhiqiang"], secrets["lx_czj"]
	s.Leader, s.Province, s.Auditor = secrets["ld_pengjianguo"], province, secrets["admin_audit_gonglei"]
	b, err := json.Marshal(map[string]any{"district_id": tok.DistrictID, "unit_id": tok.UnitID,
		"province_unit_id": tok.ProvinceUnitID, "tokens": map[string]string{"intake": s.Intake, "federation": s.Federation,
			"office": s.Office, "handler": s.Handler, "leader": s.Leader, "province": s.Province, "auditor": s.Auditor}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tokens, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

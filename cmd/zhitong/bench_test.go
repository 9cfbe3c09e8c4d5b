package main

import (
	"encoding/json"
	"os"
	execpkg "os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	benchrun "zhitong/internal/bench/run"
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
		{[]string{"--url", "http://127.0.0.1:8080", "--tokens", "t.json", "--profile", "p"}, "--profile goes with --db"},
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
	dir, bin, db, key := benchSetup(t)
	out := filepath.Join(dir, "run.json")
	cmd := execpkg.Command(bin, "bench", "run", "--db", db, "--audit-key-file", key,
		"--duration", "300ms", "--clients", "2", "--json", out)
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
	for _, k := range []string{"tool", "started_at", "machine", "load_average", "engine", "server", "db", "appeals", "district_id", "unit_id",
		"month", "year", "clients", "duration_s", "rate", "startup_ms", "peak_rss_mb", "rss_mb", "scenarios", "limit", "targets",
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
		if s.Requests == 0 || s.OK != s.Requests || s.Errors != 0 || s.Throughput <= 0 || s.P50MS <= 0 || s.MaxMS < s.P99MS || len(s.Covers)+len(s.Pages) == 0 {
			t.Errorf("scenario %s: %+v", s.Name, s)
		}
	}
	if !slices.Equal(names, benchrun.Scenarios()) {
		t.Errorf("scenarios %v, want %v", names, benchrun.Scenarios())
	}
	if l := rep.Limit; l == nil || l.Appeals == 0 || l.Errors != 0 || l.PerSecond <= 0 || l.IntakeRatio == nil || l.Fresh {
		t.Errorf("limit %+v", l)
	}
	if len(rep.Targets) != 17 { // issue 4's nine, the pages' three, the reports' two and the registry's three
		t.Errorf("%d targets, want 17", len(rep.Targets))
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

// benchSetup builds the binary and loads a small province with it: the
// directory, the binary, the database and the audit key file.
func benchSetup(t *testing.T) (dir, bin, db, key string) {
	t.Helper()
	dir = t.TempDir()
	bin = buildBinary(t, dir)
	db = filepath.Join(dir, "bench.db")
	key = filepath.Join(dir, "audit.key")
	benchData(t, db, key)
	return dir, bin, db, key
}

// benchData loads a small province into the SQLite database db with
// 'zhitong bench load', which writes the tokens file next to it.
func benchData(t *testing.T, db, key string) {
	t.Helper()
	mustRun(t, "bench", "load", "--appeals", "2000", "--db", db, "--audit-key-file", key)
}

// --profile writes the server's CPU profile of each scenario run, and this
// process's of the limit, as files go tool pprof reads (gzipped protobuf).
func TestBenchRunProfiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and serves it")
	}
	dir, bin, db, key := benchSetup(t)
	profiles := filepath.Join(dir, "profiles")
	cmd := execpkg.Command(bin, "bench", "run", "--db", db, "--audit-key-file", key,
		"--duration", "1s", "--clients", "2", "--only", "worklist,appeal", "--profile", profiles)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bench run: %v\n%s", err, out)
	}
	for _, name := range []string{"worklist", "appeal", "limit"} {
		b, err := os.ReadFile(filepath.Join(profiles, name+".pprof"))
		if err != nil {
			t.Error(err)
			continue
		}
		if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s.pprof is not a profile (%d bytes)", name, len(b))
		}
	}
	if _, err := os.Stat(filepath.Join(profiles, "intake.pprof")); err == nil {
		t.Error("a profile of a scenario that did not run")
	}
}

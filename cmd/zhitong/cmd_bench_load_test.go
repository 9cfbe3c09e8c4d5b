package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhitong/internal/bench/load"
)

func TestBenchLoadUsage(t *testing.T) {
	t.Setenv(envAuditKey, "") // the key goes next to a SQLite database; PostgreSQL must name it
	db := filepath.Join(t.TempDir(), "b.db")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", db}, "--appeals is required"},
		{[]string{"--db", db, "--appeals", "-5"}, "--appeals must be between 1 and 1000000000, not -5"},
		{[]string{"--db", db, "--appeals", "many"}, `invalid value "many" for flag --appeals`},
		{[]string{"--db", db, "--appeals", "10", "--years", "0"}, "--years must be above 0 and at most 30"},
		{[]string{"--db", db, "--appeals", "10", "--end", "2026-13-01"}, `--end must be a day, YYYY-MM-DD, not "2026-13-01"`},
		{[]string{"--db", db, "--appeals", "10", "--end", "2999-01-01"}, "--end 2999-01-01 is after today"},
		{[]string{"--db", db, "--appeals", "10", "--batch", "0"}, "--batch must be between 1 and 1000000"},
		{[]string{"--db", "postgres://u@127.0.0.1:1/x", "--appeals", "10"}, "--audit-key-file is required with PostgreSQL"},
		{[]string{"--db", db, "--appeals", "10", "now"}, `unexpected argument "now"`},
		{[]string{"--frob"}, "flag provided but not defined: --frob"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errs := zhitong(t, append([]string{"bench", "load"}, c.args...)...)
			if code != 2 || out != "" || strings.Count(errs, "\n") != 1 {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
			}
			if !strings.Contains(errs, c.want) || !strings.Contains(errs, "(see 'zhitong bench load --help')") {
				t.Errorf("stderr %q, want %q", errs, c.want)
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a usage error created the database")
	}
	code, out, errs := zhitong(t, "bench", "load", "--help")
	if code != 0 || errs != "" || !strings.HasPrefix(out, "Usage: zhitong bench load") || !strings.Contains(out, "--appeals") {
		t.Errorf("--help: exit %d, stderr %q:\n%s", code, errs, out)
	}
}

// TestBenchLoad loads a few hundred appeals through the command line: the
// key, head and tokens files appear next to the database, the chain
// verifies, and a second load is refused.
func TestBenchLoad(t *testing.T) {
	t.Setenv(envAuditKey, "") // the key and head go next to the database
	dir := t.TempDir()
	db := filepath.Join(dir, "bench.db")
	code, out, errs := zhitong(t, "bench", "load", "--appeals", "300", "--db", db, "--end", "2026-06-30", "--seed", "3")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	for _, want := range []string{"generated the audit key " + filepath.Join(dir, "audit.key"), "loading 300 appeals over 3 years up to 2026-07-01 00:00",
		"loaded 300 appeals in", "appeals/s", "rows:", "appeal_events", "audit_log", "appeals by state: ", "closed ",
		"database size on disk: ", "audit chain: ", "tokens for bench run: " + filepath.Join(dir, load.TokensFile),
		"synchronous=OFF", "synchronous=FULL"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
	tokens := filepath.Join(dir, load.TokensFile)
	tk, err := load.ReadTokens(tokens)
	if err != nil || !strings.HasPrefix(tk.Tokens.Province, "zt_") {
		t.Fatalf("tokens %+v, %v", tk, err)
	}
	for _, f := range []string{tokens, filepath.Join(dir, "audit.key"), filepath.Join(dir, "audit-head.json")} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v", f, fi, err)
		}
	}
	code, out, errs = zhitong(t, "audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(out, "verified ") || strings.Contains(out, "warning") {
		t.Errorf("audit verify: exit %d, %s%s", code, out, errs)
	}
	code, out, errs = zhitong(t, "bench", "load", "--appeals", "300", "--db", db)
	if code != 1 || !strings.Contains(errs, "already holds data") || strings.Count(errs, "\n") != 1 {
		t.Errorf("a second load: exit %d, stderr %q", code, errs)
	}
	// Another database next to it would take the first one's head file.
	code, _, errs = zhitong(t, "bench", "load", "--appeals", "300", "--db", filepath.Join(dir, "other.db"))
	if code != 1 || !strings.Contains(errs, "audit-head.json exists already") {
		t.Errorf("a load next to another's head file: exit %d, stderr %q", code, errs)
	}
}

func TestLoadEnd(t *testing.T) {
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		day  string
		want time.Time
	}{
		{"", now},
		{"2026-11-25", now},
		{"2026-11-24", time.Date(2026, 11, 24, 16, 0, 0, 0, time.UTC)}, // midnight CST
	} {
		if got, err := loadEnd(c.day, now); err != nil || !got.Equal(c.want) {
			t.Errorf("%q: %v, %v; want %v", c.day, got, err, c.want)
		}
	}
}

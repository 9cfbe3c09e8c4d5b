package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// TestMain gives the tests of this package an audit key through the
// environment, as a deployment on PostgreSQL gives it to serve; the tests of
// the audit commands set or clear it themselves.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zhitong-audit-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	path := filepath.Join(dir, "audit.key")
	if _, _, err := audit.CreateKey(path); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv(envAuditKey, path)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// auditSetup is a migrated database of engine with entries recorded, and
// key and head files of its own.
type auditSetup struct {
	dsn, key, head string
	db             *sqlstore.DB
	raw            *sql.DB
	files          []string // the flags that name the files
}

func newAuditSetup(t *testing.T, engine string) *auditSetup {
	t.Helper()
	t.Setenv(envAuditKey, "")
	t.Setenv(envAuditHead, "")
	t.Setenv("LC_ALL", "C")
	dir := t.TempDir()
	s := &auditSetup{dsn: sqltest.DSN(t, engine), key: filepath.Join(dir, "k", "audit.key"), head: filepath.Join(dir, "h", "head.json")}
	s.files = []string{"--db", s.dsn, "--audit-key-file", s.key, "--audit-head-file", s.head}
	if _, _, err := audit.CreateKey(s.key); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "migrate", "--db", s.dsn)
	var err error
	if s.db, err = sqlstore.Open(context.Background(), s.dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.db.Close() })
	driver := map[string]string{sqlstore.SQLite: "sqlite", sqlstore.Postgres: "pgx"}[engine]
	if s.raw, err = sql.Open(driver, s.dsn); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.raw.Close() })
	return s
}

// record appends n entries written at at.
func (s *auditSetup) record(t *testing.T, n int, at time.Time) {
	t.Helper()
	for i := range n {
		e := audit.Entry{At: at, ActorID: 1, ActorName: "zhou", Action: "login.ok", Object: fmt.Sprintf("user:%d", i)}
		if err := s.db.Record(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

func (s *auditSetup) args(cmd ...string) []string { return append(cmd, s.files...) }

// failsWith runs a command that must fail with exit status code and one
// line on stderr holding each of wants.
func failsWith(t *testing.T, code int, args []string, wants ...string) {
	t.Helper()
	got, _, errs := zhitong(t, args...)
	if got != code || strings.Count(errs, "\n") != 1 {
		t.Fatalf("zhitong %s: exit %d, want %d; stderr %q", args[:2], got, code, errs)
	}
	for _, w := range wants {
		if !strings.Contains(errs, w) {
			t.Errorf("zhitong %s: %q does not say %q", args[:2], errs, w)
		}
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		s := newAuditSetup(t, engine)
		if out := mustRun(t, s.args("audit", "verify")...); !strings.Contains(out, "verified 0 entries up to seq 0") {
			t.Errorf("an empty log: %q", out)
		}
		s.record(t, 12, time.Now())
		if out := mustRun(t, s.args("audit", "seal")...); out != "sealed 12 audit entries\n" {
			t.Errorf("seal: %q", out)
		}
		out := mustRun(t, s.args("audit", "verify")...)
		if !strings.HasPrefix(out, "verified 12 entries up to seq 12;") || !strings.Contains(out, s.head) {
			t.Errorf("verify: %q", out)
		}

		// Waiting entries are pointed out, without failing.
		s.record(t, 2, time.Now().Add(-5*time.Minute))
		if out := mustRun(t, s.args("audit", "verify")...); !strings.HasPrefix(out, "warning: 2 audit entries") || !strings.Contains(out, "verified 12 entries") {
			t.Errorf("verify with entries waiting: %q", out)
		}
		mustRun(t, s.args("audit", "seal")...)

		// An edited row: exit 1, one line naming it.
		var id int64
		s.raw.QueryRow(`SELECT id FROM audit_log WHERE seq = 5`).Scan(&id)
		exec(t, s.raw, `UPDATE audit_log SET detail = 'edited' WHERE seq = 5`)
		failsWith(t, 1, s.args("audit", "verify"), "seq 5", fmt.Sprintf("id %d", id), "does not match its hash")
		exec(t, s.raw, `UPDATE audit_log SET detail = '' WHERE seq = 5`)
		mustRun(t, s.args("audit", "verify")...)

		// A cut-off tail, found through the head file.
		exec(t, s.raw, `DELETE FROM audit_log WHERE seq > 11`)
		failsWith(t, 1, s.args("audit", "verify"), "cut off after seq 11", "seq 14")
		// Verifying with another key, or without the head file.
		other := filepath.Join(t.TempDir(), "other.key")
		audit.CreateKey(other)
		failsWith(t, 1, []string{"audit", "verify", "--db", s.dsn, "--audit-key-file", other, "--audit-head-file", s.head}, s.head, "another key")
		failsWith(t, 1, []string{"audit", "verify", "--db", s.dsn, "--audit-key-file", s.key}, "no head file", "--audit-head-file")
		// In Chinese.
		t.Setenv("LC_ALL", "zh_CN.UTF-8")
		failsWith(t, 1, s.args("audit", "verify"), "截断", "seq 11")
	})
}

func TestAuditCommandUsage(t *testing.T) {
	t.Setenv(envAuditKey, "")
	db := filepath.Join(t.TempDir(), "z.db")
	failsWith(t, 2, []string{"audit", "prune", "--db", db}, "--before is required", "(see 'zhitong audit prune --help')")
	failsWith(t, 2, []string{"audit", "prune", "--db", db, "--before", "last year"}, "--before must be a day")
	failsWith(t, 2, []string{"audit", "verify", "--db", "postgres://nobody@127.0.0.1:1/none"}, "--audit-key-file is required")
	failsWith(t, 2, []string{"audit", "seal", "--db", db, "extra"}, `unexpected argument "extra"`)
	failsWith(t, 1, []string{"audit", "verify", "--db", db}, "audit key", "audit.key")
}

// serve on PostgreSQL wants the key named; it never keeps it in the database.
func TestServeOnPostgresWantsTheKey(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		if engine != sqlstore.Postgres {
			t.Skip("on SQLite serve makes a key next to the database (TestServeSealsTheAuditLog)")
		}
		t.Setenv(envAuditKey, "")
		failsWith(t, 1, []string{"serve", "--addr", "127.0.0.1:0", "--db", sqltest.DSN(t, engine)},
			"--audit-key-file", envAuditKey)
	})
}

func TestAuditPruneCommand(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		s := newAuditSetup(t, engine)
		s.record(t, 5, time.Now().AddDate(0, 0, -400))
		s.record(t, 3, time.Now().AddDate(0, 0, -30))
		mustRun(t, s.args("audit", "seal")...)
		recent := time.Now().AddDate(0, 0, -100).Format("2006-01-02")
		failsWith(t, 1, s.args("audit", "prune", "--before", recent), "at least 180 days")
		old := time.Now().AddDate(0, 0, -365).Format("2006-01-02")
		out := mustRun(t, s.args("audit", "prune", "--before", old)...)
		if !strings.Contains(out, "pruned 5 audit entries") || !strings.Contains(out, "checkpoint at seq 5") {
			t.Errorf("prune: %q", out)
		}
		mustRun(t, s.args("audit", "seal")...) // the prune's own entry
		if out := mustRun(t, s.args("audit", "verify")...); !strings.HasPrefix(out, "verified 4 entries up to seq 9, from the checkpoint at seq 5") {
			t.Errorf("verify after the prune: %q", out)
		}
		exec(t, s.raw, `UPDATE audit_checkpoints SET before_at = before_at + 1`)
		failsWith(t, 1, s.args("audit", "verify"), "checkpoint at seq 5", "forged or altered")
	})
}

// serve and demo seal what they record, and once more when they stop; on
// SQLite the key is made next to the database on first start.
func TestServeSealsTheAuditLog(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		t.Setenv(envAuditKey, "")
		t.Setenv("LC_ALL", "C")
		dir := t.TempDir()
		dsn := filepath.Join(dir, "demo.db")
		if engine == sqlstore.Postgres {
			dsn = sqltest.DSN(t, engine)
		}
		s := start(t, "demo", "--addr", "127.0.0.1:0", "--db", dsn, "--tokens", filepath.Join(dir, "tokens.txt"))
		key := filepath.Join(dir, "audit.key")
		if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("the generated key: %v (%v)", fi, err)
		}
		if !regexp.MustCompile(`audit key generated.*` + regexp.QuoteMeta(key)).MatchString(s.stderr.String()) {
			t.Errorf("the log does not say where the key went:\n%s", s.stderr)
		}
		s.stop(t)
		out := mustRun(t, "audit", "verify", "--db", dsn, "--audit-key-file", key)
		m := regexp.MustCompile(`^verified (\d+) entries up to seq (\d+);`).FindStringSubmatch(out)
		if m == nil || m[1] != m[2] || len(m[1]) < 3 {
			t.Errorf("after the demo: %q", out)
		}
		if strings.Contains(out, "warning") {
			t.Errorf("entries left unsealed: %q", out)
		}
	})
}

func exec(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

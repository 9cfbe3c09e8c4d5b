package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"zhitong/internal/demo"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// eachEngine runs fn on every engine the tests use, saying so when the
// PostgreSQL half is skipped.
func eachEngine(t *testing.T, fn func(t *testing.T, engine string)) {
	for _, e := range sqltest.Engines() {
		t.Run(e, func(t *testing.T) { fn(t, e) })
	}
	if os.Getenv(sqltest.EnvPostgres) == "" {
		t.Run(sqlstore.Postgres, func(t *testing.T) {
			if os.Getenv(sqltest.EnvRequirePostgres) == "1" {
				t.Fatal(sqltest.EnvRequirePostgres + "=1 but " + sqltest.EnvPostgres + " is not set")
			}
			t.Skip(sqltest.SkipMessage)
		})
	}
}

// mustRun runs a command line that must succeed and returns its stdout.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := zhitong(t, args...)
	if code != 0 {
		t.Fatalf("zhitong %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

func TestMigrate(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		dsn := sqltest.DSN(t, engine)
		out := mustRun(t, "migrate", "--db", dsn)
		if !strings.Contains(out, "applied 0001_init") {
			t.Errorf("first migrate: %q", out)
		}
		out = mustRun(t, "migrate", "--db", dsn)
		if strings.Contains(out, "applied") || !strings.Contains(out, "up to date") {
			t.Errorf("second migrate: %q", out)
		}
		t.Setenv("ZHITONG_DB", dsn) // the default of --db
		if out := mustRun(t, "migrate"); !strings.Contains(out, "up to date") {
			t.Errorf("migrate with ZHITONG_DB: %q", out)
		}
	})
}

// syncBuffer is a buffer that a server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server is a zhitong serve or demo running in-process.
type server struct {
	url            string
	stdout, stderr *syncBuffer
	cancel         context.CancelFunc
	done           chan int
}

var stopped = regexp.MustCompile(`msg=stopped|"msg":"stopped"`)

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// start runs the command line on a goroutine and waits until it listens.
func start(t *testing.T, args ...string) *server {
	t.Helper()
	return launch(args...).wait(t, args)
}

// launch runs the command line on a goroutine.
func launch(args ...string) *server {
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	go func() { s.done <- run(ctx, args, s.stdout, s.stderr) }()
	return s
}

// wait waits until the server listens.
func (s *server) wait(t *testing.T, args []string) *server {
	t.Helper()
	cancel := s.cancel
	deadline := time.After(2 * time.Minute)
	for {
		if m := listening.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
			t.Cleanup(func() { s.stop(t) })
			return s
		}
		select {
		case code := <-s.done:
			cancel()
			t.Fatalf("zhitong %s ended with %d before listening:\n%s%s", strings.Join(args, " "), code, s.stdout, s.stderr)
		case <-deadline:
			cancel()
			t.Fatalf("zhitong %s is not listening after 2 minutes:\n%s%s", strings.Join(args, " "), s.stdout, s.stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop ends the server as a signal would, and checks it stops cleanly.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case code := <-s.done:
		if code != 0 {
			t.Errorf("the server ended with %d:\n%s", code, s.stderr)
		}
		if !stopped.MatchString(s.stderr.String()) {
			t.Errorf("the server did not log its clean stop:\n%s", s.stderr)
		}
	case <-time.After(30 * time.Second):
		t.Errorf("the server did not stop within 30 s")
	}
}

// get calls the server with a bearer token and returns the status and body.
func (s *server) get(t *testing.T, path, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", s.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

var addedID = regexp.MustCompile(`\(id (\d+)\)`)

// add runs a command that adds something and returns the id it printed.
func add(t *testing.T, args ...string) string {
	t.Helper()
	out := mustRun(t, args...)
	m := addedID.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("zhitong %s printed no id: %q", strings.Join(args, " "), out)
	}
	return m[1]
}

func TestServe(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		dsn := sqltest.DSN(t, engine)
		mustRun(t, "migrate", "--db", dsn)
		province := add(t, "unit", "add", "--db", dsn, "--name", "湖南省", "--level", "province", "--kind", "region", "--code", "430000")
		city := add(t, "unit", "add", "--db", dsn, "--name", "娄底市", "--level", "city", "--kind", "region", "--parent", province)
		district := add(t, "unit", "add", "--db", dsn, "--name", "娄星区", "--level", "district", "--kind", "region", "--parent", city)
		office := add(t, "unit", "add", "--db", dsn, "--name", "区优化办", "--level", "district", "--kind", "department",
			"--capabilities", "office", "--assessed=false", "--parent", district)
		if out := mustRun(t, "unit", "list", "--db", dsn); !strings.Contains(out, "区优化办") || !strings.Contains(out, "office") {
			t.Errorf("unit list:\n%s", out)
		}
		add(t, "user", "add", "--db", dsn, "--username", "zhou", "--name", "周志强", "--unit", office, "--roles", "office,leader")
		if code, _, errs := zhitong(t, "user", "add", "--db", dsn, "--username", "zhou", "--name", "周志强", "--unit", office, "--roles", "office"); code != 1 || !strings.Contains(errs, "zhou") {
			t.Errorf("adding a user twice: exit %d, %q", code, errs)
		}
		token := strings.TrimSpace(mustRun(t, "token", "create", "--db", dsn, "--user", "zhou", "--name", "test", "--ttl", "1h"))
		if !strings.HasPrefix(token, "zt_") || strings.Contains(token, "\n") {
			t.Fatalf("token create printed %q, want the secret alone", token)
		}

		// Two instances on one database, as behind a load balancer.
		s1 := start(t, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
		t.Setenv("ZHITONG_ADDR", "127.0.0.1:0") // the defaults of --addr and --db
		t.Setenv("ZHITONG_DB", dsn)
		s2 := start(t, "serve", "--log", "json")
		for _, s := range []*server{s1, s2} {
			if code, body := s.get(t, "/healthz", ""); code != http.StatusOK {
				t.Errorf("%s/healthz: %d %s", s.url, code, body)
			}
			code, body := s.get(t, "/api/v1/me", token)
			if code != http.StatusOK || !strings.Contains(string(body), `"zhou"`) {
				t.Errorf("%s/api/v1/me: %d %s", s.url, code, body)
			}
			if code, _ := s.get(t, "/api/v1/me", ""); code != http.StatusUnauthorized {
				t.Errorf("%s/api/v1/me without a token: %d", s.url, code)
			}
		}
		if !strings.Contains(s2.stderr.String(), `"msg":"listening"`) {
			t.Errorf("--log json does not log JSON:\n%s", s2.stderr)
		}
		s1.stop(t)
		s2.stop(t)
	})
}

// appealIDs lists the ids of the first page of appeals the token sees.
func appealIDs(t *testing.T, s *server, token string) []int64 {
	t.Helper()
	code, body := s.get(t, "/api/v1/appeals?limit=200", token)
	if code != http.StatusOK {
		t.Fatalf("/api/v1/appeals: %d %s", code, body)
	}
	var page struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatalf("/api/v1/appeals: %v: %s", err, body)
	}
	ids := make([]int64, len(page.Items))
	for i, it := range page.Items {
		ids[i] = it.ID
	}
	return ids
}

// Several instances that start at once on a new PostgreSQL database take
// turns to migrate it, and all serve.
func TestConcurrentStart(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		if engine != sqlstore.Postgres {
			t.Skip("several instances share PostgreSQL; SQLite has one (TestServe starts a second one on a migrated file)")
		}
		args := []string{"serve", "--addr", "127.0.0.1:0", "--db", sqltest.DSN(t, engine)}
		var ss []*server
		for range 3 {
			ss = append(ss, launch(args...))
		}
		for _, s := range ss {
			s.wait(t, args)
			if code, body := s.get(t, "/healthz", ""); code != http.StatusOK {
				t.Errorf("%s/healthz: %d %s", s.url, code, body)
			}
		}
		for _, s := range ss {
			s.stop(t)
		}
	})
}

func TestDemo(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine string) {
		dir := t.TempDir()
		dsn := filepath.Join(dir, "demo.db")
		args := []string{"demo", "--addr", "127.0.0.1:0", "--db", dsn}
		tokensFile := filepath.Join(dir, "demo-tokens.txt")
		if engine == sqlstore.Postgres {
			dsn = sqltest.DSN(t, engine)
			args = []string{"demo", "--addr", "127.0.0.1:0", "--db", dsn, "--tokens", tokensFile}
		}
		s := start(t, args...)
		if out := s.stdout.String(); !strings.Contains(out, "demo data loaded") || !strings.Contains(out, tokensFile) {
			t.Errorf("the first start does not say it loaded the data and where the tokens are:\n%s", out)
		}
		fi, err := os.Stat(tokensFile)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("the tokens file is %v, want 0600", fi.Mode().Perm())
		}
		tokens := readTokens(t, tokensFile)
		office := tokens["yhb_zhouzhiqiang"].Secret
		ids := appealIDs(t, s, office)
		if len(ids) < 50 {
			t.Errorf("the office sees %d appeals", len(ids))
		}
		if code, body := s.get(t, "/api/v1/me", tokens["lx_gongdian"].Secret); code != http.StatusOK || !strings.Contains(string(body), "lx_gongdian") {
			t.Errorf("a handler's token: %d %s", code, body)
		}
		s.stop(t)

		before, _ := os.ReadFile(tokensFile)
		s = start(t, args...)
		out := s.stdout.String()
		if strings.Contains(out, "loading") || !strings.Contains(out, "already holds data") || !strings.Contains(out, tokensFile) {
			t.Errorf("the second start:\n%s", out)
		}
		after, _ := os.ReadFile(tokensFile)
		if !bytes.Equal(before, after) {
			t.Error("the second start rewrote the tokens file")
		}
		if again := appealIDs(t, s, office); len(again) != len(ids) || again[0] != ids[0] {
			t.Errorf("after a second start the office sees %d appeals (newest %d), before %d (newest %d)", len(again), again[0], len(ids), ids[0])
		}
	})
}

func readTokens(t *testing.T, path string) map[string]demo.Token {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tokens, err := demo.ReadTokens(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) == 0 {
		t.Fatalf("%s holds no tokens", path)
	}
	return tokens
}

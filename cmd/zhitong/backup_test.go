package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// seedIntake gives the SQLite or PostgreSQL database dsn a district with a
// hotline seat, through the command line, and returns the district's id
// and the seat's token.
func seedIntake(t *testing.T, dsn string) (district, token string) {
	t.Helper()
	province := add(t, "unit", "add", "--db", dsn, "--name", "湖南省", "--level", "province", "--kind", "region")
	city := add(t, "unit", "add", "--db", dsn, "--name", "娄底市", "--level", "city", "--kind", "region", "--parent", province)
	district = add(t, "unit", "add", "--db", dsn, "--name", "娄星区", "--level", "district", "--kind", "region", "--parent", city)
	hotline := add(t, "unit", "add", "--db", dsn, "--name", "12345政企通专席", "--level", "district", "--kind", "department",
		"--capabilities", "hotline", "--parent", district)
	add(t, "user", "add", "--db", dsn, "--username", "seat", "--name", "坐席王芳", "--unit", hotline, "--roles", "intake")
	token = strings.TrimSpace(mustRun(t, "token", "create", "--db", dsn, "--user", "seat", "--ttl", "1h"))
	return district, token
}

// registration is one appeal a client sends.
type registration struct {
	Key     string // its Idempotency-Key
	Title   string
	Content string
}

func (r registration) body(district string) []byte {
	b, _ := json.Marshal(map[string]any{"channel": "hotline_12345", "type": "help", "title": r.Title,
		"content": r.Content, "enterprise_name": "湖南利钢金属制品有限公司", "district_id": json.Number(district)})
	return b
}

// register sends r to the server at base and returns the status and the
// appeal's id when it was registered.
func register(c *http.Client, base, token, district string, r registration) (int, int64, error) {
	code, id, _, err := registerOnce(c, base, token, district, r)
	return code, id, err
}

// registerOnce is register that also says whether the answer was a replay
// of an earlier registration under the key.
func registerOnce(c *http.Client, base, token, district string, r registration) (int, int64, bool, error) {
	req, err := http.NewRequest("POST", base+"/api/v1/appeals", bytes.NewReader(r.body(district)))
	if err != nil {
		return 0, 0, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if r.Key != "" {
		req.Header.Set("Idempotency-Key", r.Key)
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, 0, false, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, 0, false, err
	}
	var out struct {
		ID       int64 `json:"id"`
		Replayed bool  `json:"replayed"`
	}
	if res.StatusCode == http.StatusCreated {
		if err := json.Unmarshal(raw, &out); err != nil {
			return res.StatusCode, 0, false, err
		}
	}
	return res.StatusCode, out.ID, out.Replayed, nil
}

// storedAppeal is what the database holds of an appeal.
type storedAppeal struct{ title, content string }

// readAppeals reads every appeal of the SQLite file at path by id, with
// the idempotency key each was registered under.
func readAppeals(t *testing.T, path string) (map[int64]storedAppeal, map[string]int64) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	appeals := map[int64]storedAppeal{}
	rows, err := db.Query(`SELECT id, title, content FROM appeals`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var a storedAppeal
		if err := rows.Scan(&id, &a.title, &a.content); err != nil {
			t.Fatal(err)
		}
		appeals[id] = a
	}
	rows.Close()
	keys := map[string]int64{}
	rows, err = db.Query(`SELECT idem_key, appeal_id FROM idempotency_keys`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			t.Fatal(err)
		}
		keys[k] = id
	}
	return appeals, keys
}

// A backup taken while the server writes is a consistent copy; restored
// into a new file it holds every appeal acknowledged before it began and
// passes its integrity check; restored over the stopped server's database
// it keeps the old one aside and the audit chain still verifies.
func TestBackupRestore(t *testing.T) {
	t.Setenv(envAuditKey, "") // the key and the head next to the database
	t.Setenv(envAuditHead, "")
	dir := t.TempDir()
	dsn := filepath.Join(dir, "live.db")
	district, token := seedIntake(t, dsn)
	s := start(t, "serve", "--addr", "127.0.0.1:0", "--db", dsn)

	var mu sync.Mutex
	acked := map[int64]registration{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 30 * time.Second}
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				r := registration{Title: fmt.Sprintf("备份期间登记 %d-%d", w, i), Content: fmt.Sprintf("第 %d 号写入者的第 %d 件诉求。", w, i)}
				if code, id, err := register(client, s.url, token, district, r); err == nil && code == http.StatusCreated {
					mu.Lock()
					acked[id] = r
					mu.Unlock()
				} else {
					t.Errorf("registering during the backup: %d %v", code, err)
					return
				}
			}
		})
	}
	ackedBy := func() map[int64]registration {
		mu.Lock()
		defer mu.Unlock()
		m := make(map[int64]registration, len(acked))
		for k, v := range acked {
			m[k] = v
		}
		return m
	}
	// Registrations under way, and the audit chain sealed at least once
	// (the server seals every half second), so that its head is on disk.
	head := filepath.Join(dir, "audit-head.json")
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(head); err == nil && len(ackedBy()) >= 20 {
			break
		}
	}
	before := ackedBy()
	backup := filepath.Join(dir, "backups", "zhitong-1.db")
	os.MkdirAll(filepath.Dir(backup), 0o750)
	out := mustRun(t, "backup", "--db", dsn, backup)
	if !strings.Contains(out, "integrity ok") || !strings.Contains(out, backup) || !strings.Contains(out, "audit head copied") {
		t.Errorf("backup says %q", out)
	}
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	if after := ackedBy(); len(after) <= len(before) {
		t.Errorf("the server wrote nothing during the backup (%d, then %d)", len(before), len(after))
	}

	// Never over a file; never over a database a server has open.
	if code, _, errs := zhitong(t, "backup", "--db", dsn, backup); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("a second backup to the same file: exit %d, %q", code, errs)
	}
	if code, _, errs := zhitong(t, "restore", "--db", dsn, backup); code != 1 || !strings.Contains(errs, "in use") {
		t.Errorf("a restore under a running server: exit %d, %q", code, errs)
	}
	if code, _, errs := zhitong(t, "backup", "--db", dsn); code != 2 || !strings.Contains(errs, "name the backup file") {
		t.Errorf("a backup to nowhere: exit %d, %q", code, errs)
	}
	s.stop(t)

	// Into a new file: every appeal acknowledged before the backup began.
	fresh := filepath.Join(dir, "restored", "zhitong.db")
	os.MkdirAll(filepath.Dir(fresh), 0o750)
	out = mustRun(t, "restore", "--db", fresh, "--audit-key-file", filepath.Join(dir, "audit.key"),
		"--audit-head-file", filepath.Join(dir, "restored", "audit-head.json"), backup)
	if !strings.Contains(out, "integrity ok") || !strings.Contains(out, "audit chain verified") {
		t.Errorf("restore says %q", out)
	}
	if err := sqlstore.CheckSQLite(context.Background(), fresh); err != nil {
		t.Fatal(err)
	}
	got, _ := readAppeals(t, fresh)
	for id, r := range before {
		if a, ok := got[id]; !ok || a.title != r.Title || a.content != r.Content {
			t.Errorf("appeal %d acknowledged before the backup is %+v in it, want %q", id, a, r.Title)
		}
	}

	// Over the stopped server's database: the old one kept, the chain whole.
	out = mustRun(t, "restore", backup, "--db", dsn)
	if !strings.Contains(out, "pre-restore") {
		t.Errorf("restore over a database does not say where the old one is: %q", out)
	}
	kept, _ := filepath.Glob(dsn + ".pre-restore-*")
	if len(kept) != 1 {
		t.Fatalf("the database restored over is not kept: %v", kept)
	}
	if old, _ := readAppeals(t, kept[0]); len(old) != len(ackedBy()) {
		t.Errorf("the kept database has %d appeals, want %d", len(old), len(ackedBy()))
	}
	if out := mustRun(t, "audit", "verify", "--db", dsn); !strings.Contains(out, "verified") {
		t.Errorf("audit verify after the restore: %q", out)
	}
	s = start(t, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	if code, _ := s.get(t, "/healthz", ""); code != http.StatusOK {
		t.Errorf("the restored database does not serve: %d", code)
	}
	if ids := appealIDs(t, s, token); len(ids) < min(len(before), 200) {
		t.Errorf("the restored server lists %d appeals, want at least %d", len(ids), min(len(before), 200))
	}
	s.stop(t)
	if out := mustRun(t, "audit", "verify", "--db", dsn); !strings.Contains(out, "verified") {
		t.Errorf("audit verify after serving the restored database: %q", out)
	}
}

// PostgreSQL is backed up and restored with its own tools: the commands say
// which, and exit 2.
func TestBackupPostgres(t *testing.T) {
	dsn := "postgres://zt@db.example:5432/zhitong?sslmode=disable"
	if env := os.Getenv(sqltest.EnvPostgres); env != "" {
		dsn = env
	}
	for _, c := range []struct {
		args []string
		tool string
	}{
		{[]string{"backup", "--db", dsn, "zhitong.dump"}, "pg_dump"},
		{[]string{"restore", "--db", dsn, "zhitong.dump"}, "pg_restore"},
	} {
		code, out, errs := zhitong(t, c.args...)
		if code != 2 || !strings.Contains(out, c.tool+" ") || !strings.Contains(errs, c.tool) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", c.args[0], code, out, errs)
		}
	}
}

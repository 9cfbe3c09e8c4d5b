package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	execpkg "os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"zhitong/internal/sqlstore"
)

// process is the real binary serving in a process of its own.
type process struct {
	cmd    *execpkg.Cmd
	url    string
	stderr *syncBuffer
	done   chan error
}

// buildBinary builds zhitong into dir and returns its path.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		gobin = "go"
	}
	bin := filepath.Join(dir, "zhitong")
	out, err := execpkg.Command(gobin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// serveProcess starts the binary serving the SQLite file dsn and waits
// until it listens.
func serveProcess(t *testing.T, bin, dsn string) *process {
	t.Helper()
	p := &process{cmd: execpkg.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", dsn), stderr: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.cmd.Process.Kill() })
	select {
	case p.url = <-found:
		return p
	case err := <-p.done:
		t.Fatalf("zhitong serve ended before listening: %v\n%s", err, p.stderr)
	case <-time.After(time.Minute):
		t.Fatalf("zhitong serve is not listening after a minute:\n%s", p.stderr)
	}
	return nil
}

// kill ends the process with sig and waits for it.
func (p *process) kill(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("zhitong did not end on %v:\n%s", sig, p.stderr)
	}
}

// The crash test. A burst of registrations from 8 clients, each under an
// Idempotency-Key; the server is killed with SIGKILL in the middle of it and
// started again on the same file. Every appeal acknowledged with 201 is
// there, whole; the database passes its integrity check; the clients retry
// what was not acknowledged with the same keys and nothing is registered
// twice; and the audit chain verifies.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	t.Setenv(envAuditKey, "") // the key and the head next to the database
	t.Setenv(envAuditHead, "")
	dir := t.TempDir()
	dsn := filepath.Join(dir, "crash.db")
	district, token := seedIntake(t, dsn)
	bin := buildBinary(t, dir)
	p := serveProcess(t, bin, dsn)

	var mu sync.Mutex
	acked := map[string]int64{}          // key → the id acknowledged
	pending := map[string]registration{} // sent and not acknowledged
	sent := map[string]registration{}    // every key sent
	client := &http.Client{Timeout: 10 * time.Second}
	var wg sync.WaitGroup
	begin := time.Now()
	for c := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				r := registration{Key: fmt.Sprintf("crash-%d-%d", c, i), Title: fmt.Sprintf("崩溃测试 %d-%d", c, i),
					Content: fmt.Sprintf("客户端 %d 的第 %d 件诉求，%s。", c, i, strings.Repeat("内容", i%50))}
				mu.Lock()
				sent[r.Key] = r
				mu.Unlock()
				code, id, err := register(client, p.url, token, district, r)
				mu.Lock()
				if err == nil && code == http.StatusCreated {
					acked[r.Key] = id
				} else {
					pending[r.Key] = r
				}
				mu.Unlock()
				if err != nil || code != http.StatusCreated {
					return // the server is gone
				}
			}
		})
	}
	// Kill it mid-burst: after most of a second, and some fifty answers on a slow disk.
	for deadline := begin.Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 50 && time.Since(begin) > 900*time.Millisecond {
			break
		}
	}
	p.kill(t, syscall.SIGKILL)
	wg.Wait()
	t.Logf("%d acknowledged in %v, %d sent and not acknowledged when the server was killed",
		len(acked), time.Since(begin).Round(time.Millisecond), len(pending))
	if len(acked) < 20 {
		t.Fatalf("only %d registrations acknowledged before the kill:\n%s", len(acked), p.stderr)
	}

	p = serveProcess(t, bin, dsn)
	// Every acknowledged appeal is there, whole.
	for key, id := range acked {
		r := sent[key]
		code, body := get(t, client, p.url, fmt.Sprintf("/api/v1/appeals/%d", id), token)
		var a struct{ Title, Content string }
		json.Unmarshal(body, &a)
		if code != http.StatusOK || a.Title != r.Title || a.Content != r.Content {
			t.Errorf("acknowledged appeal %d (%s) after the crash: %d %s", id, key, code, clipBody(body))
		}
	}
	// The clients retry what they sent and did not hear back about, and a
	// few of what they did: the same appeal, never a second one.
	replayed := 0
	for key, r := range pending {
		code, id, replay, err := registerOnce(client, p.url, token, district, r)
		if err != nil || code != http.StatusCreated || id == 0 {
			t.Errorf("retrying %s: %d %v", key, code, err)
		}
		acked[key] = id
		if replay {
			replayed++ // committed before the kill, its answer lost
		}
	}
	n := 0
	for key, id := range acked {
		if n++; n > 20 {
			break
		}
		if code, again, replay, err := registerOnce(client, p.url, token, district, sent[key]); err != nil || code != http.StatusCreated || again != id || !replay {
			t.Errorf("retrying the acknowledged %s: %d, appeal %d, want %d (%v)", key, code, again, id, err)
		}
	}
	p.kill(t, syscall.SIGTERM)

	// Counted by key: one appeal per key sent, each the request sent.
	appeals, keys := readAppeals(t, dsn)
	if len(appeals) != len(sent) || len(keys) != len(sent) {
		t.Errorf("%d keys sent; the database holds %d appeals and %d keys", len(sent), len(appeals), len(keys))
	}
	for key, r := range sent {
		id, ok := keys[key]
		if a := appeals[id]; !ok || a.title != r.Title || a.content != r.Content || acked[key] != id {
			t.Errorf("%s: appeal %d (acknowledged as %d) holds %+v", key, id, acked[key], a)
		}
	}
	if err := sqlstore.CheckSQLite(context.Background(), dsn); err != nil {
		t.Error(err)
	}
	if out := mustRun(t, "audit", "verify", "--db", dsn); !strings.Contains(out, "verified") {
		t.Errorf("audit verify after the crash: %q", out)
	}
	t.Logf("%d retried after the restart, %d of them registered before the kill (replayed); %d appeals in all, one per key",
		len(pending), replayed, len(appeals))
}

func get(t *testing.T, c *http.Client, base, path, token string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func clipBody(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

package main

import (
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var profilesOn = regexp.MustCompile(`profiles on (http://\S+)/debug/pprof/`)

// --pprof serves the profiles on a loopback address of its own, never on
// the API's, and refuses an address other machines could reach.
func TestServePprof(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "z.db")
	s := start(t, "serve", "--addr", "127.0.0.1:0", "--db", dsn, "--pprof", "127.0.0.1:0")
	m := profilesOn.FindStringSubmatch(s.stdout.String())
	if m == nil {
		t.Fatalf("serve --pprof printed no address:\n%s", s.stdout)
	}
	resp, err := http.Get(m[1] + "/debug/pprof/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s/debug/pprof/cmdline: %d", m[1], resp.StatusCode)
	}
	if code, _ := s.get(t, "/debug/pprof/cmdline", ""); code == http.StatusOK {
		t.Error("the API's address serves the profiles too")
	}

	code, _, errs := zhitong(t, "serve", "--addr", "127.0.0.1:0", "--db", dsn, "--pprof", "0.0.0.0:0")
	if code == 0 || !strings.Contains(errs, "loopback") {
		t.Errorf("serve --pprof 0.0.0.0:0: exit %d, %q; want a refusal naming loopback", code, errs)
	}
}

package audit

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zhitong/internal/fault"
)

var testKey = Key(bytes.Repeat([]byte("k"), KeySize))

func sample() Entry {
	return Entry{ID: 9, Seq: 3, At: time.UnixMilli(1_780_000_000_123), ActorID: 4, ActorName: "zhou", UnitID: 7,
		ClientIP: "10.0.0.1", RequestID: "r1", Action: "appeal.assign", Object: "appeal:12", Outcome: OK,
		Detail: "unassigned→in_progress"}
}

// Every field but ID is covered by the hash; fields cannot run into each
// other (the lengths are encoded).
func TestLinkCoversEveryField(t *testing.T) {
	base := sample()
	Link(testKey, nil, &base)
	if len(base.Hash) != HashSize || !bytes.Equal(base.PrevHash, genesis) {
		t.Fatalf("hash %x after %x", base.Hash, base.PrevHash)
	}
	for name, edit := range map[string]func(e *Entry){
		"seq":        func(e *Entry) { e.Seq++ },
		"at":         func(e *Entry) { e.At = e.At.Add(time.Millisecond) },
		"actor":      func(e *Entry) { e.ActorID++ },
		"actor name": func(e *Entry) { e.ActorName += "x" },
		"unit":       func(e *Entry) { e.UnitID++ },
		"client":     func(e *Entry) { e.ClientIP = "10.0.0.2" },
		"request":    func(e *Entry) { e.RequestID = "r2" },
		"action":     func(e *Entry) { e.Action = "appeal.redo" },
		"object":     func(e *Entry) { e.Object = "appeal:13" },
		"outcome":    func(e *Entry) { e.Outcome = Denied },
		"detail":     func(e *Entry) { e.Detail = "" },
		"boundary":   func(e *Entry) { e.Action, e.Object = "appeal.assignappeal:1", "2" },
	} {
		e := sample()
		edit(&e)
		e.Hash = base.Hash
		if linked(testKey, nil, &e) {
			t.Errorf("%s: an edit keeps the hash", name)
		}
	}
	e := sample()
	e.ID = 1000
	e.Hash = base.Hash
	if !linked(testKey, nil, &e) {
		t.Error("the row's id is covered: a copy of the table could not verify")
	}
	e = sample()
	e.Hash = base.Hash
	if linked(Key(bytes.Repeat([]byte("w"), KeySize)), nil, &e) {
		t.Error("another key makes the same hash")
	}
	if linked(testKey, base.Hash, &e) {
		t.Error("the previous hash is not covered")
	}
}

func TestCheckpointSignature(t *testing.T) {
	cp := Checkpoint{Seq: 10, Hash: bytes.Repeat([]byte{1}, HashSize), Before: time.UnixMilli(1), PrunedAt: time.UnixMilli(2)}
	cp.Sign(testKey)
	if !cp.Valid(testKey) {
		t.Fatal("a signed checkpoint is not valid")
	}
	for name, edit := range map[string]func(c *Checkpoint){
		"seq":    func(c *Checkpoint) { c.Seq++ },
		"hash":   func(c *Checkpoint) { c.Hash = bytes.Repeat([]byte{2}, HashSize) },
		"before": func(c *Checkpoint) { c.Before = c.Before.Add(time.Hour) },
		"pruned": func(c *Checkpoint) { c.PrunedAt = c.PrunedAt.Add(time.Hour) },
	} {
		c := cp
		edit(&c)
		if c.Valid(testKey) {
			t.Errorf("%s edited: still valid", name)
		}
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "audit.key")
	if _, err := LoadKey(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a missing key: %v", err)
	}
	k, created, err := LoadOrCreateKey(path)
	if err != nil || !created || len(k) != KeySize {
		t.Fatalf("created %v %d bytes: %v", created, len(k), err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the key file is %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	again, created, err := LoadOrCreateKey(path)
	if err != nil || created || !bytes.Equal(again, k) {
		t.Fatalf("the second start: created %v, same %v, %v", created, bytes.Equal(again, k), err)
	}
	if k.ID() == "" || k.ID() == testKey.ID() || strings.Contains(string(k), k.ID()) {
		t.Errorf("key id %q", k.ID())
	}
	// Many starting at once agree on one key.
	path2 := filepath.Join(dir, "race.key")
	keys := make([]Key, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() { keys[i], _, _ = LoadOrCreateKey(path2) })
	}
	wg.Wait()
	for i := range keys {
		if len(keys[i]) != KeySize || !bytes.Equal(keys[i], keys[0]) {
			t.Fatalf("instance %d has another key", i)
		}
	}
	// Raw keys work; short ones do not.
	raw := filepath.Join(dir, "raw.key")
	os.WriteFile(raw, []byte("a passphrase that is long enough for a key!\n"), 0o600)
	if k, err := LoadKey(raw); err != nil || string(k) != "a passphrase that is long enough for a key!" {
		t.Errorf("raw key %q, %v", k, err)
	}
	os.WriteFile(raw, []byte("short"), 0o600)
	if _, err := LoadKey(raw); err == nil {
		t.Error("a 5-byte key is accepted")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("temporary files left behind: %v", ents)
	}
}

func TestHeadFileOnlyMovesForward(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit-head.json")
	a := &HeadFile{Path: path, Key: testKey}
	b := &HeadFile{Path: path, Key: testKey} // another instance on the same machine
	if _, err := a.Read(); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("no file yet: %v", err)
	}
	h := func(seq int64) Head { return Head{Seq: seq, Hash: bytes.Repeat([]byte{byte(seq)}, HashSize)} }
	for _, step := range []struct {
		f    *HeadFile
		seq  int64
		want int64
	}{{a, 5, 5}, {b, 3, 5}, {b, 9, 9}, {a, 7, 9}, {a, 12, 12}} {
		if err := step.f.Advance(h(step.seq), always); err != nil {
			t.Fatal(err)
		}
		got, err := a.Read()
		if err != nil || got.Seq != step.want || !bytes.Equal(got.Hash, h(step.want).Hash) {
			t.Fatalf("after writing %d: %+v, %v; want %d", step.seq, got, err, step.want)
		}
	}
	// Another key does not read it, nor does an edit pass.
	if _, err := (&HeadFile{Path: path, Key: Key(bytes.Repeat([]byte("w"), KeySize))}).Read(); !isKey(err, "audit.head.bad") {
		t.Errorf("read with another key: %v", err)
	}
	raw, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(raw, []byte(`"seq":12`), []byte(`"seq":13`), 1), 0o600)
	if _, err := a.Read(); !isKey(err, "audit.head.bad") {
		t.Errorf("an edited head: %v", err)
	}
	// A file that does not verify is left for verify to report.
	c := &HeadFile{Path: path, Key: testKey}
	if err := c.Advance(h(20), always); !isKey(err, "audit.head.bad") {
		t.Errorf("advancing over a bad file: %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Contains(b, []byte(`"seq":13`)) {
		t.Error("the bad file was overwritten")
	}
}

// The head moves only along the chain: not to the end of a chain that no
// longer holds the head in the file (its tail was cut and sealed anew).
func TestHeadFileMovesOnlyAlongTheChain(t *testing.T) {
	f := &HeadFile{Path: filepath.Join(t.TempDir(), "audit-head.json"), Key: testKey}
	first := Head{Seq: 10, Hash: bytes.Repeat([]byte{1}, HashSize)}
	if err := f.Advance(first, always); err != nil {
		t.Fatal(err)
	}
	var asked Head
	diverged := func(h Head) (bool, error) { asked = h; return false, nil }
	g := &HeadFile{Path: f.Path, Key: testKey} // a process that wrote nothing yet
	if err := g.Advance(Head{Seq: 12, Hash: bytes.Repeat([]byte{2}, HashSize)}, diverged); !isKey(err, "audit.head.diverged") {
		t.Fatalf("advancing past a cut: %v", err)
	}
	if asked.Seq != 10 || !bytes.Equal(asked.Hash, first.Hash) {
		t.Errorf("the chain was asked for %+v, want the file's head", asked)
	}
	if h, err := f.Read(); err != nil || h.Seq != 10 {
		t.Errorf("the file moved: %+v, %v", h, err)
	}
	// Nor when the file is deleted under a running process, which holds the
	// chain to the head it wrote last.
	os.Remove(f.Path)
	if err := f.Advance(Head{Seq: 12, Hash: bytes.Repeat([]byte{2}, HashSize)}, diverged); !isKey(err, "audit.head.diverged") {
		t.Fatalf("advancing past a cut, the file deleted: %v", err)
	}
	if _, err := f.Read(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a head file was written: %v", err)
	}
	if err := f.Advance(Head{Seq: 12, Hash: bytes.Repeat([]byte{2}, HashSize)}, always); err != nil {
		t.Fatal(err)
	}
	if h, err := f.Read(); err != nil || h.Seq != 12 {
		t.Errorf("the file is not written again along the chain: %+v, %v", h, err)
	}
}

func always(Head) (bool, error) { return true, nil }

func isKey(err error, key string) bool {
	var fe *fault.Error
	return errors.As(err, &fe) && fe.Key == key
}

func TestNormalize(t *testing.T) {
	ctx := WithMeta(context.Background(), Meta{ClientIP: "192.0.2.1", RequestID: "req"})
	e := Entry{Action: "x", Detail: strings.Repeat("长", maxDetail+5) + "\xff", ClientIP: "", Seq: 4, Hash: []byte{1}}
	Normalize(ctx, &e)
	if e.ClientIP != "192.0.2.1" || e.RequestID != "req" || e.Outcome != OK || e.Seq != 0 || e.Hash != nil {
		t.Errorf("normalized %+v", e)
	}
	if n := len([]rune(e.Detail)); n != maxDetail {
		t.Errorf("detail of %d runes", n)
	}
	kept := Entry{Action: "x", ClientIP: "198.51.100.1", Outcome: Denied}
	Normalize(ctx, &kept)
	if kept.ClientIP != "198.51.100.1" || kept.Outcome != Denied {
		t.Errorf("what the entry gave was replaced: %+v", kept)
	}
}

func TestQueryString(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, cst) }
	q := Query{From: day(1), To: day(3), ActorID: 7, Action: "login.", Outcome: Denied, Before: 99}
	if got := q.String(); got != "from=2026-03-01 to=2026-03-02 actor_id=7 action=login. outcome=denied before=99" {
		t.Errorf("%q", got)
	}
	if (Query{}).String() != "all" {
		t.Error("the empty query")
	}
}

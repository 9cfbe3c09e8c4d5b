package main

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhitong/internal/demo"
)

// pageWorld is the demo district served over HTTP by the real wiring of
// the binary: the API and the pages behind it.
type pageWorld struct {
	t     *testing.T
	a     *app
	url   string
	users map[string]demo.Token
	units map[string]int64
	key   []byte // the portal's CAPTCHA key, to read a picture as a person would
}

func newPageWorld(t *testing.T) *pageWorld {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, _, err := open(ctx, filepath.Join(t.TempDir(), "pages.db"), log, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	res, err := demo.Seed(ctx, a.db, demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := a.handler(ctx, webOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	w := &pageWorld{t: t, a: a, url: srv.URL, users: map[string]demo.Token{}, units: map[string]int64{}}
	for _, tok := range res.Tokens {
		w.users[tok.Username] = tok
	}
	us, err := a.db.Units(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		w.units[u.Name] = u.ID
	}
	if w.key, err = a.db.CaptchaKey(ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

// testLog shows the server's warnings and errors in the test's output.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

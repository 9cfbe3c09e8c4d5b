package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
)

// appealCount is how many appeals the database holds.
func (w *world) appealCount(t testing.TB) int {
	t.Helper()
	p, err := w.db.ListAppeals(bg, appeal.Filter{Scope: appeal.Scope{All: true}, Limit: 1, CountUpTo: appeal.CountCap})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

// A client that lost the answer retries with its Idempotency-Key and gets the
// appeal registered first, never a second one.
func TestIdempotencyKey(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		seat := w.as(t, "intake").with("Idempotency-Key", "3f2c0b9e-7d7e-4a4e-9b1e-0c1d2e3f4a5b")
		body := w.newAppeal("hotline_12345", "help", "厂房用电增容", "ligang")
		r := seat.post("/api/v1/appeals", body).want(201)
		var first api.AppealCreated
		r.into(&first)
		r.detail()
		if first.Replayed || len(first.QueryCode) != 8 || r.header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("the first answer: replayed %v, code %q", first.Replayed, first.QueryCode)
		}
		before := w.appealCount(t)

		// The same request again, its fields in another order and spaced otherwise.
		w.clock.Advance(3 * time.Hour)
		rest := map[string]any{}
		for k, v := range body {
			if k != "title" {
				rest[k] = v
			}
		}
		again := `{ "title" : "  厂房用电增容 ",` + strings.TrimPrefix(string(mustJSON(t, rest)), "{")
		r = seat.post("/api/v1/appeals", again).want(201)
		var replay api.AppealCreated
		r.into(&replay)
		r.detail()
		if !replay.Replayed || replay.QueryCode != "" || replay.ID != first.ID || replay.Number != first.Number ||
			r.header.Get("Idempotent-Replayed") != "true" || r.header.Get("Location") != fmt.Sprintf("/api/v1/appeals/%d", first.ID) {
			t.Errorf("the retry: %+v, header %q", replay, r.header.Get("Idempotent-Replayed"))
		}
		if strings.Contains(string(r.raw), `"query_code"`) {
			t.Errorf("the query code is shown twice: %s", clip(r.raw))
		}

		// The key with another request is refused; another officer's key is theirs.
		body["title"] = "另一件事"
		seat.post("/api/v1/appeals", body).wantError(409, "idem.mismatch")
		if n := w.appealCount(t); n != before {
			t.Errorf("retries registered %d appeals", n-before)
		}
		w.as(t, "fed").with("Idempotency-Key", "3f2c0b9e-7d7e-4a4e-9b1e-0c1d2e3f4a5b").create(body)

		// Malformed keys.
		for _, k := range []string{strings.Repeat("k", 101), "键", "tab\tkey"} {
			w.as(t, "intake").with("Idempotency-Key", k).post("/api/v1/appeals", body).wantError(400, "idem.key")
		}
		two := w.as(t, "intake")
		two.headers = http.Header{"Idempotency-Key": {"a", "b"}}
		two.post("/api/v1/appeals", body).wantError(400, "idem.key")
		if n := w.appealCount(t); n != before+1 {
			t.Errorf("%d appeals, want %d", n, before+1)
		}
	})
}

// A burst of retries of one request, at once, registers one appeal.
func TestIdempotencyKeyConcurrently(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		body := w.newAppeal("hotline_12345", "help", "同时重试", "ligang")
		before := w.appealCount(t)
		const n = 8
		ids := make([]int64, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				var out api.AppealCreated
				w.as(t, "intake").with("Idempotency-Key", "burst-1").post("/api/v1/appeals", body).want(201).into(&out)
				ids[i] = out.ID
			})
		}
		wg.Wait()
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("one key registered appeals %v", ids)
			}
		}
		if got := w.appealCount(t); got != before+1 {
			t.Fatalf("%d appeals registered", got-before)
		}
	})
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package web

import (
	"testing"
	"time"
)

func TestLimiterCountsEachClientPerWindow(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	l := newLimiter(3, time.Minute, func() time.Time { return now })
	for i := 0; i < 3; i++ {
		if !l.allow("10.0.0.1") {
			t.Fatalf("request %d of 3 refused", i+1)
		}
	}
	if l.allow("10.0.0.1") {
		t.Fatal("a fourth request in the minute was allowed")
	}
	if !l.allow("10.0.0.2") {
		t.Fatal("another client was refused for the first one's requests")
	}
	now = now.Add(time.Minute)
	if !l.allow("10.0.0.1") {
		t.Fatal("a new minute still refuses the client")
	}
}

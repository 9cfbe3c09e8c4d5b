package web

import (
	"sync"
	"time"
)

// DefaultPortalLimit is how many writes one client may make on the portal
// per minute: enough for a person, too few for a script.
const DefaultPortalLimit = 20

// limiter counts a client's requests in fixed windows. It is per instance:
// several instances let a client through that many times more, which the
// CAPTCHA (one appeal per solved picture, across instances) bounds anyway.
type limiter struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	now    func() time.Time
	start  time.Time
	counts map[string]int
}

func newLimiter(limit int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{limit: limit, window: window, now: now, counts: map[string]int{}}
}

// allow reports whether client may make one more request now.
func (l *limiter) allow(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.start) >= l.window {
		l.start, l.counts = now, map[string]int{} // a new window forgets every client at once
	}
	if l.counts[client] >= l.limit {
		return false
	}
	l.counts[client]++
	return true
}

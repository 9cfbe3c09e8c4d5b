package run

import (
	"math"
	"slices"
	"sync"
	"time"
)

// recorder collects what one worker (or the requests of an open loop)
// measured: the latency of every request that succeeded, the count of those
// that failed, and the first failure of each kind.
type recorder struct {
	mu      sync.Mutex
	samples []time.Duration
	ok      int64
	failed  int64
	kinds   map[string]*ErrorKind
	order   []string // kinds in the order first seen
}

// ErrorKind is one kind of failure: how often it happened and what the
// first one said.
type ErrorKind struct {
	Kind  string `json:"kind"`
	Count int64  `json:"count"`
	First string `json:"first"`
}

func newRecorder() *recorder { return &recorder{kinds: map[string]*ErrorKind{}} }

// success records a request that answered as expected after d.
func (r *recorder) success(d time.Duration) {
	r.mu.Lock()
	r.ok++
	r.samples = append(r.samples, d)
	r.mu.Unlock()
}

// failure records a request that failed, of kind, with what it said.
func (r *recorder) failure(kind, first string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed++
	k := r.kinds[kind]
	if k == nil {
		k = &ErrorKind{Kind: kind, First: first}
		r.kinds[kind] = k
		r.order = append(r.order, kind)
	}
	k.Count++
}

// merge adds what o recorded to r.
func (r *recorder) merge(o *recorder) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r.ok += o.ok
	r.samples = append(r.samples, o.samples...)
	for _, kind := range o.order {
		k := o.kinds[kind]
		r.failed += k.Count
		if mine := r.kinds[kind]; mine != nil {
			mine.Count += k.Count
			continue
		}
		cp := *k
		r.kinds[kind] = &cp
		r.order = append(r.order, kind)
	}
}

// stats are the figures of a scenario: requests, failures, throughput of
// the requests that succeeded, and their latency percentiles.
type stats struct {
	Requests, OK, Errors int64
	Elapsed              time.Duration
	Throughput           float64 // successful requests a second
	P50, P95, P99, Max   time.Duration
	ErrorKinds           []ErrorKind
}

// stats computes the figures of r over elapsed.
func (r *recorder) stats(elapsed time.Duration) stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := stats{Requests: r.ok + r.failed, OK: r.ok, Errors: r.failed, Elapsed: elapsed, ErrorKinds: []ErrorKind{}}
	if elapsed > 0 {
		s.Throughput = float64(r.ok) / elapsed.Seconds()
	}
	slices.Sort(r.samples)
	s.P50, s.P95, s.P99 = percentile(r.samples, 0.50), percentile(r.samples, 0.95), percentile(r.samples, 0.99)
	if n := len(r.samples); n > 0 {
		s.Max = r.samples[n-1]
	}
	for _, kind := range r.order {
		s.ErrorKinds = append(s.ErrorKinds, *r.kinds[kind])
	}
	return s
}

// percentile returns the nearest-rank percentile p (0 < p ≤ 1) of sorted
// samples, or 0 when there are none.
func percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(n))) - 1
	return sorted[min(max(i, 0), n-1)]
}

package run

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// worker is one client of a scenario as its step sees it: the means to
// send, random numbers of its own, and where it records.
type worker struct {
	env *env
	rng *rand.Rand
	rec *recorder
	seq int64     // the number of the step, unique in the scenario
	at  time.Time // when the step was due (open loop); zero: when it is sent
}

// do sends r, records how it went and returns the answer, or nil if it
// failed. The first request of an open loop's step is timed from when it
// was due, so that a server that falls behind shows in the latency instead
// of hiding in fewer requests (coordinated omission).
func (w *worker) do(ctx context.Context, r *request) *response {
	start := w.at
	w.at = time.Time{}
	if start.IsZero() {
		start = time.Now()
	}
	resp, err := w.env.c.send(ctx, r)
	d := time.Since(start)
	switch {
	case err == nil && r.ok(resp.status):
		w.rec.success(d)
		return resp
	case err != nil && ctx.Err() != nil:
		return nil // the run was interrupted: not the server's failure
	}
	kind, first := failureOf(r, resp, err)
	w.rec.failure(kind, first)
	return nil
}

// pick returns a random element of xs; xs must not be empty.
func pick[T any](w *worker, xs []T) T { return xs[w.rng.IntN(len(xs))] }

// closedLoop runs sc's step with clients workers, each starting a step as
// soon as its last one ended, until d has passed; the steps under way then
// finish. It returns what they recorded and how long it took.
func closedLoop(ctx context.Context, e *env, sc *scenario, clients int, d time.Duration) (*recorder, time.Duration) {
	recs := make([]*recorder, clients)
	start := time.Now()
	end := start.Add(d)
	var wg sync.WaitGroup
	for i := range clients {
		recs[i] = newRecorder()
		w := &worker{env: e, rng: rand.New(rand.NewPCG(e.seed, uint64(i))), rec: recs[i]}
		wg.Go(func() {
			for n := int64(0); time.Now().Before(end) && ctx.Err() == nil; n++ {
				w.seq = n*int64(clients) + int64(i)
				sc.step(ctx, w)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	total := newRecorder()
	for _, r := range recs {
		total.merge(r)
	}
	return total, elapsed
}

// openLoop starts sc's step on a fixed schedule, rate times a second, for
// d, whatever the answers: each step is due at start + i/rate and is timed
// from then. At most inFlight steps run at once; when that many wait for
// the server, the next ones start late and their lateness is measured.
func openLoop(ctx context.Context, e *env, sc *scenario, rate float64, inFlight int, d time.Duration) (*recorder, time.Duration) {
	rec := newRecorder()
	sem := make(chan struct{}, inFlight)
	var wg sync.WaitGroup
	start := time.Now()
	for i := int64(0); ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(float64(i) * float64(time.Second) / rate))
		if due.Sub(start) >= d {
			break
		}
		if wait := time.Until(due); wait > 0 {
			sleep(ctx, wait)
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		w := &worker{env: e, rng: rand.New(rand.NewPCG(e.seed, uint64(i))), rec: rec, seq: i, at: due}
		wg.Go(func() {
			defer func() { <-sem }()
			sc.step(ctx, w)
		})
	}
	wg.Wait()
	return rec, time.Since(start)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

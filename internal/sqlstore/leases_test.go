package sqlstore_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"zhitong/internal/schedule"
	"zhitong/internal/sqlstore/sqltest"
)

// Two instances, each with its own connections to one database and its
// own scheduler, run a once-per-period job exactly once a period between
// them, however their passes interleave; a job for every instance runs on
// both.
func TestTwoSchedulers(t *testing.T) {
	t.Parallel()
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dbs := instances(t, engine)
			var clock atomic.Int64
			clock.Store(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC).UnixMilli())
			now := func() time.Time { return time.UnixMilli(clock.Load()) }
			var once, everywhere atomic.Int64
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			var scheds [2]*schedule.Scheduler
			for i := range scheds {
				scheds[i] = &schedule.Scheduler{Leases: dbs[i], Holder: []string{"a", "b"}[i], Now: now, Log: log, Jobs: []schedule.Job{
					{Name: "escalate", Every: time.Minute, Once: true, Run: func(context.Context) error { once.Add(1); return nil }},
					{Name: "deliver", Every: time.Minute, Run: func(context.Context) error { everywhere.Add(1); return nil }},
				}}
			}
			const periods = 25
			for p := 1; p <= periods; p++ {
				var wg sync.WaitGroup
				for _, s := range scheds {
					wg.Add(1)
					go func() { defer wg.Done(); s.RunDue(ctx) }()
				}
				wg.Wait()
				if got := once.Load(); got != int64(p) {
					t.Fatalf("period %d: the once-a-period job has run %d times", p, got)
				}
				// Half a period on, neither runs anything again.
				clock.Add((30 * time.Second).Milliseconds())
				for _, s := range scheds {
					if ran := s.RunDue(ctx); len(ran) != 0 {
						t.Fatalf("period %d: ran %v half a period on", p, ran)
					}
				}
				clock.Add((30 * time.Second).Milliseconds())
			}
			if got := everywhere.Load(); got != 2*periods {
				t.Errorf("the every-instance job ran %d times in %d periods on two instances", got, periods)
			}
		})
	}
}

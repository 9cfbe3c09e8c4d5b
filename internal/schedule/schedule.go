// Package schedule runs the binary's periodic jobs: raising deadline
// warnings, escalating what is overdue, delivering the outbox, reading the
// calendar again. With several instances on one database a job marked Once
// runs on one instance per period, the one that takes its lease; a job not
// so marked runs on every instance (delivery claims its own messages).
package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Job is work to do every Every.
type Job struct {
	Name  string
	Every time.Duration
	Once  bool // one instance per period, by lease
	Run   func(ctx context.Context) error
}

// Leases is what the scheduler needs of the database.
type Leases interface {
	// TakeLease gives job name to holder until until, if no one holds it
	// at now; it reports whether holder got it.
	TakeLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
}

// Scheduler runs jobs. Holder names this instance in the leases.
type Scheduler struct {
	Leases Leases
	Holder string
	Now    func() time.Time
	Log    *slog.Logger
	Jobs   []Job
	// Tick is how often the scheduler looks for due jobs (default 5 s).
	Tick time.Duration

	next map[string]time.Time
}

// RunDue runs every job due at Now, one after another, and returns the
// names of those this instance ran. A job's failure is logged and does not
// stop the others; it runs again at its next period.
func (s *Scheduler) RunDue(ctx context.Context) []string {
	if s.next == nil {
		s.next = map[string]time.Time{}
	}
	var ran []string
	for _, j := range s.Jobs {
		now := s.Now()
		if now.Before(s.next[j.Name]) {
			continue
		}
		s.next[j.Name] = now.Add(j.Every)
		if j.Once {
			ok, err := s.Leases.TakeLease(ctx, j.Name, s.Holder, now, now.Add(j.Every))
			if err != nil {
				s.Log.Error("schedule: lease", "job", j.Name, "err", err)
				continue
			}
			if !ok {
				continue
			}
		}
		if err := s.run(ctx, j); err != nil {
			s.Log.Error("schedule: job failed", "job", j.Name, "err", err)
			continue
		}
		ran = append(ran, j.Name)
	}
	return ran
}

// run runs one job, turning a panic into an error so that one bad job
// never stops the scheduler.
func (s *Scheduler) run(ctx context.Context, j Job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return j.Run(ctx)
}

// Run runs due jobs every Tick until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	tick := s.Tick
	if tick <= 0 {
		tick = 5 * time.Second
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		s.RunDue(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

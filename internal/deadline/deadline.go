// Package deadline keeps the deadlines of tasks in working days: the
// calendar as built in and as administrators loaded or corrected it, the
// policy of how many working days each stage is given, and the counting
// again of open deadlines when either changes.
package deadline

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/calendar"
	"zhitong/internal/fault"
)

// Stored is a year of the calendar as an administrator loaded it.
type Stored struct {
	Year        int
	Days        []byte // the schedule in the holiday-cn JSON form
	Provisional bool
	Note        string
	UpdatedAt   time.Time
	UpdatedBy   int64
}

// Store is what the package needs of the database.
type Store interface {
	CalendarYears(ctx context.Context) ([]Stored, error)
	// PutCalendarYear stores y and the new version in one transaction.
	PutCalendarYear(ctx context.Context, y Stored, version string) error
	DeadlineSettings(ctx context.Context) (Settings, error)
	// PutDeadlinePolicy stores the policy and the new version in one transaction.
	PutDeadlinePolicy(ctx context.Context, p appeal.Policy, version string, at time.Time, by int64) error
	// RecountDeadlines writes the deadlines recount gives every open task
	// that counts in working days, and returns how many changed.
	RecountDeadlines(ctx context.Context, recount func(*appeal.Task) (accept, reply time.Time, changed bool)) (int, error)
}

// Settings is what the store holds of the deadlines besides the years: the
// policy (the zero policy: the default) and the version of the whole, which
// changes with every change of a year or of the policy.
type Settings struct {
	Policy  appeal.Policy
	Version string
}

// Service answers the calendar and the deadlines, and administers them.
// Deadlines implements appeal.Deadlines with the calendar and policy as
// last read, which Refresh reads again.
type Service struct {
	Store Store
	Audit audit.Recorder
	Now   func() time.Time
	// Log reports the recounts a refresh makes.
	Log func(msg string, args ...any)

	mu      sync.Mutex // one refresh at a time
	current atomic.Pointer[state]
}

// state is one reading of the calendar and the policy.
type state struct {
	version string
	days    appeal.WorkingDays
	stored  map[int]Stored
}

var _ appeal.Deadlines = (*Service)(nil)

// Accept implements appeal.Deadlines.
func (s *Service) Accept(at time.Time) (time.Time, int) { return s.working().Accept(at) }

// Reply implements appeal.Deadlines.
func (s *Service) Reply(at time.Time, a *appeal.Appeal) (time.Time, int) {
	return s.working().Reply(at, a)
}

// working is the calendar and policy in force: the built-in ones until the
// first Refresh.
// Shift implements appeal.Deadlines.
func (s *Service) Shift(due time.Time, n int) time.Time { return s.working().Shift(due, n) }

// Between implements appeal.Deadlines.
func (s *Service) Between(from, to time.Time) int { return s.working().Between(from, to) }

func (s *Service) working() appeal.WorkingDays {
	if st := s.current.Load(); st != nil {
		return st.days
	}
	return appeal.WorkingDays{Calendar: calendar.New(calendar.Builtin()), Policy: appeal.DefaultPolicy()}
}

// Calendar is the calendar in force.
func (s *Service) Calendar() *calendar.Calendar { return s.working().Calendar }

// Refresh reads the calendar and the policy again if another instance (or
// this one) changed them, and then counts the open deadlines again: each
// instance does it once per change, and the recount writes only what
// differs, so that a task assigned by an instance that had not yet seen the
// change is put right too.
func (s *Service) Refresh(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	set, err := s.Store.DeadlineSettings(ctx)
	if err != nil {
		return err
	}
	old := s.current.Load()
	if old != nil && old.version == set.Version {
		return nil
	}
	st, err := s.read(ctx, set)
	if err != nil {
		return err
	}
	s.current.Store(st)
	if old == nil {
		return nil
	}
	n, err := s.Store.RecountDeadlines(ctx, st.days.Recount)
	if err != nil {
		return fmt.Errorf("deadline: recount after version %s: %w", set.Version, err)
	}
	if s.Log != nil {
		s.Log("deadlines counted again", "version", set.Version, "changed", n)
	}
	return nil
}

// read builds the calendar: the built-in years, each replaced by the
// administrators' year of the same number.
func (s *Service) read(ctx context.Context, set Settings) (*state, error) {
	rows, err := s.Store.CalendarYears(ctx)
	if err != nil {
		return nil, err
	}
	st := &state{version: set.Version, stored: map[int]Stored{}}
	byYear := map[int]calendar.Year{}
	for _, y := range calendar.Builtin() {
		byYear[y.Year] = y
	}
	for _, r := range rows {
		y, err := calendar.ParseYear(r.Days)
		if err != nil {
			return nil, fault.Wrap(err, fmt.Sprintf("deadline: stored year %d", r.Year))
		}
		y.Provisional = r.Provisional
		byYear[r.Year] = y
		st.stored[r.Year] = r
	}
	years := make([]calendar.Year, 0, len(byYear))
	for _, y := range byYear {
		years = append(years, y)
	}
	st.days = appeal.WorkingDays{Calendar: calendar.New(years), Policy: withDefaults(set.Policy)}
	return st, nil
}

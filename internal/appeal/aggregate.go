package appeal

import (
	"time"

	"zhitong/internal/account"
)

// Aggregate is an appeal with all its tasks: the unit that a state change
// reads and writes as a whole.
type Aggregate struct {
	Appeal Appeal
	Tasks  []Task // every round, oldest first
}

// Task returns the task with id, or nil.
func (g *Aggregate) Task(id int64) *Task {
	for i := range g.Tasks {
		if g.Tasks[i].ID == id {
			return &g.Tasks[i]
		}
	}
	return nil
}

// Current returns the tasks of the current round.
func (g *Aggregate) Current() []*Task {
	var ts []*Task
	for i := range g.Tasks {
		if g.Tasks[i].Round == g.Appeal.Round {
			ts = append(ts, &g.Tasks[i])
		}
	}
	return ts
}

// OpenLead returns the current round's lead task that is still open, or nil.
func (g *Aggregate) OpenLead() *Task {
	for _, t := range g.Current() {
		if t.Role == Lead && t.State.Open() {
			return t
		}
	}
	return nil
}

// Change is what one action did, for the store to write in one transaction:
// the appeal row (its version already advanced), the tasks it touched and
// created, the timeline events and the visit.
type Change struct {
	Appeal      Appeal
	PrevVersion int // the version the store must find, or the write is stale
	Tasks       []Task
	NewTasks    []Task
	Events      []Event
	Visit       *Visit
	notices     []Notice // what a step has to say beyond what notices derives
}

// env is what an action needs beyond the aggregate and the command.
type env struct {
	now       time.Time
	actor     *account.Actor
	deadlines Deadlines
	target    *Appeal // merge: the surviving appeal, loaded by the service
}

// Deadlines computes the default deadlines of a task: when it must be
// accepted and answered, and the working days each counts from the moment of
// assignment (0: a date that is not counted again when the calendar
// changes). WorkingDays (deadline.go) is the product's; CalendarDays serves
// tests that need no calendar.
type Deadlines interface {
	Accept(assigned time.Time) (time.Time, int)
	Reply(assigned time.Time, a *Appeal) (time.Time, int)
	// Shift moves a deadline by n days (an extension); Between counts the
	// days a pause from one moment to another took.
	Shift(due time.Time, n int) time.Time
	Between(from, to time.Time) int
}

// CalendarDays counts deadlines in calendar days: 1 to accept; 5 to answer a
// consultation, 15 anything else. Each ends at midnight China Standard Time.
type CalendarDays struct{}

// Accept implements Deadlines.
func (CalendarDays) Accept(at time.Time) (time.Time, int) { return endOfDay(at, 1), 0 }

// Reply implements Deadlines.
func (CalendarDays) Reply(at time.Time, a *Appeal) (time.Time, int) {
	if a.Type == Consult {
		return endOfDay(at, 5), 0
	}
	return endOfDay(at, 15), 0
}

// Shift implements Deadlines.
func (CalendarDays) Shift(due time.Time, n int) time.Time { return due.AddDate(0, 0, n) }

// Between implements Deadlines.
func (CalendarDays) Between(from, to time.Time) int {
	y1, m1, d1 := from.In(CST).Date()
	y2, m2, d2 := to.In(CST).Date()
	return int(time.Date(y2, m2, d2, 12, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 12, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

func endOfDay(t time.Time, days int) time.Time {
	y, m, d := t.In(CST).Date()
	return time.Date(y, m, d+days+1, 0, 0, 0, 0, CST)
}

package appeal

import (
	"time"

	"zhitong/internal/calendar"
)

// Policy is how many working days a task is given: to accept it, and to
// answer it by the appeal's category if the category has its own time, else
// by its type (a consultation is quick, anything else a matter to handle).
type Policy struct {
	AcceptDays  int
	ConsultDays int
	OtherDays   int
	Categories  map[int64]int // category id → working days to answer
}

// DefaultPolicy is the seed's: accept within 1 working day; answer a
// consultation within 5, anything else within 15.
func DefaultPolicy() Policy { return Policy{AcceptDays: 1, ConsultDays: 5, OtherDays: 15} }

// ReplyDays is the working days a task on a is given to answer.
func (p Policy) ReplyDays(a *Appeal) int {
	if n, ok := p.Categories[a.CategoryID]; ok && n > 0 {
		return n
	}
	if a.Type == Consult {
		return p.ConsultDays
	}
	return p.OtherDays
}

// WorkingDays counts deadlines in working days of the calendar under the
// policy, by the calendar's counting rule (see package calendar): a task
// assigned after 17:00 or on a day off starts on the next working day, and
// each deadline ends at midnight after its last working day.
type WorkingDays struct {
	Calendar *calendar.Calendar
	Policy   Policy
}

// Accept implements Deadlines.
func (w WorkingDays) Accept(at time.Time) (time.Time, int) {
	return w.Calendar.Due(at, w.Policy.AcceptDays), w.Policy.AcceptDays
}

// Reply implements Deadlines.
func (w WorkingDays) Reply(at time.Time, a *Appeal) (time.Time, int) {
	n := w.Policy.ReplyDays(a)
	return w.Calendar.Due(at, n), n
}

// Shift implements Deadlines: n working days later.
func (w WorkingDays) Shift(due time.Time, n int) time.Time { return w.Calendar.Shift(due, n) }

// Between implements Deadlines: the working days after from's date up to
// to's.
func (w WorkingDays) Between(from, to time.Time) int { return w.Calendar.WorkingDaysBetween(from, to) }

// Recount returns t's deadlines counted again under w, as they stand with
// the extensions and pauses granted; a deadline set as a date stays as it
// is. It reports whether either changed.
func (w WorkingDays) Recount(t *Task) (accept, reply time.Time, changed bool) {
	accept, reply = t.AcceptDue, t.ReplyDue
	if t.AcceptDays > 0 {
		accept = w.Calendar.Due(t.AssignedAt, t.AcceptDays)
	}
	if t.ReplyDays > 0 {
		reply = w.Calendar.Shift(w.Calendar.Due(t.AssignedAt, t.ReplyDays), t.ExtraDays)
	}
	return accept, reply, !accept.Equal(t.AcceptDue) || !reply.Equal(t.ReplyDue)
}

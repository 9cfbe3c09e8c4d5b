package appeal

import (
	"slices"
	"time"
)

// Due is where an unanswered task stands against its deadline to answer.
type Due string

// The clock of a task. A task is due soon (yellow) once four fifths of its
// time are used, and overdue (red) once its deadline has passed; a task
// already answered, returned or closed is neither, since the unit has done
// its part, nor is a paused one, whose clock stands still.
const (
	DueNone    Due = ""
	DueSoon    Due = "soon"    // 即将超期
	DueOverdue Due = "overdue" // 已超期
)

// Dues lists the clocks a worklist can be filtered by.
var Dues = []Due{DueSoon, DueOverdue}

// Clock reports where t stands at now.
func (t *Task) Clock(now time.Time) Due {
	if t.ReplyDue.IsZero() || !slices.Contains(Awaiting, t.State) || t.Paused() {
		return DueNone
	}
	if now.After(t.ReplyDue) {
		return DueOverdue
	}
	// used/total >= 4/5, in whole milliseconds as the store counts it.
	used := now.UnixMilli() - t.AssignedAt.UnixMilli()
	total := t.ReplyDue.UnixMilli() - t.AssignedAt.UnixMilli()
	if 5*used >= 4*total {
		return DueSoon
	}
	return DueNone
}

// Awaiting is the task states whose clock runs.
var Awaiting = []TaskState{TaskPending, TaskHandling}

// ReturnedLate reports whether t was returned after the time it had to
// accept it: the time it held the appeal counts against its unit, while
// the unit it goes to next starts a fresh clock.
func (t *Task) ReturnedLate() bool {
	return !t.ReturnedAt.IsZero() && !t.AcceptDue.IsZero() && t.ReturnedAt.After(t.AcceptDue)
}

package appeal

import "time"

// A Notice is a message an event causes: to the enterprise, or to the
// users of a unit. The store writes it into the outbox in the transaction
// of the event, so that a change is never made without its messages nor a
// message sent for a change that was not made. The kinds are those of the
// notify package's catalog, named here by their strings so that the
// domain stays apart from the ways messages travel.
type Notice struct {
	Kind   string
	UnitID int64 // to the active users of this unit; 0: to the enterprise
	Office bool  // to the office of the appeal's district instead (escalation)
	TaskID int64
	Params map[string]string // the template's parameters but the appeal's number and the portal's address, which the store adds
}

// The notice kinds (notify.Kind values).
const (
	NoticeRegistered = "appeal.registered"
	NoticeAnswered   = "appeal.answered"
	NoticeRate       = "appeal.rate"
	NoticeAssigned   = "task.assigned"
	NoticeReminded   = "task.reminded"
	NoticeSupervised = "task.supervised"
	NoticeDueSoon    = "task.due_soon"
	NoticeOverdue    = "task.overdue"
	NoticeGeneral    = "notice" // a title and a body
)

// ToEnterprise reports whether n is for the enterprise.
func (n Notice) ToEnterprise() bool { return n.UnitID == 0 && !n.Office }

// registeredNotice tells the enterprise its number and query code: the
// only time the code leaves the system, for only its hash is kept.
func registeredNotice(code string) Notice {
	return Notice{Kind: NoticeRegistered, Params: map[string]string{"code": code}}
}

// TaskNotice is a notice of kind about task t of appeal a to t's unit.
func TaskNotice(kind string, a *Appeal, t *Task) Notice {
	return Notice{Kind: kind, UnitID: t.UnitID, TaskID: t.ID,
		Params: map[string]string{"title": a.Title, "deadline": DeadlineText(t.ReplyDue)}}
}

// DeadlineText is a deadline as people say it: the day it ends on, and
// the hour when it is not the close of a day.
func DeadlineText(due time.Time) string {
	if due.IsZero() {
		return "—"
	}
	d := due.In(CST)
	if d.Hour() == 0 && d.Minute() == 0 {
		return d.Add(-time.Minute).Format("2006-01-02")
	}
	return d.Format("2006-01-02 15:04")
}

// notices are the messages of a change: each new task to its unit; a
// result to the enterprise; a feedback asks it to rate.
func notices(before State, g *Aggregate, c *Command, ch *Change) []Notice {
	a := &g.Appeal
	var ns []Notice
	for i := range ch.NewTasks {
		ns = append(ns, TaskNotice(NoticeAssigned, a, &ch.NewTasks[i]))
	}
	if a.State == AwaitVisit && before != AwaitVisit {
		ns = append(ns, Notice{Kind: NoticeAnswered})
	}
	if c.Action == ActFeedback && a.State == AwaitVisit {
		ns = append(ns, Notice{Kind: NoticeRate})
	}
	return append(ns, ch.notices...)
}

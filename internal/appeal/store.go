package appeal

import (
	"context"
	"time"
)

// Store persists appeals. Each method is one transaction.
type Store interface {
	// CreateAppeal inserts a, sets its ID, and writes ev (with the new id)
	// and a's search index in the same transaction.
	CreateAppeal(ctx context.Context, a *Appeal, ev *Event) error
	// CreateAppealOnce is CreateAppeal under an idempotency key (see
	// idempotency.go): in the same transaction it looks r's key up among
	// those remembered since since, and inserts nothing but returns the id
	// remembered if it is there with r's hash, a Conflict (idem.mismatch) if
	// with another; otherwise it inserts the appeal and remembers r with its
	// id. A concurrent request that remembered the key first is a Conflict
	// (idem.busy).
	CreateAppealOnce(ctx context.Context, a *Appeal, ev *Event, r *Remembered, since time.Time) (replay int64, err error)
	// Remembered returns what was remembered under actor's key since since,
	// or NotFound.
	Remembered(ctx context.Context, actor, key string, since time.Time) (*Remembered, error)
	// Aggregate reads an appeal with all its tasks.
	Aggregate(ctx context.Context, id int64) (*Aggregate, error)
	// Mutate reads the appeal with its tasks, locked against concurrent
	// change, passes it to fn and writes the change fn returns, all in one
	// transaction. If fn fails nothing is written.
	Mutate(ctx context.Context, id int64, fn func(*Aggregate) (*Change, error)) error
	// AppealOfTask returns the id of the appeal a task belongs to.
	AppealOfTask(ctx context.Context, taskID int64) (int64, error)
	Timeline(ctx context.Context, id int64) ([]Event, error)
	Visits(ctx context.Context, id int64) ([]Visit, error)
	ListAppeals(ctx context.Context, f Filter) (Page, error)
	ListTasks(ctx context.Context, f TaskFilter) (TaskPage, error)

	Category(ctx context.Context, id int64) (*Category, error)
	Categories(ctx context.Context) ([]Category, error)
	CreateCategory(ctx context.Context, c *Category) error
}

// Filter selects appeals for a list. Zero fields do not filter. The list is
// newest first and pages by keyset: Before is the last id of the previous page.
type Filter struct {
	Scope        Scope
	States       []State
	Channel      Channel
	Type         Type
	CategoryID   int64
	Route        Route
	UnitID       int64 // appeals with a task of this unit
	DistrictID   int64
	TerritoryID  int64
	EnterpriseID int64
	From, To     time.Time // registered in [From, To)
	Keyword      string
	// Oldest lists oldest first; Before is then the last id of the previous
	// page in that order (the next page's ids are above it).
	Oldest    bool
	Before    int64
	Limit     int
	CountUpTo int // count at most this many; 0: do not count
}

// Page is one page of a list.
type Page struct {
	Items       []Appeal
	Next        int64 // the Before of the next page; 0 at the end
	Total       int
	TotalCapped bool // more than CountUpTo matched
}

// TaskFilter selects tasks for a worklist, newest first.
type TaskFilter struct {
	Scope  Scope // Districts: tasks of appeals in these districts; UnitID: this unit's tasks
	UnitID int64
	States []TaskState
	Due    Due       // soon or overdue: unanswered tasks at that point of their clock (see Task.Clock)
	Now    time.Time // the moment Due and Figure are judged at; the service sets it
	// From, To: tasks of the appeals registered in [From, To), the cohort
	// of a report (zero: no bound).
	From, To time.Time
	// Figure: the tasks one of the reports' unit figures counts (see
	// TaskFigure), judged at Now; "" filters nothing.
	Figure TaskFigure
	// ByDue lists the tasks whose deadline comes first first (those with
	// none last), and pages after the task Before whose deadline key was
	// AfterDue (TaskPage.NextDue).
	ByDue     bool
	AfterDue  int64
	Before    int64
	Limit     int
	CountUpTo int
}

// TaskFigure is one of the counts of a unit's tasks in the reports
// (report.UnitCounts, DOMAIN.md "Counting rules"): a worklist filtered by
// it, a unit and a cohort (TaskFilter.From, To) lists exactly the tasks
// that count makes up, so that a leader can open any figure. Every figure
// leaves out the tasks cancelled with their appeal, as the counts do.
type TaskFigure string

// The figures, each named as the count of report.UnitCounts it lists.
const (
	FigureNone         TaskFigure = ""
	FigureAssigned     TaskFigure = "assigned"      // the unit's tasks, but those cancelled
	FigureResponded    TaskFigure = "responded"     // accepted or returned in the time to accept (签收及时)
	FigureLateResponse TaskFigure = "late_response" // assigned but not responded in time: assigned − responded
	FigureDue          TaskFigure = "due"           // replied, or past the deadline unanswered with the clock running
	FigureOnTime       TaskFigure = "on_time"       // of due: replied by the deadline
	FigureOverdue      TaskFigure = "overdue"       // of due: not on time (due − on time)
	FigureOpenOverdue  TaskFigure = "open_overdue"  // of overdue: still unanswered
	FigureReturned     TaskFigure = "returned"      // returned (退回)
	FigureReturnedLate TaskFigure = "returned_late" // returned after the time to accept
	FigureRedone       TaskFigure = "redone"        // the reply was ordered redone
	FigureReminded     TaskFigure = "reminded"      // reminded (催办) at least once
	FigureSupervised   TaskFigure = "supervised"    // put under supervision (督办)
	FigureUnanswered   TaskFigure = "unanswered"    // of supervised: the supervision not answered
	FigureExtended     TaskFigure = "extended"      // granted more time
	FigureRated        TaskFigure = "rated"         // the final lead task, rated on the appeal's final visit
)

// TaskFigures lists the figures a worklist can be filtered by.
var TaskFigures = []TaskFigure{FigureAssigned, FigureResponded, FigureLateResponse, FigureDue, FigureOnTime, FigureOverdue,
	FigureOpenOverdue, FigureReturned, FigureReturnedLate, FigureRedone, FigureReminded, FigureSupervised, FigureUnanswered,
	FigureExtended, FigureRated}

// TaskItem is a task with what a worklist shows of its appeal.
type TaskItem struct {
	Task
	Title       string
	Urgency     Urgency
	AppealState State
	CreatedAt   time.Time // the appeal's
	Anonymous   bool
}

// TaskPage is one page of a worklist.
type TaskPage struct {
	Items       []TaskItem
	Next        int64
	Total       int
	TotalCapped bool
	Now         time.Time // when it was read: where the tasks' clocks stand
	NextDue     int64     // by due: the AfterDue of the next page
}

// Category is a subject of appeals (融资, 用地, 审批, ...).
type Category struct {
	ID     int64
	Code   string
	Name   string
	Active bool
}

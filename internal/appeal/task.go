package appeal

import "time"

// TaskState is where one unit's task stands.
type TaskState string

// The task states.
const (
	TaskPending   TaskState = "pending"   // 待签收
	TaskHandling  TaskState = "handling"  // 办理中
	TaskReplied   TaskState = "replied"   // 待审核: the lead's reply waits for the office
	TaskDone      TaskState = "done"      // 已办结: approved (lead) or replied to the lead (co-unit)
	TaskReturned  TaskState = "returned"  // 已退回, with a reason; the office re-assigns
	TaskCancelled TaskState = "cancelled" // the appeal was withdrawn or merged
)

// TaskStates lists every task state.
var TaskStates = []TaskState{TaskPending, TaskHandling, TaskReplied, TaskDone, TaskReturned, TaskCancelled}

// Open reports whether the task still waits on someone.
func (s TaskState) Open() bool { return s == TaskPending || s == TaskHandling || s == TaskReplied }

// TaskRole is 主办 (lead) or 协办 (co-unit).
type TaskRole string

// The task roles.
const (
	Lead TaskRole = "lead"
	Co   TaskRole = "co"
)

// Outcome is the structured result of a reply (答复).
type Outcome string

// The outcomes.
const (
	OutcomeNone      Outcome = ""
	Solved           Outcome = "solved"    // 已解决
	PartlySolved     Outcome = "partly"    // 部分解决
	ExplainedNotDone Outcome = "explained" // 未解决已作解释
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{Solved, PartlySolved, ExplainedNotDone}

// Task is one unit's share of an appeal in one round.
type Task struct {
	ID         int64
	AppealID   int64
	DistrictID int64
	Round      int
	UnitID     int64
	Role       TaskRole
	State      TaskState
	Note       string // the office's instruction on assignment
	AssignedBy int64
	AssignedAt time.Time
	AcceptDue  time.Time
	ReplyDue   time.Time
	AcceptedAt time.Time
	ReturnedAt time.Time
	Reason     string // why it was returned, or why the reply was sent back
	Outcome    Outcome
	ReplyText  string
	RepliedAt  time.Time
	RepliedBy  int64
	ReviewedAt time.Time
	ReviewedBy int64
	SentBack   int  // how often the office sent the reply back
	Redone     bool // the reply was ordered redone: counted against this unit
	// The working days the deadlines count from AssignedAt, so that they
	// can be counted again when the calendar changes; 0: a deadline set as a
	// date (the city's or the office's), kept as it is.
	AcceptDays int
	ReplyDays  int
	ExtraDays  int // working days added to the reply deadline by extensions and pauses
	// A request for more time awaiting the office (extension.go).
	Ask       Ask
	AskDays   int
	AskReason string
	AskedAt   time.Time
	Grants    int       // extensions and pauses granted
	PausedAt  time.Time // the clock stands still, waiting on the enterprise
	// Supervision (supervision.go).
	Reminders       int       // 催办
	SupervisedAt    time.Time // 督办
	SupervisionNo   string    // the notice's document number (文号)
	SupervisionNote string    // what the office requires
	ResponseText    string    // the unit's answer to the supervision
	RespondedAt     time.Time
	Version         int
}

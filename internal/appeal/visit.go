package appeal

import "time"

// Satisfaction is the enterprise's rating at a return visit.
type Satisfaction string

// The ratings; None when no rated visit exists.
const (
	SatNone         Satisfaction = ""
	Satisfied       Satisfaction = "satisfied"    // 满意
	FairlySatisfied Satisfaction = "fair"         // 基本满意
	Dissatisfied    Satisfaction = "dissatisfied" // 不满意
)

// Satisfactions lists the ratings.
var Satisfactions = []Satisfaction{Satisfied, FairlySatisfied, Dissatisfied}

// MaxVisitAttempts is how many failed attempts make an enterprise unreachable (无法联系).
const MaxVisitAttempts = 3

// Visit is one attempt at a return visit (回访).
type Visit struct {
	ID           int64
	AppealID     int64
	Round        int
	At           time.Time
	By           int64
	Reached      bool
	Satisfaction Satisfaction
	Resolved     bool
	Words        string // what the enterprise said
}

// Event is one entry of an appeal's timeline: who did what, when, from which
// state to which, the text sent and what the enterprise was told.
type Event struct {
	ID        int64
	AppealID  int64
	At        time.Time
	ActorID   int64
	ActorName string
	UnitID    int64 // the actor's unit
	Action    Action
	FromState State
	ToState   State
	TaskID    int64
	Note      string // the text sent with the action
	Told      string // what the enterprise was told, if anything
	// Notices are not stored with the event: they are the messages it
	// causes, which the store writes into the outbox with it.
	Notices []Notice
}

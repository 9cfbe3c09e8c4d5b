package api

import (
	"time"

	"zhitong/internal/appeal"
)

// The JSON views of appeals and what hangs off them. Each is built from what
// a domain service returned, already redacted for the viewer: a view adds no
// field the service left out. Their json tags are the API's contract, and the
// OpenAPI document is reflected from them: a field without omitempty or
// omitzero is always present.

// Appeal is an appeal as the caller may see it.
type Appeal struct {
	ID                 int64               `json:"id"`
	Number             string              `json:"number" doc:"the case number people quote, one from start to end"`
	ExternalNo         string              `json:"external_no,omitempty" doc:"the city's own number of an appeal assigned down"`
	Channel            appeal.Channel      `json:"channel"`
	Type               appeal.Type         `json:"type"`
	CategoryID         int64               `json:"category_id,omitempty"`
	Urgency            appeal.Urgency      `json:"urgency"`
	Title              string              `json:"title"`
	Content            string              `json:"content"`
	EnterpriseID       int64               `json:"enterprise_id,omitempty" doc:"absent until matched to the registry, and for a unit that sees an anonymous appeal"`
	EnterpriseName     string              `json:"enterprise_name"`
	CreditCode         string              `json:"credit_code,omitempty"`
	ContactName        string              `json:"contact_name,omitempty" doc:"masked unless the caller needs it"`
	ContactPhone       string              `json:"contact_phone,omitempty" doc:"masked unless the caller needs it"`
	ContactIDNo        string              `json:"contact_id_no,omitempty" doc:"the appellant's ID number, masked (430102********1234) unless the caller needs it"`
	Anonymous          bool                `json:"anonymous" doc:"dispatched anonymously: handling units never see who complained"`
	DistrictID         int64               `json:"district_id"`
	TerritoryID        int64               `json:"territory_id,omitempty"`
	Route              appeal.Route        `json:"route,omitempty" doc:"absent until triage"`
	State              appeal.State        `json:"state"`
	Round              int                 `json:"round" doc:"the current round of tasks; a redo adds one"`
	MergedInto         int64               `json:"merged_into,omitempty"`
	CreatedBy          int64               `json:"created_by,omitempty"`
	CreatedAt          Time                `json:"created_at"`
	UpdatedAt          Time                `json:"updated_at"`
	DueAt              Time                `json:"due_at,omitzero" doc:"the city's deadline of an appeal assigned down"`
	Version            int                 `json:"version" doc:"send it back in If-Match or the version field of an action"`
	ResultOutcome      appeal.Outcome      `json:"result_outcome,omitempty"`
	ResultText         string              `json:"result_text,omitempty" doc:"the result the enterprise is told"`
	ResultAt           Time                `json:"result_at,omitzero"`
	FeedbackAt         Time                `json:"feedback_at,omitzero"`
	ReportedUpAt       Time                `json:"reported_up_at,omitzero"`
	VisitAttempts      int                 `json:"visit_attempts"`
	Satisfaction       appeal.Satisfaction `json:"satisfaction,omitempty" doc:"of the final return visit"`
	Resolved           bool                `json:"resolved"`
	Unreachable        bool                `json:"unreachable"`
	Unreasonable       bool                `json:"unreasonable" doc:"marked by the office as beyond what can be granted (诉求不合理): out of the satisfaction rates"`
	UnreasonableReason string              `json:"unreasonable_reason,omitempty"`
	ClosedAt           Time                `json:"closed_at,omitzero"`
}

// AppealDetail is one appeal with its tasks and what the caller may do now.
type AppealDetail struct {
	Appeal
	Tasks   []Task          `json:"tasks"`
	Actions []appeal.Action `json:"actions" doc:"the actions the caller may take now (versions aside)"`
}

// AppealCreated answers a registration: the appeal, and the query code the
// enterprise is given once (only its hash is kept).
type AppealCreated struct {
	AppealDetail
	QueryCode string `json:"query_code,omitempty" doc:"the code the enterprise checks its appeal with; shown once, so absent when replayed"`
	Replayed  bool   `json:"replayed" doc:"true when this answers a retry under the same Idempotency-Key: the appeal registered first, nothing new, no query_code"`
}

// AppealPage is one page of a list of appeals.
type AppealPage struct {
	Items       []Appeal `json:"items"`
	NextCursor  string   `json:"next_cursor,omitempty" doc:"pass as cursor for the next page; absent on the last"`
	Total       int      `json:"total" doc:"how many match, counted up to 10000"`
	TotalCapped bool     `json:"total_capped" doc:"more than total match: show it as 10000+"`
}

// Task is one unit's share of an appeal in one round.
type Task struct {
	ID           int64            `json:"id"`
	AppealID     int64            `json:"appeal_id"`
	Round        int              `json:"round"`
	UnitID       int64            `json:"unit_id"`
	Role         appeal.TaskRole  `json:"role"`
	State        appeal.TaskState `json:"state"`
	Note         string           `json:"note,omitempty" doc:"the office's instruction"`
	AssignedBy   int64            `json:"assigned_by,omitempty"`
	AssignedAt   Time             `json:"assigned_at"`
	AcceptDue    Time             `json:"accept_due,omitzero"`
	ReplyDue     Time             `json:"reply_due,omitzero"`
	AcceptedAt   Time             `json:"accepted_at,omitzero"`
	ReturnedAt   Time             `json:"returned_at,omitzero"`
	Reason       string           `json:"reason,omitempty" doc:"why it was returned, or why its reply was sent back"`
	Outcome      appeal.Outcome   `json:"outcome,omitempty"`
	ReplyText    string           `json:"reply_text,omitempty"`
	RepliedAt    Time             `json:"replied_at,omitzero"`
	RepliedBy    int64            `json:"replied_by,omitempty"`
	ReviewedAt   Time             `json:"reviewed_at,omitzero"`
	ReviewedBy   int64            `json:"reviewed_by,omitempty"`
	SentBack     int              `json:"sent_back"`
	Redone       bool             `json:"redone" doc:"its reply was ordered redone: counted against the unit"`
	ExtraDays    int              `json:"extra_days" doc:"working days added to the deadline by extensions and pauses"`
	Ask          appeal.Ask       `json:"ask,omitempty" doc:"a request awaiting the office: extend or pause"`
	AskDays      int              `json:"ask_days,omitempty"`
	AskReason    string           `json:"ask_reason,omitempty"`
	AskedAt      Time             `json:"asked_at,omitzero"`
	Grants       int              `json:"grants" doc:"extensions and pauses granted"`
	PausedAt     Time             `json:"paused_at,omitzero" doc:"set while the clock stands still, waiting on the enterprise"`
	Clock        appeal.Due       `json:"clock,omitempty" doc:"soon (4/5 of the time used) or overdue, while unanswered"`
	Reminders    int              `json:"reminders" doc:"催办 received"`
	ReturnedLate bool             `json:"returned_late,omitempty" doc:"returned after the time to accept it: the delay counts against the unit"`
	Supervision  *Supervision     `json:"supervision,omitempty" doc:"督办, if any"`
	Version      int              `json:"version" doc:"send it back in If-Match or the version field of a task action"`
}

// Supervision is a formal supervision notice (督办) on a task and the unit's answer.
type Supervision struct {
	At         Time   `json:"at"`
	DocNo      string `json:"doc_no" doc:"the notice's document number (文号)"`
	Note       string `json:"note" doc:"what the office requires"`
	Answer     string `json:"answer,omitempty"`
	AnsweredAt Time   `json:"answered_at,omitzero"`
}

// TaskItem is a task in a worklist, with what the list shows of its appeal.
type TaskItem struct {
	Task
	AppealNumber    string         `json:"appeal_number"`
	Title           string         `json:"title"`
	Urgency         appeal.Urgency `json:"urgency"`
	AppealState     appeal.State   `json:"appeal_state"`
	AppealCreatedAt Time           `json:"appeal_created_at"`
	Anonymous       bool           `json:"anonymous"`
}

// TaskPage is one page of a worklist.
type TaskPage struct {
	Items       []TaskItem `json:"items"`
	NextCursor  string     `json:"next_cursor,omitempty"`
	Total       int        `json:"total"`
	TotalCapped bool       `json:"total_capped"`
}

// Event is one entry of an appeal's timeline.
type Event struct {
	ID        int64         `json:"id"`
	At        Time          `json:"at"`
	ActorID   int64         `json:"actor_id,omitempty"`
	ActorName string        `json:"actor_name,omitempty"`
	UnitID    int64         `json:"unit_id,omitempty"`
	Action    appeal.Action `json:"action"`
	FromState appeal.State  `json:"from_state,omitempty"`
	ToState   appeal.State  `json:"to_state,omitempty"`
	TaskID    int64         `json:"task_id,omitempty"`
	Note      string        `json:"note,omitempty" doc:"the text sent with the action"`
	Told      string        `json:"told,omitempty" doc:"what the enterprise was told"`
}

// Timeline is an appeal's events, oldest first.
type Timeline struct {
	Items []Event `json:"items"`
}

// Visit is one attempt at a return visit.
type Visit struct {
	ID           int64               `json:"id"`
	Round        int                 `json:"round"`
	At           Time                `json:"at"`
	By           int64               `json:"by,omitempty"`
	Reached      bool                `json:"reached"`
	Satisfaction appeal.Satisfaction `json:"satisfaction,omitempty"`
	Resolved     bool                `json:"resolved"`
	Words        string              `json:"words,omitempty" doc:"what the enterprise said"`
}

// Visits is an appeal's return visits, oldest first.
type Visits struct {
	Items []Visit `json:"items"`
}

func appealView(a *appeal.Appeal) Appeal {
	return Appeal{ID: a.ID, Number: a.Number(), ExternalNo: a.ExternalNo, Channel: a.Channel, Type: a.Type,
		CategoryID: a.CategoryID, Urgency: a.Urgency, Title: a.Title, Content: a.Content,
		EnterpriseID: a.EnterpriseID, EnterpriseName: a.EnterpriseName, CreditCode: a.CreditCode,
		ContactName: a.ContactName, ContactPhone: a.ContactPhone, ContactIDNo: a.ContactIDNo, Anonymous: a.Anonymous,
		DistrictID: a.DistrictID, TerritoryID: a.TerritoryID, Route: a.Route, State: a.State, Round: a.Round,
		MergedInto: a.MergedInto, CreatedBy: a.CreatedBy, CreatedAt: at(a.CreatedAt), UpdatedAt: at(a.UpdatedAt),
		DueAt: at(a.DueAt), Version: a.Version, ResultOutcome: a.ResultOutcome, ResultText: a.ResultText,
		ResultAt: at(a.ResultAt), FeedbackAt: at(a.FeedbackAt), ReportedUpAt: at(a.ReportedUpAt),
		VisitAttempts: a.VisitAttempts, Satisfaction: a.Satisfaction, Resolved: a.Resolved,
		Unreachable: a.Unreachable, Unreasonable: a.Unreasonable, UnreasonableReason: a.UnreasonableReason, ClosedAt: at(a.ClosedAt)}
}

func detailView(v *appeal.View) AppealDetail {
	d := AppealDetail{Appeal: appealView(&v.Appeal), Tasks: make([]Task, len(v.Tasks)), Actions: v.Actions}
	for i := range v.Tasks {
		d.Tasks[i] = taskView(&v.Tasks[i], v.Now)
	}
	if d.Actions == nil {
		d.Actions = []appeal.Action{}
	}
	return d
}

func taskView(t *appeal.Task, now time.Time) Task {
	v := Task{ID: t.ID, AppealID: t.AppealID, Round: t.Round, UnitID: t.UnitID, Role: t.Role, State: t.State,
		Note: t.Note, AssignedBy: t.AssignedBy, AssignedAt: at(t.AssignedAt), AcceptDue: at(t.AcceptDue),
		ReplyDue: at(t.ReplyDue), AcceptedAt: at(t.AcceptedAt), ReturnedAt: at(t.ReturnedAt), Reason: t.Reason,
		Outcome: t.Outcome, ReplyText: t.ReplyText, RepliedAt: at(t.RepliedAt), RepliedBy: t.RepliedBy,
		ReviewedAt: at(t.ReviewedAt), ReviewedBy: t.ReviewedBy, SentBack: t.SentBack, Redone: t.Redone,
		ExtraDays: t.ExtraDays, Ask: t.Ask, AskDays: t.AskDays, AskReason: t.AskReason, AskedAt: at(t.AskedAt),
		Grants: t.Grants, PausedAt: at(t.PausedAt), Clock: t.Clock(now), Reminders: t.Reminders, ReturnedLate: t.ReturnedLate(), Version: t.Version}
	if !t.SupervisedAt.IsZero() {
		v.Supervision = &Supervision{At: at(t.SupervisedAt), DocNo: t.SupervisionNo, Note: t.SupervisionNote,
			Answer: t.ResponseText, AnsweredAt: at(t.RespondedAt)}
	}
	return v
}

func taskItemView(t *appeal.TaskItem, now time.Time) TaskItem {
	a := appeal.Appeal{ID: t.AppealID, CreatedAt: t.CreatedAt}
	return TaskItem{Task: taskView(&t.Task, now), AppealNumber: a.Number(), Title: t.Title, Urgency: t.Urgency,
		AppealState: t.AppealState, AppealCreatedAt: at(t.CreatedAt), Anonymous: t.Anonymous}
}

func eventView(e *appeal.Event) Event {
	return Event{ID: e.ID, At: at(e.At), ActorID: e.ActorID, ActorName: e.ActorName, UnitID: e.UnitID,
		Action: e.Action, FromState: e.FromState, ToState: e.ToState, TaskID: e.TaskID, Note: e.Note, Told: e.Told}
}

func visitView(v *appeal.Visit) Visit {
	return Visit{ID: v.ID, Round: v.Round, At: at(v.At), By: v.By, Reached: v.Reached,
		Satisfaction: v.Satisfaction, Resolved: v.Resolved, Words: v.Words}
}

package api

import (
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// The bodies of the action endpoints, one type per kind of action, each
// with only the fields its actions read (see appeal.Command.Validate). The
// version is the appeal's for appeal actions and the task's for task
// actions; it may come in If-Match instead.

// ResultRequest answers an appeal directly, or records the city's result.
type ResultRequest struct {
	Version int            `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Outcome appeal.Outcome `json:"outcome"`
	Text    string         `json:"text" doc:"the answer, at most 5000 characters"`
	Told    string         `json:"told,omitempty" doc:"what the enterprise is told (such as the SMS sent)"`
}

func (b ResultRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Outcome: b.Outcome, Text: b.Text, Told: b.Told}, nil
}

// ReferRequest refers an appeal to the district office or up to the city.
type ReferRequest struct {
	Version int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Note    string `json:"note,omitempty"`
	Told    string `json:"told,omitempty" doc:"what the enterprise is told"`
}

func (b ReferRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Note: b.Note, Told: b.Told}, nil
}

// ReasonRequest refuses or withdraws an appeal: the reason is required.
type ReasonRequest struct {
	Version int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Note    string `json:"note" doc:"the reason"`
	Told    string `json:"told,omitempty" doc:"what the enterprise is told"`
}

func (b ReasonRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Note: b.Note, Told: b.Told}, nil
}

// TransferRequest sends an appeal to another channel.
type TransferRequest struct {
	Version    int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	TransferTo string `json:"transfer_to" doc:"the other channel: 12345, 信访, ..."`
	Note       string `json:"note,omitempty"`
	Told       string `json:"told,omitempty" doc:"what the enterprise is told"`
}

func (b TransferRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, TransferTo: b.TransferTo, Note: b.Note, Told: b.Told}, nil
}

// AssignRequest assigns tasks: a lead unit (unless the round has one at
// work) and co-units.
type AssignRequest struct {
	Version    int     `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	LeadUnitID int64   `json:"lead_unit_id,omitempty"`
	CoUnitIDs  []int64 `json:"co_unit_ids,omitempty"`
	ReplyDue   string  `json:"reply_due,omitempty" doc:"a deadline other than the default: a day YYYY-MM-DD (due by its end) or an RFC 3339 time"`
	Note       string  `json:"note,omitempty" doc:"the office's instruction"`
}

func (b AssignRequest) command() (appeal.Command, error) {
	due, err := parseDeadline("reply_due", b.ReplyDue)
	return appeal.Command{Version: b.Version, LeadUnitID: b.LeadUnitID, CoUnitIDs: b.CoUnitIDs,
		ReplyDue: due, Note: b.Note}, err
}

// FeedbackRequest records what the enterprise was told of the result.
type FeedbackRequest struct {
	Version int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Told    string `json:"told" doc:"what the enterprise is told"`
	Note    string `json:"note,omitempty"`
}

func (b FeedbackRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Told: b.Told, Note: b.Note}, nil
}

// VisitRequest records one attempt at a return visit.
type VisitRequest struct {
	Version      int                 `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Reached      *bool               `json:"reached" doc:"false records a failed attempt; the third makes the enterprise unreachable"`
	Satisfaction appeal.Satisfaction `json:"satisfaction,omitempty" doc:"required when reached"`
	Resolved     bool                `json:"resolved,omitempty"`
	Words        string              `json:"words,omitempty" doc:"what the enterprise said"`
}

func (b VisitRequest) command() (appeal.Command, error) {
	if b.Reached == nil {
		return appeal.Command{}, fault.Field("reached", "required", "reached")
	}
	return appeal.Command{Version: b.Version, Reached: *b.Reached, Satisfaction: b.Satisfaction,
		Resolved: b.Resolved, Words: b.Words}, nil
}

// RedoRequest orders a closed appeal redone.
type RedoRequest struct {
	Version    int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Note       string `json:"note" doc:"the reason"`
	LeadUnitID int64  `json:"lead_unit_id,omitempty" doc:"the unit to redo it; the last lead unless given"`
	ReplyDue   string `json:"reply_due,omitempty" doc:"a day YYYY-MM-DD or an RFC 3339 time"`
}

func (b RedoRequest) command() (appeal.Command, error) {
	due, err := parseDeadline("reply_due", b.ReplyDue)
	return appeal.Command{Version: b.Version, Note: b.Note, LeadUnitID: b.LeadUnitID, ReplyDue: due}, err
}

// ReportUpRequest reports a city-assigned appeal's result back up.
type ReportUpRequest struct {
	Version int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Note    string `json:"note,omitempty"`
}

func (b ReportUpRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Note: b.Note}, nil
}

// MergeRequest merges this appeal, a duplicate, into another.
type MergeRequest struct {
	Version  int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	TargetID int64  `json:"target_id" doc:"the surviving appeal"`
	Note     string `json:"note,omitempty"`
	Told     string `json:"told,omitempty"`
}

func (b MergeRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, TargetID: b.TargetID, Note: b.Note, Told: b.Told}, nil
}

// TaskNoteRequest accepts a task, or approves its reply.
type TaskNoteRequest struct {
	Version int    `json:"version,omitempty" doc:"the task's version the client read; or send If-Match"`
	Note    string `json:"note,omitempty"`
}

func (b TaskNoteRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Note: b.Note}, nil
}

// TaskReasonRequest returns a task, or sends its reply back: the reason is required.
type TaskReasonRequest struct {
	Version int    `json:"version,omitempty" doc:"the task's version the client read; or send If-Match"`
	Note    string `json:"note" doc:"the reason"`
}

func (b TaskReasonRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Note: b.Note}, nil
}

// ReplyRequest is a unit's structured reply to its task.
type ReplyRequest struct {
	Version int            `json:"version,omitempty" doc:"the task's version the client read; or send If-Match"`
	Outcome appeal.Outcome `json:"outcome"`
	Text    string         `json:"text" doc:"the reply, at most 5000 characters"`
}

func (b ReplyRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Outcome: b.Outcome, Text: b.Text}, nil
}

// ExtendRequest asks for more working days.
type ExtendRequest struct {
	Version int    `json:"version,omitempty" doc:"the task's version the client read; or send If-Match"`
	Days    int    `json:"days" doc:"1 to 10 working days"`
	Note    string `json:"note" doc:"the reason"`
}

func (b ExtendRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Days: b.Days, Note: b.Note}, nil
}

// GrantRequest grants a unit's request.
type GrantRequest struct {
	Version int    `json:"version,omitempty" doc:"the task's version the client read; or send If-Match"`
	Days    int    `json:"days,omitempty" doc:"an extension of fewer days than asked; 0: as asked"`
	Note    string `json:"note,omitempty"`
}

func (b GrantRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Days: b.Days, Note: b.Note}, nil
}

// SuperviseRequest puts a task under formal supervision.
type SuperviseRequest struct {
	Version int    `json:"version,omitempty" doc:"the task's version the client read; or send If-Match"`
	DocNo   string `json:"doc_no" doc:"the notice's document number (文号), at most 50 characters"`
	Note    string `json:"note" doc:"what the office requires"`
}

func (b SuperviseRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, DocNo: b.DocNo, Note: b.Note}, nil
}

// RespondRequest answers a supervision notice.
type RespondRequest struct {
	Version int    `json:"version,omitempty" doc:"the task's version the client read; or send If-Match"`
	Text    string `json:"text" doc:"the answer, at most 5000 characters"`
}

func (b RespondRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Text: b.Text}, nil
}

// InstructRequest is a leader's instruction, or the office's reason for
// marking an appeal as beyond what can be granted, or for lifting the mark.
type InstructRequest struct {
	Version int    `json:"version,omitempty" doc:"the version the client read; or send If-Match"`
	Note    string `json:"note" doc:"the instruction, or the reason"`
}

func (b InstructRequest) command() (appeal.Command, error) {
	return appeal.Command{Version: b.Version, Note: b.Note}, nil
}

package web

import (
	"net/url"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/unit"
)

// actForm is the form of one action on the appeal page: the fields the
// action reads, the version it was read at, and, after a refusal, what was
// typed, so that nothing is lost.
type actForm struct {
	Action   appeal.Action
	TaskID   int64
	Version  int
	Fields   []string
	ID       string // prefix of the form's field ids
	Open     bool
	Values   url.Values
	Units    []unit.Unit
	Outcomes []appeal.Outcome
	Sats     []appeal.Satisfaction
	Primary  bool
}

// Value is what was typed into field name, if the form comes back.
func (f *actForm) Value(name string) string { return f.Values.Get(name) }

// Checked reports whether value was chosen for field name when the form
// comes back, or is the default otherwise.
func (f *actForm) Checked(name, value, dflt string) bool {
	if f.Values == nil {
		return value == dflt
	}
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// actionFields are the fields each action's form asks for, in order. A
// "reason" is a note that the action requires; "told_req" what the
// enterprise is told, required.
var actionFields = map[appeal.Action][]string{
	appeal.ActAnswer:        {"outcome", "text", "told"},
	appeal.ActCityResult:    {"outcome", "text", "told"},
	appeal.ActReferDistrict: {"note", "told"},
	appeal.ActReferCity:     {"note", "told"},
	appeal.ActReject:        {"reason", "told"},
	appeal.ActWithdraw:      {"reason", "told"},
	appeal.ActTransfer:      {"transfer_to", "note", "told"},
	appeal.ActAssign:        {"lead", "co", "reply_due", "note"},
	appeal.ActFeedback:      {"told_req", "note"},
	appeal.ActVisit:         {"visit"},
	appeal.ActRedo:          {"lead", "reply_due", "reason"},
	appeal.ActReportUp:      {"note"},
	appeal.ActMerge:         {"target", "note", "told"},
	appeal.ActAccept:        {"note"},
	appeal.ActReturn:        {"reason"},
	appeal.ActReply:         {"outcome", "text"},
	appeal.ActApprove:       {"note"},
	appeal.ActSendBack:      {"reason"},
	appeal.ActExtend:        {"days_req", "reason"},
	appeal.ActPause:         {"reason"},
	appeal.ActGrant:         {"days", "note"},
	appeal.ActRefuse:        {"reason"},
	appeal.ActResume:        {"note"},
	appeal.ActRemind:        {"note"},
	appeal.ActSupervise:     {"doc_no", "reason"},
	appeal.ActRespond:       {"text"},
	appeal.ActInstruct:      {"reason"},
	appeal.ActUnreasonable:  {"reason"},
	appeal.ActReasonable:    {"reason"},
}

// primaryActions are the steps that carry the loop forward, shown first
// and in the primary colour.
var primaryActions = map[appeal.Action]bool{
	appeal.ActAnswer: true, appeal.ActReferDistrict: true, appeal.ActAssign: true, appeal.ActAccept: true,
	appeal.ActReply: true, appeal.ActApprove: true, appeal.ActFeedback: true, appeal.ActVisit: true,
	appeal.ActCityResult: true, appeal.ActReportUp: true,
}

func (d *appealData) form(a appeal.Action, taskID int64, version int) actForm {
	f := actForm{Action: a, TaskID: taskID, Version: version, Fields: actionFields[a], Units: d.Units,
		Outcomes: d.Outcomes, Sats: d.Sats, Primary: primaryActions[a], ID: string(a)}
	key := string(a)
	if taskID != 0 {
		f.ID += "-" + strconv.FormatInt(taskID, 10)
		key += ":" + strconv.FormatInt(taskID, 10)
	}
	if d.Failed == key {
		f.Open, f.Values = true, d.Form
	}
	return f
}

// AppealForms are the forms of the appeal's own actions.
func (d *appealData) AppealForms() []actForm {
	var out []actForm
	for _, a := range d.Actions {
		out = append(out, d.form(a, 0, d.V.Appeal.Version))
	}
	return out
}

// TaskForms are the forms of the actions on task t.
func (d *appealData) TaskForms(t taskView) []actForm {
	var out []actForm
	for _, a := range t.Actions {
		out = append(out, d.form(a, t.ID, t.Version))
	}
	return out
}

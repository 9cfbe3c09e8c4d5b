package appeal

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/fault"
)

// Command is a request to take one action. Only the fields the action needs
// are read; Validate says which.
type Command struct {
	Action  Action
	Version int   // the version of the appeal (or of the task, for task actions) the client read
	TaskID  int64 // for task actions

	Note string // reason, instruction or text sent with the action
	Told string // what the enterprise is told, if anything

	Outcome Outcome // answer, reply, city_result
	Text    string  // answer, reply, city_result

	LeadUnitID int64     // assign, redo
	CoUnitIDs  []int64   // assign
	ReplyDue   time.Time // assign: a deadline set by the office, if not the default

	TransferTo string // transfer: the other channel (12345, 信访, ...)
	TargetID   int64  // merge: the surviving appeal

	Days  int    // extend: the working days asked for; grant: fewer than asked, if not 0
	DocNo string // supervise: the notice's document number (文号)

	Reached      bool // visit
	Satisfaction Satisfaction
	Resolved     bool
	Words        string
}

// Limits on the text a person may send.
const (
	MaxTitle   = 100
	MaxContent = 5000
	MaxNote    = 2000
	MaxReply   = 5000
	MaxCoUnits = 10
)

// Validate checks that c has what its action needs, and trims its text.
func (c *Command) Validate() error {
	if _, ok := Rules[c.Action]; !ok {
		return fault.Field("action", "one_of", "action", actionList())
	}
	c.Note = strings.TrimSpace(c.Note)
	c.Told = strings.TrimSpace(c.Told)
	c.Text = strings.TrimSpace(c.Text)
	c.Words = strings.TrimSpace(c.Words)
	for _, f := range []struct {
		name, v string
		max     int
	}{{"note", c.Note, MaxNote}, {"told", c.Told, MaxNote}, {"text", c.Text, MaxReply}, {"words", c.Words, MaxNote}, {"transfer_to", c.TransferTo, 50}} {
		if utf8.RuneCountInString(f.v) > f.max {
			return fault.Field(f.name, "too_long", f.name, f.max)
		}
	}
	switch c.Action {
	case ActAnswer, ActReply, ActCityResult:
		if !validOutcome(c.Outcome) {
			return fault.Field("outcome", "one_of", "outcome", "solved, partly, explained")
		}
		if c.Text == "" {
			return fault.Field("text", "required", "text")
		}
	case ActReject, ActReturn, ActSendBack, ActWithdraw, ActRedo:
		if c.Note == "" {
			return fault.Field("note", "reason.required")
		}
	case ActTransfer:
		if strings.TrimSpace(c.TransferTo) == "" {
			return fault.Field("transfer_to", "required", "transfer_to")
		}
	case ActAssign:
		if c.LeadUnitID <= 0 && len(c.CoUnitIDs) == 0 {
			return fault.Field("lead_unit_id", "assign.nounit")
		}
		if len(c.CoUnitIDs) > MaxCoUnits {
			return fault.Field("co_unit_ids", "assign.toomany", MaxCoUnits)
		}
		seen := map[int64]bool{c.LeadUnitID: c.LeadUnitID > 0}
		for _, u := range c.CoUnitIDs {
			if u <= 0 || seen[u] {
				return fault.Field("co_unit_ids", "assign.dupunit")
			}
			seen[u] = true
		}
	case ActExtend:
		if c.Days < 1 || c.Days > MaxExtension {
			return fault.Field("days", "ask.range", MaxExtension)
		}
		if c.Note == "" {
			return fault.Field("note", "reason.required")
		}
	case ActPause, ActRefuse, ActInstruct, ActUnreasonable, ActReasonable:
		if c.Note == "" {
			return fault.Field("note", "reason.required")
		}
	case ActGrant:
		if c.Days < 0 || c.Days > MaxExtension {
			return fault.Field("days", "ask.range", MaxExtension)
		}
	case ActSupervise:
		c.DocNo = strings.TrimSpace(c.DocNo)
		if c.DocNo == "" {
			return fault.Field("doc_no", "required", "doc_no")
		}
		if utf8.RuneCountInString(c.DocNo) > MaxDocNo {
			return fault.Field("doc_no", "too_long", "doc_no", MaxDocNo)
		}
		if c.Note == "" {
			return fault.Field("note", "supervise.note")
		}
	case ActRespond:
		if c.Text == "" {
			return fault.Field("text", "required", "text")
		}
	case ActMerge:
		if c.TargetID <= 0 {
			return fault.Field("target_id", "bad_id", "target_id")
		}
	case ActVisit:
		if c.Reached && !validSatisfaction(c.Satisfaction) {
			return fault.Field("satisfaction", "one_of", "satisfaction", "satisfied, fair, dissatisfied")
		}
	}
	if Rules[c.Action].OnTask && c.TaskID <= 0 {
		return fault.Field("task_id", "bad_id", "task_id")
	}
	return nil
}

func actionList() string {
	s := make([]string, len(Actions))
	for i, a := range Actions {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}

func validOutcome(o Outcome) bool { return slices.Contains(Outcomes, o) }

func validSatisfaction(s Satisfaction) bool { return slices.Contains(Satisfactions, s) }

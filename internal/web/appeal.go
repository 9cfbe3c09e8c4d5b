package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/matching"
	"zhitong/internal/report"
	"zhitong/internal/unit"
)

// The appeal page: the appeal, its tasks, its story as a timeline, what the
// enterprise was told, and a form for each action the actor may take now.

type appealData struct {
	V        *appeal.View
	Tasks    []taskView
	Timeline []appeal.Event
	Visits   []appeal.Visit
	Files    []appeal.Attachment
	Exts     string          // the kinds of file accepted
	Actions  []appeal.Action // the appeal's own actions the actor may take
	Units    []unit.Unit     // the units an assignment may name
	Outcomes []appeal.Outcome
	Sats     []appeal.Satisfaction
	// A refused action comes back with its message and what was typed.
	Error  string
	Failed string // the action (with its task) whose form to reopen: "assign" or "reply:12"
	Form   url.Values
	// ContestUnit is the unit whose tasks the actor may contest charges of
	// (contests.go): a handler's own; 0: none.
	ContestUnit  int64
	Charges      []report.Charge
	ContestError string
	// Matching (matching.go): the entities suggested for the appeal, for
	// those who link appeals to the registry (MayLink), and a refusal.
	Matches    []matching.Suggestion
	MayLink    bool
	MatchError string
}

// taskView is a task with the task actions the actor may take on it now.
type taskView struct {
	appeal.Task
	Current bool
	Actions []appeal.Action
}

func (s *Server) appealPage(q *req) error {
	d, err := s.pathAppeal(q)
	if err != nil {
		return err
	}
	return q.render(http.StatusOK, "appeal", d.V.Appeal.Number(), d)
}

// pathAppeal is the data of the appeal page of the {id} of the path.
func (s *Server) pathAppeal(q *req) (*appealData, error) {
	id, err := q.pathID()
	if err != nil {
		return nil, err
	}
	return s.appealData(q, id)
}

func (s *Server) appealData(q *req, id int64) (*appealData, error) {
	v, err := s.cfg.Appeals.Get(q.ctx(), q.actor, id)
	if err != nil {
		return nil, err
	}
	d := &appealData{V: v, Outcomes: appeal.Outcomes, Sats: appeal.Satisfactions, Charges: report.Charges}
	if q.actor.Has(account.Handler) && !q.actor.ReadOnly {
		d.ContestUnit = q.actor.UnitID
	}
	if d.Timeline, err = s.cfg.Appeals.Timeline(q.ctx(), q.actor, id); err != nil {
		return nil, err
	}
	if v.Relation != appeal.AsUnit { // a unit does not see the return visits
		if d.Visits, err = s.cfg.Appeals.Visits(q.ctx(), q.actor, id); err != nil {
			return nil, err
		}
	}
	if d.Files, err = s.cfg.Appeals.ListAttachments(q.ctx(), q.actor, id); err != nil {
		return nil, err
	}
	d.Exts = strings.Join(appeal.AttachmentExtensions(), ",")
	if d.Matches, d.MayLink, err = s.matchesOf(q, v); err != nil {
		return nil, err
	}
	ids := []int64{v.Appeal.DistrictID, v.Appeal.TerritoryID}
	for i := len(v.Tasks) - 1; i >= 0; i-- { // the current round first
		t := v.Tasks[i]
		tv := taskView{Task: t, Current: t.Round == v.Appeal.Round}
		for _, a := range v.Actions {
			if mayOnTask(q.actor, a, &t) {
				tv.Actions = append(tv.Actions, a)
			}
		}
		d.Tasks = append(d.Tasks, tv)
		ids = append(ids, t.UnitID)
	}
	for _, e := range d.Timeline {
		ids = append(ids, e.UnitID)
	}
	for _, a := range v.Actions {
		if !appeal.Rules[a].OnTask {
			d.Actions = append(d.Actions, a)
		}
	}
	if slices.Contains(d.Actions, appeal.ActAssign) || slices.Contains(d.Actions, appeal.ActRedo) {
		us, err := s.cfg.Units.List(q.ctx(), q.actor, v.Appeal.DistrictID)
		if err != nil {
			return nil, err
		}
		for _, u := range us {
			if u.Kind != unit.Region && u.Active && u.DistrictID == v.Appeal.DistrictID {
				d.Units = append(d.Units, u)
			}
		}
	}
	if err := q.lookUnits(ids...); err != nil {
		return nil, err
	}
	return d, nil
}

// mayOnTask reports whether a task action the actor may take on the appeal
// applies to task t: its state, and for a unit's action, the unit's own.
// It only chooses which forms to show; the service decides.
func mayOnTask(actor *account.Actor, a appeal.Action, t *appeal.Task) bool {
	rule := appeal.Rules[a]
	if !rule.OnTask || !slices.Contains(rule.TaskFrom, t.State) {
		return false
	}
	if slices.Contains(rule.Roles, account.Handler) && !actor.System {
		return t.UnitID == actor.UnitID
	}
	return true
}

// act takes the action a form on the appeal page sends. Done, the browser
// goes back to the page; refused, the page comes back with the message and
// the form as it was typed, so that nothing is lost.
func (s *Server) act(q *req) error {
	id, err := q.pathID()
	if err != nil {
		return err
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	c, err := commandOf(f)
	if err == nil {
		if appeal.Rules[c.Action].OnTask {
			_, err = s.cfg.Appeals.ActOnTask(q.ctx(), q.actor, c.TaskID, c)
		} else {
			_, err = s.cfg.Appeals.Act(q.ctx(), q.actor, id, c)
		}
	}
	if err == nil {
		return q.redirect("/appeals/" + strconv.FormatInt(id, 10) + "?done=" + url.QueryEscape(string(c.Action)))
	}
	msg, ok := q.shown(err)
	if !ok {
		return err
	}
	d, derr := s.appealData(q, id)
	if derr != nil {
		return derr
	}
	d.Error, d.Form, d.Failed = msg, f, f.Get("action")
	if t := f.Get("task_id"); t != "" {
		d.Failed += ":" + t
	}
	return q.render(statusOf(err), "appeal", d.V.Appeal.Number(), d)
}

// commandOf reads an action's form into the command the service takes.
func commandOf(f url.Values) (appeal.Command, error) {
	c := appeal.Command{Action: appeal.Action(f.Get("action")), Note: f.Get("note"), Told: f.Get("told"),
		Outcome: appeal.Outcome(f.Get("outcome")), Text: f.Get("text"), TransferTo: f.Get("transfer_to"),
		Reached: f.Get("reached") != "no", Satisfaction: appeal.Satisfaction(f.Get("satisfaction")),
		Resolved: f.Get("resolved") == "yes", Words: f.Get("words"), DocNo: f.Get("doc_no")}
	var err error
	num := func(name string) int64 {
		v := strings.TrimSpace(f.Get(name))
		if v == "" || err != nil {
			return 0
		}
		n, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil || n < 0 {
			err = fault.Field(name, "bad_id", name)
		}
		return n
	}
	c.Version = int(num("version"))
	c.TaskID = num("task_id")
	c.LeadUnitID = num("lead_unit_id")
	c.Days = int(num("days"))
	for _, v := range f["co_unit_ids"] {
		if v == "" {
			continue
		}
		n, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil || n <= 0 {
			return c, fault.Field("co_unit_ids", "bad_id", "co_unit_ids")
		}
		if n != c.LeadUnitID { // ticking the lead among the co-units too is no error of the person's
			c.CoUnitIDs = append(c.CoUnitIDs, n)
		}
	}
	if t := strings.TrimSpace(f.Get("target")); t != "" {
		id, ok := appeal.ParseNumber(t)
		if !ok {
			return c, fault.Field("target_id", "bad_id", "target_id")
		}
		c.TargetID = id
	}
	if d := strings.TrimSpace(f.Get("reply_due")); d != "" {
		day, perr := time.ParseInLocation(time.DateOnly, d, appeal.CST)
		if perr != nil {
			return c, fault.Field("reply_due", "bad_date", "reply_due")
		}
		c.ReplyDue = day.AddDate(0, 0, 1).Add(-time.Second) // due by the end of that day
	}
	return c, err
}

// sheetPage is the printable assignment sheet (交办单) of the appeal's
// current round, with its document number (文号).
func (s *Server) sheetPage(q *req) error {
	d, err := s.pathAppeal(q)
	if err != nil {
		return err
	}
	cur := d.SheetTasks()
	if len(cur) == 0 {
		return fault.E(fault.Conflict, "web.sheet.none")
	}
	first := cur[len(cur)-1] // the earliest task of the round
	sheet := struct {
		*appealData
		DocNo    string
		Current  []taskView
		Assigned time.Time
	}{d, docNumber(first.AssignedAt, first.ID), cur, first.AssignedAt}
	return q.render(http.StatusOK, "sheet", q.lang.T("sheet.title"), sheet)
}

// SheetTasks are the tasks an assignment sheet lists: those of the current
// round still with their units. None: the appeal has no sheet to print.
func (d *appealData) SheetTasks() []taskView {
	var cur []taskView
	for _, t := range d.Tasks {
		if t.Current && t.State != appeal.TaskReturned && t.State != appeal.TaskCancelled {
			cur = append(cur, t)
		}
	}
	return cur
}

// docNumber is a sheet's 文号: the year of the assignment and the number of
// its first task, which no other sheet has.
func docNumber(at time.Time, taskID int64) string {
	return "〔" + strconv.Itoa(at.In(appeal.CST).Year()) + "〕" + strconv.FormatInt(taskID, 10) + "号"
}

// supervisionPage is the printable supervision notice (督办通知单) of a
// task under supervision, with its document number and the unit's answer.
func (s *Server) supervisionPage(q *req) error {
	d, err := s.pathAppeal(q)
	if err != nil {
		return err
	}
	tid, _ := strconv.ParseInt(q.r.PathValue("tid"), 10, 64)
	for _, t := range d.Tasks {
		if t.ID == tid && !t.SupervisedAt.IsZero() {
			notice := struct {
				*appealData
				T taskView
			}{d, t}
			return q.render(http.StatusOK, "supervision", q.lang.T("sv.title"), notice)
		}
	}
	return fault.NotFoundOf("noun.task")
}

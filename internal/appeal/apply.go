package appeal

import (
	"zhitong/internal/fault"
)

// step applies one action to a copy of the aggregate. It assumes the command
// is valid and the actor allowed (authorize), and returns what changed.
type step func(g *Aggregate, c *Command, e *env, ch *Change) error

var steps = map[Action]step{
	ActAnswer:        answer,
	ActReferDistrict: referDistrict,
	ActReferCity:     referCity,
	ActReject:        reject,
	ActTransfer:      transfer,
	ActAssign:        assign,
	ActAccept:        accept,
	ActReturn:        returnTask,
	ActReply:         reply,
	ActApprove:       approve,
	ActSendBack:      sendBack,
	ActCityResult:    cityResult,
	ActFeedback:      feedback,
	ActVisit:         visit,
	ActRedo:          redo,
	ActReportUp:      reportUp,
	ActWithdraw:      withdraw,
	ActMerge:         merge,
	ActExtend:        extend,
	ActPause:         pause,
	ActGrant:         grant,
	ActRefuse:        refuse,
	ActResume:        resume,
	ActRemind:        remind,
	ActSupervise:     supervise,
	ActRespond:       respond,
	ActInstruct:      instruct,
	ActUnreasonable:  markUnreasonable,
	ActReasonable:    clearUnreasonable,
}

// Apply takes the action of c on g for the actor in e. It checks the state
// machine (state and role; scope is checked by authorize) and returns the
// change to write, or an error that says why the action is refused.
func apply(g *Aggregate, c *Command, e *env) (*Change, error) {
	rule := Rules[c.Action]
	a := &g.Appeal
	if !rule.allows(a.State) {
		return nil, fault.E(fault.Conflict, "state.action", stateLabel(a.State), actionLabel(c.Action))
	}
	var t *Task
	if rule.OnTask {
		if t = g.Task(c.TaskID); t == nil {
			return nil, fault.E(fault.NotFound, "task.notfound", c.TaskID)
		}
		if !rule.allowsTask(t.State) {
			return nil, fault.E(fault.Conflict, "task.state", taskStateLabel(t.State), actionLabel(c.Action))
		}
	}
	ch := &Change{PrevVersion: a.Version}
	from := a.State
	if err := steps[c.Action](g, c, e, ch); err != nil {
		return nil, err
	}
	a.Version++
	a.UpdatedAt = e.now
	ch.Appeal = *a
	ev := Event{AppealID: a.ID, At: e.now, ActorID: e.actor.UserID, ActorName: e.actor.Name, UnitID: e.actor.UnitID,
		Action: c.Action, FromState: from, ToState: a.State, TaskID: c.TaskID, Note: eventNote(c), Told: c.Told,
		Notices: notices(from, g, c, ch)}
	ch.Events = append([]Event{ev}, ch.Events...)
	return ch, nil
}

// eventNote is the text of the action as the timeline shows it.
func eventNote(c *Command) string {
	switch c.Action {
	case ActAnswer, ActReply, ActCityResult, ActRespond:
		return c.Text
	case ActVisit:
		return c.Words
	}
	return c.Note
}

func touch(ch *Change, t *Task, e *env) {
	t.Version++
	ch.Tasks = append(ch.Tasks, *t)
}

func setResult(a *Appeal, o Outcome, text string, e *env) {
	a.ResultOutcome, a.ResultText, a.ResultAt = o, text, e.now
	a.State = AwaitVisit
}

func answer(g *Aggregate, c *Command, e *env, ch *Change) error {
	g.Appeal.Route = RouteDirect
	setResult(&g.Appeal, c.Outcome, c.Text, e)
	return nil
}

func referDistrict(g *Aggregate, c *Command, e *env, ch *Change) error {
	g.Appeal.Route, g.Appeal.State = RouteDistrict, Unassigned
	return nil
}

func referCity(g *Aggregate, c *Command, e *env, ch *Change) error {
	g.Appeal.Route, g.Appeal.State = RouteCity, AtCity
	return nil
}

func reject(g *Aggregate, c *Command, e *env, ch *Change) error {
	g.Appeal.State = NotAccepted
	return nil
}

func transfer(g *Aggregate, c *Command, e *env, ch *Change) error {
	g.Appeal.State = Transferred
	if c.Note == "" {
		c.Note = c.TransferTo
	} else {
		c.Note = c.TransferTo + "：" + c.Note
	}
	return nil
}

func cityResult(g *Aggregate, c *Command, e *env, ch *Change) error {
	setResult(&g.Appeal, c.Outcome, c.Text, e)
	return nil
}

func feedback(g *Aggregate, c *Command, e *env, ch *Change) error {
	if c.Told == "" {
		return fault.Field("told", "required", "told")
	}
	g.Appeal.FeedbackAt = e.now
	return nil
}

func visit(g *Aggregate, c *Command, e *env, ch *Change) error {
	a := &g.Appeal
	if e.actor.IsEnterprise() && !e.actor.System {
		// The enterprise rates its own appeal once it has been told the
		// result; only an officer records a visit that reached no one.
		if a.FeedbackAt.IsZero() {
			return fault.E(fault.Conflict, "rate.notyet")
		}
		if !c.Reached {
			return fault.Field("reached", "rate.reached")
		}
	}
	v := &Visit{AppealID: a.ID, Round: a.Round, At: e.now, By: e.actor.UserID, Reached: c.Reached, Words: c.Words}
	if c.Reached {
		v.Satisfaction, v.Resolved = c.Satisfaction, c.Resolved
		a.Satisfaction, a.Resolved, a.Unreachable = c.Satisfaction, c.Resolved, false
		if a.FeedbackAt.IsZero() {
			a.FeedbackAt = e.now // the result was told at the visit
		}
		a.State, a.ClosedAt = Closed, e.now
	} else {
		a.VisitAttempts++
		if a.VisitAttempts >= MaxVisitAttempts {
			a.Unreachable = true
			a.State, a.ClosedAt = Closed, e.now
		}
	}
	ch.Visit = v
	return nil
}

func reportUp(g *Aggregate, c *Command, e *env, ch *Change) error {
	a := &g.Appeal
	if a.Route != RouteFromCity {
		return fault.E(fault.Conflict, "reportup.route")
	}
	if !a.ReportedUpAt.IsZero() {
		return fault.E(fault.Conflict, "reportup.done", a.ReportedUpAt.In(CST).Format("2006-01-02 15:04"))
	}
	a.ReportedUpAt = e.now
	return nil
}

// closeTasks cancels every open task, when the appeal ends early.
func closeTasks(g *Aggregate, e *env, ch *Change) {
	for i := range g.Tasks {
		if t := &g.Tasks[i]; t.State.Open() {
			t.State = TaskCancelled
			touch(ch, t, e)
		}
	}
}

func withdraw(g *Aggregate, c *Command, e *env, ch *Change) error {
	g.Appeal.State = Withdrawn
	closeTasks(g, e, ch)
	return nil
}

func merge(g *Aggregate, c *Command, e *env, ch *Change) error {
	a, target := &g.Appeal, e.target
	if c.TargetID == a.ID {
		return fault.Field("target_id", "merge.self")
	}
	if target == nil || target.State.Final() || target.DistrictID != a.DistrictID {
		return fault.Field("target_id", "merge.target")
	}
	a.State, a.MergedInto = Merged, target.ID
	closeTasks(g, e, ch)
	ch.Events = append(ch.Events, Event{AppealID: target.ID, At: e.now, ActorID: e.actor.UserID, ActorName: e.actor.Name,
		UnitID: e.actor.UnitID, Action: ActMergedIn, FromState: target.State, ToState: target.State, Note: a.Number()})
	return nil
}

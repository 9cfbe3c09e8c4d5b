package appeal

import (
	"time"

	"zhitong/internal/fault"
)

func newTask(g *Aggregate, unitID int64, role TaskRole, due time.Time, c *Command, e *env) Task {
	a := &g.Appeal
	t := Task{AppealID: a.ID, DistrictID: a.DistrictID, Round: a.Round, UnitID: unitID, Role: role, State: TaskPending,
		Note: c.Note, AssignedBy: e.actor.UserID, AssignedAt: e.now, Version: 1}
	t.AcceptDue, t.AcceptDays = e.deadlines.Accept(e.now)
	switch {
	case !due.IsZero():
		t.ReplyDue = due
	case !a.DueAt.IsZero() && a.Round == 1:
		t.ReplyDue = a.DueAt // a city-assigned appeal keeps the city's deadline; a redo gets a fresh one
	default:
		t.ReplyDue, t.ReplyDays = e.deadlines.Reply(e.now, a)
	}
	return t
}

// hasOpenTask reports whether unit has an open task in the current round.
func hasOpenTask(g *Aggregate, unit int64) bool {
	for _, t := range g.Current() {
		if t.UnitID == unit && t.State.Open() {
			return true
		}
	}
	return false
}

func assign(g *Aggregate, c *Command, e *env, ch *Change) error {
	a := &g.Appeal
	if a.Round == 0 {
		a.Round = 1
	}
	lead := g.OpenLead()
	switch {
	case c.LeadUnitID > 0 && lead != nil:
		return fault.Field("lead_unit_id", "assign.haslead")
	case c.LeadUnitID == 0 && lead == nil:
		return fault.Field("lead_unit_id", "assign.needlead")
	case lead != nil && lead.State == TaskReplied && len(c.CoUnitIDs) > 0:
		return fault.Field("co_unit_ids", "assign.leadreplied")
	}
	add := func(unit int64, role TaskRole) error {
		if hasOpenTask(g, unit) {
			return fault.Field("co_unit_ids", "assign.open", unit)
		}
		t := newTask(g, unit, role, c.ReplyDue, c, e)
		ch.NewTasks = append(ch.NewTasks, t)
		g.Tasks = append(g.Tasks, t)
		return nil
	}
	if c.LeadUnitID > 0 {
		if err := add(c.LeadUnitID, Lead); err != nil {
			return err
		}
	}
	for _, u := range c.CoUnitIDs {
		if err := add(u, Co); err != nil {
			return err
		}
	}
	a.State = InProgress
	return nil
}

func accept(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	t.State, t.AcceptedAt = TaskHandling, e.now
	touch(ch, t, e)
	return nil
}

func returnTask(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	t.State, t.ReturnedAt, t.Reason = TaskReturned, e.now, c.Note
	touch(ch, t, e)
	if t.Role == Lead && t.Round == g.Appeal.Round {
		g.Appeal.State = Unassigned // the office must re-assign the lead
	}
	return nil
}

func reply(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	if t.Role == Lead {
		waiting := 0
		for _, o := range g.Current() {
			if o.Role == Co && o.State.Open() {
				waiting++
			}
		}
		if waiting > 0 {
			return fault.E(fault.Conflict, "reply.cofirst", waiting)
		}
	}
	t.Outcome, t.ReplyText, t.RepliedAt, t.RepliedBy = c.Outcome, c.Text, e.now, e.actor.UserID
	t.State = TaskReplied
	if t.Role == Co {
		t.State = TaskDone // a co-unit replies to the lead, not to the office
	}
	touch(ch, t, e)
	return nil
}

func approve(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	t.State, t.ReviewedAt, t.ReviewedBy = TaskDone, e.now, e.actor.UserID
	touch(ch, t, e)
	for _, o := range g.Current() {
		if o.State.Open() {
			return nil
		}
	}
	setResult(&g.Appeal, t.Outcome, t.ReplyText, e)
	return nil
}

func sendBack(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	t.State, t.Reason = TaskHandling, c.Note
	t.SentBack++
	touch(ch, t, e)
	return nil
}

// lastLead returns the lead task that completed the current round, or nil.
func lastLead(g *Aggregate) *Task {
	for _, t := range g.Current() {
		if t.Role == Lead && t.State == TaskDone {
			return t
		}
	}
	return nil
}

func redo(g *Aggregate, c *Command, e *env, ch *Change) error {
	a := &g.Appeal
	prev := lastLead(g)
	if prev == nil || (a.Route != RouteDistrict && a.Route != RouteFromCity) {
		return fault.E(fault.Conflict, "redo.notasks")
	}
	if a.Unreachable || (a.Satisfaction != Dissatisfied && a.Resolved) {
		return fault.E(fault.Conflict, "redo.satisfied")
	}
	prev.Redone = true
	touch(ch, prev, e)
	unit := c.LeadUnitID
	if unit == 0 {
		unit = prev.UnitID
	}
	a.Round++
	t := newTask(g, unit, Lead, c.ReplyDue, c, e)
	ch.NewTasks = append(ch.NewTasks, t)
	g.Tasks = append(g.Tasks, t)
	a.State, a.ClosedAt, a.FeedbackAt, a.VisitAttempts = InProgress, time.Time{}, time.Time{}, 0
	return nil
}

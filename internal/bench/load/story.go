package load

import (
	"time"

	"zhitong/internal/appeal"
	workdays "zhitong/internal/calendar"
)

// story is one appeal as it goes round the loop: the appeal row, its tasks,
// timeline and visits, built step by step exactly as the appeal package's
// state machine changes them (apply.go, apply_task.go) and the store writes
// them, and halted at the load's end, so that an appeal registered
// yesterday is still open and one of last year is closed.
type story struct {
	g      *gen
	d      *district
	cat    int    // index in categories
	issue  *issue // what it is about
	firm   *firm  // the registered enterprise, or nil
	town   int    // the township it concerns (index in the district's towns)
	lead   int32  // the unit that handles it (index in the district's handling units)
	a      appeal.Appeal
	tasks  []appeal.Task
	events []appeal.Event
	actors []int32 // the officer of each event (index in org.officers), or appellant
	visits []appeal.Visit
	t      time.Time // when the last step happened
	halted bool

	withdrawAt time.Time // the appellant withdraws at this time, if the appeal is still open
	withdrawBy int32
	finalAt    time.Time // when the appeal first became final; zero if not before the end
}

// appellant stands for the appellant as the actor of an event (an
// enterprise account on the portal: no officer).
const appellant int32 = -1

// who returns the id, name and unit of an actor.
func (s *story) who(o int32) (int64, string, int64) {
	if o == appellant {
		return 0, s.a.ContactName, 0
	}
	of := &s.g.o.officers[o]
	return of.id, of.name, of.unit
}

// event appends an event to the timeline.
func (s *story) event(at time.Time, by int32, act appeal.Action, from, to appeal.State, task int64, note, told string) {
	id, name, u := s.who(by)
	s.events = append(s.events, appeal.Event{AppealID: s.a.ID, At: at, ActorID: id, ActorName: name, UnitID: u,
		Action: act, FromState: from, ToState: to, TaskID: task, Note: note, Told: told})
	s.actors = append(s.actors, by)
}

// register records the appeal's registration at, by who, in its state.
func (s *story) register(at time.Time, by int32) {
	s.a.CreatedAt, s.a.UpdatedAt, s.a.Version = at, at, 1
	s.event(at, by, appeal.ActRegister, "", s.a.State, 0, "", "")
	s.t = at
}

// step takes an action at at (no earlier than a minute after the last
// step) unless the story has halted: at or after the load's end nothing
// happens any more, and once the appellant's withdrawal is due it happens
// instead. fn changes the appeal and its tasks as the action does; step
// records the event from the state before to the state after and advances
// the appeal's version, as apply does.
func (s *story) step(at time.Time, by int32, act appeal.Action, task int64, note, told string, fn func(at time.Time)) bool {
	if s.halted {
		return false
	}
	if min := s.t.Add(time.Minute); at.Before(min) {
		at = min.Add(time.Duration(s.g.r.IntN(600)) * time.Second)
	}
	if w := s.withdrawAt; !w.IsZero() && !at.Before(w) {
		s.withdrawAt = time.Time{}
		if w.Before(s.g.now) && w.After(s.t) {
			s.withdraw(w)
		}
		s.halted = true
		return false
	}
	if !at.Before(s.g.now) {
		s.halted = true
		return false
	}
	from := s.a.State
	if fn != nil {
		fn(at)
	}
	s.a.Version++
	s.a.UpdatedAt = at
	s.event(at, by, act, from, s.a.State, task, note, told)
	s.t = at
	if s.a.State.Final() && s.finalAt.IsZero() {
		s.finalAt = at
	}
	if s.a.State == appeal.Closed {
		s.withdrawAt = time.Time{} // a closed appeal is not withdrawn
	}
	return true
}

func (s *story) withdraw(at time.Time) {
	from := s.a.State
	s.closeTasks()
	s.a.State = appeal.Withdrawn
	s.a.Version++
	s.a.UpdatedAt = at
	s.event(at, s.withdrawBy, appeal.ActWithdraw, from, s.a.State, 0, pick(s.g.r, withdrawNotes), "")
	s.t, s.finalAt = at, at
}

// closeTasks cancels every open task.
func (s *story) closeTasks() {
	for i := range s.tasks {
		if t := &s.tasks[i]; t.State.Open() {
			t.State = appeal.TaskCancelled
			t.Version++
		}
	}
}

func (s *story) setResult(o appeal.Outcome, text string, at time.Time) {
	s.a.ResultOutcome, s.a.ResultText, s.a.ResultAt = o, text, at
	s.a.State = appeal.AwaitVisit
}

// The federation's triage.

func (s *story) answer(at time.Time, o appeal.Outcome, text string) bool {
	return s.step(at, s.d.fed, appeal.ActAnswer, 0, text, "", func(at time.Time) {
		s.a.Route = appeal.RouteDirect
		s.setResult(o, text, at)
	})
}

func (s *story) referDistrict(at time.Time) bool {
	return s.step(at, s.d.fed, appeal.ActReferDistrict, 0, pick(s.g.r, referNotes), "", func(time.Time) {
		s.a.Route, s.a.State = appeal.RouteDistrict, appeal.Unassigned
	})
}

func (s *story) referCity(at time.Time) bool {
	return s.step(at, s.d.fed, appeal.ActReferCity, 0, pick(s.g.r, referCityNote), "", func(time.Time) {
		s.a.Route, s.a.State = appeal.RouteCity, appeal.AtCity
	})
}

func (s *story) reject(at time.Time) bool {
	return s.step(at, s.d.fed, appeal.ActReject, 0, pick(s.g.r, rejectNotes), "已告知企业不予受理的理由。", func(time.Time) {
		s.a.State = appeal.NotAccepted
	})
}

func (s *story) transfer(at time.Time) bool {
	note := pick(s.g.r, transferTo) + "：" + pick(s.g.r, transferNotes)
	return s.step(at, s.d.fed, appeal.ActTransfer, 0, note, "已告知企业转办渠道。", func(time.Time) {
		s.a.State = appeal.Transferred
	})
}

func (s *story) merge(at time.Time, target int64, note string) bool {
	return s.step(at, s.d.fed, appeal.ActMerge, 0, note, "", func(time.Time) {
		s.a.State, s.a.MergedInto = appeal.Merged, target
		s.closeTasks()
	})
}

func (s *story) cityResult(at time.Time, o appeal.Outcome, text string) bool {
	return s.step(at, s.d.city.office, appeal.ActCityResult, 0, text, "", func(at time.Time) {
		s.setResult(o, text, at)
	})
}

// The office's assignment and the units' tasks.

// newTask makes a task of the current round for handling unit h, as
// newTask in apply_task.go does, and returns its index.
func (s *story) newTask(at time.Time, h int32, role appeal.TaskRole, note string) int {
	a := &s.a
	s.g.nextTask++
	t := appeal.Task{ID: s.g.nextTask, AppealID: a.ID, DistrictID: a.DistrictID, Round: a.Round, UnitID: s.d.hs[h].unit,
		Role: role, State: appeal.TaskPending, Note: note, AssignedBy: s.g.o.officers[s.d.office].id, AssignedAt: at,
		Version: 1}
	t.AcceptDue, t.AcceptDays = deadlines.Accept(at)
	if !a.DueAt.IsZero() && a.Round == 1 {
		t.ReplyDue = a.DueAt // a city-assigned appeal keeps the city's deadline
	} else {
		t.ReplyDue, t.ReplyDays = deadlines.Reply(at, a)
	}
	s.tasks = append(s.tasks, t)
	s.d.tasks[h]++
	return len(s.tasks) - 1
}

// deadlines are the product's default deadlines under the built-in
// calendar (cmd/zhitong, app.go).
var deadlines appeal.Deadlines = appeal.WorkingDays{Calendar: workdays.New(workdays.Builtin()), Policy: appeal.DefaultPolicy()}

// assign gives the lead (if lead ≥ 0) and co-units tasks; it returns the
// indexes of the new tasks, lead first, or nil if the story halted.
func (s *story) assign(at time.Time, lead int32, co []int32) []int {
	var out []int
	note := pick(s.g.r, assignNotes)
	ok := s.step(at, s.d.office, appeal.ActAssign, 0, note, "", func(at time.Time) {
		if s.a.Round == 0 {
			s.a.Round = 1
		}
		if lead >= 0 {
			out = append(out, s.newTask(at, lead, appeal.Lead, note))
		}
		for _, h := range co {
			out = append(out, s.newTask(at, h, appeal.Co, note))
		}
		s.a.State = appeal.InProgress
	})
	if !ok {
		return nil
	}
	return out
}

// handler is the officer of the unit of task i.
func (s *story) handler(i int) int32 {
	for _, h := range s.d.hs {
		if h.unit == s.tasks[i].UnitID {
			return h.handler
		}
	}
	panic("load: a task of no handling unit")
}

func (s *story) accept(at time.Time, i int) bool {
	t := &s.tasks[i]
	return s.step(at, s.handler(i), appeal.ActAccept, t.ID, "", "", func(at time.Time) {
		t := &s.tasks[i]
		t.State, t.AcceptedAt = appeal.TaskHandling, at
		t.Version++
	})
}

func (s *story) returnTask(at time.Time, i int) bool {
	reason := pick(s.g.r, returnReasons)
	return s.step(at, s.handler(i), appeal.ActReturn, s.tasks[i].ID, reason, "", func(at time.Time) {
		t := &s.tasks[i]
		t.State, t.ReturnedAt, t.Reason = appeal.TaskReturned, at, reason
		t.Version++
		if t.Role == appeal.Lead && t.Round == s.a.Round {
			s.a.State = appeal.Unassigned
		}
	})
}

func (s *story) reply(at time.Time, i int, o appeal.Outcome, text string) bool {
	by := s.handler(i)
	return s.step(at, by, appeal.ActReply, s.tasks[i].ID, text, "", func(at time.Time) {
		t := &s.tasks[i]
		t.Outcome, t.ReplyText, t.RepliedAt, t.RepliedBy = o, text, at, s.g.o.officers[by].id
		t.State = appeal.TaskReplied
		if t.Role == appeal.Co {
			t.State = appeal.TaskDone // a co-unit replies to the lead
		}
		t.Version++
	})
}

func (s *story) approve(at time.Time, i int) bool {
	return s.step(at, s.d.office, appeal.ActApprove, s.tasks[i].ID, "", "", func(at time.Time) {
		t := &s.tasks[i]
		t.State, t.ReviewedAt, t.ReviewedBy = appeal.TaskDone, at, s.g.o.officers[s.d.office].id
		t.Version++
		for j := range s.tasks {
			if o := &s.tasks[j]; o.Round == s.a.Round && o.State.Open() {
				return
			}
		}
		s.setResult(t.Outcome, t.ReplyText, at)
	})
}

func (s *story) sendBack(at time.Time, i int) bool {
	note := pick(s.g.r, sendBackNotes)
	return s.step(at, s.d.office, appeal.ActSendBack, s.tasks[i].ID, note, "", func(time.Time) {
		t := &s.tasks[i]
		t.State, t.Reason = appeal.TaskHandling, note
		t.SentBack++
		t.Version++
	})
}

// redo orders a new round of the lead unit whose reply was not good
// enough; it returns the new task's index, or -1 if the story halted.
func (s *story) redo(at time.Time) int {
	prev := -1
	for i := range s.tasks {
		if t := &s.tasks[i]; t.Round == s.a.Round && t.Role == appeal.Lead && t.State == appeal.TaskDone {
			prev = i
		}
	}
	note := pick(s.g.r, redoNotes)
	out := -1
	s.step(at, s.d.office, appeal.ActRedo, 0, note, "", func(at time.Time) {
		p := &s.tasks[prev]
		p.Redone = true
		p.Version++
		h := s.unitIndex(p.UnitID)
		s.a.Round++
		out = s.newTask(at, h, appeal.Lead, note)
		s.a.State, s.a.ClosedAt, s.a.FeedbackAt, s.a.VisitAttempts = appeal.InProgress, time.Time{}, time.Time{}, 0
	})
	return out
}

func (s *story) unitIndex(id int64) int32 {
	for i, h := range s.d.hs {
		if h.unit == id {
			return int32(i)
		}
	}
	return -1
}

// The federation's feedback and return visits, and the report up.

func (s *story) feedback(at time.Time, told string) bool {
	return s.step(at, s.d.fed, appeal.ActFeedback, 0, "", told, func(at time.Time) {
		s.a.FeedbackAt = at
	})
}

func (s *story) visit(at time.Time, reached bool, sat appeal.Satisfaction, resolved bool, words string) bool {
	return s.step(at, s.d.fed, appeal.ActVisit, 0, words, "", func(at time.Time) {
		a := &s.a
		s.g.nextVisit++
		v := appeal.Visit{ID: s.g.nextVisit, AppealID: a.ID, Round: a.Round, At: at, By: s.g.o.officers[s.d.fed].id,
			Reached: reached, Words: words}
		if reached {
			v.Satisfaction, v.Resolved = sat, resolved
			a.Satisfaction, a.Resolved, a.Unreachable = sat, resolved, false
			if a.FeedbackAt.IsZero() {
				a.FeedbackAt = at // the result was told at the visit
			}
			a.State, a.ClosedAt = appeal.Closed, at
		} else {
			a.VisitAttempts++
			if a.VisitAttempts >= appeal.MaxVisitAttempts {
				a.Unreachable = true
				a.State, a.ClosedAt = appeal.Closed, at
			}
		}
		s.visits = append(s.visits, v)
	})
}

func (s *story) reportUp(at time.Time) bool {
	return s.step(at, s.d.office, appeal.ActReportUp, 0, pick(s.g.r, reportUpNotes), "", func(at time.Time) {
		s.a.ReportedUpAt = at
	})
}

// stateAt returns the appeal's state just after time t, from its timeline.
func (s *story) stateAt(t time.Time) appeal.State {
	st := appeal.State("")
	for i := range s.events {
		if e := &s.events[i]; !e.At.After(t) && e.Action != appeal.ActMergedIn {
			st = e.ToState
		}
	}
	return st
}

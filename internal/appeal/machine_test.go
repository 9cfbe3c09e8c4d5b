package appeal

import (
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, CST)

const (
	district = 10
	unitA    = 21 // the lead unit
	unitB    = 22 // a co-unit
	unitC    = 23 // a unit with no task
)

// everyone holds every officer role in the district and works in unit A, so
// that these tests see the state machine alone; access_test.go checks roles.
func everyone() *account.Actor {
	return &account.Actor{UserID: 1, Name: "全能", UnitID: unitA, Districts: []int64{district},
		Roles: []account.Role{account.Intake, account.Federation, account.Office, account.Handler, account.CityOffice, account.Leader}}
}

func task(id int64, unit int64, role TaskRole, s TaskState) Task {
	return Task{ID: id, AppealID: 1, DistrictID: district, Round: 1, UnitID: unit, Role: role, State: s, Version: 1,
		Outcome: Solved, ReplyText: "已办理"}
}

// fixture returns an aggregate in state s, shaped as the loop leaves it there.
func fixture(s State) *Aggregate {
	g := &Aggregate{Appeal: Appeal{ID: 1, State: s, DistrictID: district, Type: Consult, Version: 5, CreatedAt: t0}}
	a := &g.Appeal
	switch s {
	case Unassigned:
		a.Route = RouteDistrict
	case InProgress:
		a.Route, a.Round = RouteDistrict, 1
		g.Tasks = []Task{task(100, unitA, Lead, TaskPending), task(101, unitB, Co, TaskPending)}
	case AtCity:
		a.Route = RouteCity
	case AwaitVisit, Closed:
		a.Route, a.Round = RouteFromCity, 1
		g.Tasks = []Task{task(100, unitA, Lead, TaskDone)}
		a.ResultOutcome, a.ResultText = Solved, "已办理"
		if s == Closed {
			a.Satisfaction, a.Resolved = Dissatisfied, false
		}
	case NotAccepted, Transferred, Withdrawn:
		a.Route = RouteNone
	case Merged:
		a.MergedInto = 2
	}
	return g
}

// command returns a valid command of action act for g.
func command(act Action, g *Aggregate) Command {
	c := Command{Action: act, Note: "理由", Told: "已告知企业", Outcome: Solved, Text: "答复内容", TransferTo: "12345",
		TargetID: 2, Reached: true, Satisfaction: Satisfied, Resolved: true, Days: 3, DocNo: "娄星优化督〔2026〕1号"}
	switch act {
	case ActAssign:
		if g.OpenLead() != nil {
			c.CoUnitIDs = []int64{unitC}
		} else {
			c.LeadUnitID = unitA
		}
	case ActAccept, ActReturn, ActReply, ActApprove, ActSendBack, ActExtend, ActPause, ActGrant, ActRefuse, ActResume,
		ActRemind, ActSupervise, ActRespond:
		c.TaskID = 100
	}
	return c
}

func run(t *testing.T, g *Aggregate, c Command) (*Change, error) {
	t.Helper()
	if err := c.Validate(); err != nil {
		t.Fatalf("%s: invalid command in test: %v", c.Action, err)
	}
	target := &Appeal{ID: 2, State: InProgress, DistrictID: district}
	return apply(g, &c, &env{now: t0.Add(time.Hour), actor: everyone(), deadlines: CalendarDays{}, target: target})
}

// TestAppealTransitions walks every action from every state: the pairs
// below, written out by hand from DOMAIN.md, must lead where they say, and
// every other pair must be refused as a conflict that names the state.
func TestAppealTransitions(t *testing.T) {
	want := map[State]map[Action]State{
		Registered: {ActAnswer: AwaitVisit, ActReferDistrict: Unassigned, ActReferCity: AtCity, ActReject: NotAccepted,
			ActTransfer: Transferred, ActWithdraw: Withdrawn, ActMerge: Merged},
		Unassigned: {ActAssign: InProgress, ActWithdraw: Withdrawn, ActMerge: Merged},
		InProgress: {ActAssign: InProgress, ActAccept: InProgress, ActReturn: Unassigned, ActWithdraw: Withdrawn, ActMerge: Merged,
			ActExtend: InProgress, ActRemind: InProgress, ActSupervise: InProgress, ActInstruct: InProgress},
		AtCity:     {ActCityResult: AwaitVisit, ActWithdraw: Withdrawn, ActMerge: Merged, ActInstruct: AtCity},
		AwaitVisit: {ActFeedback: AwaitVisit, ActVisit: Closed, ActReportUp: AwaitVisit, ActWithdraw: Withdrawn, ActMerge: Merged, ActInstruct: AwaitVisit},
		Closed:     {ActFeedback: Closed, ActRedo: InProgress, ActReportUp: Closed, ActInstruct: Closed},
	}
	for _, s := range []State{Registered, Unassigned} {
		want[s][ActInstruct] = s
	}
	// The office may mark any appeal that reached it; the fixtures are not marked, so lifting a mark is refused.
	for _, s := range []State{Unassigned, InProgress, AtCity, AwaitVisit, Closed} {
		want[s][ActUnreasonable] = s
	}
	for _, from := range States {
		for _, act := range Actions {
			g := fixture(from)
			to, allowed := want[from][act]
			ch, err := run(t, g, command(act, g))
			switch {
			case allowed && err != nil:
				t.Errorf("%s from %s: refused: %v", act, from, err)
			case allowed && ch.Appeal.State != to:
				t.Errorf("%s from %s: led to %s, want %s", act, from, ch.Appeal.State, to)
			case allowed && (ch.Appeal.Version != 6 || ch.PrevVersion != 5):
				t.Errorf("%s from %s: version %d (prev %d), want 6 (prev 5)", act, from, ch.Appeal.Version, ch.PrevVersion)
			case allowed && (len(ch.Events) == 0 || ch.Events[0].Action != act || ch.Events[0].FromState != from || ch.Events[0].ToState != to):
				t.Errorf("%s from %s: first event %+v does not record the step", act, from, ch.Events)
			case !allowed && err == nil:
				t.Errorf("%s from %s: allowed, want refused", act, from)
			case !allowed && !fault.Is(err, fault.Conflict) && !fault.Is(err, fault.NotFound):
				t.Errorf("%s from %s: refused as %v, want a conflict", act, from, err)
			}
		}
	}
}

// TestTaskTransitions walks every task action from every task state.
func TestTaskTransitions(t *testing.T) {
	want := map[TaskState]map[Action]TaskState{
		TaskPending:  {ActAccept: TaskHandling, ActReturn: TaskReturned},
		TaskHandling: {ActReply: TaskReplied},
		TaskReplied:  {ActApprove: TaskDone, ActSendBack: TaskHandling},
	}
	for _, from := range TaskStates {
		for _, act := range []Action{ActAccept, ActReturn, ActReply, ActApprove, ActSendBack} {
			g := fixture(InProgress)
			g.Tasks = []Task{task(100, unitA, Lead, from)}
			to, allowed := want[from][act]
			ch, err := run(t, g, command(act, g))
			switch {
			case allowed && err != nil:
				t.Errorf("%s on %s task: refused: %v", act, from, err)
			case allowed && (len(ch.Tasks) != 1 || ch.Tasks[0].State != to || ch.Tasks[0].Version != 2):
				t.Errorf("%s on %s task: got %+v, want state %s version 2", act, from, ch.Tasks, to)
			case !allowed && !fault.Is(err, fault.Conflict):
				t.Errorf("%s on %s task: got %v, want a conflict", act, from, err)
			}
		}
	}
}

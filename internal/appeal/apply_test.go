package appeal

import (
	"testing"

	"zhitong/internal/fault"
)

func mustRun(t *testing.T, g *Aggregate, c Command) *Change {
	t.Helper()
	ch, err := run(t, g, c)
	if err != nil {
		t.Fatalf("%s: %v", c.Action, err)
	}
	return ch
}

func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	var fe *fault.Error
	if err == nil {
		t.Fatalf("got no error, want %s", key)
	}
	if !asFault(err, &fe) || fe.Key != key {
		t.Fatalf("got %v, want the error %s", err, key)
	}
}

func asFault(err error, fe **fault.Error) bool {
	e, ok := err.(*fault.Error)
	*fe = e
	return ok
}

func TestLeadWaitsForCoUnits(t *testing.T) {
	g := fixture(InProgress)
	g.Tasks[0].State, g.Tasks[1].State = TaskHandling, TaskHandling
	_, err := run(t, g, Command{Action: ActReply, TaskID: 100, Outcome: Solved, Text: "已解决"})
	wantKey(t, err, "reply.cofirst")

	ch := mustRun(t, g, Command{Action: ActReply, TaskID: 101, Outcome: Solved, Text: "协办意见"})
	if ch.Tasks[0].State != TaskDone || ch.Appeal.State != InProgress {
		t.Fatalf("co-unit reply: task %s, appeal %s; want done, in progress", ch.Tasks[0].State, ch.Appeal.State)
	}
	ch = mustRun(t, g, Command{Action: ActReply, TaskID: 100, Outcome: PartlySolved, Text: "主办答复"})
	if ch.Tasks[0].State != TaskReplied {
		t.Fatalf("lead reply: task %s, want replied", ch.Tasks[0].State)
	}
	ch = mustRun(t, g, Command{Action: ActApprove, TaskID: 100})
	a := ch.Appeal
	if a.State != AwaitVisit || a.ResultOutcome != PartlySolved || a.ResultText != "主办答复" {
		t.Fatalf("after approval: %s %s %q; want the lead's reply as the result, awaiting the visit", a.State, a.ResultOutcome, a.ResultText)
	}
}

func TestSendBackReopensTheTask(t *testing.T) {
	g := fixture(InProgress)
	g.Tasks = []Task{task(100, unitA, Lead, TaskReplied)}
	ch := mustRun(t, g, Command{Action: ActSendBack, TaskID: 100, Note: "答复不完整"})
	if tk := ch.Tasks[0]; tk.State != TaskHandling || tk.SentBack != 1 || tk.Reason != "答复不完整" {
		t.Fatalf("sent back: %+v", tk)
	}
	if ch.Appeal.State != InProgress {
		t.Fatalf("appeal %s, want in progress", ch.Appeal.State)
	}
}

func TestReturnAndReassignKeepOneCase(t *testing.T) {
	g := fixture(InProgress)
	ch := mustRun(t, g, Command{Action: ActReturn, TaskID: 100, Note: "供电报装不属本单位职责"})
	if ch.Appeal.State != Unassigned || ch.Tasks[0].State != TaskReturned || ch.Tasks[0].Reason == "" {
		t.Fatalf("after the lead's return: appeal %s, task %+v", ch.Appeal.State, ch.Tasks[0])
	}
	// The co-unit's task goes on meanwhile.
	if g.Tasks[1].State != TaskPending {
		t.Fatalf("co-unit task became %s", g.Tasks[1].State)
	}
	_, err := run(t, g, Command{Action: ActAssign, CoUnitIDs: []int64{unitC}})
	wantKey(t, err, "assign.needlead")
	ch = mustRun(t, g, Command{Action: ActAssign, LeadUnitID: unitC})
	if ch.Appeal.State != InProgress || ch.Appeal.ID != 1 || len(ch.NewTasks) != 1 {
		t.Fatalf("re-assignment: %+v", ch)
	}
	if nt := ch.NewTasks[0]; nt.UnitID != unitC || nt.Role != Lead || nt.Round != 1 || nt.State != TaskPending {
		t.Fatalf("new lead task: %+v", nt)
	}
	if len(g.Tasks) != 3 {
		t.Fatalf("the appeal holds %d tasks, want 3 (returned, co, new lead)", len(g.Tasks))
	}
}

func TestAssignRules(t *testing.T) {
	g := fixture(InProgress)
	_, err := run(t, g, Command{Action: ActAssign, LeadUnitID: unitC})
	wantKey(t, err, "assign.haslead")
	_, err = run(t, g, Command{Action: ActAssign, CoUnitIDs: []int64{unitB}})
	wantKey(t, err, "assign.open")
	g.Tasks[0].State = TaskReplied
	_, err = run(t, g, Command{Action: ActAssign, CoUnitIDs: []int64{unitC}})
	wantKey(t, err, "assign.leadreplied")
}

func TestCityDeadlineIsKept(t *testing.T) {
	g := fixture(Unassigned)
	g.Appeal.Route, g.Appeal.DueAt = RouteFromCity, t0.AddDate(0, 0, 7)
	ch := mustRun(t, g, Command{Action: ActAssign, LeadUnitID: unitA, CoUnitIDs: []int64{unitB}})
	for _, nt := range ch.NewTasks {
		if !nt.ReplyDue.Equal(g.Appeal.DueAt) {
			t.Fatalf("task of unit %d due %v, want the city's %v", nt.UnitID, nt.ReplyDue, g.Appeal.DueAt)
		}
		if !nt.AcceptDue.After(t0) {
			t.Fatalf("accept due %v not after assignment", nt.AcceptDue)
		}
	}
	if ch.Appeal.Round != 1 {
		t.Fatalf("first assignment opened round %d, want 1", ch.Appeal.Round)
	}
}

func TestVisits(t *testing.T) {
	g := fixture(AwaitVisit)
	for i := 1; i < MaxVisitAttempts; i++ {
		ch := mustRun(t, g, Command{Action: ActVisit, Reached: false})
		if ch.Appeal.State != AwaitVisit || ch.Visit == nil || ch.Visit.Reached {
			t.Fatalf("failed attempt %d: %s, visit %+v", i, ch.Appeal.State, ch.Visit)
		}
	}
	ch := mustRun(t, g, Command{Action: ActVisit, Reached: false})
	if ch.Appeal.State != Closed || !ch.Appeal.Unreachable || ch.Appeal.ClosedAt.IsZero() {
		t.Fatalf("after %d failed attempts: %+v; want closed as unreachable", MaxVisitAttempts, ch.Appeal)
	}

	g = fixture(AwaitVisit)
	ch = mustRun(t, g, Command{Action: ActVisit, Reached: true, Satisfaction: FairlySatisfied, Resolved: true, Words: "还行"})
	a := ch.Appeal
	if a.State != Closed || a.Satisfaction != FairlySatisfied || !a.Resolved || a.FeedbackAt.IsZero() {
		t.Fatalf("reached visit: %+v", a)
	}
}

func TestRedo(t *testing.T) {
	g := fixture(Closed)
	g.Appeal.Satisfaction, g.Appeal.Resolved = Satisfied, true
	_, err := run(t, g, Command{Action: ActRedo, Note: "企业不满意"})
	wantKey(t, err, "redo.satisfied")

	g = fixture(Closed) // 不满意
	ch := mustRun(t, g, Command{Action: ActRedo, Note: "企业反映问题仍未解决"})
	a := ch.Appeal
	if a.State != InProgress || a.Round != 2 || !a.ClosedAt.IsZero() {
		t.Fatalf("after redo: %s round %d closed %v", a.State, a.Round, a.ClosedAt)
	}
	if len(ch.Tasks) != 1 || !ch.Tasks[0].Redone || ch.Tasks[0].UnitID != unitA {
		t.Fatalf("the redone reply is not counted against unit A: %+v", ch.Tasks)
	}
	if nt := ch.NewTasks[0]; nt.Round != 2 || nt.UnitID != unitA || nt.Role != Lead {
		t.Fatalf("new round's task: %+v", nt)
	}

	g = fixture(Closed)
	g.Appeal.Route, g.Tasks = RouteDirect, nil
	_, err = run(t, g, Command{Action: ActRedo, Note: "x"})
	wantKey(t, err, "redo.notasks")
}

func TestReportUpOnce(t *testing.T) {
	g := fixture(Closed)
	mustRun(t, g, Command{Action: ActReportUp})
	_, err := run(t, g, Command{Action: ActReportUp})
	wantKey(t, err, "reportup.done")
	g = fixture(AwaitVisit)
	g.Appeal.Route = RouteDistrict
	_, err = run(t, g, Command{Action: ActReportUp})
	wantKey(t, err, "reportup.route")
}

func TestWithdrawCancelsOpenTasks(t *testing.T) {
	g := fixture(InProgress)
	ch := mustRun(t, g, Command{Action: ActWithdraw, Note: "企业已自行解决"})
	if ch.Appeal.State != Withdrawn || len(ch.Tasks) != 2 {
		t.Fatalf("withdraw: %s with %d tasks touched", ch.Appeal.State, len(ch.Tasks))
	}
	for _, tk := range ch.Tasks {
		if tk.State != TaskCancelled {
			t.Fatalf("task %d left %s", tk.ID, tk.State)
		}
	}
}

func TestMerge(t *testing.T) {
	g := fixture(Registered)
	c := Command{Action: ActMerge, TargetID: 1}
	_, err := run(t, g, c)
	wantKey(t, err, "merge.self")

	ch := mustRun(t, g, Command{Action: ActMerge, TargetID: 2})
	if ch.Appeal.State != Merged || ch.Appeal.MergedInto != 2 {
		t.Fatalf("merge: %+v", ch.Appeal)
	}
	if len(ch.Events) != 2 || ch.Events[1].AppealID != 2 || ch.Events[1].Action != ActMergedIn {
		t.Fatalf("the surviving appeal's timeline is not told: %+v", ch.Events)
	}

	for name, target := range map[string]*Appeal{
		"closed target":         {ID: 2, State: Closed, DistrictID: district},
		"other district target": {ID: 2, State: Registered, DistrictID: 99},
	} {
		g := fixture(Registered)
		c := Command{Action: ActMerge, TargetID: 2}
		_, err := apply(g, &c, &env{now: t0, actor: everyone(), deadlines: CalendarDays{}, target: target})
		if !fault.Is(err, fault.Invalid) {
			t.Errorf("%s: got %v, want refused", name, err)
		}
	}
}

func TestFeedbackNeedsWhatWasTold(t *testing.T) {
	g := fixture(AwaitVisit)
	_, err := run(t, g, Command{Action: ActFeedback})
	wantKey(t, err, "required")
	ch := mustRun(t, g, Command{Action: ActFeedback, Told: "已电话告知企业办理结果"})
	if ch.Appeal.FeedbackAt.IsZero() || ch.Events[0].Told != "已电话告知企业办理结果" {
		t.Fatalf("feedback not recorded: %+v", ch.Events[0])
	}
}

func TestCommandValidation(t *testing.T) {
	long := make([]rune, MaxNote+1)
	for i := range long {
		long[i] = '字'
	}
	cases := []struct {
		name string
		c    Command
		key  string
	}{
		{"unknown action", Command{Action: "fly"}, "one_of"},
		{"answer without text", Command{Action: ActAnswer, Outcome: Solved}, "required"},
		{"answer with bad outcome", Command{Action: ActAnswer, Outcome: "great", Text: "x"}, "one_of"},
		{"reject without reason", Command{Action: ActReject}, "reason.required"},
		{"return without reason", Command{Action: ActReturn, TaskID: 1}, "reason.required"},
		{"assign nobody", Command{Action: ActAssign}, "assign.nounit"},
		{"assign a unit twice", Command{Action: ActAssign, LeadUnitID: 3, CoUnitIDs: []int64{3}}, "assign.dupunit"},
		{"merge without target", Command{Action: ActMerge}, "bad_id"},
		{"visit without rating", Command{Action: ActVisit, Reached: true}, "one_of"},
		{"task action without task", Command{Action: ActAccept}, "bad_id"},
		{"note too long", Command{Action: ActReject, Note: string(long)}, "too_long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.c.Validate()
			wantKey(t, err, c.key)
			if !fault.Is(err, fault.Invalid) {
				t.Fatalf("kind %v, want invalid", fault.KindOf(err))
			}
		})
	}
}

// A redo of a city-assigned appeal gets a fresh deadline: the city's has
// passed by then, and the new round must not start overdue.
func TestRedoOfCityAppealGetsAFreshDeadline(t *testing.T) {
	g := fixture(Closed)
	g.Appeal.DueAt = t0.AddDate(0, 0, -3)
	ch := mustRun(t, g, Command{Action: ActRedo, Note: "重办"})
	if due := ch.NewTasks[0].ReplyDue; !due.After(t0) {
		t.Fatalf("redo task due %v, already past at %v", due, t0)
	}
}

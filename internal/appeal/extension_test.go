package appeal

import (
	"errors"
	"testing"
	"time"

	"zhitong/internal/fault"
)

// step applies c to g at now for everyone, as the store would: g is
// changed in place.
func stepAt(t *testing.T, g *Aggregate, now time.Time, c Command) (*Change, error) {
	t.Helper()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return apply(g, &c, &env{now: now, actor: everyone(), deadlines: CalendarDays{}})
}

func mustStep(t *testing.T, g *Aggregate, now time.Time, c Command) *Change {
	t.Helper()
	ch, err := stepAt(t, g, now, c)
	if err != nil {
		t.Fatalf("%s: %v", c.Action, err)
	}
	return ch
}

func wantRefused(t *testing.T, err error, key string) {
	t.Helper()
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Key != key {
		t.Fatalf("got %v, want %s", err, key)
	}
}

func kinds(ch *Change) []string {
	var ks []string
	for _, n := range ch.Events[0].Notices {
		ks = append(ks, n.Kind)
	}
	return ks
}

// A unit asks for three more days and gets them; asks for ten, gets
// seven; and may ask no more: two grants per task. The office hears of
// each request, the unit of each decision.
func TestExtension(t *testing.T) {
	g := fixture(InProgress)
	lead := g.Task(100)
	lead.ReplyDue = time.Date(2026, 3, 9, 0, 0, 0, 0, CST)
	now := t0.Add(time.Hour)

	if _, err := stepAt(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: 3}); err == nil {
		t.Fatal("an extension without a reason was taken")
	}
	if _, err := stepAt(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: MaxExtension + 1, Note: "需现场核查"}); err == nil {
		t.Fatal("an extension beyond the cap per request was taken")
	}
	ch := mustStep(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: 3, Note: "需现场核查"})
	if lead.Ask != AskExtend || lead.AskDays != 3 || len(ch.Tasks) != 1 {
		t.Fatalf("after asking: %+v", lead)
	}
	if n := ch.Events[0].Notices; len(n) != 1 || !n[0].Office || n[0].Kind != NoticeGeneral {
		t.Fatalf("the office is not told of the request: %+v", n)
	}
	_, err := stepAt(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: 2, Note: "再延"})
	wantRefused(t, err, "ask.pending")
	_, err = stepAt(t, g, now, Command{Action: ActGrant, TaskID: 100, Days: 4})
	wantRefused(t, err, "ask.more")

	ch = mustStep(t, g, now, Command{Action: ActGrant, TaskID: 100})
	if !lead.ReplyDue.Equal(time.Date(2026, 3, 12, 0, 0, 0, 0, CST)) || lead.ExtraDays != 3 || lead.Grants != 1 || lead.Ask != AskNone {
		t.Fatalf("after granting 3 days: due %v, %+v", lead.ReplyDue, lead)
	}
	if ch.Events[0].Note != "批准延期 3 个工作日" || ch.Events[0].Notices[0].UnitID != unitA {
		t.Fatalf("the grant's event: %+v", ch.Events[0])
	}

	mustStep(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: 10, Note: "涉及多部门"})
	mustStep(t, g, now, Command{Action: ActGrant, TaskID: 100, Days: 7, Note: "压缩至7天"})
	if lead.ExtraDays != 10 || !lead.ReplyDue.Equal(time.Date(2026, 3, 19, 0, 0, 0, 0, CST)) {
		t.Fatalf("after granting 7 more: %d extra, due %v", lead.ExtraDays, lead.ReplyDue)
	}
	_, err = stepAt(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: 1, Note: "再延一天"})
	wantRefused(t, err, "ask.grants")

	// A refusal says why and leaves the deadline alone.
	g = fixture(InProgress)
	mustStep(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: 5, Note: "人手不足"})
	due := g.Task(100).ReplyDue
	if _, err := stepAt(t, g, now, Command{Action: ActRefuse, TaskID: 100}); err == nil {
		t.Fatal("a refusal without a reason")
	}
	mustStep(t, g, now, Command{Action: ActRefuse, TaskID: 100, Note: "理由不充分"})
	if tk := g.Task(100); tk.Ask != AskNone || !tk.ReplyDue.Equal(due) || tk.Grants != 0 {
		t.Fatalf("after a refusal: %+v", tk)
	}
	_, err = stepAt(t, g, now, Command{Action: ActGrant, TaskID: 100})
	wantRefused(t, err, "ask.none")
}

// A paused task's clock stands still: it is neither due soon nor overdue
// however long the enterprise takes; resumed, its deadline moves by the
// days it stood still.
func TestPause(t *testing.T) {
	g := fixture(InProgress)
	lead := g.Task(100)
	lead.State, lead.AssignedAt = TaskHandling, t0
	lead.ReplyDue = time.Date(2026, 3, 9, 0, 0, 0, 0, CST)
	now := t0.Add(time.Hour)
	mustStep(t, g, now, Command{Action: ActPause, TaskID: 100, Note: "等待企业补充土地证明材料"})
	_, err := stepAt(t, g, now, Command{Action: ActResume, TaskID: 100})
	wantRefused(t, err, "ask.notpaused")
	mustStep(t, g, now, Command{Action: ActGrant, TaskID: 100})
	if !lead.Paused() || lead.Grants != 1 {
		t.Fatalf("after granting the pause: %+v", lead)
	}
	if c := lead.Clock(time.Date(2026, 3, 20, 0, 0, 0, 0, CST)); c != DueNone {
		t.Fatalf("a paused task past its deadline is %q", c)
	}
	_, err = stepAt(t, g, now, Command{Action: ActExtend, TaskID: 100, Days: 2, Note: "再延"})
	wantRefused(t, err, "ask.paused")

	back := time.Date(2026, 3, 6, 15, 0, 0, 0, CST) // four days later
	ch := mustStep(t, g, back, Command{Action: ActResume, TaskID: 100, Note: "企业已补充材料"})
	if lead.Paused() || lead.ExtraDays != 4 || !lead.ReplyDue.Equal(time.Date(2026, 3, 13, 0, 0, 0, 0, CST)) {
		t.Fatalf("after resuming: %+v", lead)
	}
	if ch.Events[0].Note != "恢复计时，时限顺延 4 个工作日。企业已补充材料" {
		t.Fatalf("the resumption's note: %q", ch.Events[0].Note)
	}
}

// The office reminds and supervises; a second notice waits for the
// unit's answer; a leader's instruction reaches every unit at work.
func TestSupervision(t *testing.T) {
	g := fixture(InProgress)
	now := t0.Add(time.Hour)
	ch := mustStep(t, g, now, Command{Action: ActRemind, TaskID: 100, Note: "请加快办理"})
	if g.Task(100).Reminders != 1 || len(kinds(ch)) != 1 || kinds(ch)[0] != NoticeReminded {
		t.Fatalf("after a reminder: %+v, notices %v", g.Task(100), kinds(ch))
	}
	if _, err := stepAt(t, g, now, Command{Action: ActSupervise, TaskID: 100, Note: "三日内书面回复"}); err == nil {
		t.Fatal("a supervision without its document number")
	}
	ch = mustStep(t, g, now, Command{Action: ActSupervise, TaskID: 100, DocNo: "娄星优化督〔2026〕3号", Note: "三日内书面回复"})
	if n := ch.Events[0].Notices; len(n) != 1 || n[0].Kind != NoticeSupervised || n[0].Params["doc_no"] != "娄星优化督〔2026〕3号" {
		t.Fatalf("the supervision notice: %+v", n)
	}
	_, err := stepAt(t, g, now, Command{Action: ActSupervise, TaskID: 100, DocNo: "娄星优化督〔2026〕4号", Note: "再督"})
	wantRefused(t, err, "supervise.open")
	mustStep(t, g, now, Command{Action: ActRespond, TaskID: 100, Text: "已于3月3日现场办结"})
	if tk := g.Task(100); tk.ResponseText != "已于3月3日现场办结" || tk.RespondedAt.IsZero() {
		t.Fatalf("after the answer: %+v", tk)
	}
	_, err = stepAt(t, g, now, Command{Action: ActRespond, TaskID: 100, Text: "再答"})
	wantRefused(t, err, "supervise.none")

	ch = mustStep(t, g, now, Command{Action: ActInstruct, Note: "请住建局牵头，一周内解决"})
	var units []int64
	for _, n := range ch.Events[0].Notices {
		units = append(units, n.UnitID)
	}
	if len(units) != 2 || units[0] != unitA || units[1] != unitB || ch.Events[0].Note != "请住建局牵头，一周内解决" {
		t.Fatalf("the instruction reached %v (event %+v)", units, ch.Events[0])
	}
}

// A unit that returns a task after its time to accept has the delay
// counted against it; the unit the office then assigns starts a fresh
// clock from the moment of its assignment.
func TestReturnedLateAndFreshClock(t *testing.T) {
	g := fixture(InProgress)
	g.Tasks = []Task{task(100, unitA, Lead, TaskPending)}
	lead := g.Task(100)
	lead.AssignedAt = t0
	lead.AcceptDue, _ = CalendarDays{}.Accept(t0) // midnight ending the next day
	late := t0.Add(60 * time.Hour)
	mustStep(t, g, late, Command{Action: ActReturn, TaskID: 100, Note: "不属本单位职责"})
	if !g.Task(100).ReturnedLate() {
		t.Fatalf("returned at %v after accepting was due %v: not late", late, lead.AcceptDue)
	}
	ch := mustStep(t, g, late.Add(time.Hour), Command{Action: ActAssign, LeadUnitID: unitB})
	fresh := ch.NewTasks[0]
	if want, _ := (CalendarDays{}).Reply(late.Add(time.Hour), &g.Appeal); !fresh.AssignedAt.Equal(late.Add(time.Hour)) || !fresh.ReplyDue.Equal(want) {
		t.Fatalf("the new unit's clock: assigned %v, due %v; want due %v", fresh.AssignedAt, fresh.ReplyDue, want)
	}
	g = fixture(InProgress)
	g.Task(100).AcceptDue, _ = CalendarDays{}.Accept(t0)
	mustStep(t, g, t0.Add(3*time.Hour), Command{Action: ActReturn, TaskID: 100, Note: "不属本单位职责"})
	if g.Task(100).ReturnedLate() {
		t.Fatal("a return within the time to accept counted as late")
	}
}

// The office's mark is for the assessment: the enterprise's own view does
// not carry it; the district's does.
func TestUnreasonableMarkHiddenFromTheEnterprise(t *testing.T) {
	a := Appeal{ID: 1, Unreasonable: true, UnreasonableReason: "超出政策范围"}
	if v := Redact(a, AsEnterprise, false); v.Unreasonable || v.UnreasonableReason != "" {
		t.Errorf("the enterprise's view: %+v", v)
	}
	if v := Redact(a, AsDistrict, false); !v.Unreasonable || v.UnreasonableReason == "" {
		t.Errorf("the district's view lost the mark: %+v", v)
	}
}

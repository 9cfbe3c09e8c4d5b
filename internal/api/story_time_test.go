package api_test

import (
	"strings"
	"testing"
	"time"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/outbox"
)

// More time and supervision, end to end: the unit asks for five more days
// and the office grants three; the unit pauses while the enterprise
// supplies a land certificate and resumes two days later, its deadline
// moved by two; the office reminds it and puts it under supervision with
// a document number, which the unit answers; a leader writes an
// instruction. The timeline records each step, the unit's inbox the
// reminder, the supervision and the decisions.
func TestStoryMoreTimeAndSupervision(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		fed, office, zhujian, leader := w.as(t, "fed"), w.as(t, "office"), w.as(t, "zhujian"), w.as(t, "leader")
		created := fed.create(w.newAppeal("hotline_12345", "help", "厂房扩建用地手续久拖未办", "haite"))
		id := created.ID
		d := fed.act(id, "refer-district", created.Version, nil).detail()
		d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("zhujian")}).detail()
		tk := taskOf(t, d, w.unit("zhujian"))
		due := tk.ReplyDue.Time

		zhujian.taskAct(tk.ID, "extend", tk.Version, map[string]any{"days": 11, "note": "需多部门会商"}).wantError(400, "ask.range")
		d = zhujian.taskAct(tk.ID, "extend", tk.Version, map[string]any{"days": 2, "note": "人手紧张"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		d = office.taskAct(tk.ID, "refuse", tk.Version, map[string]any{"note": "理由不充分，请按期办结"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		if tk.Ask != "" || !tk.ReplyDue.Equal(due) || tk.Grants != 0 {
			t.Fatalf("after a refusal: %+v", tk)
		}
		d = zhujian.taskAct(tk.ID, "extend", tk.Version, map[string]any{"days": 5, "note": "需多部门会商"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		if tk.Ask != appeal.AskExtend || tk.AskDays != 5 || tk.AskReason != "需多部门会商" {
			t.Fatalf("after asking: %+v", tk)
		}
		zhujian.taskAct(tk.ID, "grant", tk.Version, nil).want(403)
		d = office.taskAct(tk.ID, "grant", tk.Version, map[string]any{"days": 3, "note": "给予3天"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		if !tk.ReplyDue.Equal(due.AddDate(0, 0, 3)) || tk.ExtraDays != 3 || tk.Grants != 1 || tk.Ask != "" {
			t.Fatalf("after granting 3 days: due %v (was %v), %+v", tk.ReplyDue, due, tk)
		}

		d = zhujian.taskAct(tk.ID, "accept", tk.Version, nil).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		d = zhujian.taskAct(tk.ID, "pause", tk.Version, map[string]any{"note": "等待企业补充土地证明"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		d = office.taskAct(tk.ID, "grant", tk.Version, nil).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		if tk.PausedAt.IsZero() || tk.Clock != "" {
			t.Fatalf("after granting the pause: %+v", tk)
		}
		w.clock.Advance(48 * time.Hour)
		d = zhujian.taskAct(tk.ID, "resume", tk.Version, map[string]any{"note": "材料已补齐"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		if !tk.PausedAt.IsZero() || tk.ExtraDays != 5 || !tk.ReplyDue.Equal(due.AddDate(0, 0, 5)) {
			t.Fatalf("after resuming two days later: %+v", tk)
		}

		d = office.taskAct(tk.ID, "remind", tk.Version, map[string]any{"note": "请加快办理"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		office.taskAct(tk.ID, "supervise", tk.Version, map[string]any{"note": "三日内书面回复"}).wantError(400, "required")
		d = office.taskAct(tk.ID, "supervise", tk.Version, map[string]any{"doc_no": "娄星优化督〔2026〕5号", "note": "三日内书面回复"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		if tk.Reminders != 1 || tk.Supervision == nil || tk.Supervision.DocNo != "娄星优化督〔2026〕5号" || tk.Supervision.Answer != "" {
			t.Fatalf("after the reminder and the supervision: %+v", tk)
		}
		d = zhujian.taskAct(tk.ID, "respond", tk.Version, map[string]any{"text": "已召开会商会，本周内办结"}).detail()
		tk = taskOf(t, d, w.unit("zhujian"))
		if tk.Supervision.Answer != "已召开会商会，本周内办结" || tk.Supervision.AnsweredAt.IsZero() {
			t.Fatalf("the answer to the supervision: %+v", tk.Supervision)
		}
		office.act(id, "instruct", d.Version, map[string]any{"note": "越权批示"}).want(403)
		leader.act(id, "instruct", d.Version, map[string]any{"note": "请住建局一周内办结并反馈"}).detail()

		wantActions(t, fed.timeline(id), appeal.ActRegister, appeal.ActReferDistrict, appeal.ActAssign, appeal.ActExtend,
			appeal.ActRefuse, appeal.ActExtend, appeal.ActGrant, appeal.ActAccept, appeal.ActPause, appeal.ActGrant, appeal.ActResume, appeal.ActRemind,
			appeal.ActSupervise, appeal.ActRespond, appeal.ActInstruct)

		dispatch := &outbox.Dispatcher{Store: w.db, Holder: "test", Now: w.clock.Now}
		for range 3 {
			if _, err := dispatch.Deliver(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		var in api.Inbox
		zhujian.get("/api/v1/inbox?limit=100").want(200).into(&in)
		seen := map[string]int{}
		for _, it := range in.Items {
			seen[it.Kind]++
			if it.Kind == "task.supervised" && !strings.Contains(it.Body, "娄星优化督〔2026〕5号") {
				t.Errorf("the supervision message does not cite its number: %q", it.Body)
			}
		}
		if seen["task.assigned"] != 1 || seen["task.reminded"] != 1 || seen["task.supervised"] != 1 || seen["notice"] != 4 {
			t.Errorf("住建局's inbox: %v; want the assignment, the reminder, the supervision, three decisions and the instruction", seen)
		}
	})
}

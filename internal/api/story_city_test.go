package api_test

import (
	"testing"
	"time"

	"zhitong/internal/appeal"
)

// The stories that go through the city (4 and 5), and the endings other
// than a return visit: withdraw, merge, refusal, transfer; and a reply sent back.

// Story 4: 报市直通车办. Referred up; the city's result comes back; the
// federation feeds it back and visits; it counts as referred to the city.
func TestStory4UpToTheCity(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		seat, fed, city, office := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "city"), w.as(t, "office")
		created := seat.create(w.newAppeal("hotline_12345", "consult", "市级环评审批事项咨询", "chaoyang"))
		id := created.ID
		d := fed.act(id, "refer-city", created.Version, map[string]any{"note": "区级无权审批", "told": "已报市直通车办"}).detail()
		wantState(t, d, appeal.AtCity)
		if d.Route != appeal.RouteCity {
			t.Errorf("route %q", d.Route)
		}
		if hasAction(office.appeal(id), "city_result") {
			t.Error("the district office may record the city's result")
		}
		c := city.appeal(id)
		if !hasAction(c, "city_result") {
			t.Fatalf("the city office may take %v", c.Actions)
		}
		w.clock.Advance(72 * time.Hour)
		d = city.act(id, "city-result", c.Version, map[string]any{"outcome": "solved",
			"text": "市生态环境局已受理，5个工作日内办结"}).detail()
		wantState(t, d, appeal.AwaitVisit)
		d = fed.act(id, "feedback", d.Version, map[string]any{"told": "市里答复：5个工作日内办结"}).detail()
		d = fed.act(id, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "satisfied", "resolved": true}).detail()
		wantState(t, d, appeal.Closed)
		evs := fed.timeline(id)
		wantActions(t, evs, appeal.ActRegister, appeal.ActReferCity, appeal.ActCityResult, appeal.ActFeedback, appeal.ActVisit)
		if evs[2].ActorName != "市直通车办黄磊" || evs[2].Note != "市生态环境局已受理，5个工作日内办结" {
			t.Errorf("the city's result on record: %+v", evs[2])
		}

		var sum struct {
			ByRoute []struct {
				Key          string
				Received     int
				Satisfaction struct{ Percent string }
			} `json:"by_route"`
		}
		office.get("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31").want(200).into(&sum)
		for _, r := range sum.ByRoute {
			if r.Key == "city" && (r.Received != 1 || r.Satisfaction.Percent != "100.0%") {
				t.Errorf("referred to the city: %+v", r)
			}
		}
	})
}

// Story 5: 市交办. The city assigns an appeal down with its own number and
// deadline; the office assigns it; the unit's task keeps the city's
// deadline; the result reports back up.
func TestStory5DownFromTheCity(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		city, office, fagai, fed := w.as(t, "city"), w.as(t, "office"), w.as(t, "fagai"), w.as(t, "fed")
		body := w.newAppeal("city_assigned", "help", "企业技改项目备案进度", "haite")
		body["external_no"], body["due_at"] = "LDS-2026-0301", "2026-03-20"
		created := city.create(body)
		id := created.ID
		wantState(t, created.AppealDetail, appeal.Unassigned)
		due := cst(2026, 3, 21, 0, 0) // the end of the 20th
		if created.Route != appeal.RouteFromCity || created.ExternalNo != "LDS-2026-0301" || !created.DueAt.Equal(due) {
			t.Fatalf("assigned down: %+v", created.Appeal)
		}
		d := office.act(id, "assign", created.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).detail()
		task := taskOf(t, d, w.unit("fagai"))
		if !task.ReplyDue.Equal(due) {
			t.Errorf("the task is due %v, not the city's %v", task.ReplyDue, due)
		}
		d = fagai.taskAct(task.ID, "accept", task.Version, nil).detail()
		task = taskOf(t, d, w.unit("fagai"))
		d = fagai.taskAct(task.ID, "reply", task.Version, map[string]any{"outcome": "solved", "text": "已完成项目备案"}).detail()
		task = taskOf(t, d, w.unit("fagai"))
		d = office.taskAct(task.ID, "approve", task.Version, nil).detail()
		wantState(t, d, appeal.AwaitVisit)
		d = office.act(id, "report-up", d.Version, map[string]any{"note": "已向市直通车办反馈办理结果"}).detail()
		if d.ReportedUpAt.IsZero() {
			t.Error("not reported up")
		}
		office.act(id, "report-up", d.Version, nil).wantError(409, "reportup.done")
		d = fed.act(id, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "satisfied", "resolved": true}).detail()
		wantState(t, d, appeal.Closed)

		c := city.appeal(id)
		if c.Number != created.Number || c.ExternalNo != "LDS-2026-0301" || !c.DueAt.Equal(due) || c.State != appeal.Closed {
			t.Errorf("the city reads %+v", c.Appeal)
		}
		wantActions(t, city.timeline(id), appeal.ActRegister, appeal.ActAssign, appeal.ActAccept, appeal.ActReply,
			appeal.ActApprove, appeal.ActReportUp, appeal.ActVisit)
	})
}

// A withdrawn appeal cancels its open tasks; nothing more can be done on them.
func TestWithdraw(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		seat, fed, office, fagai := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office"), w.as(t, "fagai")
		created := seat.create(w.newAppeal("hotline_12345", "help", "项目审批材料咨询", "ligang"))
		d := fed.act(created.ID, "refer-district", created.Version, nil).detail()
		d = office.act(created.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).detail()
		task := taskOf(t, d, w.unit("fagai"))
		seat.act(created.ID, "withdraw", d.Version, nil).wantError(400, "reason.required")
		d = seat.act(created.ID, "withdraw", d.Version, map[string]any{"note": "企业来电表示已自行解决"}).detail()
		wantState(t, d, appeal.Withdrawn)
		if task = taskOf(t, d, w.unit("fagai")); task.State != appeal.TaskCancelled {
			t.Errorf("the task is %s", task.State)
		}
		fagai.taskAct(task.ID, "accept", task.Version, nil).wantError(409, "state.action")
		if len(fagai.appeal(created.ID).Actions) != 0 {
			t.Error("actions left on a withdrawn appeal")
		}
	})
}

// A duplicate merged into another appeal ends; the survivor records it.
func TestMerge(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		seat, fed := w.as(t, "intake"), w.as(t, "fed")
		first := seat.create(w.newAppeal("hotline_12345", "help", "厂房消防验收咨询", "ligang"))
		dup := seat.create(w.newAppeal("hotline_private", "help", "厂房消防验收咨询（重复来电）", "ligang"))
		fed.act(dup.ID, "merge", dup.Version, map[string]any{"target_id": dup.ID}).wantError(400, "merge.self")
		fed.act(dup.ID, "merge", dup.Version, map[string]any{"target_id": 999999}).wantError(400, "merge.target")
		d := fed.act(dup.ID, "merge", dup.Version, map[string]any{"target_id": first.ID, "note": "重复来电"}).detail()
		wantState(t, d, appeal.Merged)
		if d.MergedInto != first.ID {
			t.Errorf("merged into %d", d.MergedInto)
		}
		evs := fed.timeline(first.ID)
		if last := evs[len(evs)-1]; last.Action != appeal.ActMergedIn || last.Note != dup.Number {
			t.Errorf("the survivor's timeline ends %+v", last)
		}
		// Nothing can be merged into a merged appeal.
		third := seat.create(w.newAppeal("hotline_12345", "help", "第三次来电", "ligang"))
		fed.act(third.ID, "merge", third.Version, map[string]any{"target_id": dup.ID}).wantError(400, "merge.target")
		if s := fed.appeal(first.ID).State; s != appeal.Registered {
			t.Errorf("the survivor is %s", s)
		}
	})
}

// Triage may also refuse an appeal or pass it to another channel, and the
// office may send a reply back; each is on record with its reason.
func TestRejectTransferSendBack(t *testing.T) {
	w := newWorld(t)
	seat, fed, office, fagai := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office"), w.as(t, "fagai")

	rej := seat.create(w.newAppeal("hotline_12345", "complaint", "合同纠纷", "ligang"))
	fed.act(rej.ID, "reject", 1, map[string]any{"note": ""}).wantError(400, "reason.required")
	d := fed.act(rej.ID, "reject", 1, map[string]any{"note": "已进入诉讼程序", "told": "该事项已在法院审理，不予受理"}).detail()
	wantState(t, d, appeal.NotAccepted)
	if e := fed.timeline(rej.ID)[1]; e.Note != "已进入诉讼程序" || e.Told != "该事项已在法院审理，不予受理" {
		t.Errorf("the refusal on record: %+v", e)
	}

	tr := seat.create(w.newAppeal("hotline_12345", "help", "个人社保查询", "ligang"))
	d = fed.act(tr.ID, "transfer", 1, map[string]any{"transfer_to": "12345", "note": "非涉企诉求"}).detail()
	wantState(t, d, appeal.Transferred)
	if e := fed.timeline(tr.ID)[1]; e.Note != "12345：非涉企诉求" {
		t.Errorf("the transfer on record: %+v", e)
	}

	sb := seat.create(w.newAppeal("hotline_12345", "help", "用工招聘补贴", "ligang"))
	d = fed.act(sb.ID, "refer-district", 1, nil).detail()
	d = office.act(sb.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai"), "reply_due": "2026-03-10"}).detail()
	task := taskOf(t, d, w.unit("fagai"))
	if !task.ReplyDue.Equal(cst(2026, 3, 11, 0, 0)) {
		t.Errorf("the office's deadline became %v", task.ReplyDue)
	}
	d = fagai.taskAct(task.ID, "accept", task.Version, nil).detail()
	task = taskOf(t, d, w.unit("fagai"))
	d = fagai.taskAct(task.ID, "reply", task.Version, map[string]any{"outcome": "partly", "text": "正在研究"}).detail()
	task = taskOf(t, d, w.unit("fagai"))
	d = office.taskAct(task.ID, "send-back", task.Version, map[string]any{"note": "答复过于笼统，请明确补贴标准"}).detail()
	task = taskOf(t, d, w.unit("fagai"))
	if task.State != appeal.TaskHandling || task.SentBack != 1 || task.Reason != "答复过于笼统，请明确补贴标准" {
		t.Errorf("sent back %+v", task)
	}
	d = fagai.taskAct(task.ID, "reply", task.Version, map[string]any{"outcome": "solved", "text": "补贴标准每人1000元"}).detail()
	task = taskOf(t, d, w.unit("fagai"))
	d = office.taskAct(task.ID, "approve", task.Version, nil).detail()
	if d.ResultText != "补贴标准每人1000元" {
		t.Errorf("result %q", d.ResultText)
	}
}

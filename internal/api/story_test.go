package api_test

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
)

// The stories of SCENARIOS.md (1–5), and withdraw and merge, end to end over
// HTTP, each checking what the people in it would see.

// newAppeal is a registration body with the fields every story fills.
func (w *world) newAppeal(channel, typ, title, entKey string) map[string]any {
	b := map[string]any{"channel": channel, "type": typ, "title": title,
		"content": title + "：详细情况见附件。", "district_id": w.unit("louxing")}
	if e := w.enterprises[entKey]; e != nil {
		b["enterprise_id"] = e.ID
		b["contact_name"] = "张敏"
		b["contact_phone"] = "13907381234"
		b["territory_id"] = e.TerritoryID
	}
	return b
}

// create registers an appeal as c and returns it.
func (c *client) create(body map[string]any) api.AppealCreated {
	c.t.Helper()
	r := c.post("/api/v1/appeals", body).want(201)
	var out api.AppealCreated
	r.into(&out)
	r.detail()
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("/api/v1/appeals/%d", out.ID) {
		c.t.Errorf("Location %q for appeal %d", loc, out.ID)
	}
	// The answer shows the appeal as a GET of it does.
	if got := c.appeal(out.ID); !reflect.DeepEqual(got, out.AppealDetail) {
		c.t.Errorf("POST answered\n%+v\nGET answers\n%+v", out.AppealDetail, got)
	}
	return out
}

// wantState fails unless the appeal is in state s.
func wantState(t *testing.T, d api.AppealDetail, s appeal.State) {
	t.Helper()
	if d.State != s {
		t.Fatalf("appeal %s is %s, want %s", d.Number, d.State, s)
	}
}

// wantActions fails unless the timeline's actions are as, in order.
func wantActions(t *testing.T, evs []api.Event, as ...appeal.Action) {
	t.Helper()
	var got []string
	for _, e := range evs {
		got = append(got, string(e.Action))
	}
	if strings.Join(got, " ") != strings.Join(codesOf(as), " ") {
		t.Fatalf("timeline %v, want %v", got, as)
	}
}

func codesOf(as []appeal.Action) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = string(a)
	}
	return out
}

// Story 1: 热线直接 → 直接答复. The seat registers the call, the federation
// answers the same day, the next day's visit rates it 满意.
func TestStory1DirectAnswerByPhone(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		seat, fed := w.as(t, "intake"), w.as(t, "fed")
		var found api.EnterprisePage
		seat.get("/api/v1/enterprises?q=" + url.QueryEscape("利钢")).want(200).into(&found)
		if len(found.Items) != 1 || found.Items[0].Name != "湖南利钢金属制品有限公司" {
			t.Fatalf("typing 利钢 found %+v", found.Items)
		}
		body := w.newAppeal("hotline_12345", "consult", "留抵退税资格咨询", "")
		body["enterprise_id"] = found.Items[0].ID
		body["contact_name"], body["contact_phone"] = "财务经理张敏", "13907381234"
		body["category_id"] = w.categories["政策兑现"]
		created := seat.create(body)
		if created.State != appeal.Registered || created.EnterpriseName != "湖南利钢金属制品有限公司" ||
			created.CreditCode != w.enterprises["ligang"].CreditCode || len(created.QueryCode) != 8 {
			t.Fatalf("registered %+v", created)
		}
		if created.ContactPhone != "13907381234" {
			t.Errorf("the seat sees the contact as %q", created.ContactPhone)
		}
		id, number := created.ID, created.Number

		w.clock.Advance(2 * time.Hour)
		d := fed.appeal(id)
		if !hasAction(d, "answer") || !hasAction(d, "refer_district") || hasAction(d, "assign") {
			t.Errorf("the federation may take %v", d.Actions)
		}
		d = fed.act(id, "answer", d.Version, map[string]any{"outcome": "solved",
			"text": "贵公司符合增值税留抵退税条件，可在电子税务局申请。", "told": "短信：您的诉求已答复，符合留抵退税条件。"}).detail()
		wantState(t, d, appeal.AwaitVisit)
		if d.Route != appeal.RouteDirect || d.ResultOutcome != appeal.Solved {
			t.Errorf("after the answer: route %q, outcome %q", d.Route, d.ResultOutcome)
		}

		w.clock.Advance(22 * time.Hour)
		d = fed.act(id, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "satisfied",
			"resolved": true, "words": "很满意，当天就答复了"}).detail()
		wantState(t, d, appeal.Closed)
		if d.Satisfaction != appeal.Satisfied || !d.Resolved || d.Number != number {
			t.Errorf("closed as %+v", d.Appeal)
		}
		if took := d.ClosedAt.Sub(d.CreatedAt.Time); took > 48*time.Hour {
			t.Errorf("closed after %v", took)
		}

		evs := seat.timeline(id)
		wantActions(t, evs, appeal.ActRegister, appeal.ActAnswer, appeal.ActVisit)
		if evs[0].ActorName != "坐席王芳" || evs[1].ActorName != "工商联李明" || evs[2].ActorName != "工商联李明" {
			t.Errorf("who: %q %q %q", evs[0].ActorName, evs[1].ActorName, evs[2].ActorName)
		}
		if evs[1].Told != "短信：您的诉求已答复，符合留抵退税条件。" || evs[1].FromState != appeal.Registered || evs[1].ToState != appeal.AwaitVisit {
			t.Errorf("the answer on record: %+v", evs[1])
		}
		if !evs[0].At.Equal(cst(2026, 3, 2, 9, 0)) || !evs[1].At.Equal(cst(2026, 3, 2, 11, 0)) || !evs[2].At.Equal(cst(2026, 3, 3, 9, 0)) {
			t.Errorf("when: %v %v %v", evs[0].At, evs[1].At, evs[2].At)
		}
		var vs api.Visits
		fed.get(fmt.Sprintf("/api/v1/appeals/%d/visits", id)).want(200).into(&vs)
		if len(vs.Items) != 1 || vs.Items[0].Satisfaction != appeal.Satisfied || vs.Items[0].Words != "很满意，当天就答复了" {
			t.Errorf("visits %+v", vs.Items)
		}
	})
}

// Story 2: 报区优化办 → 交办 → 退回 → 改派. The wrong department returns the
// task with a reason; the office re-assigns to the power company as lead
// with the township as co-unit; one case number from start to end.
func TestStory2AssignedReturnedReassigned(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		fed, office := w.as(t, "fed"), w.as(t, "office")
		zhujian, power, leping := w.as(t, "zhujian"), w.as(t, "power"), w.as(t, "leping")
		body := w.newAppeal("portal", "help", "新生产线电力报装已等待40天", "haite")
		body["category_id"] = w.categories["水电气"]
		created := fed.create(body)
		id, number := created.ID, created.Number

		d := fed.act(id, "refer-district", created.Version, map[string]any{"note": "涉及供电报装，报区优化办交办",
			"told": "您的诉求已转区优化办交办"}).detail()
		wantState(t, d, appeal.Unassigned)
		w.clock.Advance(time.Hour)
		d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("zhujian"), "note": "请核实办理"}).detail()
		wantState(t, d, appeal.InProgress)
		first := taskOf(t, d, w.unit("zhujian"))
		if first.Role != appeal.Lead || first.State != appeal.TaskPending || first.Round != 1 ||
			!first.AcceptDue.Equal(cst(2026, 3, 4, 0, 0)) || !first.ReplyDue.Equal(cst(2026, 3, 18, 0, 0)) {
			t.Fatalf("first task %+v", first)
		}
		var wl api.TaskPage
		zhujian.get("/api/v1/tasks?status=pending").want(200).into(&wl)
		if len(wl.Items) != 1 || wl.Items[0].ID != first.ID || wl.Items[0].AppealNumber != number || wl.Total != 1 {
			t.Errorf("住建局's worklist %+v", wl)
		}

		w.clock.Advance(3 * time.Hour)
		d = zhujian.taskAct(first.ID, "return", first.Version, map[string]any{"note": "供电报装不属本单位职责"}).detail()
		wantState(t, d, appeal.Unassigned)
		d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("power"),
			"co_unit_ids": []int64{w.unit("leping")}, "note": "供电公司主办，乐坪街道协办"}).detail()
		lead, co := taskOf(t, d, w.unit("power")), taskOf(t, d, w.unit("leping"))
		if lead.Role != appeal.Lead || co.Role != appeal.Co || lead.State != appeal.TaskPending || co.State != appeal.TaskPending {
			t.Fatalf("re-assigned: lead %+v, co %+v", lead, co)
		}

		w.clock.Advance(time.Hour)
		d = power.taskAct(lead.ID, "accept", lead.Version, nil).detail()
		lead = taskOf(t, d, w.unit("power"))
		d = leping.taskAct(co.ID, "accept", co.Version, nil).detail()
		co = taskOf(t, d, w.unit("leping"))
		w.clock.Advance(48 * time.Hour)
		d = leping.taskAct(co.ID, "reply", co.Version, map[string]any{"outcome": "solved", "text": "已协调线路通道用地"}).detail()
		if co = taskOf(t, d, w.unit("leping")); co.State != appeal.TaskDone {
			t.Errorf("the co-unit's task after its reply: %s", co.State)
		}
		d = power.taskAct(lead.ID, "reply", lead.Version, map[string]any{"outcome": "solved", "text": "已确定3月20日送电"}).detail()
		lead = taskOf(t, d, w.unit("power"))
		wantState(t, d, appeal.InProgress)
		d = office.taskAct(lead.ID, "approve", lead.Version, map[string]any{"note": "同意"}).detail()
		wantState(t, d, appeal.AwaitVisit)
		if d.ResultText != "已确定3月20日送电" {
			t.Errorf("the result is %q", d.ResultText)
		}
		d = fed.act(id, "feedback", d.Version, map[string]any{"told": "供电公司已确定3月20日送电"}).detail()
		if d.FeedbackAt.IsZero() {
			t.Error("no feedback time")
		}
		w.clock.Advance(24 * time.Hour)
		d = fed.act(id, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "fair", "resolved": true}).detail()
		wantState(t, d, appeal.Closed)
		if d.Satisfaction != appeal.FairlySatisfied || d.Number != number || d.ID != id {
			t.Errorf("closed %+v", d.Appeal)
		}

		first = taskOf(t, d, w.unit("zhujian"))
		if first.State != appeal.TaskReturned || first.Reason != "供电报装不属本单位职责" || first.ReturnedAt.IsZero() || first.ReturnedLate {
			t.Errorf("住建局's task %+v", first)
		}
		if lead = taskOf(t, d, w.unit("power")); lead.State != appeal.TaskDone || lead.Outcome != appeal.Solved || lead.ReviewedAt.IsZero() {
			t.Errorf("the lead's task %+v", lead)
		}
		if len(d.Tasks) != 3 {
			t.Errorf("%d tasks", len(d.Tasks))
		}
		evs := office.timeline(id)
		wantActions(t, evs, appeal.ActRegister, appeal.ActReferDistrict, appeal.ActAssign, appeal.ActReturn, appeal.ActAssign,
			appeal.ActAccept, appeal.ActAccept, appeal.ActReply, appeal.ActReply, appeal.ActApprove, appeal.ActFeedback, appeal.ActVisit)
		if e := evs[3]; e.Note != "供电报装不属本单位职责" || e.ActorName != "住建局陈静" || e.TaskID != first.ID {
			t.Errorf("the return on record: %+v", e)
		}
		if e := evs[10]; e.Told != "供电公司已确定3月20日送电" {
			t.Errorf("the feedback on record: %+v", e)
		}
	})
}

// Story 3: 不满意 → 重办. The township's first answer leaves the enterprise
// dissatisfied; the office orders a redo, counted against the township; the
// second answer solves it.
func TestStory3Redo(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		seat, fed, office, town := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office"), w.as(t, "huashan")
		body := w.newAppeal("hotline_private", "complaint", "厂区用地审批久拖不决", "yongan")
		body["category_id"] = w.categories["用地"]
		created := seat.create(body)
		id := created.ID
		d := fed.act(id, "refer-district", created.Version, nil).detail()
		d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("huashan")}).detail()
		round := func(outcome, text string) api.AppealDetail {
			t.Helper()
			task := taskOf(t, d, w.unit("huashan"))
			d = town.taskAct(task.ID, "accept", task.Version, nil).detail()
			task = taskOf(t, d, w.unit("huashan"))
			d = town.taskAct(task.ID, "reply", task.Version, map[string]any{"outcome": outcome, "text": text}).detail()
			task = taskOf(t, d, w.unit("huashan"))
			d = office.taskAct(task.ID, "approve", task.Version, nil).detail()
			return fed.act(id, "feedback", d.Version, map[string]any{"told": text}).detail()
		}
		d = round("explained", "附《土地管理法》相关条款，请按规定办理")
		d = fed.act(id, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "dissatisfied",
			"resolved": false, "words": "什么都没有改变"}).detail()
		wantState(t, d, appeal.Closed)
		if !hasAction(office.appeal(id), "redo") {
			t.Error("the office may not order a redo")
		}

		w.clock.Advance(24 * time.Hour)
		d = office.act(id, "redo", d.Version, map[string]any{"note": "企业不满意，责成花山街道重办"}).detail()
		wantState(t, d, appeal.InProgress)
		if d.Round != 2 || len(d.Tasks) != 2 {
			t.Fatalf("after the redo: round %d, %d tasks", d.Round, len(d.Tasks))
		}
		if first := d.Tasks[0]; !first.Redone || first.UnitID != w.unit("huashan") || first.Round != 1 {
			t.Errorf("the redone task %+v", first)
		}
		if second := d.Tasks[1]; second.Redone || second.UnitID != w.unit("huashan") || second.Round != 2 || second.State != appeal.TaskPending {
			t.Errorf("the new round's task %+v", second)
		}
		d = round("solved", "已协调自然资源局完成用地审批")
		d = fed.act(id, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "satisfied", "resolved": true}).detail()
		wantState(t, d, appeal.Closed)
		if d.Satisfaction != appeal.Satisfied || !d.Resolved || d.Number != created.Number {
			t.Errorf("closed %+v", d.Appeal)
		}

		var vs api.Visits
		fed.get(fmt.Sprintf("/api/v1/appeals/%d/visits", id)).want(200).into(&vs)
		if len(vs.Items) != 2 || vs.Items[0].Satisfaction != appeal.Dissatisfied || vs.Items[0].Round != 1 ||
			vs.Items[1].Satisfaction != appeal.Satisfied || vs.Items[1].Round != 2 {
			t.Errorf("visits %+v", vs.Items)
		}
		// The township's worklist shows the redo against it.
		var wl api.TaskPage
		town.get("/api/v1/tasks").want(200).into(&wl)
		redone := 0
		for _, it := range wl.Items {
			if it.Redone {
				redone++
			}
		}
		if len(wl.Items) != 2 || redone != 1 {
			t.Errorf("花山街道's tasks %+v", wl.Items)
		}
		evs := fed.timeline(id)
		if evs[len(evs)-1].Action != appeal.ActVisit || evs[8].Action != appeal.ActRedo || evs[8].Note != "企业不满意，责成花山街道重办" {
			t.Errorf("timeline %+v", evs)
		}
	})
}

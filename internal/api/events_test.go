package api_test

import (
	"fmt"
	"testing"
)

// campaignView is the answer of GET /api/v1/campaigns/{id}.
type campaignView struct {
	ID              int64
	Done, Total     int
	Events          int
	Representatives int
	Appeals         int
	Units           []struct {
		UnitID          int64 `json:"unit_id"`
		Done            bool
		Events          int
		LastHeld        string `json:"last_held"`
		Representatives int
		Appeals         int
	}
}

// The federation starts 2026's open days for four departments; 发改局
// holds one with 住建局, 120 representatives and 湖南利钢 present, where
// two appeals are collected (one of an entity not registered); the office
// holds a 现场办公会 where the district head instructs 住建局 on the spot.
// The campaign is then 1 of 4 done, its figures those of the one open day,
// and each appeal has its channel, its instruction on its timeline, and is
// linked to its event. Refusals write nothing.
func TestEventsAndCampaign(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		w.clock.Set(cst(2026, 5, 20, 16, 0))
		fed, office := w.as(t, "fed"), w.as(t, "office")
		fagai, zhujian, ziran, power := w.unit("fagai"), w.unit("zhujian"), w.unit("ziran"), w.unit("power")
		ligang := w.enterprises["ligang"]

		var c campaignView
		fed.post("/api/v1/campaigns", map[string]any{"kind": "open_day", "title": "2026年政府开放日", "starts_on": "2026-01-01",
			"ends_on": "2026-12-31", "unit_ids": []int64{fagai, zhujian, ziran, power}}).want(201).into(&c)
		if c.ID == 0 || c.Total != 4 || c.Done != 0 {
			t.Fatalf("the new campaign: %+v", c)
		}

		type event struct {
			ID          int64
			Kind        string
			UnitIDs     []int64 `json:"unit_ids"`
			AppealCount int     `json:"appeal_count"`
			Appeals     []struct {
				AppealID    int64 `json:"appeal_id"`
				Instruction string
			}
		}
		var open event
		fed.post("/api/v1/events", map[string]any{"kind": "open_day", "campaign_id": c.ID, "title": "发改局政府开放日", "held_on": "2026-05-18",
			"host_unit_id": fagai, "unit_ids": []int64{zhujian, fagai}, "representatives": 120, "enterprise_ids": []int64{ligang.ID},
			"appeals": []map[string]any{
				{"type": "help", "title": "项目审批慢", "content": "技改项目备案两个月未办结", "enterprise_id": ligang.ID},
				{"type": "consult", "title": "物流园用地", "content": "咨询物流园用地指标", "enterprise_name": "娄底某物流有限公司"},
			}}).want(201).into(&open)
		if open.ID == 0 || len(open.Appeals) != 2 || len(open.UnitIDs) != 1 || open.UnitIDs[0] != zhujian {
			t.Fatalf("the open day: %+v", open)
		}
		var onsite event
		office.post("/api/v1/events", map[string]any{"kind": "onsite", "title": "区长现场办公会", "held_on": "2026-05-19", "host_unit_id": zhujian,
			"leader": "区长", "appeals": []map[string]any{{"type": "help", "title": "厂区道路破损", "content": "园区道路破损影响运输",
				"enterprise_id": ligang.ID, "instruction": "请住建局三日内拿出方案"}}}).want(201).into(&onsite)
		if len(onsite.Appeals) != 1 || onsite.Appeals[0].Instruction != "请住建局三日内拿出方案" {
			t.Fatalf("the on-the-spot meeting: %+v", onsite)
		}

		var a struct {
			Channel        string
			EnterpriseID   int64  `json:"enterprise_id"`
			EnterpriseName string `json:"enterprise_name"`
			TerritoryID    int64  `json:"territory_id"`
		}
		office.get(fmt.Sprintf("/api/v1/appeals/%d", open.Appeals[0].AppealID)).want(200).into(&a)
		if a.Channel != "open_day" || a.EnterpriseID != ligang.ID || a.TerritoryID != ligang.TerritoryID {
			t.Errorf("the appeal of 利钢 at the open day: %+v", a)
		}
		a.EnterpriseID, a.TerritoryID = 0, 0
		office.get(fmt.Sprintf("/api/v1/appeals/%d", open.Appeals[1].AppealID)).want(200).into(&a)
		if a.Channel != "open_day" || a.EnterpriseID != 0 || a.EnterpriseName != "娄底某物流有限公司" {
			t.Errorf("the name-only appeal at the open day: %+v", a)
		}
		office.get(fmt.Sprintf("/api/v1/appeals/%d", onsite.Appeals[0].AppealID)).want(200).into(&a)
		if a.Channel != "onsite" {
			t.Errorf("the appeal assigned on the spot has channel %q", a.Channel)
		}
		var tl struct {
			Items []struct{ Action, Note string }
		}
		// 住建局 reads it once the office assigns it a task, not before.
		w.as(t, "zhujian").get(fmt.Sprintf("/api/v1/appeals/%d/timeline", onsite.Appeals[0].AppealID)).wantError(404, "not_found")
		office.get(fmt.Sprintf("/api/v1/appeals/%d/timeline", onsite.Appeals[0].AppealID)).want(200).into(&tl)
		if len(tl.Items) == 0 || tl.Items[0].Note != "请住建局三日内拿出方案" {
			t.Errorf("the timeline does not carry the instruction: %+v", tl.Items)
		}

		// A third appeal collected at the open day afterwards.
		var after event
		fed.post(fmt.Sprintf("/api/v1/events/%d/appeals", open.ID), map[string]any{"appeals": []map[string]any{
			{"type": "suggestion", "title": "简化开放日报名", "content": "建议网上报名", "enterprise_id": ligang.ID}}}).want(201).into(&after)
		if len(after.Appeals) != 3 {
			t.Errorf("after collecting one more: %d appeals", len(after.Appeals))
		}

		// Refusals, none of which writes anything.
		before := w.appealCount(t)
		bad := map[string]any{"kind": "open_day", "title": "某局开放日", "held_on": "2026-05-18", "host_unit_id": ziran,
			"appeals": []map[string]any{{"type": "help", "title": "", "content": "x"}}}
		fed.post("/api/v1/events", bad).wantError(400, "required")
		bad["appeals"], bad["held_on"] = nil, "2026-05-21"
		fed.post("/api/v1/events", bad).wantError(400, "event.date")
		bad["held_on"], bad["host_unit_id"] = "2026-05-18", w.unit("sfTown")
		fed.post("/api/v1/events", bad).wantError(400, "assign.badunit")
		bad["host_unit_id"], bad["kind"], bad["campaign_id"] = ziran, "symposium", c.ID
		fed.post("/api/v1/events", bad).wantError(400, "event.campaign_mismatch")
		bad["kind"], bad["enterprise_ids"] = "open_day", []int64{999999}
		fed.post("/api/v1/events", bad).wantError(400, "event.enterprise")
		delete(bad, "enterprise_ids")
		w.as(t, "fagai").post("/api/v1/events", bad).wantError(403, "forbidden")
		w.as(t, "leader").post("/api/v1/events", bad).wantError(403, "forbidden")
		w.as(t, "sfOffice").get(fmt.Sprintf("/api/v1/events/%d", open.ID)).wantError(404, "not_found")
		w.as(t, "sfOffice").get(fmt.Sprintf("/api/v1/campaigns/%d", c.ID)).wantError(404, "not_found")
		w.as(t, "fagai").get("/api/v1/events").wantError(403, "forbidden")
		fed.post("/api/v1/campaigns", map[string]any{"kind": "open_day", "title": "x", "starts_on": "2026-12-31", "ends_on": "2026-01-01",
			"unit_ids": []int64{fagai}}).wantError(400, "campaign.dates")
		if w.appealCount(t) != before {
			t.Error("a refused event registered appeals")
		}

		var one struct {
			event
			EnterpriseIDs   []int64 `json:"enterprise_ids"`
			Representatives int
		}
		w.as(t, "discipline").get(fmt.Sprintf("/api/v1/events/%d", open.ID)).want(200).into(&one)
		if len(one.Appeals) != 3 || len(one.EnterpriseIDs) != 1 || one.EnterpriseIDs[0] != ligang.ID || one.Representatives != 120 {
			t.Errorf("the open day read back: %+v", one)
		}

		var list struct{ Items []event }
		w.as(t, "leader").get("/api/v1/events").want(200).into(&list)
		if len(list.Items) != 2 || list.Items[0].ID != onsite.ID || list.Items[1].AppealCount != 3 {
			t.Errorf("the district's events: %+v", list.Items)
		}
		w.as(t, "leader").get("/api/v1/events?kind=onsite&from=2026-05-19&to=2026-05-19").want(200).into(&list)
		if len(list.Items) != 1 || list.Items[0].ID != onsite.ID {
			t.Errorf("the on-the-spot meetings of 19 May: %+v", list.Items)
		}

		w.as(t, "leader").get(fmt.Sprintf("/api/v1/campaigns/%d", c.ID)).want(200).into(&c)
		if c.Done != 1 || c.Total != 4 || c.Events != 1 || c.Representatives != 120 || c.Appeals != 3 {
			t.Errorf("the campaign's progress: %+v", c)
		}
		if len(c.Units) != 4 || c.Units[3].UnitID != fagai || !c.Units[3].Done || c.Units[3].LastHeld != "2026-05-18" ||
			c.Units[0].UnitID != zhujian || c.Units[0].Done {
			t.Errorf("the departments, those not done first: %+v", c.Units)
		}
		var cs struct{ Items []campaignView }
		office.get("/api/v1/campaigns").want(200).into(&cs)
		if len(cs.Items) != 1 || cs.Items[0].Done != 1 {
			t.Errorf("the district's campaigns: %+v", cs.Items)
		}
	})
}

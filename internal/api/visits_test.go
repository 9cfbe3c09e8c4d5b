package api_test

import (
	"fmt"
	"testing"
)

// The liaison cadre of 乐坪街道 visits 湖南利钢 and files an appeal on the
// spot: the visit and the appeal (channel 走访, the entity's) are on record
// together, in the entity's history; a visit with a bad appeal writes
// nothing; a date ahead is refused; a handler records no visits.
func TestRecordVisit(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		w.clock.Set(cst(2026, 3, 20, 16, 0))
		cadre := w.as(t, "cadre")
		ligang := w.enterprises["ligang"]
		path := fmt.Sprintf("/api/v1/enterprises/%d/visits", ligang.ID)
		var v struct {
			ID        int64
			VisitedOn string  `json:"visited_on"`
			AppealIDs []int64 `json:"appeal_ids"`
		}
		body := map[string]any{"visited_on": "2026-03-20", "visitors": "许诺、乐坪街道经发办", "found": "订单充足，用工紧张",
			"policies": "稳岗补贴", "appeals": []map[string]any{{"type": "help", "title": "招工难", "content": "急需技术工人 30 名"}}}
		cadre.post(path, body).want(201).into(&v)
		if v.ID == 0 || v.VisitedOn != "2026-03-20" || len(v.AppealIDs) != 1 {
			t.Fatalf("the visit: %+v", v)
		}
		var a struct {
			Channel      string
			EnterpriseID int64 `json:"enterprise_id"`
			TerritoryID  int64 `json:"territory_id"`
		}
		w.as(t, "office").get(fmt.Sprintf("/api/v1/appeals/%d", v.AppealIDs[0])).want(200).into(&a)
		if a.Channel != "visit" || a.EnterpriseID != ligang.ID || a.TerritoryID != ligang.TerritoryID {
			t.Errorf("the appeal filed on the spot: %+v", a)
		}
		before := w.appealCount(t)
		bad := map[string]any{"visited_on": "2026-03-20", "visitors": "许诺", "appeals": []map[string]any{{"type": "help", "title": "", "content": "x"}}}
		cadre.post(path, bad).wantError(400, "required")
		if w.appealCount(t) != before {
			t.Error("a visit with a bad appeal registered appeals")
		}
		cadre.post(path, map[string]any{"visited_on": "2026-03-21", "visitors": "许诺"}).wantError(400, "visit.date")
		w.as(t, "fagai").post(path, map[string]any{"visited_on": "2026-03-20", "visitors": "某某"}).wantError(403, "forbidden")
		var list struct {
			Items []struct {
				ID        int64
				Found     string
				AppealIDs []int64 `json:"appeal_ids"`
			}
		}
		w.as(t, "leader").get(path).want(200).into(&list)
		if len(list.Items) != 1 || list.Items[0].ID != v.ID || len(list.Items[0].AppealIDs) != 1 || list.Items[0].Found != "订单充足，用工紧张" {
			t.Errorf("the history: %+v", list.Items)
		}
	})
}

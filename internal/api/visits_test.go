package api_test

import (
	"fmt"
	"strings"
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

// coverageReport is the answer of GET /api/v1/reports/coverage.
type coverageReport struct {
	Days      int
	Since     string
	Sections  []string
	Townships []struct {
		TerritoryID int64 `json:"territory_id"`
		Sections    map[string]coverageCell
		Total       coverageCell
	}
	Total     coverageCell
	Unreached []struct {
		ID   int64
		Name string
	}
}

type coverageCell struct {
	Enterprises int `json:"enterprises"`
	WithCadre   int `json:"with_cadre"`
	Visited     int `json:"visited"`
	OpenAppeals int `json:"open_appeals"`
}

// Coverage of 娄星区 counted by hand: 花山街道 gains two metal works (C33)
// linked to the cadre, one visited today with an appeal filed, a shop
// (F52) visited a hundred days ago and an entity of no known industry,
// beside the world's two of 花山街道 and two of 乐坪街道.
func TestCoverage(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		w.clock.Set(cst(2026, 6, 30, 10, 0))
		fed, cadre := w.as(t, "fed"), w.as(t, "cadre")
		district, huashan := w.unit("louxing"), w.unit("huashan")
		file := "统一社会信用代码,企业名称,所属镇街,行业\n" +
			creditCode(601) + ",花山第一金属制品厂,花山街道,33\n" + creditCode(602) + ",花山第二金属制品厂,花山街道,金属制品业\n" +
			creditCode(603) + ",花山便民超市,花山街道,零售业\n" + creditCode(604) + ",花山某工作室,花山街道,\n"
		fed.post(fmt.Sprintf("/api/v1/enterprises/import?district_id=%d", district), []byte(file)).want(200)
		id := func(code string) int64 {
			var p struct{ Items []struct{ ID int64 } }
			fed.get("/api/v1/enterprises?q=" + code).want(200).into(&p)
			if len(p.Items) != 1 {
				t.Fatalf("no entity %s", code)
			}
			return p.Items[0].ID
		}
		fed.post("/api/v1/enterprises/cadre", map[string]any{"cadre_id": w.people["cadre"].user.ID, "district_id": district,
			"territory_id": huashan, "industry": "33"}).want(200)
		cadre.post(fmt.Sprintf("/api/v1/enterprises/%d/visits", id(creditCode(601))), map[string]any{"visited_on": "2026-06-30", "visitors": "许诺",
			"appeals": []map[string]any{{"type": "help", "title": "用电增容", "content": "需增容 500 千伏安"}}}).want(201)
		cadre.post(fmt.Sprintf("/api/v1/enterprises/%d/visits", id(creditCode(603))), map[string]any{"visited_on": "2026-03-22", "visitors": "许诺"}).want(201)

		var c coverageReport
		w.as(t, "leader").get("/api/v1/reports/coverage").want(200).into(&c)
		if c.Days != 90 || c.Since != "2026-04-02" || strings.Join(c.Sections, ",") != "-,C,F" {
			t.Fatalf("days %d since %s sections %v", c.Days, c.Since, c.Sections)
		}
		if c.Total != (coverageCell{8, 2, 1, 1}) {
			t.Errorf("the district: %+v", c.Total)
		}
		if len(c.Townships) != 2 || c.Townships[0].TerritoryID != huashan {
			t.Fatalf("townships: %+v", c.Townships)
		}
		hs := c.Townships[0]
		if hs.Total != (coverageCell{6, 2, 1, 1}) || hs.Sections["C"] != (coverageCell{2, 2, 1, 1}) || hs.Sections["F"] != (coverageCell{1, 0, 0, 0}) ||
			hs.Sections["-"] != (coverageCell{3, 0, 0, 0}) {
			t.Errorf("花山街道: %+v", hs)
		}
		if len(c.Unreached) != 6 {
			t.Errorf("unreached: %+v", c.Unreached)
		}
		// Over 120 days the shop's visit counts.
		w.as(t, "office").get("/api/v1/reports/coverage?days=120").want(200).into(&c)
		if c.Total.Visited != 2 || len(c.Unreached) != 5 {
			t.Errorf("over 120 days: %+v, %d unreached", c.Total, len(c.Unreached))
		}
		w.as(t, "office").get("/api/v1/reports/coverage?days=0").wantError(400, "coverage.days")
		w.as(t, "fagai").get("/api/v1/reports/coverage").wantError(403, "forbidden")
	})
}

// The cadre's workbench after the coverage's story: the two metal works
// linked to them, the one visited today not due and with its appeal open,
// the other never visited, due, listed first.
func TestCadreWorkbench(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		w.clock.Set(cst(2026, 6, 30, 10, 0))
		fed, cadre := w.as(t, "fed"), w.as(t, "cadre")
		district, huashan := w.unit("louxing"), w.unit("huashan")
		file := "统一社会信用代码,企业名称,所属镇街,行业\n" + creditCode(611) + ",花山甲厂,花山街道,33\n" + creditCode(612) + ",花山乙厂,花山街道,33\n"
		fed.post(fmt.Sprintf("/api/v1/enterprises/import?district_id=%d", district), []byte(file)).want(200)
		fed.post("/api/v1/enterprises/cadre", map[string]any{"cadre_id": w.people["cadre"].user.ID, "district_id": district,
			"territory_id": huashan, "industry": "33"}).want(200)
		var p struct{ Items []struct{ ID int64 } }
		fed.get("/api/v1/enterprises?q=" + creditCode(611)).want(200).into(&p)
		cadre.post(fmt.Sprintf("/api/v1/enterprises/%d/visits", p.Items[0].ID), map[string]any{"visited_on": "2026-06-29", "visitors": "许诺",
			"appeals": []map[string]any{{"type": "help", "title": "用电增容", "content": "需增容"}}}).want(201)
		var wb struct {
			Items []struct {
				Name        string
				LastVisit   string `json:"last_visit"`
				Due         bool
				OpenAppeals int `json:"open_appeals"`
			}
		}
		cadre.get("/api/v1/cadre/enterprises").want(200).into(&wb)
		if len(wb.Items) != 2 || wb.Items[0].Name != "花山乙厂" || !wb.Items[0].Due || wb.Items[0].LastVisit != "" ||
			wb.Items[1].Name != "花山甲厂" || wb.Items[1].Due || wb.Items[1].LastVisit != "2026-06-29" || wb.Items[1].OpenAppeals != 1 {
			t.Errorf("the workbench: %+v", wb.Items)
		}
		w.as(t, "office").get("/api/v1/cadre/enterprises").wantError(403, "forbidden")
	})
}

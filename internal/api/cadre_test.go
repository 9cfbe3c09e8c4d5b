package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// The office links 花山街道's entities (two of them just imported) to the liaison cadre of 乐坪街道, who
// then finds them as theirs, their contacts in the clear; an entity of
// another township not linked to them stays masked; a handler may not
// assign, and only a cadre may be assigned.
func TestAssignCadre(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		office, cadre := w.as(t, "office"), w.as(t, "cadre")
		district, huashan := w.unit("louxing"), w.unit("huashan")
		var reg registryResult
		file := "统一社会信用代码,企业名称,所属镇街,联系人,联系电话\n" +
			creditCode(701) + ",花山食品厂,花山街道,赵六,13973880701\n" +
			creditCode(702) + ",花山五金店,花山街道,钱七,13973880702\n"
		w.as(t, "fed").post(fmt.Sprintf("/api/v1/enterprises/import?district_id=%d", district), []byte(file)).want(200).into(&reg)
		type page struct {
			Items []struct {
				ID           int64
				CadreID      int64  `json:"cadre_id"`
				ContactPhone string `json:"contact_phone"`
			}
		}
		var before page
		cadre.get(fmt.Sprintf("/api/v1/enterprises?territory_id=%d", huashan)).want(200).into(&before)
		if len(before.Items) < 2 || !strings.Contains(before.Items[0].ContactPhone, "*") {
			t.Fatalf("the cadre reads another township's entities: %+v", before.Items)
		}
		var got struct{ Assigned int }
		body := map[string]any{"cadre_id": w.people["cadre"].user.ID, "district_id": district, "territory_id": huashan}
		office.post("/api/v1/enterprises/cadre", body).want(200).into(&got)
		if got.Assigned != len(before.Items) {
			t.Fatalf("assigned %d, want 花山街道's %d", got.Assigned, len(before.Items))
		}
		var mine page
		cadre.get(fmt.Sprintf("/api/v1/enterprises?cadre_id=%d", w.people["cadre"].user.ID)).want(200).into(&mine)
		if len(mine.Items) != len(before.Items) || mine.Items[0].CadreID != w.people["cadre"].user.ID || strings.Contains(mine.Items[0].ContactPhone, "*") {
			t.Fatalf("the cadre's own entities: %+v", mine.Items)
		}
		w.as(t, "fagai").post("/api/v1/enterprises/cadre", body).wantError(403, "forbidden")
		office.post("/api/v1/enterprises/cadre", map[string]any{"cadre_id": w.people["cadre"].user.ID, "district_id": district,
			"industry": "造飞船"}).wantError(400, "enterprise.industry")
		cadre.get("/api/v1/enterprises?industry=造飞船").wantError(400, "enterprise.industry")
		office.post("/api/v1/enterprises/cadre", map[string]any{"cadre_id": w.people["fagai"].user.ID, "district_id": district}).
			wantError(400, "cadre.not")
		office.post("/api/v1/enterprises/cadre", map[string]any{"cadre_id": w.people["cadre"].user.ID, "district_id": w.unit("shuangfeng")}).
			wantError(400, "intake.district")
	})
}

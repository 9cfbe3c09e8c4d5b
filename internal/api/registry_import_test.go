package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// registryCSV is a registry file of one entity with credit code code.
func registryCSV(code string) []byte {
	return []byte("统一社会信用代码,企业名称\n" + code + ",矩阵测试企业\n")
}

// registryResult is the answer of an import.
type registryResult struct {
	DryRun   bool `json:"dry_run"`
	Lines    int
	Ready    int
	Created  int
	Updated  int
	Problems []struct {
		Line    int
		Column  string
		Message string
	}
}

// The federation imports 娄星区's registry: a dry run reports every bad row
// by line and writes nothing; an import with a bad row writes nothing; the
// corrected file adds the entities and, imported again with changes,
// updates them by credit code, leaving what a blank cell does not say.
func TestImportRegistry(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		fed := w.as(t, "fed")
		district := w.unit("louxing")
		path := fmt.Sprintf("/api/v1/enterprises/import?district_id=%d", district)
		head := "统一社会信用代码,企业名称,行业,规模,地址,联系人,联系电话,标签\n"
		good := []string{
			creditCode(801) + ",娄底恒信机械有限公司,专用设备制造业,中型,娄星区乐坪大道1号,王强,13973880001,规上企业、专精特新",
			creditCode(802) + ",娄星区老街米粉店,餐饮业,个体,娄星区老街2号,李娟,13973880002,",
			creditCode(803) + ",湖南湘中物流有限公司,G54,小型,,,,",
		}
		bad := creditCode(804)[:17] + "X,坏代码企业,,,,,,"
		file := head + strings.Join(good, "\n") + "\n" + bad + "\n" + creditCode(801) + ",重复企业,,,,,,\n"

		var dry registryResult
		fed.post(path+"&dry_run=true", []byte(file)).want(200).into(&dry)
		if !dry.DryRun || dry.Lines != 5 || dry.Ready != 3 || dry.Created != 3 || len(dry.Problems) != 2 {
			t.Fatalf("dry run: %+v", dry)
		}
		if dry.Problems[0].Line != 5 || dry.Problems[1].Line != 6 || !strings.Contains(dry.Problems[1].Message, "2") {
			t.Errorf("problems: %+v", dry.Problems)
		}
		// With bad rows nothing is written.
		fed.post(path, []byte(file)).wantError(400, "registry.refused")
		var none struct{ Items []struct{ Name string } }
		fed.get("/api/v1/enterprises?q=" + creditCode(801)).want(200).into(&none)
		if len(none.Items) != 0 {
			t.Fatalf("a refused import wrote %+v", none.Items)
		}
		var done registryResult
		fed.post(path, []byte(head+strings.Join(good, "\n")+"\n")).want(200).into(&done)
		if done.Created != 3 || done.Updated != 0 || done.DryRun {
			t.Fatalf("import: %+v", done)
		}
		var got struct {
			Items []struct {
				ID           int64
				Name         string
				IndustryCode string `json:"industry_code"`
				Industry     string
				Size         string
				Tags         []string
				SoleTrader   bool  `json:"sole_trader"`
				DistrictID   int64 `json:"district_id"`
			}
		}
		fed.get("/api/v1/enterprises?q=" + creditCode(801)).want(200).into(&got)
		if len(got.Items) != 1 || got.Items[0].IndustryCode != "35" || got.Items[0].Size != "medium" ||
			strings.Join(got.Items[0].Tags, "|") != "规上企业|专精特新" || got.Items[0].DistrictID != district {
			t.Fatalf("the machinery company: %+v", got.Items)
		}
		// Again, with a new name and no industry: updated by its code.
		var again registryResult
		fed.post(path, []byte(head+creditCode(801)+",娄底恒信重工有限公司,,,,,,\n")).want(200).into(&again)
		if again.Created != 0 || again.Updated != 1 {
			t.Fatalf("again: %+v", again)
		}
		fed.get("/api/v1/enterprises?q=" + creditCode(801)).want(200).into(&got)
		if got.Items[0].Name != "娄底恒信重工有限公司" || got.Items[0].IndustryCode != "35" || got.Items[0].Size != "medium" {
			t.Errorf("after the update: %+v", got.Items[0])
		}
		// Whole-file refusals.
		fed.post(path, []byte("企业名称,地址\n某公司,某地\n")).wantError(400, "registry.columns")
		w.as(t, "intake").post(path, []byte(file)).wantError(403, "forbidden")
	})
}

package api_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/citybatch"
	"zhitong/internal/outbox"
	"zhitong/internal/sqlstore"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// cityHead is the heading row of the city's workbook.
var cityHead = []any{citybatch.HeadExternalNo, citybatch.HeadTitle, citybatch.HeadContent, citybatch.HeadType,
	citybatch.HeadCategory, citybatch.HeadUrgency, citybatch.HeadEnterprise, citybatch.HeadCreditCode, citybatch.HeadContact,
	citybatch.HeadPhone, citybatch.HeadTerritory, citybatch.HeadAssignedAt, citybatch.HeadDueAt}

// The columns of cityRow by heading.
const (
	colCategory  = 4
	colUrgency   = 5
	colCredit    = 7
	colPhone     = 9
	colTerritory = 10
)

// cityRow is a good row numbered no, due at the end of 20 March 2026 (the
// worlds' clock stands at 2 March).
func cityRow(no string) []any {
	return []any{no, "厂区供电线路频繁跳闸", "近一个月厂区线路跳闸 6 次，影响生产，请求排查。", "求助", "水电气", "一般",
		"娄底某某机械有限公司", "", "王先生", "13800138000", "乐坪街道", "2026-03-01 09:30", "2026-03-20"}
}

// set returns a copy of row with cell i set to v.
func set(row []any, i int, v any) []any {
	out := slices.Clone(row)
	out[i] = v
	return out
}

// cityDue is the deadline of cityRow: the end of 20 March.
var cityDue = time.Date(2026, 3, 21, 0, 0, 0, 0, appeal.CST)

// cityBook writes the heading and rows as the city's workbook.
func cityBook(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, r := range append([][]any{cityHead}, rows...) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// importBatch sends a workbook to the import as c; query begins with ?.
func (c *client) importBatch(query string, data []byte) *resp {
	c.t.Helper()
	return c.with("Content-Type", xlsxType).post("/api/v1/city-batches"+query, data)
}

// batchResult decodes the answer of an import.
func batchResult(r *resp, status int) api.CityBatchResult {
	r.t.Helper()
	r.want(status)
	var out api.CityBatchResult
	r.into(&out)
	return out
}

// downloadXLSX reads a workbook as person key; a 200 is checked against the
// document (the .xlsx media type) and marked covered.
func downloadXLSX(t *testing.T, w *world, key, path string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", w.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+w.people[key].token)
	res, err := w.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode == http.StatusOK {
		if ct := res.Header.Get("Content-Type"); ct != xlsxType || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: Content-Type %q, Content-Disposition %q", path, ct, res.Header.Get("Content-Disposition"))
		}
		op := w.doc.find("GET", path)
		ok, _ := op.op["responses"].(map[string]any)["200"].(map[string]any)
		if _, documented := ok["content"].(map[string]any)[xlsxType]; !documented {
			t.Errorf("the document does not say %s answers a workbook: %v", path, ok)
		} else {
			coverage.mark(op.id, http.StatusOK)
		}
	}
	return res.StatusCode, raw
}

// The office imports the city's batch: every row becomes an appeal at
// 待交办 keeping the city's number and deadline, in one go, without a text
// to the enterprise; a batch with a bad row is refused whole with every
// problem named by line and column; a city number the district holds is a
// problem of its row; a dry run writes nothing; the results export as the
// same workbook, which reads back.
func TestCityBatchImport(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		w.db.SetNotices(sqlstore.Notices{SMS: true})
		office := w.as(t, "office")
		louxing := fmt.Sprint(w.unit("louxing"))

		good := cityBook(t, cityRow("SJ2026030001"),
			set(set(cityRow("SJ2026030002"), colCredit, w.enterprises["ligang"].CreditCode), colUrgency, "紧急"),
			set(set(cityRow("SJ2026030003"), colCategory, ""), colTerritory, ""))
		before := w.appealCount(t)
		r := office.importBatch("", good)
		res := batchResult(r, http.StatusCreated)
		if res.DryRun || res.Lines != 3 || res.Ready != 3 || res.Imported != 3 || len(res.Appeals) != 3 || len(res.Problems) != 0 {
			t.Fatalf("a good batch: %+v", res)
		}
		if n := w.appealCount(t); n != before+3 {
			t.Fatalf("a good batch of 3 added %d appeals", n-before)
		}
		if !strings.Contains(r.header.Get("Location"), "channel=city_assigned") {
			t.Errorf("Location %q", r.header.Get("Location"))
		}
		for i, a := range res.Appeals {
			d := office.appeal(a.ID)
			want := fmt.Sprintf("SJ202603000%d", i+1)
			if d.State != appeal.Unassigned || d.Route != appeal.RouteFromCity || d.Channel != appeal.CityAssigned ||
				d.ExternalNo != want || a.ExternalNo != want || !d.DueAt.Equal(cityDue) || !a.DueAt.Equal(cityDue) || a.Line != i+2 {
				t.Errorf("row %d became %+v (%+v)", i+2, d, a)
			}
			if evs := office.timeline(a.ID); len(evs) != 1 || evs[0].Action != appeal.ActRegister {
				t.Errorf("row %d's timeline: %+v", i+2, evs)
			}
			// The city deals with the enterprise: no text of a query code.
			if rs, err := w.db.DeliveryLog(bg, outbox.LogFilter{AppealID: a.ID, Limit: 10}); err != nil || len(rs) != 0 {
				t.Errorf("row %d's appeal wrote messages %+v (%v)", i+2, rs, err)
			}
		}
		first, second := office.appeal(res.Appeals[0].ID), office.appeal(res.Appeals[1].ID)
		if first.CategoryID != w.categories["水电气"] || first.TerritoryID != w.unit("leping") || second.Urgency != appeal.Urgent {
			t.Errorf("the names were not looked up: %+v / %+v", first, second)
		}
		if second.EnterpriseID != w.enterprises["ligang"].ID || second.EnterpriseName != w.enterprises["ligang"].Name {
			t.Errorf("the credit code did not find the registered enterprise: %d %q", second.EnterpriseID, second.EnterpriseName)
		}
		// A single registration with a phone does text the enterprise: the
		// check above can fail.
		single := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "对照诉求", "ligang"))
		if rs, _ := w.db.DeliveryLog(bg, outbox.LogFilter{AppealID: single.ID, Limit: 10}); len(rs) != 1 {
			t.Errorf("a single registration wrote %d messages, want the SMS", len(rs))
		}
		// The office assigns it: the task keeps the city's deadline.
		d := office.act(first.ID, "assign", first.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).detail()
		if len(d.Tasks) != 1 || !d.Tasks[0].ReplyDue.Equal(cityDue) {
			t.Errorf("assigned, the task is due %v, want the city's %v", d.Tasks, cityDue)
		}

		// One bad row refuses the whole batch; every problem is named.
		before = w.appealCount(t)
		bad := cityBook(t, cityRow("SJ2026030101"),
			set(set(cityRow("SJ2026030102"), colPhone, "abc"), colCategory, "没有的类别"),
			cityRow("SJ2026030103"))
		e := office.importBatch("", bad).wantError(http.StatusBadRequest, "cityimport.refused")
		if len(e.Problems) != 2 || e.Problems[0].Line != 3 || e.Problems[1].Line != 3 ||
			!slices.Contains([]string{e.Problems[0].Column, e.Problems[1].Column}, citybatch.HeadPhone) ||
			!slices.Contains([]string{e.Problems[0].Column, e.Problems[1].Column}, citybatch.HeadCategory) {
			t.Fatalf("the problems of a bad batch: %+v", e.Problems)
		}
		if n := w.appealCount(t); n != before {
			t.Fatalf("a refused batch added %d appeals", n-before)
		}
		// Its dry run says the same and writes nothing.
		dry := batchResult(office.importBatch("?dry_run=true", bad), http.StatusOK)
		if !dry.DryRun || dry.Lines != 3 || dry.Ready != 2 || dry.Imported != 0 || len(dry.Problems) != 2 {
			t.Fatalf("the dry run of a bad batch: %+v", dry)
		}

		// A city number the district holds is a problem of its row, in the
		// reader's language.
		dup := cityBook(t, cityRow("SJ2026030201"), cityRow("SJ2026030001"))
		e = office.importBatch("?lang=en", dup).wantError(http.StatusBadRequest, "cityimport.refused")
		if len(e.Problems) != 1 || e.Problems[0].Line != 3 || e.Problems[0].Column != citybatch.HeadExternalNo ||
			!strings.Contains(e.Problems[0].Message, "in the district already") || !strings.Contains(e.Problems[0].Message, first.Number) {
			t.Fatalf("a number imported before: %+v", e.Problems)
		}
		if n := w.appealCount(t); n != before {
			t.Fatalf("a batch with a number imported before added %d appeals", n-before)
		}

		// A dry run of a good batch writes nothing; its import then does.
		next := cityBook(t, cityRow("SJ2026030301"), cityRow("SJ2026030302"))
		dry = batchResult(office.importBatch("?dry_run=true&district_id="+louxing, next), http.StatusOK)
		if !dry.DryRun || dry.Ready != 2 || dry.Imported != 0 || len(dry.Appeals) != 0 || len(dry.Problems) != 0 {
			t.Fatalf("the dry run of a good batch: %+v", dry)
		}
		if n := w.appealCount(t); n != before {
			t.Fatalf("a dry run added %d appeals", n-before)
		}
		batchResult(office.importBatch("?dry_run=false", next), http.StatusCreated)

		// The results go back to the city in its own layout, which reads back.
		status, data := downloadXLSX(t, w, "office", "/api/v1/city-batches/export?from=2026-03-02&to=2026-03-02")
		if status != http.StatusOK {
			t.Fatalf("export: %d %s", status, data)
		}
		names := citybatch.Names{Categories: map[string]int64{}, Territories: map[string]int64{
			"乐坪街道": w.unit("leping"), "花山街道": w.unit("huashan")}}
		for n, id := range w.categories {
			names.Categories[n] = id
		}
		back, err := citybatch.Parse(data, w.unit("louxing"), names, w.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		var nos []string
		for _, row := range back.Rows {
			nos = append(nos, row.Intake.ExternalNo)
			if !row.Intake.DueAt.Equal(cityDue) {
				t.Errorf("%s reads back due %v", row.Intake.ExternalNo, row.Intake.DueAt)
			}
		}
		if back.Lines != 5 || len(back.Problems) != 0 ||
			strings.Join(nos, ",") != "SJ2026030001,SJ2026030002,SJ2026030003,SJ2026030301,SJ2026030302" {
			t.Fatalf("the export reads back as %d lines %v, problems %+v", back.Lines, nos, back.Problems)
		}
		if !workbookHas(t, data, first.Number) {
			t.Errorf("the export does not give the district's number %s", first.Number)
		}
		// Nothing registered in another month.
		if status, data := downloadXLSX(t, w, "office", "/api/v1/city-batches/export?from=2026-02-01&to=2026-02-28"); status != http.StatusOK {
			t.Fatalf("an empty export: %d %s", status, data)
		} else if _, err := citybatch.Parse(data, w.unit("louxing"), names, w.clock.Now()); err == nil {
			t.Errorf("an export of a month without appeals has rows")
		}
		office.get("/api/v1/city-batches/export?from=2026-03-02").wantError(http.StatusBadRequest, "required")

		status, data = downloadXLSX(t, w, "office", "/api/v1/city-batches/template")
		if status != http.StatusOK || !bytes.HasPrefix(data, []byte("PK")) {
			t.Fatalf("template: %d", status)
		}
	})
}

// workbookHas reports whether a cell of the first sheet of data is s.
func workbookHas(t *testing.T, data []byte, s string) bool {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if slices.Contains(r, s) {
			return true
		}
	}
	return false
}

// Who may import, and where: the federation may not; an office imports
// into its own district only; the city office, above two districts, names
// one; a read-only token writes nothing; a file that is not a workbook is
// refused whole.
func TestCityBatchAccess(t *testing.T) {
	w := newWorld(t)
	book := cityBook(t, cityRow("SJ2026039001"))
	louxing, sf := fmt.Sprint(w.unit("louxing")), fmt.Sprint(w.unit("shuangfeng"))
	w.as(t, "fed").importBatch("?dry_run=true", book).wantError(http.StatusForbidden, "forbidden")
	w.asRead(t, "office").importBatch("?dry_run=true", book).apiError(http.StatusForbidden)
	if e := w.as(t, "office").importBatch("?dry_run=true&district_id="+sf, book).apiError(http.StatusBadRequest); e.Field != "district_id" {
		t.Errorf("the office importing into another district: %+v", e)
	}
	if e := w.as(t, "sfOffice").importBatch("?district_id="+louxing, book).apiError(http.StatusBadRequest); e.Field != "district_id" {
		t.Errorf("双峰县's office importing into 娄星区: %+v", e)
	}
	if e := w.as(t, "city").importBatch("?dry_run=true", book).apiError(http.StatusBadRequest); e.Field != "district_id" {
		t.Errorf("the city office naming no district: %+v", e)
	}
	res := batchResult(w.as(t, "city").importBatch("?dry_run=true&district_id="+louxing, book), http.StatusOK)
	if res.Ready != 1 || res.DistrictID != w.unit("louxing") {
		t.Errorf("the city office's dry run into 娄星区: %+v", res)
	}
	w.as(t, "office").importBatch("", []byte("市交办,诉求\n")).wantError(http.StatusBadRequest, "citybatch.not_xlsx")
	w.as(t, "office").importBatch("?dry_run=maybe", book).apiError(http.StatusBadRequest)
	if status, _ := downloadXLSX(t, w, "fed", "/api/v1/city-batches/template"); status != http.StatusForbidden {
		t.Errorf("the federation's template: %d", status)
	}
	if status, _ := downloadXLSX(t, w, "leader", "/api/v1/city-batches/export?from=2026-03-01&to=2026-03-31"); status != http.StatusForbidden {
		t.Errorf("the leader's export: %d", status)
	}
	if n := w.appealCount(t); n != 0 {
		t.Fatalf("the refusals and a dry run left %d appeals", n)
	}
}

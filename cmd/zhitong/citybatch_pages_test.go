package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/citybatch"
)

// uploadForm posts a multipart form with fields and the file data named
// name, from our own origin; it returns the status, where it was sent on
// and the page.
func (w *pageWorld) uploadForm(c *http.Client, path string, fields url.Values, name string, data []byte) (int, string, string) {
	w.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	res := w.send(c, path, mw.FormDataContentType(), &b, true)
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(page)
}

// download reads a file as c: its status, Content-Type and bytes.
func (w *pageWorld) download(c *http.Client, path string) (int, string, []byte) {
	w.t.Helper()
	res, err := c.Get(w.url + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

// cityWorkbook is the city's workbook of rows, below its heading.
func cityWorkbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	head := []any{citybatch.HeadExternalNo, citybatch.HeadTitle, citybatch.HeadContent, citybatch.HeadType,
		citybatch.HeadCategory, citybatch.HeadUrgency, citybatch.HeadEnterprise, citybatch.HeadCreditCode,
		citybatch.HeadContact, citybatch.HeadPhone, citybatch.HeadTerritory, citybatch.HeadAssignedAt, citybatch.HeadDueAt}
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range append([][]any{head}, rows...) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(f.GetSheetName(0), cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The office imports the city's batch from its page: a dry run of a file
// with a bad row shows the problems by line and column and writes nothing;
// importing it is refused whole; the corrected file imports every row at
// 待交办 with the city's numbers and deadlines; the template and the
// results download as workbooks, and the results read back. A handling
// unit has no such page.
func TestCityBatchPage(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	office := w.signInHTTP("yhb_zhouzhiqiang")
	district := w.units["娄星区"]
	now := w.now().In(appeal.CST)
	due := now.AddDate(0, 0, 20).Format(time.DateOnly)
	row := func(no, phone string) []any {
		return []any{no, "厂区供电线路频繁跳闸", "近一个月厂区线路跳闸 6 次，影响生产，请求排查。", "求助", "水电气", "一般",
			"娄底某某机械有限公司", "", "王先生", phone, "乐坪街道", "", due}
	}
	cityAppeals := func() []appeal.Appeal {
		t.Helper()
		p, err := w.a.appeals.List(ctx, account.SystemActor(), appeal.Filter{Channel: appeal.CityAssigned, DistrictID: district,
			Keyword: "", Limit: appeal.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		return p.Items
	}
	before := len(cityAppeals())

	page := w.page(office, "/appeals/city-batch")
	if !strings.Contains(page, `action="/appeals/city-batch" enctype="multipart/form-data"`) || !strings.Contains(page, `href="/appeals/city-batch" class="active"`) ||
		!strings.Contains(page, `value="check"`) || !strings.Contains(page, `value="import"`) {
		t.Fatalf("the office's page lacks the upload form, its two buttons or the active menu link")
	}

	bad := cityWorkbook(t, row("SJ-PAGE-001", "13800138000"), row("SJ-PAGE-002", "电话未知"))
	status, _, body := w.uploadForm(office, "/appeals/city-batch", url.Values{"act": {"check"}}, "市交办.xlsx", bad)
	if status != http.StatusOK || !strings.Contains(body, `data-problems="1"`) || !strings.Contains(body, `<tr data-line="3"><td>3</td><td>联系电话</td>`) {
		t.Fatalf("a dry run of a file with a bad row: %d", status)
	}
	status, _, body = w.uploadForm(office, "/appeals/city-batch", url.Values{"act": {"import"}}, "市交办.xlsx", bad)
	if status != http.StatusBadRequest || !strings.Contains(body, "flash-error") || !strings.Contains(body, "导入未执行") || !strings.Contains(body, `data-line="3"`) {
		t.Fatalf("importing a file with a bad row: %d", status)
	}
	if n := len(cityAppeals()); n != before {
		t.Fatalf("a dry run and a refused import left %d appeals", n-before)
	}
	if status, _, body := w.uploadForm(office, "/appeals/city-batch", url.Values{"act": {"import"}}, "x.xlsx", []byte("not a workbook")); status != http.StatusBadRequest ||
		!strings.Contains(body, "不是有效的 Excel 工作簿") {
		t.Fatalf("a file that is not a workbook: %d", status)
	}

	good := cityWorkbook(t, row("SJ-PAGE-001", "13800138000"), row("SJ-PAGE-002", "0738-8312345"))
	status, loc, _ := w.uploadForm(office, "/appeals/city-batch", url.Values{"act": {"import"}}, "市交办.xlsx", good)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/appeals/city-batch?done=citybatch&n=2") {
		t.Fatalf("importing the corrected file: %d to %q", status, loc)
	}
	page = w.page(office, loc)
	if !strings.Contains(page, `data-imported="2"`) || !strings.Contains(page, "市交办诉求已导入") ||
		!strings.Contains(page, "/appeals?channel=city_assigned&amp;status=unassigned&amp;district_id="+strconv.FormatInt(district, 10)) {
		t.Fatalf("the page after the import does not show the count and the link to the new appeals")
	}
	dueAt, _ := time.ParseInLocation(time.DateOnly, due, appeal.CST)
	found := 0
	for _, a := range cityAppeals() {
		if strings.HasPrefix(a.ExternalNo, "SJ-PAGE-") {
			found++
			if a.State != appeal.Unassigned || a.Route != appeal.RouteFromCity || !a.DueAt.Equal(dueAt.AddDate(0, 0, 1)) {
				t.Errorf("%s is %s/%s due %v", a.ExternalNo, a.State, a.Route, a.DueAt)
			}
		}
	}
	if found != 2 {
		t.Fatalf("%d appeals carry the batch's numbers, want 2", found)
	}
	// The same file again: the numbers are the district's already.
	if status, _, body := w.uploadForm(office, "/appeals/city-batch", nil, "市交办.xlsx", good); status != http.StatusOK ||
		!strings.Contains(body, `data-problems="2"`) || !strings.Contains(body, "已导入本区") {
		t.Fatalf("a dry run of a file imported before: %d", status)
	}

	status, ct, data := w.download(office, "/appeals/city-batch/template.xlsx")
	if status != http.StatusOK || ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("the template: %d %q", status, ct)
	}
	day := now.Format(time.DateOnly)
	status, ct, data = w.download(office, "/appeals/city-batch/export.xlsx?from="+day+"&to="+day)
	if status != http.StatusOK || !strings.Contains(ct, "spreadsheetml") {
		t.Fatalf("the export: %d %q %s", status, ct, data)
	}
	names := citybatch.Names{Categories: map[string]int64{}, Territories: map[string]int64{}}
	cats, err := w.a.db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		names.Categories[c.Name] = c.ID
	}
	names.Territories["乐坪街道"] = w.units["乐坪街道"]
	back, err := citybatch.Parse(data, district, names, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// The office registered the batch, so it reads its contacts in full and
	// the batch's rows read back clean (others' appeals show them masked).
	var nos []string
	for _, r := range back.Rows {
		if strings.HasPrefix(r.Intake.ExternalNo, "SJ-PAGE-") {
			nos = append(nos, r.Intake.ExternalNo)
		}
	}
	if strings.Join(nos, ",") != "SJ-PAGE-001,SJ-PAGE-002" {
		t.Fatalf("the export of today reads back the batch as %v (%d lines, problems %+v)", nos, back.Lines, back.Problems)
	}

	unit := w.signInHTTP("lx_zjj")
	if res := w.get(unit, "/appeals/city-batch"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a handling unit's city batch page: %d, want 403", res.StatusCode)
	}
	if status, _, _ := w.uploadForm(unit, "/appeals/city-batch", url.Values{"act": {"import"}}, "市交办.xlsx", good); status != http.StatusForbidden {
		t.Errorf("a handling unit importing: %d, want 403", status)
	}
}

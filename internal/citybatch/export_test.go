package citybatch

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// reverse maps ids back to names.
func reverse(m map[string]int64) map[int64]string {
	r := make(map[int64]string, len(m))
	for k, v := range m {
		r[v] = k
	}
	return r
}

func TestExportParseRoundTrip(t *testing.T) {
	first := parse(t, book(t, fullHead,
		goodRow("R1"),
		with(with(goodRow("R2"), colDue, "2026-12-20 17:45"), colUrgency, "紧急"),
		with(with(with(goodRow("R3"), colTitle, "=HYPERLINK(\"http://x\",\"点我\")"), colCategory, ""), colTerritory, ""),
		[]any{"R4", "标题", "内容", "投诉", "", "", "个体户", "", "", "", "", "", "2026/12/31"},
	))
	if !first.OK() || len(first.Rows) != 4 {
		t.Fatalf("first parse: %+v", first)
	}
	cats, terrs := reverse(names.Categories), reverse(names.Territories)
	var out []ExportRow
	for i, r := range first.Rows {
		in := r.Intake
		a := appeal.Appeal{ID: int64(40 + i), ExternalNo: in.ExternalNo, Channel: in.Channel, Type: in.Type, CategoryID: in.CategoryID,
			Urgency: in.Urgency, Title: in.Title, Content: in.Content, EnterpriseName: in.EnterpriseName, CreditCode: in.CreditCode,
			ContactName: in.ContactName, ContactPhone: in.ContactPhone, DistrictID: in.DistrictID, TerritoryID: in.TerritoryID,
			DueAt: in.DueAt, CreatedAt: now, State: appeal.InProgress}
		if i == 0 {
			a.State, a.ResultOutcome, a.ResultText, a.Satisfaction = appeal.Closed, appeal.Solved, "已协调供电公司更换线路。", appeal.Satisfied
			a.ClosedAt = cst(2026, 12, 10, 16, 30)
		}
		if i == 1 {
			a.State, a.ResultOutcome, a.Unreachable = appeal.Closed, appeal.ExplainedNotDone, true
			a.ClosedAt = cst(2026, 12, 11, 0, 0)
		}
		row := NewExportRow(&a, cats[a.CategoryID], terrs[a.TerritoryID])
		row.AssignedAt = r.AssignedAt
		out = append(out, row)
	}
	data, err := Export(out)
	if err != nil {
		t.Fatal(err)
	}
	again := parse(t, data)
	if !again.OK() || len(again.Rows) != len(first.Rows) {
		t.Fatalf("second parse: %+v", again)
	}
	for i, r := range again.Rows {
		wantRow(t, r, first.Rows[i].Line, first.Rows[i].Intake, first.Rows[i].AssignedAt)
	}
	checkExportedCells(t, data)
}

// checkExportedCells reads the exported workbook as the city would.
func checkExportedCells(t *testing.T, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		HeadNumber:       {"ZT20261201000040", "ZT20261201000041", "ZT20261201000042", "ZT20261201000043"},
		HeadState:        {"已办结", "已办结", "办理中", "办理中"},
		HeadOutcome:      {"已解决", "未解决已作解释", "", ""},
		HeadReply:        {"已协调供电公司更换线路。", "", "", ""},
		HeadClosedAt:     {"2026-12-10 16:30", "2026-12-11", "", ""},
		HeadSatisfaction: {"满意", "无法联系", "", ""},
		HeadDueAt:        {"2026-12-15", "2026-12-20 17:45", "2026-12-15", "2026-12-31"},
		HeadAssignedAt:   {"2026-11-30", "2026-11-30", "2026-11-30", ""},
		HeadType:         {"求助", "求助", "求助", "投诉"},
		HeadUrgency:      {"一般", "紧急", "一般", "一般"},
	}
	if len(rows) != 5 || len(rows[0]) != nColumns+len(resultColumns) {
		t.Fatalf("%d rows, heading %v", len(rows), rows[0])
	}
	for c, h := range rows[0] {
		for i, w := range want[h] {
			got := ""
			if c < len(rows[i+1]) {
				got = rows[i+1][c]
			}
			if got != w {
				t.Errorf("row %d %s: %q, want %q", i+2, h, got, w)
			}
		}
	}
	if formula, _ := f.GetCellFormula(sheet, "B4"); formula != "" {
		t.Errorf("a title became the formula %q", formula)
	}
	id, _ := f.GetCellStyle(sheet, "A1")
	if st, err := f.GetStyle(id); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("heading not bold: %+v %v", st, err)
	}
	if w, _ := f.GetColWidth(sheet, "C"); w < 40 {
		t.Errorf("content column %v wide", w)
	}
}

func TestExportEmpty(t *testing.T) {
	data, err := Export(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The headings alone: Parse finds every column and no row.
	wantFileError(t, data, fault.Invalid, "citybatch.empty")
}

func TestResultOf(t *testing.T) {
	a := &appeal.Appeal{ID: 5, ExternalNo: "SJ9", CreatedAt: time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC), State: appeal.AwaitVisit,
		ResultOutcome: appeal.PartlySolved, ResultText: "部分解决。", Satisfaction: appeal.FairlySatisfied}
	got := ResultOf(a)
	want := Result{ExternalNo: "SJ9", Number: "ZT20261202000005", State: "待回访", Outcome: "部分解决", Reply: "部分解决。", Satisfaction: "基本满意"}
	if got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestTemplate(t *testing.T) {
	data, err := Template()
	if err != nil {
		t.Fatal(err)
	}
	// The headings and nothing else on the first sheet.
	wantFileError(t, data, fault.Invalid, "citybatch.empty")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[1] != "填写说明" {
		t.Fatalf("sheets %v", got)
	}
	comments, err := f.GetComments(f.GetSheetName(0))
	if err != nil || len(comments) != nColumns {
		t.Fatalf("%d comments, %v", len(comments), err)
	}
	guide, err := f.GetRows("填写说明")
	if err != nil || len(guide) < nColumns+1 || guide[1][0] != HeadExternalNo || guide[1][1] != "必填" {
		t.Fatalf("guide %v, %v", guide, err)
	}
	// The examples of the guide make a good row.
	example := make([]any, nColumns)
	for c := range columns {
		example[c] = guide[c+1][3]
	}
	if b := parse(t, book(t, fullHead, example)); !b.OK() {
		t.Fatalf("the example row: %+v", b.Problems)
	}
}

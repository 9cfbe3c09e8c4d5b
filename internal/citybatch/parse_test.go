package citybatch

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// wantRow checks a parsed row field by field.
func wantRow(t *testing.T, got Row, line int, want appeal.Intake, assigned time.Time) {
	t.Helper()
	if got.Line != line {
		t.Errorf("line %d: parsed as line %d", line, got.Line)
	}
	if !got.Intake.DueAt.Equal(want.DueAt) {
		t.Errorf("line %d: DueAt %v, want %v", line, got.Intake.DueAt, want.DueAt)
	}
	if !got.AssignedAt.Equal(assigned) {
		t.Errorf("line %d: AssignedAt %v, want %v", line, got.AssignedAt, assigned)
	}
	g := got.Intake
	g.DueAt, want.DueAt = time.Time{}, time.Time{}
	if g != want {
		t.Errorf("line %d:\n got %+v\nwant %+v", line, g, want)
	}
}

func TestParseGoodFile(t *testing.T) {
	// The columns in another order than the layout's, headings with spaces and
	// an asterisk, and a column of the city's own that is ignored.
	head := []any{HeadDueAt, "*" + HeadExternalNo, "  " + HeadTitle + " ", HeadContent, HeadType, HeadCategory, HeadUrgency,
		HeadEnterprise, HeadCreditCode, HeadContact, HeadPhone, HeadTerritory, HeadAssignedAt, "备注"}
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows := [][]any{head,
		// A date cell with a time, as Excel holds it: a serial number with a fraction.
		{cst(2026, 12, 15, 17, 0), "SJ001", "  供电线路跳闸 ", "厂区线路频繁跳闸。", "求助", "水电气", "紧急", "娄底甲公司",
			strings.ToLower(goodCode), "王先生", goodPhone, "乐坪街道", cst(2026, 11, 30, 9, 30), "城市备注"},
		// A whole serial number (46372 is 16 December 2026): a bare date, so the end of that day.
		{46372.0, "SJ002", "用工", "招工难。", "complaint", "", "", "乙商行", "", "", "", "", ""},
		{"2026-12-20", "SJ003", "贷款", "贷款难。", "建议", "融资", "urgent", "丙公司", "", "", "", "万宝镇", "2026/11/28"},
		{"2026年12月25日", "SJ004", "执法", "多头检查。", "举报", "", "一般", "丁公司", "", "李女士", "", "", "2026-11-29 08:00"},
		{"2026/12/31 9:30", "SJ005", "政策", "政策如何申报？", "咨询", "", "", "戊公司", goodCode2, "", "0738-8123456", "", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err := f.SetCellStyle(sheet, "A3", "A3", date); err != nil {
		t.Fatal(err)
	}
	b := parse(t, write(t, f))
	if len(b.Problems) != 0 {
		for _, p := range b.Problems {
			t.Errorf("line %d %s: %s", p.Line, p.Column, p.Message("zh"))
		}
	}
	if !b.OK() || b.Lines != 5 || len(b.Rows) != 5 {
		t.Fatalf("OK %v, %d lines, %d rows; want 5 good rows", b.OK(), b.Lines, len(b.Rows))
	}
	base := appeal.Intake{Channel: appeal.CityAssigned, DistrictID: district}
	in := func(no string, ty appeal.Type, cat int64, urg appeal.Urgency, title, content, ent, code, contact, phone string, terr int64, due time.Time) appeal.Intake {
		x := base
		x.ExternalNo, x.Type, x.CategoryID, x.Urgency, x.Title, x.Content = no, ty, cat, urg, title, content
		x.EnterpriseName, x.CreditCode, x.ContactName, x.ContactPhone, x.TerritoryID, x.DueAt = ent, code, contact, phone, terr, due
		return x
	}
	wantRow(t, b.Rows[0], 2, in("SJ001", appeal.Help, 3, appeal.Urgent, "供电线路跳闸", "厂区线路频繁跳闸。", "娄底甲公司", goodCode, "王先生", goodPhone, 11,
		cst(2026, 12, 15, 17, 0)), cst(2026, 11, 30, 9, 30))
	wantRow(t, b.Rows[1], 3, in("SJ002", appeal.Complaint, 0, appeal.Normal, "用工", "招工难。", "乙商行", "", "", "", 0,
		cst(2026, 12, 17, 0, 0)), time.Time{})
	wantRow(t, b.Rows[2], 4, in("SJ003", appeal.Suggestion, 4, appeal.Urgent, "贷款", "贷款难。", "丙公司", "", "", "", 12,
		cst(2026, 12, 21, 0, 0)), cst(2026, 11, 28, 0, 0))
	wantRow(t, b.Rows[3], 5, in("SJ004", appeal.Report, 0, appeal.Normal, "执法", "多头检查。", "丁公司", "", "李女士", "", 0,
		cst(2026, 12, 26, 0, 0)), cst(2026, 11, 29, 8, 0))
	wantRow(t, b.Rows[4], 6, in("SJ005", appeal.Consult, 0, appeal.Normal, "政策", "政策如何申报？", "戊公司", goodCode2, "", "0738-8123456", 0,
		cst(2026, 12, 31, 9, 30)), time.Time{})
	if b.Rows[0].Intake.DueAt.Location() != appeal.CST {
		t.Errorf("DueAt in %v, want CST", b.Rows[0].Intake.DueAt.Location())
	}
}

func TestParseBadRows(t *testing.T) {
	long := strings.Repeat("长", 51)
	data := book(t, fullHead,
		with(goodRow("B01"), colPhone, "138abc45678"),         // 2
		with(goodRow("B02"), colCredit, "91350100M000100Y44"), // 3
		with(goodRow("B03"), colCategory, "不存在的类别"),           // 4
		with(goodRow("B04"), colTitle, " "),                   // 5
		with(goodRow("B05"), colDue, "2026-11-30"),            // 6: ended at 1 December 00:00, before now
		goodRow("B01"),                      // 7
		with(goodRow("B07"), colType, "表扬"), // 8
		[]any{"B08", "标题", "内容", "求助", "", "很急", "", "", "", "12", "火星街道", "", "下周五"}, // 9
		nil,                            // 10: blank
		goodRow("B10"),                 // 11
		[]any{" ", "", "  ", "\u3000"}, // 12: blank
		with(goodRow("B11"), colAssigned, "2026-12-05"),       // 13: after now
		with(goodRow(long), colDue, 46387.5),                  // 14: 2026-12-31 12:00, a good deadline
		with(goodRow("B13"), colAssigned, "2026-02-30"),       // 15
		with(goodRow("B14"), colDue, cst(2026, 12, 1, 9, 59)), // 16: a date cell before now
	)
	b := parse(t, data)
	want := []struct {
		line int
		col  string
		key  string
	}{
		{2, HeadPhone, "bad_phone"},
		{3, HeadCreditCode, "credit.check"},
		{4, HeadCategory, "citybatch.category"},
		{5, HeadTitle, "required"},
		{6, HeadDueAt, "citybatch.due_past"},
		{7, HeadExternalNo, "citybatch.dup_no"},
		{8, HeadType, "citybatch.type"},
		{9, HeadEnterprise, "intake.enterprise"},
		{9, HeadPhone, "bad_phone"},
		{9, HeadUrgency, "citybatch.urgency"},
		{9, HeadTerritory, "citybatch.territory"},
		{9, HeadDueAt, "citybatch.date"},
		{13, HeadAssignedAt, "citybatch.assigned_future"},
		{14, HeadExternalNo, "too_long"},
		{15, HeadAssignedAt, "citybatch.date"},
		{16, HeadDueAt, "citybatch.due_past"},
	}
	for i := 0; i < len(want) || i < len(b.Problems); i++ {
		if i >= len(b.Problems) {
			t.Errorf("missing problem: line %d %s %s", want[i].line, want[i].col, want[i].key)
			continue
		}
		p := b.Problems[i]
		key, kind := keyOf(t, p.Err)
		if i >= len(want) {
			t.Errorf("extra problem: line %d %s %s (%s)", p.Line, p.Column, key, p.Message("zh"))
			continue
		}
		if p.Line != want[i].line || p.Column != want[i].col || key != want[i].key || kind != fault.Invalid {
			t.Errorf("problem %d: line %d %s %s (%v), want line %d %s %s", i, p.Line, p.Column, key, kind, want[i].line, want[i].col, want[i].key)
		}
	}
	if b.OK() || b.Lines != 13 || len(b.Rows) != 1 || b.Rows[0].Line != 11 {
		t.Fatalf("OK %v, %d lines, rows %+v; want one good row, line 11, of 13", b.OK(), b.Lines, b.Rows)
	}
}

func TestProblemMessagesNameTheColumnAndValue(t *testing.T) {
	b := parse(t, book(t, fullHead, goodRow("M1"), with(goodRow("M1"), colTitle, ""), with(goodRow("M3"), colCategory, "不存在的类别")))
	want := []struct{ zh, en string }{
		{"市工单编号 M1 与第 2 行重复", "The city case number M1 repeats that of row 2"},
		{"标题 不能为空", "title is required"},
		{"诉求类别“不存在的类别”不存在，请使用本系统中的类别名称", `There is no category named "不存在的类别"; use the name of one of the system's categories`},
	}
	if len(b.Problems) != len(want) {
		t.Fatalf("%d problems, want %d: %+v", len(b.Problems), len(want), b.Problems)
	}
	for i, w := range want {
		if zh, en := b.Problems[i].Message("zh"), b.Problems[i].Message("en"); zh != w.zh || en != w.en {
			t.Errorf("problem %d: %q / %q, want %q / %q", i, zh, en, w.zh, w.en)
		}
	}
}

func TestParseMissingColumns(t *testing.T) {
	head := []any{HeadExternalNo, HeadContent, HeadType, HeadEnterprise, "备注"}
	fe := wantFileError(t, book(t, head, []any{"X1", "内容", "求助", "甲公司", ""}), fault.Invalid, "citybatch.columns")
	if got := fe.Message("zh"); got != "第一个工作表的第 1 行缺少必需的列：标题、办理时限" {
		t.Errorf("zh: %s", got)
	}
	if got := fe.Message("en"); !strings.Contains(got, "标题 (title), 办理时限 (deadline)") {
		t.Errorf("en: %s", got)
	}
	// A header on the second row is no header.
	wantFileError(t, book(t, nil, fullHead, goodRow("X2")), fault.Invalid, "citybatch.columns")
	// An empty sheet has no header either.
	wantFileError(t, book(t), fault.Invalid, "citybatch.columns")
}

func TestParseDuplicateColumn(t *testing.T) {
	head := append(append([]any(nil), fullHead...), " "+HeadPhone)
	wantFileError(t, book(t, head, goodRow("D1")), fault.Invalid, "citybatch.dup_column")
}

func TestParseNotAWorkbook(t *testing.T) {
	wantFileError(t, []byte("市工单编号,标题\nSJ1,标题\n"), fault.Invalid, "citybatch.not_xlsx")
	wantFileError(t, nil, fault.Invalid, "citybatch.not_xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("hello.txt")
	_, _ = w.Write([]byte("a zip file, not a workbook"))
	_ = zw.Close()
	wantFileError(t, buf.Bytes(), fault.Invalid, "citybatch.not_xlsx")
	wantFileError(t, append(append([]byte(nil), oleMagic...), make([]byte, 512)...), fault.Invalid, "citybatch.xls")
}

func TestParseZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i <= maxUnzipped>>20; i++ {
		_, _ = w.Write(zeros)
	}
	_ = zw.Close()
	wantFileError(t, buf.Bytes(), fault.TooLarge, "citybatch.too_big")
}

func TestParseBlankRowsSkipped(t *testing.T) {
	b := parse(t, book(t, fullHead, nil, []any{"", " ", ""}, goodRow("K1"), nil, nil,
		// Only a column of the city's own is filled: blank for the layout.
		append(make([]any, len(fullHead)), "备注"), goodRow("K2"), []any{"\t"}))
	if !b.OK() || b.Lines != 2 || len(b.Rows) != 2 || b.Rows[0].Line != 4 || b.Rows[1].Line != 8 {
		t.Fatalf("OK %v, %d lines, rows %+v; want lines 4 and 8", b.OK(), b.Lines, b.Rows)
	}
}

func TestParseNoDataRows(t *testing.T) {
	wantFileError(t, book(t, fullHead), fault.Invalid, "citybatch.empty")
	wantFileError(t, book(t, fullHead, nil, []any{" "}), fault.Invalid, "citybatch.empty")
}

func TestParseTooManyRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", fullHead); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= MaxRows+1; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, goodRow(fmt.Sprintf("N%05d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	wantFileError(t, write(t, f), fault.Invalid, "citybatch.too_many")
}

func TestParseNeedsDistrict(t *testing.T) {
	if _, err := Parse(book(t, fullHead, goodRow("Z1")), 0, names, now); !fault.Is(err, fault.Invalid) {
		t.Fatalf("district 0: %v", err)
	}
}

func TestParseReadsDate1904Workbooks(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	// 44909 days after 1 January 1904 is 15 December 2026.
	for i, r := range [][]any{fullHead, with(goodRow("W1"), colDue, 44909.75)} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	b := parse(t, write(t, f))
	if !b.OK() || !b.Rows[0].Intake.DueAt.Equal(cst(2026, 12, 15, 18, 0)) {
		t.Fatalf("rows %+v, problems %+v", b.Rows, b.Problems)
	}
}

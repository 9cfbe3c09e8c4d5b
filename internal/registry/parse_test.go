package registry

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/fault"
)

// TestCreditCodeHelper checks the tests' own credit codes against the
// enterprise package's check, through Parse.
func TestCreditCodeHelper(t *testing.T) {
	for _, base := range []string{"91430100MA4L00001", "92431302MA4PQRT0X", "12100000400000871"} {
		b := parse(t, csvUTF8(t, []string{HeadCreditCode, HeadName}, []string{creditCode(t, base), "甲"}), "a.csv", nil)
		if !b.OK() {
			t.Errorf("%s: %+v", creditCode(t, base), b.Problems)
		}
	}
}

// goodFile is a file with every column, in another order than the
// package's, with headings written with spaces, an asterisk, full-width
// spaces and other names, and a column of its own.
func goodFile(t *testing.T) (rows [][]string, want []Row) {
	code1, code2, code3 := creditCode(t, "91431302MA4L12345"), creditCode(t, "92431302MA4PX0001"), creditCode(t, "91431300187400001")
	head := []string{" 企业名称 ", "*统一社会信用代码", "乡镇街道", "规　模", "\u3000行业", "地址", "联系人", "联系电话", "标签", "备注"}
	rows = [][]string{head,
		{" 娄底市利钢机械有限公司 ", strings.ToLower(code1[:6]) + " " + code1[6:], "乐坪街道", "中型企业", "制造业", "娄星区乐坪街道工业园 8 号", "王先生",
			"０７３８－８１２３４５６", "专精特新、高新技术企业, 规上工业；专精特新  外贸", "自己的备注"},
		{"娄星区老李早餐店", code2, "", "个体工商户", "餐饮业", "", "", "13800138000", "", ""},
		{"湖南某某商贸有限公司", code3, "万宝镇", "微型", "C", "", "李女士", "", "", ""},
	}
	want = []Row{
		{Line: 2, CreditCode: code1, Name: "娄底市利钢机械有限公司", Industry: "C", Size: SizeMedium, TerritoryID: 11,
			Address: "娄星区乐坪街道工业园 8 号", ContactName: "王先生", ContactPhone: "0738-8123456",
			Tags: []string{"专精特新", "高新技术企业", "规上工业", "外贸"}},
		{Line: 3, CreditCode: code2, Name: "娄星区老李早餐店", Industry: "H62", Size: SizeSole, ContactPhone: "13800138000"},
		{Line: 4, CreditCode: code3, Name: "湖南某某商贸有限公司", Industry: "C", Size: SizeMicro, TerritoryID: 12, ContactName: "李女士"},
	}
	return rows, want
}

func TestParseGoodRows(t *testing.T) {
	rows, want := goodFile(t)
	text := csvUTF8(t, rows...)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"utf8.csv", text},
		{"bom.csv", withBOM(text)},
		{"gbk.csv", gb18030(t, text)},
		{"book.xlsx", book(t, anyRows(rows...)...)},
		{"semicolons.csv", csvSemicolons(rows)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := parse(t, tc.data, tc.name, newLookups())
			for _, p := range b.Problems {
				t.Errorf("line %d %s: %s", p.Line, p.Column, p.Message("zh"))
			}
			if !b.OK() || b.Lines != len(want) || !reflect.DeepEqual(b.Rows, want) {
				t.Fatalf("OK %v, %d lines\n got %+v\nwant %+v", b.OK(), b.Lines, b.Rows, want)
			}
		})
	}
}

// csvSemicolons writes rows with their cells separated by semicolons, and
// the tags in a cell by 、.
func csvSemicolons(rows [][]string) []byte {
	var sb strings.Builder
	for _, r := range rows {
		r = append([]string(nil), r...)
		for i := range r {
			r[i] = strings.NewReplacer(",", "、", ";", "、", "；", "、").Replace(r[i])
		}
		sb.WriteString(strings.Join(r, ";") + "\n")
	}
	return []byte(sb.String())
}

func TestParseTabsAndUTF16(t *testing.T) {
	rows, want := goodFile(t)
	var sb strings.Builder
	for _, r := range rows {
		sb.WriteString(strings.Join(r, "\t") + "\r\n")
	}
	// Excel's "Unicode text": UTF-16, little-endian, with a byte order mark.
	u16 := []byte{0xFF, 0xFE}
	for _, r := range sb.String() {
		if r > 0xFFFF {
			t.Fatal("no surrogates in the test file")
		}
		u16 = append(u16, byte(r), byte(r>>8))
	}
	for name, data := range map[string][]byte{"tabs.txt": gb18030(t, []byte(sb.String())), "unicode.txt": u16} {
		b := parse(t, data, name, newLookups())
		if !b.OK() || !reflect.DeepEqual(b.Rows, want) {
			t.Errorf("%s: problems %+v\n got %+v\nwant %+v", name, b.Problems, b.Rows, want)
		}
	}
}

func TestParseXLSXNumberCells(t *testing.T) {
	code := creditCode(t, "91431302MA4L12345")
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, r := range [][]any{{HeadName, HeadCreditCode, HeadPhone}, {"甲公司", code, 13800138000}, {"乙公司"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// A credit code of digits only that Excel keeps as a number, as Excel
	// stores it: its last digits are lost.
	if err := f.SetCellDefault(sheet, "B3", "9.1431302187400006E+17"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	b := parse(t, buf.Bytes(), "numbers.xlsx", newLookups())
	if len(b.Rows) != 1 || b.Rows[0].ContactPhone != "13800138000" || b.Rows[0].CreditCode != code {
		t.Fatalf("rows %+v", b.Rows)
	}
	if len(b.Problems) != 1 || b.Problems[0].Line != 3 || b.Problems[0].Key != "registry.credit_number" {
		t.Fatalf("problems %+v", b.Problems)
	}
}

func TestParseBadRows(t *testing.T) {
	codeA := creditCode(t, "91431302MA4L00001")
	code := func(i int) string { return creditCode(t, fmt.Sprintf("91431302MA4L%05d", 100+i)) }
	good := func(i int) []string {
		return []string{code(i), "娄底某某有限公司", "制造业", "乐坪街道", "小型", "某路 1 号", "张三", "13800138000", "专精特新"}
	}
	wrongCheck := code(3)[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", code(3)[17])+1)%31])
	tenTags := strings.Repeat("标签、", 9) + "第十个"
	for i := 0; i < 10; i++ {
		tenTags = strings.Replace(tenTags, "标签、", fmt.Sprintf("标签%d，", i), 1)
	}
	data := csvUTF8(t, fullHead,
		with(good(2), colCode, ""),                                      // 2
		with(good(3), colCode, wrongCheck),                              // 3
		with(good(4), colCode, "91431302MA4L0000"),                      // 4
		with(good(5), colName, " "),                                     // 5
		with(good(6), colName, strings.Repeat("名", 101)),                // 6
		with(good(7), colIndustry, "炼金术"),                               // 7
		with(good(8), colTownship, "火星街道"),                              // 8
		with(good(9), colSize, "巨型"),                                    // 9
		with(good(10), colPhone, "138abc45678"),                         // 10
		with(good(11), colAddress, strings.Repeat("址", 201)),            // 11
		with(good(12), colContact, strings.Repeat("人", 51)),             // 12
		with(good(13), colTags, tenTags+"、十一"),                          // 13
		with(good(14), colTags, "好、"+strings.Repeat("长", 21)),           // 14
		with(good(15), colCode, codeA),                                  // 15: good
		with(good(16), colCode, strings.ToLower(codeA)),                 // 16: the code of line 15
		[]string{code(17), "丁公司", "无此行业", "火星", "大型", "", "", "12", ""}, // 17: three problems
		with(good(18), colCode, "9.14313E+17"),                          // 18
		[]string{code(19), strings.Repeat("名", 100), "C", "大科街道", "", strings.Repeat("址", 200), strings.Repeat("人", 50), "", tenTags}, // 19: good, at every limit
		with(good(20), colCode, "91431302MA4L0000I"+"1"), // 20: I is no code character
	)
	b := parse(t, data, "bad.csv", newLookups())
	want := []struct {
		line int
		col  string
		key  string
	}{
		{2, HeadCreditCode, "required"},
		{3, HeadCreditCode, "credit.check"},
		{4, HeadCreditCode, "credit.length"},
		{5, HeadName, "required"},
		{6, HeadName, "too_long"},
		{7, HeadIndustry, "registry.industry"},
		{8, HeadTownship, "registry.township"},
		{9, HeadSize, "registry.size"},
		{10, HeadPhone, "bad_phone"},
		{11, HeadAddress, "too_long"},
		{12, HeadContact, "too_long"},
		{13, HeadTags, "registry.tags_many"},
		{14, HeadTags, "registry.tag_long"},
		{16, HeadCreditCode, "registry.dup_code"},
		{17, HeadIndustry, "registry.industry"},
		{17, HeadTownship, "registry.township"},
		{17, HeadPhone, "bad_phone"},
		{18, HeadCreditCode, "registry.credit_number"},
		{20, HeadCreditCode, "credit.char"},
	}
	for i := 0; i < len(want) || i < len(b.Problems); i++ {
		if i >= len(b.Problems) {
			t.Errorf("missing problem: line %d %s %s", want[i].line, want[i].col, want[i].key)
			continue
		}
		p := b.Problems[i]
		if i >= len(want) {
			t.Errorf("extra problem: line %d %s %s (%s)", p.Line, p.Column, p.Key, p.Message("zh"))
			continue
		}
		if p.Line != want[i].line || p.Column != want[i].col || p.Key != want[i].key {
			t.Errorf("problem %d: line %d %s %s (%s), want line %d %s %s", i, p.Line, p.Column, p.Key, p.Message("zh"), want[i].line, want[i].col, want[i].key)
		}
	}
	if b.OK() || b.Lines != 19 || len(b.Rows) != 2 || b.Rows[0].Line != 15 || b.Rows[1].Line != 19 {
		t.Fatalf("OK %v, %d lines, rows %+v; want good lines 15 and 19 of 19", b.OK(), b.Lines, b.Rows)
	}
	if got := b.Rows[1].Tags; len(got) != MaxTags {
		t.Errorf("line 19: tags %q", got)
	}
}

func TestProblemMessagesNameTheValue(t *testing.T) {
	code := creditCode(t, "91431302MA4L00001")
	b := parse(t, csvUTF8(t, fullHead,
		[]string{code, "甲", "", "", "", "", "", "", ""},
		[]string{code, "", "", "火星街道", "巨型", "", "", "", ""},
	), "m.csv", newLookups())
	want := []struct{ zh, en string }{
		{"统一社会信用代码 " + code + " 与第 2 行重复", "The credit code " + code + " repeats that of line 2"},
		{"名称 不能为空", "名称 (name) is required"},
		{"所属镇街“火星街道”不是本区的乡镇街道", `"火星街道" is not a township of the district`},
		{"规模“巨型”无效，可选：大型、中型、小型、微型、个体", `The size "巨型" is not one of 大型 (large), 中型 (medium), 小型 (small), 微型 (micro), 个体 (sole proprietor)`},
	}
	if len(b.Problems) != len(want) {
		t.Fatalf("%d problems, want %d: %+v", len(b.Problems), len(want), b.Problems)
	}
	for i, w := range want {
		if zh, en := b.Problems[i].Message("zh"), b.Problems[i].Message("en"); zh != w.zh || en != w.en {
			t.Errorf("problem %d: %q / %q, want %q / %q", i, zh, en, w.zh, w.en)
		}
	}
	if p := b.Problems[0]; !reflect.DeepEqual(p.Args, []any{code, 2}) || p.Line != 3 {
		t.Errorf("duplicate: %+v", p)
	}
}

func TestParseProblemNamesTheFilesHeading(t *testing.T) {
	b := parse(t, csvUTF8(t, []string{HeadCreditCode, " 企业名称 ", "乡镇 街道"}, []string{"", "", "火星"}), "h.csv", nil)
	var cols []string
	for _, p := range b.Problems {
		cols = append(cols, p.Column)
	}
	if want := []string{HeadCreditCode, HeadNameAlt, HeadTownship3}; !reflect.DeepEqual(cols, want) {
		t.Fatalf("columns %q, want %q", cols, want)
	}
}

func TestParseBlankRowsSkipped(t *testing.T) {
	good := func(base string) []string { return []string{creditCode(t, base), "甲公司"} }
	head := []string{HeadCreditCode, HeadName, "备注"}
	csvData := csvUTF8(t, head, nil, []string{"", " "}, good("91431302MA4L00001"), nil, nil,
		[]string{"", "", "只填了备注"}, good("91431302MA4L00002"), []string{"\u3000", "\t"})
	xlsxData := book(t, anyRows(head, nil, []string{"", " "}, good("91431302MA4L00001"), nil, nil,
		[]string{"", "", "只填了备注"}, good("91431302MA4L00002"), []string{"\u3000", "\t"})...)
	for name, data := range map[string][]byte{"blank.csv": csvData, "blank.xlsx": xlsxData} {
		b := parse(t, data, name, nil)
		if !b.OK() || b.Lines != 2 || len(b.Rows) != 2 || b.Rows[0].Line != 4 || b.Rows[1].Line != 8 {
			t.Errorf("%s: OK %v, %d lines, rows %+v; want lines 4 and 8", name, b.OK(), b.Lines, b.Rows)
		}
	}
}

func TestParseLinesAsASpreadsheetShowsThem(t *testing.T) {
	// A value that spans lines is one row of a spreadsheet.
	data := csvUTF8(t, []string{HeadCreditCode, HeadName, HeadAddress},
		[]string{creditCode(t, "91431302MA4L00001"), "甲公司", "娄星区\r\n乐坪街道\r\n8 号"},
		nil,
		[]string{"", "乙公司", ""})
	b := parse(t, data, "multi.csv", nil)
	if len(b.Rows) != 1 || b.Rows[0].Line != 2 || b.Rows[0].Address != "娄星区\n乐坪街道\n8 号" {
		t.Fatalf("rows %+v", b.Rows)
	}
	if len(b.Problems) != 1 || b.Problems[0].Line != 4 {
		t.Fatalf("problems %+v; want the missing code on line 4", b.Problems)
	}
}

func TestParseTitleAboveHeading(t *testing.T) {
	good := []string{creditCode(t, "91431302MA4L00001"), "甲公司"}
	data := csvUTF8(t, []string{"娄星区市场主体名录", ""}, []string{"导出时间：2026-12-01", ""}, nil, []string{HeadCreditCode, HeadName}, good)
	b := parse(t, data, "title.csv", nil)
	if !b.OK() || b.Rows[0].Line != 5 {
		t.Fatalf("rows %+v, problems %+v", b.Rows, b.Problems)
	}
	// The heading row may come after at most nine others.
	var rows [][]string
	for i := 0; i < maxTitleRows+1; i++ {
		rows = append(rows, []string{fmt.Sprint("说明 ", i)})
	}
	wantFileError(t, csvUTF8(t, append(rows, []string{HeadCreditCode, HeadName}, good)...), "late.csv", fault.Invalid, "registry.no_heading")
}

func TestParseByContentNotName(t *testing.T) {
	rows := [][]string{{HeadCreditCode, HeadName}, {creditCode(t, "91431302MA4L00001"), "甲公司"}}
	for name, data := range map[string][]byte{"名录.csv": book(t, anyRows(rows...)...), "名录.xlsx": csvUTF8(t, rows...), "名录": gb18030(t, csvUTF8(t, rows...))} {
		if b := parse(t, data, name, nil); !b.OK() {
			t.Errorf("%s: %+v", name, b.Problems)
		}
	}
}

func TestLookupsAskedOncePerValue(t *testing.T) {
	look := newLookups()
	rows := [][]string{fullHead}
	for i := 0; i < 50; i++ {
		rows = append(rows, []string{creditCode(t, fmt.Sprintf("91431302MA4L%05d", i)), "甲", "制造业", "乐坪街道", "", "", "", "", ""})
		rows = append(rows, []string{creditCode(t, fmt.Sprintf("91431302MA4M%05d", i)), "乙", "炼金术", "火星", "", "", "", "", ""})
	}
	b := parse(t, csvUTF8(t, rows...), "cache.csv", look)
	if len(b.Rows) != 50 || len(b.Problems) != 100 {
		t.Fatalf("%d rows, %d problems", len(b.Rows), len(b.Problems))
	}
	for k, n := range look.asked {
		if n != 1 {
			t.Errorf("%s asked %d times", k, n)
		}
	}
}

func TestParseNilLookupsFindNothing(t *testing.T) {
	b := parse(t, csvUTF8(t, fullHead, []string{creditCode(t, "91431302MA4L00001"), "甲", "制造业", "乐坪街道", "", "", "", "", ""}), "nil.csv", nil)
	if len(b.Problems) != 2 || b.Problems[0].Key != "registry.industry" || b.Problems[1].Key != "registry.township" {
		t.Fatalf("problems %+v", b.Problems)
	}
}

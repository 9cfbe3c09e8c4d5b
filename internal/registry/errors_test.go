package registry

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"zhitong/internal/fault"
)

func TestParseMissingColumns(t *testing.T) {
	fe := wantFileError(t, csvUTF8(t, []string{HeadName, HeadIndustry, "备注"}, []string{"甲公司", "制造业", ""}), "a.csv", fault.Invalid, "registry.columns")
	if got := fe.Message("zh"); got != "表头（第 1 行）缺少必需的列：统一社会信用代码" {
		t.Errorf("zh: %s", got)
	}
	if got := fe.Message("en"); got != "The heading row (line 1) lacks the required columns: 统一社会信用代码 (credit code)" {
		t.Errorf("en: %s", got)
	}
	// Under a title, the first row that names any column is the heading row.
	fe = wantFileError(t, book(t, anyRows([]string{"娄星区市场主体名录"}, []string{HeadIndustry, HeadAddress}, []string{"制造业", "某路"})...),
		"b.xlsx", fault.Invalid, "registry.columns")
	if got := fe.Message("zh"); got != "表头（第 2 行）缺少必需的列：统一社会信用代码、名称" {
		t.Errorf("zh: %s", got)
	}
}

func TestParseDuplicateColumn(t *testing.T) {
	code := creditCode(t, "91431302MA4L00001")
	fe := wantFileError(t, csvUTF8(t, []string{HeadName, HeadCreditCode, " 企业名称"}, []string{"甲", code, "甲"}), "a.csv", fault.Invalid, "registry.dup_column")
	if got := fe.Message("zh"); got != "表头（第 1 行）中“名称”列出现了两次：第 A 列和第 C 列" {
		t.Errorf("zh: %s", got)
	}
	wantFileError(t, book(t, anyRows([]string{HeadCreditCode, HeadName, HeadPhone, "联系 电话"}, []string{code, "甲", "", ""})...),
		"b.xlsx", fault.Invalid, "registry.dup_column")
}

func TestParseRefusesOtherFiles(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	var notBook bytes.Buffer
	zw := zip.NewWriter(&notBook)
	w, _ := zw.Create("hello.txt")
	_, _ = w.Write([]byte("a zip file, not a workbook"))
	_ = zw.Close()
	binary := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for _, tc := range []struct {
		name string
		data []byte
		key  string
	}{
		{"名录.xls", ole, "registry.xls"},
		{"名录.csv", ole, "registry.xls"},
		{"empty.csv", nil, "registry.empty"},
		{"bom.csv", withBOM(nil), "registry.empty"},
		{"spaces.csv", []byte(" \r\n\r\n\t\n"), "registry.empty"},
		{"commas.csv", []byte(",,,\r\n , ,\r\n"), "registry.empty"},
		{"empty.xlsx", book(t), "registry.empty"},
		{"picture.png", binary, "registry.not_table"},
		{"picture.xlsx", binary, "registry.not_xlsx"},
		{"zip.xlsx", notBook.Bytes(), "registry.not_xlsx"},
		{"broken.xlsx", []byte("PK\x03\x04 broken"), "registry.not_xlsx"},
		{"page.xls", []byte("<html><body><table><tr><td>统一社会信用代码</td></tr></table></body></html>"), "registry.markup"},
		{"spreadsheet2003.xls", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>`), "registry.markup"},
		{"letter.txt", []byte("尊敬的领导：\n现将名录报上。\n"), "registry.no_heading"},
		{"quotes.csv", []byte(HeadCreditCode + "," + HeadName + "\n1,\"甲公司\n2,乙\n"), "registry.csv"},
		{"heading.csv", csvUTF8(t, fullHead), "registry.no_rows"},
		{"blank.csv", csvUTF8(t, fullHead, nil, []string{" ", ""}, nil), "registry.no_rows"},
		{"heading.xlsx", book(t, anyRows(fullHead, nil, []string{" "})...), "registry.no_rows"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantFileError(t, tc.data, tc.name, fault.Invalid, tc.key) })
	}
}

func TestParseCSVSyntaxErrorNamesTheLine(t *testing.T) {
	data := []byte(HeadCreditCode + "," + HeadName + "\n1,甲\n2,乙\"公司\n")
	if got := wantFileError(t, data, "a.csv", fault.Invalid, "registry.csv").Message("zh"); !strings.Contains(got, "第 3 行") {
		t.Fatalf("zh: %s", got)
	}
}

func TestParseTooManyRows(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(HeadCreditCode + "," + HeadName + "\n")
	for i := 0; i <= MaxRows; i++ {
		fmt.Fprintf(&sb, "%d,名称\n", i)
	}
	wantFileError(t, []byte(sb.String()), "many.csv", fault.Invalid, "registry.too_many")
}

func TestParseTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("a,b\n"), MaxFileSize/4+1)
	wantFileError(t, big, "big.csv", fault.TooLarge, "registry.too_big_file")
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
	wantFileError(t, buf.Bytes(), "bomb.xlsx", fault.TooLarge, "registry.too_big")
}

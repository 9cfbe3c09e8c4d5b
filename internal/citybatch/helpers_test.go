package citybatch

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// now is the import's time in the tests: 1 December 2026, 10:00 in Beijing.
var now = time.Date(2026, 12, 1, 10, 0, 0, 0, appeal.CST)

const district = 7

var names = Names{
	Categories:  map[string]int64{"水电气": 3, "融资": 4},
	Territories: map[string]int64{"乐坪街道": 11, "万宝镇": 12},
}

// Credit codes and phones that appeal.Intake.Validate accepts.
const (
	goodCode  = "91350100M000100Y43"
	goodCode2 = "91110000802100433B"
	goodPhone = "13800138000"
)

// fullHead is the layout's headings in the order of the columns.
var fullHead = []any{HeadExternalNo, HeadTitle, HeadContent, HeadType, HeadCategory, HeadUrgency, HeadEnterprise,
	HeadCreditCode, HeadContact, HeadPhone, HeadTerritory, HeadAssignedAt, HeadDueAt}

// goodRow is a row of fullHead that Parse accepts, numbered no.
func goodRow(no string) []any {
	return []any{no, "供电线路跳闸", "厂区线路频繁跳闸，请求排查。", "求助", "水电气", "一般", "娄底某某机械有限公司",
		goodCode, "王先生", goodPhone, "乐坪街道", "2026-11-30", "2026-12-15"}
}

// with returns a copy of row with cell i set to v.
func with(row []any, i int, v any) []any {
	out := append([]any(nil), row...)
	out[i] = v
	return out
}

// book writes rows from row 1 of the first sheet of a new workbook; a nil row
// leaves its line empty.
func book(tb testing.TB, rows ...[]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			tb.Fatal(err)
		}
	}
	return write(tb, f)
}

func write(tb testing.TB, f *excelize.File) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// parse parses data with the tests' district, names and now, and fails on a
// file-level error.
func parse(tb testing.TB, data []byte) *Batch {
	tb.Helper()
	b, err := Parse(data, district, names, now)
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return b
}

// keyOf returns the message key and kind of err, a *fault.Error.
func keyOf(tb testing.TB, err error) (string, fault.Kind) {
	tb.Helper()
	var fe *fault.Error
	if !errors.As(err, &fe) {
		tb.Fatalf("%v (%T) is not a *fault.Error", err, err)
	}
	return fe.Key, fe.Kind
}

// wantFileError checks that Parse refuses data as a whole with key.
func wantFileError(tb testing.TB, data []byte, kind fault.Kind, key string) *fault.Error {
	tb.Helper()
	b, err := Parse(data, district, names, now)
	if err == nil {
		tb.Fatalf("Parse accepted the file: %d rows, %d problems", len(b.Rows), len(b.Problems))
	}
	if k, kd := keyOf(tb, err); k != key || kd != kind {
		tb.Fatalf("error %v: key %s kind %v, want %s %v", err, k, kd, key, kind)
	}
	var fe *fault.Error
	errors.As(err, &fe)
	return fe
}

// cst is a time in China Standard Time.
func cst(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, appeal.CST)
}

package registry

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"zhitong/internal/fault"
)

// creditCode makes a valid unified social credit code of a 17-character
// base by the check-character rule of GB 32100-2015, worked out here on its
// own: the value of each character in the code's 31-character set, weighted
// by 3 to the power of its place modulo 31; the check character is the one
// whose value brings the sum to a multiple of 31.
func creditCode(tb testing.TB, base string) string {
	tb.Helper()
	const set = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	if len(base) != 17 {
		tb.Fatalf("credit code base %q: %d characters, want 17", base, len(base))
	}
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(set, base[i])
		if v < 0 {
			tb.Fatalf("credit code base %q: %q is not a code character", base, base[i])
		}
		sum += v * w
		w = w * 3 % 31
	}
	return base + string(set[(31-sum%31)%31])
}

// fakeLookups knows a few industries and townships and counts the questions.
type fakeLookups struct {
	industries map[string]string
	townships  map[string]int64
	asked      map[string]int
}

func newLookups() *fakeLookups {
	return &fakeLookups{
		industries: map[string]string{"制造业": "C", "C": "C", "批发和零售业": "F", "餐饮业": "H62"},
		townships:  map[string]int64{"乐坪街道": 11, "万宝镇": 12, "大科街道": 13},
		asked:      map[string]int{},
	}
}

func (l *fakeLookups) Industry(cell string) (string, bool) {
	l.asked["industry:"+cell]++
	code, ok := l.industries[cell]
	return code, ok
}

func (l *fakeLookups) Township(name string) (int64, bool) {
	l.asked["township:"+name]++
	id, ok := l.townships[name]
	return id, ok
}

// fullHead is every heading, in the order of the columns.
var fullHead = []string{HeadCreditCode, HeadName, HeadIndustry, HeadTownship, HeadSize, HeadAddress, HeadContact, HeadPhone, HeadTags}

// with returns a copy of row with cell i set to v.
func with(row []string, i int, v string) []string {
	out := append([]string(nil), row...)
	out[i] = v
	return out
}

// csvUTF8 writes rows as CSV in UTF-8, as Excel quotes them; a nil row is
// an empty line.
func csvUTF8(tb testing.TB, rows ...[]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, r := range rows {
		if r == nil {
			w.Flush()
			buf.WriteString("\r\n")
			continue
		}
		if err := w.Write(r); err != nil {
			tb.Fatal(err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// gb18030 encodes UTF-8 text in GB18030, as Chinese Excel saves a CSV.
func gb18030(tb testing.TB, text []byte) []byte {
	tb.Helper()
	out, err := simplifiedchinese.GB18030.NewEncoder().Bytes(text)
	if err != nil {
		tb.Fatal(err)
	}
	if utf8.Valid(out) {
		tb.Fatal("the GB18030 text is valid UTF-8 too: it tests nothing")
	}
	return out
}

// withBOM prefixes UTF-8 text with a byte order mark, as Excel's "CSV UTF-8"
// does.
func withBOM(text []byte) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, text...) }

// book writes rows from row 1 of the first sheet of a new workbook; a nil
// row leaves its line empty.
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
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// anyRows turns rows of text into rows of cells for book.
func anyRows(rows ...[]string) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		if r == nil {
			continue
		}
		out[i] = make([]any, len(r))
		for j, c := range r {
			out[i][j] = c
		}
	}
	return out
}

// parse parses data with look, fails on a file-level error, and checks that
// every problem's message is in the catalog and renders in both languages.
func parse(tb testing.TB, data []byte, name string, look Lookups) *Batch {
	tb.Helper()
	b, err := Parse(data, name, look)
	if err != nil {
		tb.Fatalf("Parse %s: %v", name, err)
	}
	for _, p := range b.Problems {
		wantMessage(tb, p.Key, p.Message("zh"), p.Message("en"))
	}
	return b
}

// wantMessage checks that key is in the catalog and that its texts took
// their arguments.
func wantMessage(tb testing.TB, key, zh, en string) {
	tb.Helper()
	if !fault.Known(key) {
		tb.Errorf("message key %q is not in the catalog", key)
	}
	if strings.Contains(zh, "%!") || strings.Contains(en, "%!") {
		tb.Errorf("%s: arguments do not fit: %q / %q", key, zh, en)
	}
}

// wantFileError checks that Parse refuses data as a whole with kind and key.
func wantFileError(tb testing.TB, data []byte, name string, kind fault.Kind, key string) *fault.Error {
	tb.Helper()
	b, err := Parse(data, name, newLookups())
	if err == nil {
		tb.Fatalf("%s: Parse accepted the file: %d rows, %d problems", name, len(b.Rows), len(b.Problems))
	}
	var fe *fault.Error
	if !errors.As(err, &fe) {
		tb.Fatalf("%s: %v (%T) is not a *fault.Error", name, err, err)
	}
	if fe.Key != key || fe.Kind != kind {
		tb.Fatalf("%s: error %v: key %s kind %v, want %s %v", name, err, fe.Key, fe.Kind, key, kind)
	}
	wantMessage(tb, fe.Key, fe.Message("zh"), fe.Message("en"))
	return fe
}

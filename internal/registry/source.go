package registry

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"zhitong/internal/fault"
)

// table gives the rows of a file one at a time.
type table interface {
	// next returns the cells of the next row and its line as a person sees
	// it, or io.EOF after the last row. The cells are valid until the next
	// call.
	next() (line int, cells []string, err error)
	close()
}

// maxUnzipped bounds the unpacked size of a workbook: MaxRows rows of long
// values fit in it, a zip bomb does not.
const maxUnzipped = 256 << 20

// The magic numbers that begin a file.
var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06")
	// oleMagic begins an old .xls workbook, a WPS .et one and an encrypted .xlsx.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
)

// openTable opens data as a workbook or as CSV, by its content. The name
// only helps to say what is wrong with a file that is neither.
func openTable(data []byte, filename string) (table, error) {
	switch {
	case bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, emptyZipMagic):
		return openXLSX(data)
	case bytes.HasPrefix(data, oleMagic):
		return nil, fault.E(fault.Invalid, "registry.xls")
	}
	text := decodeText(data)
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, fault.E(fault.Invalid, "registry.empty")
	}
	if bytes.IndexByte(text, 0) >= 0 { // no text file holds a NUL
		if isWorkbookName(filename) {
			return nil, fault.E(fault.Invalid, "registry.not_xlsx")
		}
		return nil, fault.E(fault.Invalid, "registry.not_table")
	}
	if isMarkup(text) {
		return nil, fault.E(fault.Invalid, "registry.markup")
	}
	return newCSVTable(text), nil
}

// isWorkbookName reports whether a file's name says it is a workbook.
func isWorkbookName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xls", ".et":
		return true
	}
	return false
}

// isMarkup reports whether text is a web page or XML, as some systems export
// under the name .xls.
func isMarkup(text []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(text[:min(len(text), 512)]))
	for _, p := range []string{"<html", "<!doctype", "<table", "<?xml", "<meta"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return false
}

// decodeText returns text as UTF-8: UTF-8 with or without a byte order mark
// as it is, UTF-16 with a byte order mark (Excel's "Unicode text") decoded,
// and anything else read as GB18030, which includes GBK, the encoding of a
// CSV that Chinese Excel saves.
func decodeText(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			return out
		}
	case utf8.Valid(data):
		return data
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// csvTable reads CSV text.
type csvTable struct {
	r       *csv.Reader
	row     int // the spreadsheet row of the last record
	lastEnd int // the text line on which the last record ended
}

func newCSVTable(text []byte) *csvTable {
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = delimiter(text)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &csvTable{r: r}
}

// next numbers the records as a spreadsheet shows the file: one row a
// record, a value that spans lines included, and one an empty line, which
// encoding/csv skips. Without values that span lines, that is the text's
// line number.
func (t *csvTable) next() (int, []string, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return 0, nil, fault.E(fault.Invalid, "registry.csv", pe.StartLine)
	}
	if err != nil {
		return 0, nil, fault.E(fault.Invalid, "registry.not_table")
	}
	start, _ := t.r.FieldPos(0)
	t.row += start - t.lastEnd
	end, _ := t.r.FieldPos(len(rec) - 1)
	t.lastEnd = end + strings.Count(rec[len(rec)-1], "\n")
	return t.row, rec, nil
}

func (t *csvTable) close() {}

// delimiter is the separator of the first line's values: a comma, or a tab
// or semicolon in a line that has no comma.
func delimiter(text []byte) rune {
	text = bytes.TrimLeft(text, "\r\n")
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	if bytes.IndexByte(text, ',') >= 0 {
		return ','
	}
	tabs, semis := bytes.Count(text, []byte{'\t'}), bytes.Count(text, []byte{';'})
	switch {
	case tabs > 0 && tabs >= semis:
		return '\t'
	case semis > 0:
		return ';'
	}
	return ','
}

// xlsxTable reads the first sheet of a workbook.
type xlsxTable struct {
	f    *excelize.File
	rows *excelize.Rows
	line int
}

// openXLSX opens data as a workbook, refusing what is not one and what
// unpacks to too much.
func openXLSX(data []byte) (*xlsxTable, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fault.E(fault.Invalid, "registry.not_xlsx")
	}
	var size uint64
	for _, zf := range zr.File {
		size += zf.UncompressedSize64
	}
	if size > maxUnzipped {
		return nil, fault.E(fault.TooLarge, "registry.too_big", maxUnzipped>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, fault.E(fault.Invalid, "registry.not_xlsx")
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, fault.E(fault.Invalid, "registry.no_sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, fault.E(fault.Invalid, "registry.not_xlsx")
	}
	return &xlsxTable{f: f, rows: rows}, nil
}

// next returns the raw values of the next row: a number as the sheet stores
// it, not as its format shows it.
func (t *xlsxTable) next() (int, []string, error) {
	if !t.rows.Next() {
		if t.rows.Error() != nil {
			return 0, nil, fault.E(fault.Invalid, "registry.not_xlsx")
		}
		return 0, nil, io.EOF
	}
	t.line++
	cells, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, fault.E(fault.Invalid, "registry.not_xlsx")
	}
	return t.line, cells, nil
}

func (t *xlsxTable) close() {
	_ = t.rows.Close()
	_ = t.f.Close()
}

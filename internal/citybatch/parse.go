package citybatch

import (
	"archive/zip"
	"bytes"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/fault"
)

// maxUnzipped bounds the unpacked size of a workbook: 5000 rows of the
// longest content fit in it, a zip bomb does not.
const maxUnzipped = 128 << 20

// oleMagic begins an old .xls workbook and an encrypted .xlsx one.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Parse reads a workbook of appeals that the city assigns down to district,
// as of now (deadlines must be later), looking categories and townships up
// in names.
//
// It returns an error — of kind Invalid, or TooLarge for a file that unpacks
// to more than 128 MiB — only when the file as a whole is unusable: not an
// .xlsx workbook, no sheet, a required column missing or given twice, no
// data row, more than MaxRows. Otherwise the Batch holds the good rows and
// every problem of the others; blank rows are skipped.
func Parse(data []byte, district int64, names Names, now time.Time) (*Batch, error) {
	if district <= 0 {
		return nil, fault.Field("district_id", "intake.district")
	}
	f, err := open(data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fault.E(fault.Invalid, "citybatch.no_sheet")
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, fault.E(fault.Invalid, "citybatch.not_xlsx")
	}
	p := &rowParser{district: district, names: names, now: now, date1904: props.Date1904 != nil && *props.Date1904, seen: map[string]int{}}
	b, err := p.read(f, sheets[0])
	if err != nil {
		return nil, err
	}
	if b.Lines == 0 {
		return nil, fault.E(fault.Invalid, "citybatch.empty")
	}
	return b, nil
}

// open opens data as a workbook, refusing what is not one and what unpacks
// to too much.
func open(data []byte) (*excelize.File, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, fault.E(fault.Invalid, "citybatch.xls")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fault.E(fault.Invalid, "citybatch.not_xlsx")
	}
	var size uint64
	for _, zf := range zr.File {
		size += zf.UncompressedSize64
	}
	if size > maxUnzipped {
		return nil, fault.E(fault.TooLarge, "citybatch.too_big", maxUnzipped>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, fault.E(fault.Invalid, "citybatch.not_xlsx")
	}
	return f, nil
}

// read reads the heading row and then each data row of sheet.
func (p *rowParser) read(f *excelize.File, sheet string) (*Batch, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fault.E(fault.Invalid, "citybatch.not_xlsx")
	}
	defer rows.Close()
	b := &Batch{}
	var at [nColumns]int
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fault.E(fault.Invalid, "citybatch.not_xlsx")
		}
		if line == 1 {
			if at, err = headings(cells); err != nil {
				return nil, err
			}
			continue
		}
		vals, blank := pick(cells, &at)
		if blank {
			continue
		}
		if b.Lines++; b.Lines > MaxRows {
			return nil, fault.E(fault.Invalid, "citybatch.too_many", MaxRows)
		}
		row, probs := p.row(line, &vals)
		if len(probs) > 0 {
			b.Problems = append(b.Problems, probs...)
		} else {
			b.Rows = append(b.Rows, row)
		}
	}
	if rows.Error() != nil {
		return nil, fault.E(fault.Invalid, "citybatch.not_xlsx")
	}
	if b.Lines == 0 && at == ([nColumns]int{}) {
		return nil, missing(at)
	}
	return b, nil
}

// headings finds each column of the layout in the heading row: at[c] is the
// index of column c in a row plus one, or 0 when the workbook lacks it.
// Headings are matched without spaces around them or the asterisk that some
// templates put on required ones; other headings are ignored.
func headings(cells []string) (at [nColumns]int, err error) {
	for i, h := range cells {
		h = strings.TrimSpace(strings.Trim(strings.TrimSpace(h), "*＊"))
		for c, col := range columns {
			if h != col.head {
				continue
			}
			if at[c] != 0 {
				return at, fault.E(fault.Invalid, "citybatch.dup_column", col.head)
			}
			at[c] = i + 1
		}
	}
	if err := missing(at); err != nil {
		return at, err
	}
	return at, nil
}

// missing reports the required columns that at lacks, or nil.
func missing(at [nColumns]int) error {
	var zh, en []string
	for c, col := range columns {
		if col.required && at[c] == 0 {
			zh, en = append(zh, col.head), append(en, col.head+" ("+col.en+")")
		}
	}
	if len(zh) == 0 {
		return nil
	}
	return fault.E(fault.Invalid, "citybatch.columns", fault.Both{Zh: strings.Join(zh, "、"), En: strings.Join(en, ", ")})
}

// pick returns the trimmed values of the layout's columns in a row, and
// whether all of them are empty.
func pick(cells []string, at *[nColumns]int) (vals [nColumns]string, blank bool) {
	blank = true
	for c, i := range at {
		if i == 0 || i > len(cells) {
			continue
		}
		vals[c] = strings.TrimSpace(cells[i-1])
		if vals[c] != "" {
			blank = false
		}
	}
	return vals, blank
}

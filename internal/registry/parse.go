package registry

import (
	"errors"
	"io"

	"zhitong/internal/fault"
)

// maxTitleRows is how many rows above the heading row a file may have: a
// title such as 娄星区市场主体名录, a date, a note.
const maxTitleRows = 9

// Parse reads a registry file: an .xlsx workbook, its first sheet, or CSV,
// told apart by the content of data; filename, as uploaded, only helps to
// say what is wrong with a file that is neither. look finds industries and
// townships; a nil look finds none.
//
// The heading row is the first row that names both required columns; up to
// nine rows above it, such as a title, are ignored. It returns an error —
// of kind Invalid, or TooLarge for a file over MaxFileSize or a workbook that
// unpacks to too much — only when the file as a whole is unusable: an old
// .xls workbook, a web page, not a table, empty, no heading row, a required
// column missing or a column given twice, no data row, more than MaxRows.
// Otherwise the Batch holds the good rows and every problem of the others;
// blank rows are skipped.
func Parse(data []byte, filename string, look Lookups) (*Batch, error) {
	if len(data) > MaxFileSize {
		return nil, fault.E(fault.TooLarge, "registry.too_big_file", MaxFileSize>>20)
	}
	t, err := openTable(data, filename)
	if err != nil {
		return nil, err
	}
	defer t.close()
	h, err := findHeading(t)
	if err != nil {
		return nil, err
	}
	if look == nil {
		look = LookupFuncs{}
	}
	return newRowParser(h, look).read(t)
}

// findHeading reads up to the heading row.
func findHeading(t table) (*heading, error) {
	var first *heading // the first row that names any column
	seen := 0
	for seen <= maxTitleRows {
		line, cells, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if blankCells(cells) {
			continue
		}
		seen++
		h := readHeading(line, cells)
		if h.complete() {
			return h, h.dup
		}
		if first == nil && h.known() {
			first = h
		}
	}
	switch {
	case seen == 0:
		return nil, fault.E(fault.Invalid, "registry.empty")
	case first != nil:
		return nil, first.missing()
	}
	return nil, fault.E(fault.Invalid, "registry.no_heading", maxTitleRows+1)
}

// read reads the data rows below the heading.
func (p *rowParser) read(t table) (*Batch, error) {
	b := &Batch{}
	for {
		line, cells, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		vals, blank := pick(cells, p.head)
		if blank {
			continue
		}
		if b.Lines++; b.Lines > MaxRows {
			return nil, fault.E(fault.Invalid, "registry.too_many", MaxRows)
		}
		row, probs := p.row(line, &vals)
		if len(probs) > 0 {
			b.Problems = append(b.Problems, probs...)
		} else {
			b.Rows = append(b.Rows, row)
		}
	}
	if b.Lines == 0 {
		return nil, fault.E(fault.Invalid, "registry.no_rows")
	}
	return b, nil
}

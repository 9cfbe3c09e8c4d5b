// Package export makes the text of zhitong safe to hand to a spreadsheet.
// A cell whose text begins with = + - or @ (or a tab or carriage return
// before one) is read by Excel, WPS and LibreOffice as a formula, which can
// run commands or send data away when the file is opened (CSV injection,
// CWE-1236). Every export — CSV or xlsx — writes each text cell through
// Cell, so that what a person typed stays text.
package export

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"
)

// triggers are the characters that make a spreadsheet read a cell as a
// formula, with their full-width forms, which some spreadsheets convert.
const triggers = "=+-@\t\r＝＋－＠"

// Cell returns s safe to write as a spreadsheet cell: if it begins with a
// formula trigger (= + - @, a tab or a carriage return, in ASCII or full
// width), even after spaces, it gets a leading apostrophe, which
// spreadsheets take as "this is text"; otherwise it is s unchanged. Numbers
// should be written as numbers, not through Cell: "-5" comes back "'-5".
func Cell(s string) string {
	t := strings.TrimLeft(s, " \u00a0\u3000")
	if t == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(t)
	if strings.ContainsRune(triggers, r) {
		return "'" + s
	}
	return s
}

// Row returns the cells of a row, each through Cell.
func Row(cells ...string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = Cell(c)
	}
	return out
}

// bom is the UTF-8 byte order mark, without which Excel reads a CSV file of
// Chinese text in the local code page and garbles it.
const bom = "\uFEFF"

// CSV writes rows as a CSV file for spreadsheets: UTF-8 with a byte order
// mark, CRLF line ends, and every cell through Cell.
type CSV struct {
	w       *csv.Writer
	started bool
	out     io.Writer
}

// NewCSV returns a CSV writer to w.
func NewCSV(w io.Writer) *CSV {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &CSV{w: cw, out: w}
}

// Write writes one row, the byte order mark first.
func (c *CSV) Write(cells ...string) error {
	if !c.started {
		c.started = true
		if _, err := io.WriteString(c.out, bom); err != nil {
			return err
		}
	}
	return c.w.Write(Row(cells...))
}

// Flush writes what is buffered and returns the first error of any write.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

package registry

import (
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/fault"
)

// The columns Parse reads, in the order it checks a row's cells.
const (
	colCode = iota
	colName
	colIndustry
	colTownship
	colSize
	colAddress
	colContact
	colPhone
	colTags
	nColumns
)

// column describes one column.
type column struct {
	heads    []string // the headings that name it; the first is its own
	en       string   // its name in English messages
	required bool     // the file must have the column, and each row a value in it
}

var columns = [nColumns]column{
	colCode:     {[]string{HeadCreditCode}, "credit code", true},
	colName:     {[]string{HeadName, HeadNameAlt}, "name", true},
	colIndustry: {[]string{HeadIndustry}, "industry", false},
	colTownship: {[]string{HeadTownship, HeadTownship2, HeadTownship3}, "township", false},
	colSize:     {[]string{HeadSize}, "size", false},
	colAddress:  {[]string{HeadAddress}, "address", false},
	colContact:  {[]string{HeadContact}, "contact", false},
	colPhone:    {[]string{HeadPhone}, "phone", false},
	colTags:     {[]string{HeadTags}, "tags", false},
}

// columnOf maps each heading to its column.
var columnOf = func() map[string]int {
	m := map[string]int{}
	for c, col := range columns {
		for _, h := range col.heads {
			m[h] = c
		}
	}
	return m
}()

// label is a column's name for messages: its heading in Chinese, with its
// English name in English.
func (c column) label() fault.Both {
	return fault.Both{Zh: c.heads[0], En: c.heads[0] + " (" + c.en + ")"}
}

// heading is the heading row of a file.
type heading struct {
	line  int
	at    [nColumns]int    // the index of each column in a row plus one, or 0 when the file lacks it
	names [nColumns]string // each column's heading as the file writes it
	dup   error            // a column given twice, if any
}

// complete reports whether h has every required column.
func (h *heading) complete() bool {
	for c, col := range columns {
		if col.required && h.at[c] == 0 {
			return false
		}
	}
	return true
}

// known reports whether h has any column at all.
func (h *heading) known() bool { return h.at != [nColumns]int{} }

// readHeading finds the columns in the cells of a row at line.
func readHeading(line int, cells []string) *heading {
	h := &heading{line: line}
	for i, cell := range cells {
		name := normalizeHeading(cell)
		c, ok := columnOf[name]
		if !ok {
			continue
		}
		if h.at[c] != 0 {
			if h.dup == nil {
				h.dup = fault.E(fault.Invalid, "registry.dup_column", line, columns[c].label(), columnName(h.at[c]), columnName(i+1))
			}
			continue
		}
		h.at[c], h.names[c] = i+1, name
	}
	return h
}

// missing is the error naming the required columns that h lacks.
func (h *heading) missing() error {
	var zh, en []string
	for c, col := range columns {
		if col.required && h.at[c] == 0 {
			zh, en = append(zh, col.heads[0]), append(en, col.label().En)
		}
	}
	return fault.E(fault.Invalid, "registry.columns", h.line, fault.Both{Zh: strings.Join(zh, "、"), En: strings.Join(en, ", ")})
}

// normalizeHeading drops the spaces, full-width ones included, the byte
// order mark and the asterisks of a heading.
func normalizeHeading(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\uFEFF' || r == '*' || r == '＊' {
			return -1
		}
		return r
	}, s)
}

// columnName is the letter of the column at index i plus one, as Excel
// shows it.
func columnName(i int) string {
	name, err := excelize.ColumnNumberToName(i)
	if err != nil {
		return "?"
	}
	return name
}

// pick returns the trimmed values of the columns in a row's cells, and
// whether all of them are empty.
func pick(cells []string, h *heading) (vals [nColumns]string, blank bool) {
	blank = true
	for c, i := range h.at {
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

// blankCells reports whether every cell is empty or spaces.
func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// maxQuoted is how many characters of a cell a message repeats.
const maxQuoted = 30

// quoted shortens a cell's value to repeat it in a message.
func quoted(s string) string {
	n := 0
	for i := range s {
		if n == maxQuoted {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

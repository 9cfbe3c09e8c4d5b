// Package registry reads the enterprise registry file that an officer
// imports: every market entity of a district, 个体工商户 included, one a row,
// with its unified social credit code, name, industry, township, size,
// address, contact and tags.
//
// The file is an .xlsx workbook (its first sheet) or a CSV file in UTF-8,
// with or without a byte order mark, or in GB18030/GBK as Chinese Excel
// saves it; the format is told by the file's content, not by its name. The
// heading row names the columns in Chinese, in any order. Parse reads the
// file as a dry run: it returns the good rows and every problem of every bad
// row, with the line a person sees in the file, so that the whole file can be
// corrected at once and the caller can import all of it or nothing.
//
// The package knows no database and no HTTP: the caller gives the lookups of
// industries and townships, and stores the rows.
package registry

import "zhitong/internal/fault"

// Limits of one file.
const (
	MaxRows     = 100000   // data rows; a district's registry of tens of thousands is normal
	MaxFileSize = 64 << 20 // bytes of the file as uploaded
)

// The headings of the columns. A column may be headed by any of its names;
// spaces in and around a heading, and an asterisk marking a required
// column, do not count.
const (
	HeadCreditCode = "统一社会信用代码" // required
	HeadName       = "名称"       // required; also 企业名称
	HeadNameAlt    = "企业名称"
	HeadIndustry   = "行业"
	HeadTownship   = "所属镇街" // also 镇街, 乡镇街道
	HeadTownship2  = "镇街"
	HeadTownship3  = "乡镇街道"
	HeadSize       = "规模"
	HeadAddress    = "地址"
	HeadContact    = "联系人"
	HeadPhone      = "联系电话"
	HeadTags       = "标签"
)

// The sizes (规模) a row may give. 大型企业 and the like are read without
// 企业, and 个体工商户 or 个体户 as 个体.
const (
	SizeLarge  = "大型"
	SizeMedium = "中型"
	SizeSmall  = "小型"
	SizeMicro  = "微型"
	SizeSole   = "个体"
)

// Limits of one row's values, in characters.
const (
	MaxName    = 100
	MaxAddress = 200
	MaxContact = 50
	MaxTags    = 10 // tags a row may give
	MaxTag     = 20 // characters of one tag
)

// Lookups finds what the names in a file stand for. Parse asks about each
// distinct value once.
type Lookups interface {
	// Industry returns the code of the industry a 行业 cell names.
	Industry(cell string) (code string, ok bool)
	// Township returns the id of the district's township (乡镇街道) of a
	// 所属镇街 cell.
	Township(name string) (id int64, ok bool)
}

// LookupFuncs makes Lookups of two functions; a nil function finds nothing.
type LookupFuncs struct {
	IndustryFunc func(cell string) (string, bool)
	TownshipFunc func(name string) (int64, bool)
}

var _ Lookups = LookupFuncs{}

// Industry calls IndustryFunc.
func (l LookupFuncs) Industry(cell string) (string, bool) {
	if l.IndustryFunc == nil {
		return "", false
	}
	return l.IndustryFunc(cell)
}

// Township calls TownshipFunc.
func (l LookupFuncs) Township(name string) (int64, bool) {
	if l.TownshipFunc == nil {
		return 0, false
	}
	return l.TownshipFunc(name)
}

// Batch is what Parse read from a file.
type Batch struct {
	Lines    int       // the data rows read, blank rows not counted
	Rows     []Row     // the rows without problems, in file order
	Problems []Problem // every problem of every other row, by line
}

// OK reports whether the whole file can be imported: it has rows and no
// problem.
func (b *Batch) OK() bool { return len(b.Problems) == 0 && len(b.Rows) > 0 }

// Row is one good row of a file, its values trimmed and checked.
type Row struct {
	Line         int    // the row's line in the file as a spreadsheet shows it: the first line is 1
	CreditCode   string // normalized: upper case, no spaces
	Name         string
	Industry     string // the code Lookups.Industry gave; "" when the cell is blank
	Size         string // one of SizeLarge … SizeSole; "" when blank
	TerritoryID  int64  // the township Lookups.Township gave; 0 when blank
	Address      string
	ContactName  string
	ContactPhone string
	Tags         []string // without repeats, in the order given; nil when blank
}

// Problem is one bad cell of a row.
type Problem struct {
	Line   int    // the row's line in the file, as Row.Line
	Column string // the heading of the column at fault, as the file writes it
	Key    string // the message key in the fault catalog
	Args   []any  // the message's arguments
}

// Message renders the reason of p in lang ("zh" or "en"), without its line
// and column.
func (p Problem) Message(lang string) string { return fault.Text(lang, p.Key, p.Args...) }

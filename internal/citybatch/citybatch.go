// Package citybatch reads and writes the workbook in which the city's
// 直通车办 assigns appeals down to a district (市交办) and in which the
// district sends the results back.
//
// The workbook is an .xlsx file whose first sheet has one heading row and
// then one appeal a row, keeping the city's own number (市工单编号) and the
// city's deadline (办理时限). Parse reads it as a dry run: it returns the
// intakes of the good rows and every problem of every bad row, so that a
// person can correct the whole file at once and the caller can import all of
// it or nothing. Export writes the same columns back, with the district's
// result appended; Template writes an empty workbook to fill in.
//
// The package knows no database and no HTTP: the caller gives the names of
// categories and townships and the import's time, and stores the rows.
package citybatch

import (
	"errors"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// MaxRows is the most data rows one workbook may hold.
const MaxRows = 5000

// The headings of the columns, as the city writes them in row 1.
const (
	HeadExternalNo = "市工单编号"
	HeadTitle      = "标题"
	HeadContent    = "诉求内容"
	HeadType       = "诉求类型"
	HeadCategory   = "诉求类别"
	HeadUrgency    = "紧急程度"
	HeadEnterprise = "企业名称"
	HeadCreditCode = "统一社会信用代码"
	HeadContact    = "联系人"
	HeadPhone      = "联系电话"
	HeadTerritory  = "所属镇街"
	HeadAssignedAt = "交办时间"
	HeadDueAt      = "办理时限"
)

// The headings of the result columns that Export appends and Parse ignores.
const (
	HeadNumber       = "本区编号"
	HeadState        = "办理状态"
	HeadOutcome      = "办理结果"
	HeadReply        = "答复内容"
	HeadClosedAt     = "办结时间"
	HeadSatisfaction = "满意度评价"
)

// Names gives the ids of the names a workbook may use: categories (诉求类别)
// and townships (所属镇街) of the district, each by its exact name.
type Names struct {
	Categories  map[string]int64
	Territories map[string]int64
}

// Batch is what Parse read from a workbook.
type Batch struct {
	Rows     []Row     // the rows without problems, in file order
	Problems []Problem // every problem of every other row, by line and then column
	Lines    int       // the data rows read, blank rows not counted
}

// OK reports whether the whole workbook can be imported: it has rows and no
// problem.
func (b *Batch) OK() bool { return len(b.Problems) == 0 && len(b.Rows) > 0 }

// Row is one good row of a workbook.
type Row struct {
	Line       int           // the row's number in the sheet, as Excel shows it
	Intake     appeal.Intake // validated: channel 市交办, the city's number and deadline
	AssignedAt time.Time     // 交办时间 as the city gave it; zero when blank
}

// Problem is one bad cell, or one bad row when Column is empty.
type Problem struct {
	Line   int    // the row's number in the sheet, as Excel shows it
	Column string // the heading of the column at fault, such as 联系电话
	Err    error  // a *fault.Error of kind Invalid
}

// Message renders the reason of p in lang ("zh" or "en"), without its line
// and column.
func (p Problem) Message(lang string) string {
	var fe *fault.Error
	if errors.As(p.Err, &fe) {
		return fe.Message(lang)
	}
	return fault.Text(lang, "internal")
}

package citybatch

import (
	"bytes"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/appeal"
)

// Result is the district's result for one appeal, as the city reads it.
type Result struct {
	ExternalNo   string    // 市工单编号
	Number       string    // 本区编号: the district's case number
	State        string    // 办理状态: a Chinese label such as 办理中 or 已办结
	Outcome      string    // 办理结果: 已解决, 部分解决 or 未解决已作解释; "" before a result
	Reply        string    // 答复内容
	ClosedAt     time.Time // 办结时间; zero while open
	Satisfaction string    // 满意度评价: 满意, 基本满意, 不满意, or 无法联系; "" before a visit
}

// ResultOf is the result of a as the city reads it.
func ResultOf(a *appeal.Appeal) Result {
	r := Result{
		ExternalNo: a.ExternalNo, Number: a.Number(), State: appeal.StateName(a.State),
		Outcome: outcomeNames[a.ResultOutcome], Reply: a.ResultText, ClosedAt: a.ClosedAt,
		Satisfaction: satisfactionNames[a.Satisfaction],
	}
	if a.Unreachable {
		r.Satisfaction = unreachableName
	}
	return r
}

// ExportRow is one row of an exported workbook: the appeal's columns as the
// city sent them, and the result.
type ExportRow struct {
	Appeal     appeal.Appeal
	Category   string    // 诉求类别: the category's name; "" for none
	Territory  string    // 所属镇街: the township's name; "" for none
	AssignedAt time.Time // 交办时间 as the city gave it; zero when unknown
	Result     Result    // the result columns; its ExternalNo is not written (the appeal's is)
}

// NewExportRow is the row of a, with its result.
func NewExportRow(a *appeal.Appeal, category, territory string) ExportRow {
	return ExportRow{Appeal: *a, Category: category, Territory: territory, Result: ResultOf(a)}
}

// resultColumns are the columns Export appends to the layout.
var resultColumns = []struct {
	head  string
	width float64
}{{HeadNumber, 22}, {HeadState, 10}, {HeadOutcome, 14}, {HeadReply, 50}, {HeadClosedAt, 18}, {HeadSatisfaction, 10}}

// styles are the cell styles of a workbook.
type styles struct{ head, date, dateTime int }

func newStyles(f *excelize.File) (st styles, err error) {
	date, dateTime := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	if st.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}); err != nil {
		return st, err
	}
	if st.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &date}); err != nil {
		return st, err
	}
	st.dateTime, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateTime})
	return st, err
}

// timeValue is the cell of a time: empty when zero, else its serial number
// styled as a date or a date and time.
func (st styles) timeValue(t time.Time, deadline bool) any {
	if t.IsZero() {
		return nil
	}
	serial, bare := timeCell(t)
	if deadline {
		serial, bare = dueCell(t)
	}
	if bare {
		return excelize.Cell{StyleID: st.date, Value: serial}
	}
	return excelize.Cell{StyleID: st.dateTime, Value: serial}
}

// Export writes rows as a workbook of the layout that Parse reads, with the
// result columns after it. Text cells are written as text, never as
// formulas; times in China Standard Time.
func Export(rows []ExportRow) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "市交办诉求"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	head := make([]any, 0, nColumns+len(resultColumns))
	for i, c := range columns {
		head = append(head, excelize.Cell{StyleID: st.head, Value: c.head})
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	for i, c := range resultColumns {
		head = append(head, excelize.Cell{StyleID: st.head, Value: c.head})
		if err := sw.SetColWidth(nColumns+i+1, nColumns+i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, st.values(&r)); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// values are the cells of one exported row.
func (st styles) values(r *ExportRow) []any {
	a := &r.Appeal
	v := make([]any, nColumns, nColumns+len(resultColumns))
	v[colNo], v[colTitle], v[colContent] = a.ExternalNo, a.Title, a.Content
	v[colType], v[colCategory], v[colUrgency] = typeNames[a.Type], r.Category, urgencyNames[a.Urgency]
	v[colEnterprise], v[colCredit], v[colContact], v[colPhone] = a.EnterpriseName, a.CreditCode, a.ContactName, a.ContactPhone
	v[colTerritory], v[colAssigned], v[colDue] = r.Territory, st.timeValue(r.AssignedAt, false), st.timeValue(a.DueAt, true)
	res := &r.Result
	v = append(v, res.Number, res.State, res.Outcome, res.Reply, st.timeValue(res.ClosedAt, false), res.Satisfaction)
	for i, x := range v {
		if x == "" {
			v[i] = nil // no cell rather than an empty one
		}
	}
	return v
}

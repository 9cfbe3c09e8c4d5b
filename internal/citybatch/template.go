package citybatch

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Template writes an empty workbook of the layout: the heading row on the
// first sheet, each heading with a comment saying what to write, drop-down
// lists for 诉求类型 and 紧急程度, text format for the columns of numbers
// that Excel would otherwise mangle; and a second sheet, 填写说明, with one
// line and an example value for each column. Parse reads the first sheet
// only.
func Template() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "市交办诉求"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return nil, err
	}
	if err := templateSheet(f, sheet); err != nil {
		return nil, err
	}
	if err := guideSheet(f, "填写说明"); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// templateSheet writes the heading row of the layout and prepares the rows
// below it.
func templateSheet(f *excelize.File, sheet string) error {
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // @: keep what is typed as text
	if err != nil {
		return err
	}
	last := fmt.Sprint(MaxRows + 1)
	for i, c := range columns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, c.width); err != nil {
			return err
		}
		switch i {
		case colNo, colCredit, colPhone:
			err = f.SetColStyle(sheet, name, text)
		case colAssigned, colDue:
			err = f.SetColStyle(sheet, name, st.date)
		}
		if err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, name+"1", c.head); err != nil {
			return err
		}
		if err := f.AddComment(sheet, headComment(name+"1", c)); err != nil {
			return err
		}
		if err := dropDown(f, sheet, i, name+"2:"+name+last); err != nil {
			return err
		}
	}
	end, _ := excelize.ColumnNumberToName(nColumns)
	if err := f.SetCellStyle(sheet, "A1", end+"1", st.head); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// headComment explains a column on its heading.
func headComment(cell string, c column) excelize.Comment {
	need := "选填"
	if c.required {
		need = "必填"
	}
	return excelize.Comment{Author: "直通车", Cell: cell, Width: 240, Height: 90,
		Paragraph: []excelize.RichTextRun{{Text: "【" + need + "】", Font: &excelize.Font{Bold: true}}, {Text: c.note}}}
}

// dropDown offers the values of 诉求类型 and 紧急程度 as a list in ref.
func dropDown(f *excelize.File, sheet string, col int, ref string) error {
	var list []string
	switch col {
	case colType:
		list = []string{"咨询", "求助", "投诉", "建议", "举报"}
	case colUrgency:
		list = []string{"一般", "紧急"}
	default:
		return nil
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	if err := dv.SetDropList(list); err != nil {
		return err
	}
	return f.AddDataValidation(sheet, dv)
}

// guideSheet writes one line for each column: its heading, whether it is
// required, what to write and an example.
func guideSheet(f *excelize.File, sheet string) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	rows := [][]any{{"列名", "是否必填", "填写说明", "示例"}}
	for _, c := range columns {
		need := "选填"
		if c.required {
			need = "必填"
		}
		rows = append(rows, []any{c.head, need, c.note, c.example})
	}
	rows = append(rows, []any{"", "", "第一个工作表的第 1 行为表头，列的顺序可以调整，多余的列不读取；从第 2 行起每行一件诉求，空行跳过；每个文件最多 " + fmt.Sprint(MaxRows) + " 行。", ""})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return err
		}
	}
	for col, w := range map[string]float64{"A": 18, "B": 10, "C": 60, "D": 30} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	last := fmt.Sprint(len(rows))
	if err := f.SetCellStyle(sheet, "A2", "D"+last, wrap); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, "A1", "D1", st.head)
}

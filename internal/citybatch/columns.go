package citybatch

import (
	"strings"
	"unicode/utf8"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// The columns of the layout, in the order Template and Export write them.
const (
	colNo = iota
	colTitle
	colContent
	colType
	colCategory
	colUrgency
	colEnterprise
	colCredit
	colContact
	colPhone
	colTerritory
	colAssigned
	colDue
	nColumns
)

// column describes one column of the layout.
type column struct {
	head     string  // the heading in row 1
	en       string  // its name in English messages
	field    string  // the Intake field that fault errors name, if any
	required bool    // the workbook must have the column, and each row a value in it
	width    float64 // in characters, for Template and Export
	note     string  // what to write, for Template
	example  string  // a value, for Template
}

var columns = [nColumns]column{
	colNo:         {HeadExternalNo, "city case number", "external_no", true, 20, "市里的工单编号，最多 50 个字符，同一文件中不能重复", "SJ2026121500001"},
	colTitle:      {HeadTitle, "title", "title", true, 30, "最多 100 个字符", "厂区供电线路频繁跳闸"},
	colContent:    {HeadContent, "content", "content", true, 50, "诉求的具体内容，最多 5000 个字符", "近一个月厂区线路跳闸 6 次，影响生产，请求供电部门排查。"},
	colType:       {HeadType, "type", "type", true, 10, "咨询、求助、投诉、建议、举报 之一", "求助"},
	colCategory:   {HeadCategory, "category", "category_id", false, 14, "诉求类别的名称，须与本系统中的类别名称一致；可不填", "水电气"},
	colUrgency:    {HeadUrgency, "urgency", "urgency", false, 10, "一般 或 紧急；不填为一般", "一般"},
	colEnterprise: {HeadEnterprise, "enterprise name", "enterprise_name", true, 30, "企业或个体工商户的名称，最多 100 个字符", "娄底市某某机械制造有限公司"},
	colCredit:     {HeadCreditCode, "credit code", "credit_code", false, 22, "18 位统一社会信用代码；不知道可不填", "91350100M000100Y43"},
	colContact:    {HeadContact, "contact", "contact_name", false, 12, "最多 50 个字符", "王先生"},
	colPhone:      {HeadPhone, "phone", "contact_phone", false, 16, "手机或固定电话，7 到 20 位", "13800138000"},
	colTerritory:  {HeadTerritory, "township", "territory_id", false, 14, "乡镇街道的名称，须与本系统中的名称一致；可不填", "乐坪街道"},
	colAssigned:   {HeadAssignedAt, "assigned at", "", false, 18, "市里交办的时间；只写日期时为当天 0 点；可不填", "2026-12-01 09:30"},
	colDue:        {HeadDueAt, "deadline", "due_at", true, 18, "市里的办理时限：Excel 日期，或 2026-12-15、2026/12/15、2026-12-15 17:00、2026年12月15日；只写日期时为当天 24 点（次日 0 点）", "2026-12-15"},
}

// label is a column's name for messages: the heading in Chinese, a name in
// English.
func (c column) label() fault.Both { return fault.Both{Zh: c.head, En: c.en} }

// columnOfField returns the column whose Intake field is field, or -1.
func columnOfField(field string) int {
	for i, c := range columns {
		if field != "" && c.field == field {
			return i
		}
	}
	return -1
}

// The words of the workbook for the codes of the appeal package.

var typeNames = map[appeal.Type]string{
	appeal.Consult: "咨询", appeal.Help: "求助", appeal.Complaint: "投诉", appeal.Suggestion: "建议", appeal.Report: "举报",
}

var urgencyNames = map[appeal.Urgency]string{appeal.Normal: "一般", appeal.Urgent: "紧急"}

var outcomeNames = map[appeal.Outcome]string{
	appeal.Solved: "已解决", appeal.PartlySolved: "部分解决", appeal.ExplainedNotDone: "未解决已作解释",
}

var satisfactionNames = map[appeal.Satisfaction]string{
	appeal.Satisfied: "满意", appeal.FairlySatisfied: "基本满意", appeal.Dissatisfied: "不满意",
}

// unreachableName is the 满意度评价 of an enterprise that could not be reached.
const unreachableName = "无法联系"

// lookup finds the code whose Chinese name, or the code itself in any case,
// is s.
func lookup[T ~string](names map[T]string, s string) (T, bool) {
	for code, name := range names {
		if s == name || strings.EqualFold(s, string(code)) {
			return code, true
		}
	}
	return "", false
}

// maxQuoted is how many characters of a cell a message repeats.
const maxQuoted = 30

// quoted shortens a cell's value to repeat it in a message.
func quoted(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	return string([]rune(s)[:maxQuoted]) + "…"
}

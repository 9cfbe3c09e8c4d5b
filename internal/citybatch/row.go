package citybatch

import (
	"errors"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// rowParser turns the rows of one workbook into intakes.
type rowParser struct {
	district int64
	names    Names
	now      time.Time
	date1904 bool
	seen     map[string]int // the line of each 市工单编号 met so far
}

// rowCheck gathers the problems of one row.
type rowCheck struct {
	line  int
	probs []Problem
}

func (rc *rowCheck) bad(c int, err error) {
	rc.probs = append(rc.probs, Problem{Line: rc.line, Column: columns[c].head, Err: err})
}

// textFields are the columns copied into the intake as text, each with the
// field it fills.
var textFields = []struct {
	col int
	set func(*appeal.Intake, string)
}{
	{colNo, func(in *appeal.Intake, s string) { in.ExternalNo = s }},
	{colTitle, func(in *appeal.Intake, s string) { in.Title = s }},
	{colContent, func(in *appeal.Intake, s string) { in.Content = s }},
	{colEnterprise, func(in *appeal.Intake, s string) { in.EnterpriseName = s }},
	{colCredit, func(in *appeal.Intake, s string) { in.CreditCode = s }},
	{colContact, func(in *appeal.Intake, s string) { in.ContactName = s }},
	{colPhone, func(in *appeal.Intake, s string) { in.ContactPhone = s }},
}

// row reads one data row. Each cell is checked on its own, so that a row
// reports all its bad cells; a row without problems is then validated whole.
func (p *rowParser) row(line int, vals *[nColumns]string) (Row, []Problem) {
	rc := &rowCheck{line: line}
	in := appeal.Intake{Channel: appeal.CityAssigned, DistrictID: p.district}
	for _, tf := range textFields {
		tf.set(&in, vals[tf.col])
		if err := p.probe(tf.set, vals[tf.col]); err != nil {
			rc.bad(tf.col, err)
		}
		if tf.col == colNo {
			p.number(rc, vals[colNo])
		}
	}
	in.Type = p.kind(rc, vals[colType])
	in.Urgency = p.urgency(rc, vals[colUrgency])
	in.CategoryID = p.name(rc, colCategory, p.names.Categories, vals[colCategory])
	in.TerritoryID = p.name(rc, colTerritory, p.names.Territories, vals[colTerritory])
	assigned := p.assigned(rc, vals[colAssigned]) // not after now, so before the deadline
	in.DueAt = p.due(rc, vals[colDue])
	if len(rc.probs) == 0 {
		if err := in.Validate(); err != nil {
			c, e := fieldError(err)
			rc.probs = append(rc.probs, Problem{Line: line, Column: c, Err: e})
		}
	}
	if len(rc.probs) > 0 {
		return Row{}, rc.probs
	}
	return Row{Line: line, Intake: in, AssignedAt: assigned}, nil
}

// probe checks one text cell by the rules of appeal.Intake.Validate: it
// validates an intake that is good but for the value set.
func (p *rowParser) probe(set func(*appeal.Intake, string), v string) error {
	in := appeal.Intake{Channel: appeal.CityAssigned, Type: appeal.Consult, Title: "-", Content: "-", EnterpriseName: "-",
		DistrictID: p.district, DueAt: p.now.Add(24 * time.Hour)}
	set(&in, v)
	if err := in.Validate(); err != nil {
		_, e := fieldError(err)
		return e
	}
	return nil
}

// number checks that a row has a 市工单编号 that no earlier row had.
func (p *rowParser) number(rc *rowCheck, no string) {
	if no == "" {
		rc.bad(colNo, fault.Field("external_no", "required", columns[colNo].label()))
		return
	}
	if first, dup := p.seen[no]; dup {
		rc.bad(colNo, fault.Field("external_no", "citybatch.dup_no", quoted(no), first))
		return
	}
	p.seen[no] = rc.line
}

// kind reads 诉求类型.
func (p *rowParser) kind(rc *rowCheck, s string) appeal.Type {
	if s == "" {
		rc.bad(colType, fault.Field("type", "required", columns[colType].label()))
		return ""
	}
	t, ok := lookup(typeNames, s)
	if !ok {
		rc.bad(colType, fault.Field("type", "citybatch.type", quoted(s)))
	}
	return t
}

// urgency reads 紧急程度, 一般 when blank.
func (p *rowParser) urgency(rc *rowCheck, s string) appeal.Urgency {
	if s == "" {
		return appeal.Normal
	}
	u, ok := lookup(urgencyNames, s)
	if !ok {
		rc.bad(colUrgency, fault.Field("urgency", "citybatch.urgency", quoted(s)))
	}
	return u
}

// name looks up the id of a category or township name; 0 when blank.
func (p *rowParser) name(rc *rowCheck, c int, ids map[string]int64, s string) int64 {
	if s == "" {
		return 0
	}
	id, ok := ids[s]
	if !ok || id <= 0 {
		if c == colCategory {
			rc.bad(c, fault.Field("category_id", "citybatch.category", quoted(s)))
		} else {
			rc.bad(c, fault.Field("territory_id", "citybatch.territory", quoted(s)))
		}
		return 0
	}
	return id
}

// assigned reads 交办时间: a bare date is the start of that day; it cannot
// be later than now.
func (p *rowParser) assigned(rc *rowCheck, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _, ok := cellTime(s, p.date1904)
	if !ok {
		rc.bad(colAssigned, fault.Field("assigned_at", "citybatch.date", columns[colAssigned].label(), quoted(s)))
		return time.Time{}
	}
	if t.After(p.now) {
		rc.bad(colAssigned, fault.Field("assigned_at", "citybatch.assigned_future", formatTime(t), formatTime(p.now)))
		return time.Time{}
	}
	return t
}

// due reads 办理时限: a bare date is the end of that day; it must be later
// than now.
func (p *rowParser) due(rc *rowCheck, s string) time.Time {
	if s == "" {
		rc.bad(colDue, fault.Field("due_at", "required", columns[colDue].label()))
		return time.Time{}
	}
	t, ok := dueTime(s, p.date1904)
	if !ok {
		rc.bad(colDue, fault.Field("due_at", "citybatch.date", columns[colDue].label(), quoted(s)))
		return time.Time{}
	}
	if !t.After(p.now) {
		rc.bad(colDue, fault.Field("due_at", "citybatch.due_past", formatTime(t), formatTime(p.now)))
		return time.Time{}
	}
	return t
}

// fieldError maps an error of appeal.Intake.Validate to the heading of its
// column ("" for a field of no column) and names the column in its message
// where the message would name the field.
func fieldError(err error) (string, error) {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return "", err
	}
	c := columnOfField(fe.Field)
	if c < 0 {
		return "", err
	}
	out := *fe
	out.Args = make([]any, len(fe.Args))
	for i, a := range fe.Args {
		out.Args[i] = a
		if s, ok := a.(string); ok && s == fe.Field {
			out.Args[i] = columns[c].label()
		}
	}
	return columns[c].head, &out
}

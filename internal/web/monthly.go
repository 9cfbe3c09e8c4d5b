package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/report"
	"zhitong/internal/unit"
)

// The monthly scheduling report (每月调度): a page for any period, printable
// on A4, and the same figures as an .xlsx workbook.

type monthlyData struct {
	From, To string
	District int64
	R        *report.Monthly
	Error    string
}

// monthlyPeriod reads from, to and district_id; the current month to date
// when none is given.
func (s *Server) monthlyPeriod(q *req) (from, to time.Time, district int64, err error) {
	v := q.r.URL.Query()
	now := s.cfg.Appeals.Now().In(appeal.CST)
	from = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, appeal.CST)
	to = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, appeal.CST)
	day := func(name string, d *time.Time) {
		if s := strings.TrimSpace(v.Get(name)); s != "" && err == nil {
			t, perr := time.ParseInLocation(time.DateOnly, s, appeal.CST)
			if perr != nil {
				err = fault.Field(name, "bad_date", name)
				return
			}
			*d = t
		}
	}
	day("from", &from)
	day("to", &to)
	if s := strings.TrimSpace(v.Get("district_id")); s != "" && err == nil {
		district, err = formID(url.Values{"district_id": {s}}, "district_id")
	}
	return from, to, district, err
}

func (s *Server) monthlyPage(q *req) error {
	from, to, district, err := s.monthlyPeriod(q)
	d := monthlyData{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), District: district}
	if err == nil {
		d.R, err = s.cfg.Reports.Monthly(q.ctx(), q.actor, from, to, district)
	}
	status, err := q.filterError(err, &d.Error)
	if err != nil {
		return err
	}
	if d.R != nil {
		ids := append([]int64{}, d.R.Districts...)
		if err := q.lookUnits(ids...); err != nil {
			return err
		}
	}
	return q.render(status, "monthly", q.lang.T("menu.monthly"), d)
}

// monthlyExport writes the report as a workbook: a title row merged across
// the table, the period and as-of time, Chinese headings, counts as numbers
// and rates as percentages with one decimal.
func (s *Server) monthlyExport(q *req) error {
	from, to, district, err := s.monthlyPeriod(q)
	if err != nil {
		return err
	}
	r, err := s.cfg.Reports.Monthly(q.ctx(), q.actor, from, to, district)
	if err != nil {
		return err
	}
	b, err := monthlyWorkbook(q.lang, r)
	if err != nil {
		return err
	}
	if s.cfg.Audit != nil {
		if err := s.cfg.Audit.Record(q.ctx(), audit.Entry{ActorID: q.actor.UserID, ActorName: q.actor.Name, Action: "report.export",
			Object: "report:monthly", Detail: r.From + ".." + r.To}); err != nil {
			return err
		}
	}
	h := q.w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="monthly-%s-%s.xlsx"; filename*=UTF-8''%s`, r.From, r.To,
		url.PathEscape(q.lang.T("menu.monthly")+"-"+r.From+"-"+r.To+".xlsx")))
	h.Set("Cache-Control", "no-store")
	_, err = q.w.Write(b)
	return err
}

// figureHeads are the columns of a table of figures after its key.
var figureHeads = []string{"rp.received", "rp.closed", "rp.rated", "rp.satisfied", "rp.fair", "rp.dissatisfied",
	"rp.satisfaction", "rp.resolution", "rp.merged", "rp.withdrawn", "rp.not_accepted", "rp.unreachable",
	"rp.unreasonable", "rp.satisfaction_all"}

func figureCells(f report.Figures) []any {
	return []any{f.Received, f.Closed, f.Rated, f.Satisfied, f.Fair, f.Dissatisfied, rateCell(f.Satisfaction),
		rateCell(f.Resolution), f.Merged, f.Withdrawn, f.NotAccepted, f.Unreachable, f.Unreasonable, rateCell(f.SatisfactionAll)}
}

// rateCell is a rate as a number for a percent format, or "-".
func rateCell(r report.Rate) any {
	if r.Den <= 0 {
		return "-"
	}
	t, _ := r.Tenths() // rounded as the report rounds, so that Excel shows the same tenth
	return float64(t) / 1000
}

// kindKey names each kind of unit in the rankings.
var kindKey = map[unit.Kind]string{unit.TownshipK: "rp.kind.township", unit.Department: "rp.kind.department",
	unit.Vertical: "rp.kind.vertical", unit.Region: "rp.kind.region"}

var unitHeads = []string{"rp.unit", "rp.kind", "rp.assigned", "rp.response", "rp.due", "rp.on_time", "rp.overdue",
	"rp.returned_late", "rp.redone", "rp.reminders", "rp.supervised", "rp.rated", "rp.satisfaction", "rp.resolution"}

func unitCells(l lang, u report.UnitRow) []any {
	assessed := ""
	if !u.Assessed {
		assessed = l.T("rp.not_assessed")
	}
	return []any{u.Name + assessed, l.T(kindKey[u.Kind]), u.Assigned, rateCell(u.Response), u.Due, rateCell(u.OnTimeRate),
		u.Overdue, u.ReturnedLate, u.Redone, u.Reminders, u.Supervised, u.Rated, rateCell(u.Satisfaction), rateCell(u.Resolution)}
}

func monthlyWorkbook(l lang, r *report.Monthly) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	title, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	head, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8F0FB"}},
		Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	pct, _ := x.NewStyle(&excelize.Style{NumFmt: 10 /* 0.00% */, CustomNumFmt: ptr("0.0%")})
	sheet := x.GetSheetName(0)
	row := 1
	put := func(cells []any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		_ = x.SetSheetRow(sheet, cell, &cells)
		row++
	}
	width := len(figureHeads) + 1
	last, _ := excelize.ColumnNumberToName(width)
	table := func(name string, heads []string, rows [][]any, pctCols []int) {
		put([]any{l.T(name)})
		hs := make([]any, len(heads))
		for i, h := range heads {
			hs[i] = l.T(h)
		}
		first := row
		put(hs)
		endCol, _ := excelize.ColumnNumberToName(len(heads))
		_ = x.SetCellStyle(sheet, "A"+strconv.Itoa(first), endCol+strconv.Itoa(first), head)
		for _, cells := range rows {
			put(cells)
			for _, c := range pctCols {
				col, _ := excelize.ColumnNumberToName(c)
				_ = x.SetCellStyle(sheet, col+strconv.Itoa(row-1), col+strconv.Itoa(row-1), pct)
			}
		}
		row++
	}
	put([]any{l.T("menu.monthly")})
	_ = x.MergeCell(sheet, "A1", last+"1")
	_ = x.SetCellStyle(sheet, "A1", "A1", title)
	put([]any{l.T("rp.period", r.From, r.To) + "　" + l.T("rp.asof", r.AsOf)})
	_ = x.MergeCell(sheet, "A2", last+"2")
	row++
	figPct := []int{8, 9, 15}
	keyed := func(key string, f report.Figures) []any { return append([]any{key}, figureCells(f)...) }
	table("rp.total", append([]string{"rp.item"}, figureHeads...), [][]any{
		keyed(l.T("rp.all"), r.Total), keyed(l.T("rp.hotline"), r.Hotline)}, figPct)
	var rows [][]any
	for _, c := range r.ByChannel {
		rows = append(rows, keyed(l.Channel(appeal.Channel(c.Key)), c.Figures))
	}
	table("rp.by_channel", append([]string{"f.channel"}, figureHeads...), rows, figPct)
	rows = nil
	for _, c := range r.ByRoute {
		rows = append(rows, keyed(l.Route(appeal.Route(c.Key)), c.Figures))
	}
	table("rp.by_route", append([]string{"f.route"}, figureHeads...), rows, figPct)
	for _, part := range []struct {
		name string
		rows []report.NamedRow
	}{{"rp.by_type", r.ByType}, {"rp.by_category", r.ByCategory}, {"rp.by_township", r.ByTownship}} {
		rows = nil
		for _, n := range part.rows {
			rows = append(rows, keyed(namedKey(l, part.name, n), n.Figures))
		}
		table(part.name, append([]string{"rp.item"}, figureHeads...), rows, figPct)
	}
	t := r.Tasks
	table("rp.tasks", []string{"rp.assigned", "rp.response", "rp.on_time", "rp.overdue", "rp.open_overdue", "rp.returned_late",
		"rp.redone", "rp.reminders", "rp.supervised"}, [][]any{{t.Assigned, rateCell(t.Response), rateCell(t.OnTime), t.Overdue,
		t.OpenOverdue, t.ReturnedLate, t.Redone, t.Reminders, t.Supervised}}, []int{2, 3})
	rows = nil
	for _, k := range r.Ranking {
		for _, u := range k.Units {
			rows = append(rows, []any{l.T(kindKey[k.Kind]), u.Rank, u.Name, u.Score, u.Penalty})
		}
	}
	table("rp.ranking", []string{"rp.kind", "as.rank", "rp.unit", "as.score", "as.penalty"}, rows, nil)
	rows = nil
	for _, u := range r.Units {
		rows = append(rows, unitCells(l, u))
	}
	table("rp.units", unitHeads, rows, []int{4, 6, 13, 14})
	_ = x.SetColWidth(sheet, "A", "A", 28)
	_ = x.SetColWidth(sheet, "B", last, 10)
	buf, err := x.WriteToBuffer()
	if err != nil {
		return nil, fault.Wrap(err, "monthly workbook")
	}
	return buf.Bytes(), nil
}

// namedKey is the name a breakdown row shows.
func namedKey(l lang, table string, n report.NamedRow) string {
	switch {
	case table == "rp.by_type":
		return l.Type(appeal.Type(n.Key))
	case n.Key == "0" && table == "rp.by_category":
		return l.T("rp.no_category")
	case n.Key == "0":
		return l.T("rp.no_township")
	}
	return n.Name
}

func ptr[T any](v T) *T { return &v }

// monthlyPart is a breakdown of the report, for the page.
type monthlyPart struct {
	Name string
	Rows []report.NamedRow
}

func monthlyParts(r *report.Monthly) []monthlyPart {
	return []monthlyPart{{"rp.by_type", r.ByType}, {"rp.by_category", r.ByCategory}, {"rp.by_township", r.ByTownship}}
}

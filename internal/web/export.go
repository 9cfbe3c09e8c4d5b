package web

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
)

// appealExport writes the list the page shows — the same filters — as an
// .xlsx workbook, up to appeal.CountCap rows, streamed row by row. Personal
// data stay masked as on the page, and every export is recorded.
func (s *Server) appealExport(q *req) error {
	f, err := api.AppealFilter(listQuery(q.r))
	if err != nil {
		return err
	}
	f.Before, f.CountUpTo, f.Limit = 0, 0, appeal.MaxLimit
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	heads := []string{"f.number", "f.title", "f.enterprise", "f.credit_code", "f.channel", "f.type", "f.route", "f.state",
		"f.district", "f.created", "f.closed", "f.satisfaction"}
	row := make([]any, len(heads))
	for i, h := range heads {
		row[i] = q.lang.T(h)
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	_ = sw.SetColWidth(1, 1, 20)
	_ = sw.SetColWidth(2, 2, 40)
	_ = sw.SetColWidth(3, 3, 30)
	n := 0
	for n < appeal.CountCap {
		p, err := s.cfg.Appeals.List(q.ctx(), q.actor, f)
		if err != nil {
			return err
		}
		ids := make([]int64, 0, len(p.Items))
		for _, a := range p.Items {
			ids = append(ids, a.DistrictID)
		}
		if err := q.lookUnits(ids...); err != nil {
			return err
		}
		for _, a := range p.Items {
			n++
			cell, _ := excelize.CoordinatesToCellName(1, n+1)
			r := []any{a.Number(), a.Title, a.EnterpriseName, a.CreditCode, q.lang.Channel(a.Channel), q.lang.Type(a.Type),
				q.lang.Route(a.Route), q.lang.State(a.State), q.names[a.DistrictID], q.lang.Time(a.CreatedAt), q.lang.Time(a.ClosedAt),
				q.lang.Satisfaction(a.Satisfaction)}
			if err := sw.SetRow(cell, r); err != nil {
				return err
			}
		}
		if p.Next == 0 {
			break
		}
		f.Before = p.Next
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if s.cfg.Audit != nil {
		if err := s.cfg.Audit.Record(q.ctx(), audit.Entry{ActorID: q.actor.UserID, ActorName: q.actor.Username, UnitID: q.actor.UnitID,
			Action: "export.appeals", Object: "appeals", Detail: fmt.Sprintf("%d rows, query %s", n, q.r.URL.RawQuery)}); err != nil {
			return err
		}
	}
	name := "appeals-" + time.Now().In(appeal.CST).Format("20060102-1504") + ".xlsx"
	q.w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	q.w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	q.w.Header().Set("Cache-Control", "no-store")
	return x.Write(q.w)
}

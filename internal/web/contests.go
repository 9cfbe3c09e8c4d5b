package web

import (
	"net/http"
	"strconv"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

// Contests (申诉) on the pages: a unit's handler contests a charge from its
// task on the appeal page; the contests page lists them, and the office
// grants (核减) or refuses each with its reason.

type contestsData struct {
	Items   []report.Contest
	Office  bool
	Charges []report.Charge
	Error   string
}

func (s *Server) contestsPage(q *req) error {
	return s.renderContests(q, http.StatusOK, "")
}

func (s *Server) renderContests(q *req, status int, msg string) error {
	cs, err := s.cfg.Reports.ListContests(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.UnitID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(status, "contests", q.lang.T("menu.contests"),
		contestsData{Items: cs, Office: report.MayAssess(q.actor), Charges: report.Charges, Error: msg})
}

// fileContest takes a handler's contest from the appeal page.
func (s *Server) fileContest(q *req) error {
	id, err := q.pathID()
	if err != nil {
		return err
	}
	tid, err := strconv.ParseInt(q.r.PathValue("tid"), 10, 64)
	if err != nil || tid <= 0 {
		return fault.NotFoundOf("noun.task")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	_, err = s.cfg.Reports.FileContest(q.ctx(), q.actor, tid, report.Charge(q.r.PostForm.Get("charge")), q.r.PostForm.Get("reason"))
	if msg, ok := q.shown(err); ok && !fault.Is(err, fault.Forbidden) {
		d, perr := s.pathAppeal(q)
		if perr != nil {
			return perr
		}
		d.ContestError = msg
		return q.render(statusOf(err), "appeal", d.V.Appeal.Number(), d)
	} else if err != nil {
		return err
	}
	return q.redirect("/appeals/" + strconv.FormatInt(id, 10) + "?done=contest")
}

// decideContest takes the office's decision.
func (s *Server) decideContest(q *req) error {
	id, err := q.pathID()
	if err != nil {
		return err
	}
	if !q.actor.Has(account.Office) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	_, err = s.cfg.Reports.DecideContest(q.ctx(), q.actor, id, q.r.PostForm.Get("grant") == "1", q.r.PostForm.Get("decision"))
	return s.afterForm(q, err, "/reports/contests?done=decided", func(msg string) error {
		return s.renderContests(q, statusOf(err), msg)
	})
}

package web

import (
	"net/http"
	"net/url"

	"zhitong/internal/accountability"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// The accountability page (问责直处): the discipline commission records
// typical cases and publishes them as notices (通报); others read the
// notices that concern them.

type casesData struct {
	Items  []accountability.Case
	Record bool        // the commission: may record and publish
	Units  []unit.Unit // the units a case may name
	Form   url.Values
	Error  string
}

func (s *Server) casesPage(q *req) error { return s.renderCases(q, http.StatusOK, url.Values{}, "") }

func (s *Server) renderCases(q *req, status int, form url.Values, msg string) error {
	cs, err := s.cfg.Cases.List(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	d := casesData{Items: cs, Record: accountability.MayRecord(q.actor), Form: form, Error: msg}
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.UnitID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	if d.Record {
		for _, district := range q.actor.Districts {
			us, err := s.cfg.Units.List(q.ctx(), q.actor, district)
			if err != nil {
				return err
			}
			for _, u := range us {
				if u.Kind != unit.Region && u.Active {
					d.Units = append(d.Units, u)
				}
			}
		}
	}
	return q.render(status, "cases", q.lang.T("menu.cases"), d)
}

func (s *Server) recordCase(q *req) error {
	if !accountability.MayRecord(q.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	unitID, err := formID(f, "unit_id")
	if err == nil {
		err = s.cfg.Cases.Record(q.ctx(), q.actor, &accountability.Case{UnitID: unitID, Title: f.Get("title"),
			Facts: f.Get("facts"), Handling: f.Get("handling")})
	}
	return s.afterForm(q, err, "/cases?done=case", func(msg string) error { return s.renderCases(q, statusOf(err), f, msg) })
}

func (s *Server) publishCase(q *req) error {
	id, err := q.pathID()
	if err != nil {
		return err
	}
	_, err = s.cfg.Cases.Publish(q.ctx(), q.actor, id)
	return s.afterForm(q, err, "/cases?done=published", func(msg string) error { return s.renderCases(q, statusOf(err), url.Values{}, msg) })
}

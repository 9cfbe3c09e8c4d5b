package web

import (
	"strconv"

	"zhitong/internal/fault"
	"zhitong/internal/industry"
	"zhitong/internal/outreach"
)

// The coverage page (不漏一企): a district's entities by township and
// industry section — with a cadre, visited in the last days, with an
// appeal open — and the ones nobody reached.

type coverageData struct {
	C        *outreach.Coverage
	Days     int
	District int64
	Error    string
}

func (s *Server) coveragePage(q *req) error {
	if s.cfg.Visits == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	v := q.r.URL.Query()
	d := coverageData{Days: 90}
	var err error
	if x := v.Get("days"); x != "" {
		if d.Days, err = strconv.Atoi(x); err != nil {
			err = fault.Field("days", "coverage.days")
		}
	}
	if err == nil {
		d.District, err = formID(v, "district_id")
	}
	if err == nil {
		if d.District == 0 && len(q.actor.Districts) > 0 { // a city's office: its first district unless it asks
			d.District = q.actor.Districts[0]
		}
		d.C, err = s.cfg.Visits.Coverage(q.ctx(), q.actor, d.District, d.Days)
	}
	status, err := q.filterError(err, &d.Error)
	if err != nil {
		return err
	}
	if d.C != nil {
		ids := []int64{d.C.DistrictID}
		for _, t := range d.C.Townships {
			ids = append(ids, t.TerritoryID)
		}
		for _, u := range d.C.Unreached {
			ids = append(ids, u.TerritoryID)
		}
		if err := q.lookUnits(ids...); err != nil {
			return err
		}
	}
	return q.render(status, "coverage", q.lang.T("menu.coverage"), d)
}

// sectionName is an industry section's name, or the words for none.
func sectionName(l lang, code string) string {
	if s, ok := industry.SectionOf(code); ok && code != "-" {
		return s.Code + " " + s.Name
	}
	return l.T("cv.no_industry")
}

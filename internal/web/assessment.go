package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/fault"
	"zhitong/internal/report"
)

// The performance assessment (绩效考核) page: each kind of unit ranked by
// its score, each score with the rates and penalties it is made of; the
// office sets the weights there.

type assessmentData struct {
	From, To string
	District int64
	A        *report.Assessment
	Office   bool // may set the weights
	Form     url.Values
	Error    string
}

// Miss names the tasks that cost a unit points on the rate key of a score:
// those a click on the rate lists.
func (assessmentData) Miss(key string) string {
	return map[string]string{"response": "late_response", "on_time": "overdue", "resolution": "rated", "satisfaction": "rated"}[key]
}

func (s *Server) assessmentPage(q *req) error {
	return s.renderAssessment(q, http.StatusOK, nil, "")
}

func (s *Server) renderAssessment(q *req, status int, form url.Values, msg string) error {
	from, to, district, err := s.monthlyPeriod(q)
	d := assessmentData{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), District: district,
		Office: report.MayAssess(q.actor), Form: form, Error: msg}
	if err == nil {
		d.A, err = s.cfg.Reports.Assess(q.ctx(), q.actor, from, to, district)
	}
	if st, ferr := q.filterError(err, &d.Error); ferr != nil {
		return ferr
	} else if st != http.StatusOK {
		status = st
	}
	if d.Form == nil && d.A != nil {
		w := d.A.Weights
		d.Form = url.Values{}
		for k, v := range map[string]float64{"response": w.Response, "on_time": w.OnTime, "resolution": w.Resolution,
			"satisfaction": w.Satisfaction, "redo": w.Redo, "supervised": w.Supervised, "overdue": w.Overdue, "case": w.Case} {
			d.Form.Set(k, strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	return q.render(status, "assessment", q.lang.T("menu.assessment"), d)
}

// setWeights takes the office's weights from the page's form.
func (s *Server) setWeights(q *req) error {
	if !report.MayAssess(q.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	var w report.Weights
	var err error
	for _, p := range []struct {
		name string
		v    *float64
	}{{"response", &w.Response}, {"on_time", &w.OnTime}, {"resolution", &w.Resolution}, {"satisfaction", &w.Satisfaction},
		{"redo", &w.Redo}, {"supervised", &w.Supervised}, {"overdue", &w.Overdue}, {"case", &w.Case}} {
		n, perr := strconv.ParseFloat(strings.TrimSpace(f.Get(p.name)), 64)
		if perr != nil && err == nil {
			err = fault.Field("weights", "assess.range")
		}
		*p.v = n
	}
	if err == nil {
		_, err = s.cfg.Reports.SetWeights(q.ctx(), q.actor, w)
	}
	return s.afterForm(q, err, "/reports/assessment?done=weights", func(msg string) error {
		return s.renderAssessment(q, statusOf(err), f, msg)
	})
}

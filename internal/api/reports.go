package api

import (
	"context"
	"net/http"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

// The reports of the cohort registered from..to, both days inclusive in
// China Standard Time, in the caller's districts or in district_id; the
// services take the days themselves and count to the end of the last.

func (s *server) summary(c *call) error       { return answerReport(c, s.cfg.Reports.Summary) }
func (s *server) unitReport(c *call) error    { return answerReport(c, s.cfg.Reports.Units) }
func (s *server) monthlyReport(c *call) error { return answerReport(c, s.cfg.Reports.Monthly) }
func (s *server) trendReport(c *call) error   { return answerReport(c, s.cfg.Reports.Trend) }
func (s *server) assessmentReport(c *call) error {
	return answerReport(c, s.cfg.Reports.Assess)
}

func (s *server) getWeights(c *call) error {
	if !report.MayRead(c.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	w, err := s.cfg.Reports.CurrentWeights(c.ctx())
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, w)
}

func (s *server) setWeights(c *call) error {
	var b report.Weights
	if err := c.decode(&b); err != nil {
		return err
	}
	w, err := s.cfg.Reports.SetWeights(c.ctx(), c.actor, b)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, w)
}

// answerReport reads the period and answers what compute makes of it.
func answerReport[T any](c *call, compute func(context.Context, *account.Actor, time.Time, time.Time, int64) (T, error)) error {
	from, to, district, err := period(c.q)
	if err != nil {
		return err
	}
	r, err := compute(c.ctx(), c.actor, from, to, district)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, r)
}

// period reads a report's days and district.
func period(q *query) (from, to time.Time, district int64, err error) {
	from, to, district = q.day("from"), q.day("to"), q.id("district_id")
	switch {
	case q.err != nil:
		err = q.err
	case from.IsZero():
		err = fault.Field("from", "required", "from")
	case to.IsZero():
		err = fault.Field("to", "required", "to")
	}
	return from, to, district, err
}

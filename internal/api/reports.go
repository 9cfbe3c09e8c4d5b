package api

import (
	"net/http"
	"time"

	"zhitong/internal/fault"
)

// summary answers the summary report of the cohort registered from..to,
// both days inclusive in China Standard Time; the service takes the days
// themselves and counts to the end of the last.
func (s *server) summary(c *call) error {
	from, to, district, err := period(c.q)
	if err != nil {
		return err
	}
	sum, err := s.cfg.Reports.Summary(c.ctx(), c.actor, from, to, district)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, sum)
}

func (s *server) unitReport(c *call) error {
	from, to, district, err := period(c.q)
	if err != nil {
		return err
	}
	r, err := s.cfg.Reports.Units(c.ctx(), c.actor, from, to, district)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, r)
}

func (s *server) monthlyReport(c *call) error {
	from, to, district, err := period(c.q)
	if err != nil {
		return err
	}
	m, err := s.cfg.Reports.Monthly(c.ctx(), c.actor, from, to, district)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, m)
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

package api

import (
	"net/http"

	"zhitong/internal/fault"
)

// summary answers the summary report of the cohort registered from..to,
// both days inclusive in China Standard Time; the service takes the days
// themselves and counts to the end of the last.
func (s *server) summary(c *call) error {
	q := c.q
	from, to, district := q.day("from"), q.day("to"), q.id("district_id")
	if q.err != nil {
		return q.err
	}
	switch {
	case from.IsZero():
		return fault.Field("from", "required", "from")
	case to.IsZero():
		return fault.Field("to", "required", "to")
	}
	sum, err := s.cfg.Reports.Summary(c.ctx(), c.actor, from, to, district)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, sum)
}

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
	return from, to, district, days(q, from, to, false)
}

// days checks the days from and to of a cohort, both inclusive in China
// Standard Time, as q read them: both are required, or, if optional,
// neither. The first error q met comes first. (Whether to comes before
// from is the services' to say, after whether the caller may ask.)
func days(q *query, from, to time.Time, optional bool) error {
	switch {
	case q.err != nil:
		return q.err
	case optional && from.IsZero() && to.IsZero():
		return nil
	case from.IsZero():
		return fault.Field("from", "required", "from")
	case to.IsZero():
		return fault.Field("to", "required", "to")
	}
	return nil
}

// NewContest is a unit's contest of a charge on one of its tasks.
type NewContest struct {
	Charge report.Charge `json:"charge" doc:"response, overdue, redo or supervised"`
	Reason string        `json:"reason" doc:"why the charge is not the unit's, at most 1000 characters"`
}

// ContestDecision is the office's decision on a contest.
type ContestDecision struct {
	Grant    bool   `json:"grant" doc:"true: 核减, the charge comes off the unit's assessment; false: refused"`
	Decision string `json:"decision" doc:"the office's reason"`
}

// Contest is a unit's contest of a charge and the office's decision.
type Contest struct {
	ID         int64         `json:"id"`
	TaskID     int64         `json:"task_id"`
	AppealID   int64         `json:"appeal_id"`
	UnitID     int64         `json:"unit_id"`
	DistrictID int64         `json:"district_id"`
	Charge     report.Charge `json:"charge"`
	Reason     string        `json:"reason"`
	State      string        `json:"state" doc:"pending, granted (核减) or refused"`
	CreatedBy  int64         `json:"created_by"`
	CreatedAt  Time          `json:"created_at"`
	DecidedBy  int64         `json:"decided_by,omitempty"`
	DecidedAt  Time          `json:"decided_at,omitzero"`
	Decision   string        `json:"decision,omitempty"`
}

func contestView(c *report.Contest) Contest {
	return Contest{ID: c.ID, TaskID: c.TaskID, AppealID: c.AppealID, UnitID: c.UnitID, DistrictID: c.DistrictID, Charge: c.Charge,
		Reason: c.Reason, State: c.State, CreatedBy: c.CreatedBy, CreatedAt: at(c.CreatedAt), DecidedBy: c.DecidedBy,
		DecidedAt: at(c.DecidedAt), Decision: c.Decision}
}

// Contests lists contests.
type Contests struct {
	Items []Contest `json:"items"`
}

func (s *server) contestRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/tasks/{id}/contests", name: "fileContest", tag: "reports",
			summary: "Contest a charge against the unit on its task (申诉: its handlers)",
			access:  Write, status: http.StatusCreated, body: typeOf[NewContest](), response: typeOf[Contest](), handle: s.fileContest},
		{method: "GET", pattern: "/api/v1/contests", name: "listContests", tag: "reports",
			summary: "The contests the caller sees: the districts' for the office and report readers, the unit's for its handlers; pending first",
			access:  Read, status: http.StatusOK, response: typeOf[Contests](), handle: s.listContests},
		{method: "POST", pattern: "/api/v1/contests/{id}/decision", name: "decideContest", tag: "reports",
			summary: "Grant (核减) or refuse a contest, with the reason (the office)",
			access:  Write, status: http.StatusOK, body: typeOf[ContestDecision](), response: typeOf[Contest](), handle: s.decideContest},
	}
}

func (s *server) fileContest(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b NewContest
	if err := c.decode(&b); err != nil {
		return err
	}
	ct, err := s.cfg.Reports.FileContest(c.ctx(), c.actor, id, b.Charge, b.Reason)
	if err != nil {
		return err
	}
	return c.reply(http.StatusCreated, contestView(ct))
}

func (s *server) listContests(c *call) error {
	cs, err := s.cfg.Reports.ListContests(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	out := Contests{Items: make([]Contest, len(cs))}
	for i := range cs {
		out.Items[i] = contestView(&cs[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) decideContest(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b ContestDecision
	if err := c.decode(&b); err != nil {
		return err
	}
	ct, err := s.cfg.Reports.DecideContest(c.ctx(), c.actor, id, b.Grant, b.Decision)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, contestView(ct))
}

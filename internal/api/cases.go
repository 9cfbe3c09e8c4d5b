package api

import (
	"net/http"

	"zhitong/internal/accountability"
)

// Accountability (问责直处): the discipline commission's typical cases and
// their notices (通报).

// NewCase is a case to record.
type NewCase struct {
	UnitID   int64  `json:"unit_id" doc:"the unit held to account, of the caller's district"`
	AppealID int64  `json:"appeal_id,omitempty" doc:"the appeal it arose from, if any"`
	Title    string `json:"title" doc:"at most 100 characters"`
	Facts    string `json:"facts" doc:"what happened, at most 5000 characters"`
	Handling string `json:"handling" doc:"what was done: 诫勉谈话, 通报批评, ...; at most 100 characters"`
}

// Case is a typical case.
type Case struct {
	ID          int64  `json:"id"`
	DistrictID  int64  `json:"district_id"`
	UnitID      int64  `json:"unit_id"`
	AppealID    int64  `json:"appeal_id,omitempty"`
	Title       string `json:"title"`
	Facts       string `json:"facts"`
	Handling    string `json:"handling"`
	CreatedAt   Time   `json:"created_at"`
	PublishedAt Time   `json:"published_at,omitzero" doc:"set once published as a notice (通报): it then counts in the unit's assessment"`
}

// Cases lists cases, newest first.
type Cases struct {
	Items []Case `json:"items"`
}

func caseView(c *accountability.Case) Case {
	return Case{ID: c.ID, DistrictID: c.DistrictID, UnitID: c.UnitID, AppealID: c.AppealID, Title: c.Title, Facts: c.Facts,
		Handling: c.Handling, CreatedAt: at(c.CreatedAt), PublishedAt: at(c.PublishedAt)}
}

func (s *server) caseRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/cases", name: "recordCase", tag: "accountability",
			summary: "Record a typical case against a unit (问责直处: the discipline commission)",
			access:  Write, status: http.StatusCreated, body: typeOf[NewCase](), response: typeOf[Case](), handle: s.recordCase},
		{method: "GET", pattern: "/api/v1/cases", name: "listCases", tag: "accountability",
			summary: "The cases the caller may read: all of its districts' for the commission, the office and leaders; the published notices for others",
			access:  Read, status: http.StatusOK, response: typeOf[Cases](), handle: s.listCases},
		{method: "POST", pattern: "/api/v1/cases/{id}/publish", name: "publishCase", tag: "accountability",
			summary: "Publish a case as a notice (通报); it then counts in the unit's assessment",
			access:  Write, status: http.StatusOK, response: typeOf[Case](), handle: s.publishCase},
	}
}

func (s *server) recordCase(c *call) error {
	var b NewCase
	if err := c.decode(&b); err != nil {
		return err
	}
	k := &accountability.Case{UnitID: b.UnitID, AppealID: b.AppealID, Title: b.Title, Facts: b.Facts, Handling: b.Handling}
	if err := s.cfg.Cases.Record(c.ctx(), c.actor, k); err != nil {
		return err
	}
	return c.reply(http.StatusCreated, caseView(k))
}

func (s *server) listCases(c *call) error {
	cs, err := s.cfg.Cases.List(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	out := Cases{Items: make([]Case, len(cs))}
	for i := range cs {
		out.Items[i] = caseView(&cs[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) publishCase(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	k, err := s.cfg.Cases.Publish(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, caseView(k))
}

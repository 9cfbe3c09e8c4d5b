package api

import (
	"net/http"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/matching"
)

// The registry's matching (package matching): the appeals registered
// against a name alone, the entities suggested for each, the officer's
// confirmation, and the merge of an entity registered twice.

// UnmatchedAppeal is an appeal without an entity of the registry: what its
// enterprise was called, no contact.
type UnmatchedAppeal struct {
	ID             int64          `json:"id"`
	Number         string         `json:"number"`
	Title          string         `json:"title"`
	Channel        appeal.Channel `json:"channel"`
	State          appeal.State   `json:"state"`
	Open           bool           `json:"open" doc:"still being handled"`
	EnterpriseName string         `json:"enterprise_name" doc:"the name the appeal was registered with"`
	CreditCode     string         `json:"credit_code,omitempty" doc:"the code the appeal was registered with, if any"`
	DistrictID     int64          `json:"district_id"`
	TerritoryID    int64          `json:"territory_id,omitempty"`
	CreatedAt      Time           `json:"created_at"`
}

// UnmatchedPage is one page of a district's appeals without an entity.
type UnmatchedPage struct {
	Items      []UnmatchedAppeal `json:"items"`
	Open       int               `json:"open" doc:"how many of the district's appeals without an entity are still open"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

// Match is an entity suggested for an appeal.
type Match struct {
	Score       int             `json:"score" doc:"out of 100: 100 the same credit code, 95 the same name, 90 the same but for the legal form, brackets and spaces, 60–84 one name containing the other, 50–69 similar names; 30 less when both credit codes are known and differ"`
	Reason      matching.Reason `json:"reason"`
	CodeDiffers bool            `json:"code_differs" doc:"both credit codes are known and differ: likely another legal entity"`
	Enterprise  Enterprise      `json:"enterprise"`
}

// Matches are the entities suggested for an appeal, the best first.
type Matches struct {
	AppealID       int64   `json:"appeal_id"`
	EnterpriseName string  `json:"enterprise_name"`
	CreditCode     string  `json:"credit_code,omitempty"`
	EnterpriseID   int64   `json:"enterprise_id,omitempty" doc:"the entity the appeal is linked to already, if any"`
	Items          []Match `json:"items" doc:"at most 10"`
}

// EnterpriseLink is the body of POST /api/v1/appeals/{id}/enterprise.
type EnterpriseLink struct {
	EnterpriseID int64 `json:"enterprise_id" doc:"an entity of the appeal's district, not merged"`
	Relink       bool  `json:"relink,omitempty" doc:"true to change the entity of an appeal linked already; otherwise that is a 409"`
}

// EnterpriseMerge is the body of POST /api/v1/enterprises/{id}/merge.
type EnterpriseMerge struct {
	Into int64 `json:"into" doc:"the entity to keep, of the same district; the entity of the path is merged into it"`
}

// EnterpriseMerged is the outcome of a merge.
type EnterpriseMerged struct {
	Survivor  Enterprise     `json:"survivor"`
	Duplicate Enterprise     `json:"duplicate" doc:"now pointing to the survivor (merged_into)"`
	Moved     map[string]int `json:"moved" doc:"how many rows moved to the survivor, by table (appeals, field_visits.enterprise_id, enterprise_accounts.enterprise_id, …)"`
}

func (s *server) matchingRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/appeals/unmatched", name: "listUnmatched", tag: "registry",
			summary: "A district's appeals registered without an entity of the registry, the open ones first, newest first (the federation and the office)",
			access:  Read, status: http.StatusOK, response: typeOf[UnmatchedPage](), handle: s.listUnmatched,
			query: []param{idParam("district_id", "the caller's district unless given"), cursorParam, limitParam}},
		{method: "GET", pattern: "/api/v1/appeals/{id}/matches", name: "appealMatches", tag: "registry",
			summary: "The entities of the appeal's district that may be its own: the same credit code first, then the same name, names containing or contained, similar names; each with a score and reason (the federation and the office)",
			access:  Read, status: http.StatusOK, response: typeOf[Matches](), handle: s.appealMatches},
		{method: "POST", pattern: "/api/v1/appeals/{id}/enterprise", name: "linkEnterprise", tag: "registry",
			summary: "Link the appeal to an entity of its district (the federation and the office): its enterprise (and credit code, if it had none) set and an entry on its timeline, in one transaction; an appeal linked already only with relink",
			access:  Write, status: http.StatusOK, body: typeOf[EnterpriseLink](), response: typeOf[AppealDetail](), handle: s.linkEnterprise},
		{method: "POST", pattern: "/api/v1/enterprises/{id}/merge", name: "mergeEnterprise", tag: "registry",
			summary: "Merge an entity registered twice into the one kept (the federation and the office of its district): every appeal, visit and account moves to it, it takes the facts it lacks, and the duplicate leaves the registry's lists, in one transaction",
			access:  Write, status: http.StatusOK, body: typeOf[EnterpriseMerge](), response: typeOf[EnterpriseMerged](), handle: s.mergeEnterprise},
	}
}

// matcher is the matching service; a server without one refuses it.
func (s *server) matcher() (*matching.Service, error) {
	if s.cfg.Matching == nil {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.cfg.Matching, nil
}

// UnmatchedCursor is the cursor of the page of unmatched appeals after c.
func UnmatchedCursor(c matching.Cursor) string {
	if c.ID == 0 {
		return ""
	}
	part := "open"
	if c.Closed {
		part = "closed"
	}
	return encodeCursor("unmatched-"+part, c.ID)
}

// unmatchedCursor reads the cursor of the list of unmatched appeals: its
// part (open or closed) is in its kind.
func unmatchedCursor(q *query) matching.Cursor {
	raw := q.text("cursor")
	if raw == "" {
		return matching.Cursor{}
	}
	for _, part := range []string{"open", "closed"} {
		if id, ok := decodeCursor("unmatched-"+part, raw); ok {
			return matching.Cursor{Closed: part == "closed", ID: id}
		}
	}
	q.fail(fault.Field("cursor", "cursor.bad"))
	return matching.Cursor{}
}

func (s *server) listUnmatched(c *call) error {
	f := matching.Filter{DistrictID: c.q.id("district_id"), After: unmatchedCursor(c.q), Limit: c.q.limit(appeal.MaxLimit)}
	if c.q.err != nil {
		return c.q.err
	}
	m, err := s.matcher()
	if err != nil {
		return err
	}
	p, err := m.Unmatched(c.ctx(), c.actor, f)
	if err != nil {
		return err
	}
	out := UnmatchedPage{Items: make([]UnmatchedAppeal, len(p.Items)), Open: p.Open, NextCursor: UnmatchedCursor(p.Next)}
	for i := range p.Items {
		a := &p.Items[i]
		out.Items[i] = UnmatchedAppeal{ID: a.ID, Number: a.Number(), Title: a.Title, Channel: a.Channel, State: a.State, Open: !a.State.Final(),
			EnterpriseName: a.EnterpriseName, CreditCode: a.CreditCode, DistrictID: a.DistrictID, TerritoryID: a.TerritoryID, CreatedAt: at(a.CreatedAt)}
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) appealMatches(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	m, err := s.matcher()
	if err != nil {
		return err
	}
	sg, err := m.Suggest(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	a := sg.Appeal
	out := Matches{AppealID: a.ID, EnterpriseName: a.EnterpriseName, CreditCode: a.CreditCode, EnterpriseID: a.EnterpriseID,
		Items: make([]Match, len(sg.Items))}
	for i, it := range sg.Items {
		out.Items[i] = Match{Score: it.Score, Reason: it.Reason, CodeDiffers: it.CodeDiffers, Enterprise: enterpriseView(it.Enterprise)}
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) linkEnterprise(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b EnterpriseLink
	if err := c.decode(&b); err != nil {
		return err
	}
	m, err := s.matcher()
	if err != nil {
		return err
	}
	if _, err := m.Link(c.ctx(), c.actor, id, b.EnterpriseID, b.Relink); err != nil {
		return err
	}
	return s.renderAppeal(c, id)
}

func (s *server) mergeEnterprise(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b EnterpriseMerge
	if err := c.decode(&b); err != nil {
		return err
	}
	m, err := s.matcher()
	if err != nil {
		return err
	}
	done, err := m.Merge(c.ctx(), c.actor, id, b.Into)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, EnterpriseMerged{Survivor: enterpriseView(done.Survivor), Duplicate: enterpriseView(done.Duplicate), Moved: done.Moved})
}

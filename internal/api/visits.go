package api

import (
	"net/http"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/outreach"
)

// Visits (走访): a liaison cadre's or an officer's visit to a market entity,
// with the appeals filed on the spot (package outreach).

// FiledAppeal is an appeal filed during a visit: its entity, place and
// channel (走访) are the visit's.
type FiledAppeal struct {
	Type         appeal.Type    `json:"type"`
	CategoryID   int64          `json:"category_id,omitempty"`
	Urgency      appeal.Urgency `json:"urgency,omitempty" doc:"normal unless given"`
	Title        string         `json:"title" doc:"at most 100 characters"`
	Content      string         `json:"content" doc:"at most 5000 characters"`
	ContactName  string         `json:"contact_name,omitempty"`
	ContactPhone string         `json:"contact_phone,omitempty"`
}

// NewVisit is the body of POST /api/v1/enterprises/{id}/visits.
type NewVisit struct {
	VisitedOn string        `json:"visited_on" doc:"the day, YYYY-MM-DD (China Standard Time), within the last year"`
	Visitors  string        `json:"visitors" doc:"who went, at most 100 characters"`
	Found     string        `json:"found,omitempty" doc:"what was found, at most 2000 characters"`
	Policies  string        `json:"policies,omitempty" doc:"the policies explained (政策宣讲), at most 1000 characters"`
	PolicyIDs []int64       `json:"policy_ids,omitempty" doc:"published policies explained, each sent to the entity (at most 20): each counts as having reached it (知晓率)"`
	Appeals   []FiledAppeal `json:"appeals,omitempty" doc:"appeals filed on the spot, at most 10; all registered with the visit or none"`
}

// FieldVisit is a visit on record.
type FieldVisit struct {
	ID           int64   `json:"id"`
	EnterpriseID int64   `json:"enterprise_id"`
	DistrictID   int64   `json:"district_id"`
	VisitedOn    string  `json:"visited_on" doc:"YYYY-MM-DD"`
	Visitors     string  `json:"visitors"`
	Found        string  `json:"found"`
	Policies     string  `json:"policies"`
	CreatedBy    int64   `json:"created_by"`
	CreatedAt    Time    `json:"created_at"`
	AppealIDs    []int64 `json:"appeal_ids" doc:"the appeals filed at it"`
	PolicyIDs    []int64 `json:"policy_ids" doc:"the published policies explained at it"`
}

// FieldVisitList is an entity's visits, the latest first.
type FieldVisitList struct {
	Items []FieldVisit `json:"items"`
}

func fieldVisitView(v *outreach.Visit) FieldVisit {
	ids, pids := v.AppealIDs, v.PolicyIDs
	if ids == nil {
		ids = []int64{}
	}
	if pids == nil {
		pids = []int64{}
	}
	return FieldVisit{ID: v.ID, EnterpriseID: v.EnterpriseID, DistrictID: v.DistrictID, VisitedOn: v.VisitedOn.In(appeal.CST).Format(dateLayout),
		Visitors: v.Visitors, Found: v.Found, Policies: v.Policies, CreatedBy: v.CreatedBy, CreatedAt: at(v.CreatedAt), AppealIDs: ids, PolicyIDs: pids}
}

func (s *server) visitRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/enterprises/{id}/visits", name: "recordVisit", tag: "registry",
			summary: "Record a visit (走访) to an entity of the caller's district (liaison cadres, the federation, the office), with the appeals filed on the spot, all in one transaction",
			access:  Write, status: http.StatusCreated, body: typeOf[NewVisit](), response: typeOf[FieldVisit](), handle: s.recordVisit},
		{method: "GET", pattern: "/api/v1/reports/coverage", name: "coverageReport", tag: "reports",
			summary: "Coverage (不漏一企): a district's market entities by township and industry section — with a liaison cadre, visited in the last days, with an appeal open — and the ones nobody reached (no cadre, no visit), up to 200",
			access:  Read, status: http.StatusOK, response: typeOf[outreach.Coverage](), display: true,
			query: []param{idParam("district_id", "the district; may be left out by whoever has one"),
				{name: "days", doc: "the visits counted are of the last days, 90 unless given (1–366)", schema: map[string]any{"type": "integer", "minimum": 1, "maximum": 366}}},
			handle: s.coverageReport},
		{method: "GET", pattern: "/api/v1/cadre/enterprises", name: "cadreWorkbench", tag: "registry",
			summary: "A liaison cadre's workbench: the entities linked to them, those never visited first, then the longest ago, each with whether a visit is due (none in 90 days) and its appeals open",
			access:  Read, status: http.StatusOK, response: typeOf[CadreWorkbench](), handle: s.cadreWorkbench},
		{method: "GET", pattern: "/api/v1/enterprises/{id}/visits", name: "listVisits", tag: "registry",
			summary: "An entity's visits, the latest first, each with the appeals filed at it",
			access:  Read, status: http.StatusOK, response: typeOf[FieldVisitList](), handle: s.listVisits},
	}
}

// fieldVisits is the service of visits; a server without one refuses them.
func (s *server) fieldVisits() (*outreach.Service, error) {
	if s.cfg.Visits == nil {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.cfg.Visits, nil
}

func (s *server) recordVisit(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b NewVisit
	if err := c.decode(&b); err != nil {
		return err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	v, filed, err := b.visit(id)
	if err != nil {
		return err
	}
	if err := svc.Record(c.ctx(), c.actor, v, filed); err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/enterprises/"+strconv.FormatInt(id, 10)+"/visits")
	return c.reply(http.StatusCreated, fieldVisitView(v))
}

// visit is the visit b describes to entity id, and the appeals filed at it.
func (b *NewVisit) visit(id int64) (*outreach.Visit, []appeal.Intake, error) {
	v := &outreach.Visit{EnterpriseID: id, Visitors: b.Visitors, Found: b.Found, Policies: b.Policies, PolicyIDs: b.PolicyIDs}
	if b.VisitedOn != "" {
		d, err := parseDay("visited_on", b.VisitedOn)
		if err != nil {
			return nil, nil, err
		}
		v.VisitedOn = d
	}
	filed := make([]appeal.Intake, len(b.Appeals))
	for i, a := range b.Appeals {
		filed[i] = appeal.Intake{Type: a.Type, CategoryID: a.CategoryID, Urgency: a.Urgency, Title: a.Title, Content: a.Content,
			ContactName: a.ContactName, ContactPhone: a.ContactPhone}
	}
	return v, filed, nil
}

func (s *server) listVisits(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	vs, err := svc.List(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	out := FieldVisitList{Items: make([]FieldVisit, len(vs))}
	for i := range vs {
		out.Items[i] = fieldVisitView(&vs[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) coverageReport(c *call) error {
	district, days := c.q.id("district_id"), c.q.get("days")
	if c.q.err != nil {
		return c.q.err
	}
	n := 90
	if days != "" {
		var err error
		if n, err = strconv.Atoi(days); err != nil {
			return fault.Field("days", "coverage.days")
		}
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	cov, err := svc.Coverage(c.ctx(), c.actor, district, n)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, cov)
}

// CadreEntity is an entity on a cadre's workbench.
type CadreEntity struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	TerritoryID  int64  `json:"territory_id,omitempty"`
	IndustryCode string `json:"industry_code,omitempty"`
	LastVisit    string `json:"last_visit,omitempty" doc:"YYYY-MM-DD; absent if never visited"`
	Due          bool   `json:"due" doc:"no visit in the last 90 days"`
	OpenAppeals  int    `json:"open_appeals"`
}

// CadreWorkbench is a cadre's entities.
type CadreWorkbench struct {
	Items []CadreEntity `json:"items"`
}

func (s *server) cadreWorkbench(c *call) error {
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	es, err := svc.Workbench(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	out := CadreWorkbench{Items: make([]CadreEntity, len(es))}
	for i, e := range es {
		out.Items[i] = CadreEntity{ID: e.ID, Name: e.Name, TerritoryID: e.TerritoryID, IndustryCode: e.IndustryCode, Due: e.Due, OpenAppeals: e.OpenAppeals}
		if !e.LastVisit.IsZero() {
			out.Items[i].LastVisit = e.LastVisit.In(appeal.CST).Format(dateLayout)
		}
	}
	return c.reply(http.StatusOK, out)
}

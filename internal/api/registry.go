package api

import (
	"net/http"
	"net/url"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/unit"
)

// The registries: enterprises, units and categories.

// NewEnterprise is the body of POST /api/v1/enterprises.
type NewEnterprise struct {
	CreditCode   string   `json:"credit_code,omitempty" doc:"unified social credit code, checked with its check character"`
	Name         string   `json:"name" doc:"at most 100 characters"`
	DistrictID   int64    `json:"district_id,omitempty"`
	TerritoryID  int64    `json:"territory_id,omitempty"`
	Industry     string   `json:"industry,omitempty" doc:"the line of business: a division of GB/T 4754-2017 is recognised by its code or name"`
	IndustryCode string   `json:"industry_code,omitempty" doc:"the division of GB/T 4754-2017, such as 13 or C13"`
	Size         string   `json:"size,omitempty" doc:"large, medium, small or micro"`
	Tags         []string `json:"tags,omitempty" doc:"at most 10, each at most 20 characters"`
	Address      string   `json:"address,omitempty"`
	ContactName  string   `json:"contact_name,omitempty"`
	ContactPhone string   `json:"contact_phone,omitempty"`
}

// enterprisePage is the page size of the registry unless the client asks.
const enterprisePage = 20

// EnterpriseFilter reads the filter of the registry from a page's query
// values, as GET /api/v1/enterprises reads its parameters.
func EnterpriseFilter(values url.Values) (enterprise.Filter, error) {
	q := &query{values: only(values, enterpriseListParams)}
	return enterpriseFilter(q), q.err
}

// EnterpriseCursor is the cursor of the page of the registry after id.
func EnterpriseCursor(id int64) string { return encodeCursor("enterprises", id) }

func enterpriseFilter(q *query) enterprise.Filter {
	f := enterprise.Filter{Query: q.text("q"), DistrictID: q.id("district_id"), TerritoryID: q.id("territory_id"), CadreID: q.id("cadre_id"),
		IndustryCode: q.text("industry"), Size: queryEnum(q, "size", enterprise.Sizes), AfterID: q.cursor("enterprises"), Limit: q.limit(100)}
	return f
}

func (s *server) listEnterprises(c *call) error {
	q := c.q
	f := enterpriseFilter(q)
	if q.err != nil {
		return q.err
	}
	if f.Limit == 0 {
		f.Limit = enterprisePage
	}
	es, err := s.cfg.Enterprises.Find(c.ctx(), c.actor, f)
	if err != nil {
		return err
	}
	out := EnterprisePage{Items: make([]Enterprise, len(es))}
	for i := range es {
		out.Items[i] = enterpriseView(&es[i])
	}
	if len(es) == f.Limit {
		out.NextCursor = encodeCursor("enterprises", es[len(es)-1].ID)
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) createEnterprise(c *call) error {
	var b NewEnterprise
	if err := c.decode(&b); err != nil {
		return err
	}
	e := &enterprise.Enterprise{CreditCode: b.CreditCode, Name: b.Name, DistrictID: b.DistrictID,
		TerritoryID: b.TerritoryID, Industry: b.Industry, IndustryCode: b.IndustryCode, Size: enterprise.Size(b.Size), Tags: b.Tags,
		Address: b.Address, ContactName: b.ContactName, ContactPhone: b.ContactPhone}
	if err := s.cfg.Enterprises.Create(c.ctx(), c.actor, e); err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/enterprises/"+strconv.FormatInt(e.ID, 10))
	return c.reply(http.StatusCreated, enterpriseView(e))
}

func (s *server) getEnterprise(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	e, err := s.cfg.Enterprises.Get(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, enterpriseView(e))
}

// NewUnit is the body of POST /api/v1/units.
type NewUnit struct {
	ParentID     int64             `json:"parent_id,omitempty" doc:"absent only for a province or city at the root"`
	Code         string            `json:"code,omitempty"`
	Name         string            `json:"name"`
	Level        unit.Level        `json:"level"`
	Kind         unit.Kind         `json:"kind"`
	Capabilities []unit.Capability `json:"capabilities,omitempty"`
	Assessed     *bool             `json:"assessed,omitempty" doc:"纳入考核; true unless given"`
}

func (s *server) listUnits(c *call) error {
	root := c.q.id("root_id")
	if c.q.err != nil {
		return c.q.err
	}
	us, err := s.cfg.Units.List(c.ctx(), c.actor, root)
	if err != nil {
		return err
	}
	out := Units{Items: make([]Unit, len(us))}
	for i := range us {
		out.Items[i] = unitView(&us[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) createUnit(c *call) error {
	var b NewUnit
	if err := c.decode(&b); err != nil {
		return err
	}
	u := &unit.Unit{ParentID: b.ParentID, Code: b.Code, Name: b.Name, Level: b.Level, Kind: b.Kind,
		Capabilities: b.Capabilities, Assessed: b.Assessed == nil || *b.Assessed}
	if err := s.cfg.Units.Create(c.ctx(), c.actor, u); err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(u.ID, 10))
	return c.reply(http.StatusCreated, unitView(u))
}

func (s *server) getUnit(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	u, err := s.cfg.Units.Get(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, unitView(u))
}

// NewCategory is the body of POST /api/v1/categories.
type NewCategory struct {
	Code string `json:"code,omitempty" doc:"at most 30 characters"`
	Name string `json:"name" doc:"at most 50 characters"`
}

func (s *server) listCategories(c *call) error {
	cs, err := s.cfg.Appeals.Categories(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	out := Categories{Items: make([]Category, len(cs))}
	for i := range cs {
		out.Items[i] = categoryView(&cs[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) createCategory(c *call) error {
	var b NewCategory
	if err := c.decode(&b); err != nil {
		return err
	}
	cat := &appeal.Category{Code: b.Code, Name: b.Name}
	if err := s.cfg.Appeals.CreateCategory(c.ctx(), c.actor, cat); err != nil {
		return err
	}
	return c.reply(http.StatusCreated, categoryView(cat))
}

// CadreAssignment is the body of POST /api/v1/enterprises/cadre: the
// liaison cadre and the entities of a district to link to them.
type CadreAssignment struct {
	CadreID     int64  `json:"cadre_id" doc:"an active officer with the cadre role (联企干部)"`
	DistrictID  int64  `json:"district_id"`
	TerritoryID int64  `json:"territory_id,omitempty" doc:"only the entities of this township"`
	Industry    string `json:"industry,omitempty" doc:"only those of this division of GB/T 4754-2017 (code or name)"`
	Size        string `json:"size,omitempty" doc:"only those of this size"`
}

// CadreAssigned says how many entities an assignment linked.
type CadreAssigned struct {
	Assigned int `json:"assigned"`
}

func (s *server) assignCadre(c *call) error {
	var b CadreAssignment
	if err := c.decode(&b); err != nil {
		return err
	}
	f := enterprise.Filter{DistrictID: b.DistrictID, TerritoryID: b.TerritoryID, IndustryCode: b.Industry, Size: enterprise.Size(b.Size)}
	n, err := s.cfg.Enterprises.AssignCadre(c.ctx(), c.actor, b.CadreID, f)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, CadreAssigned{Assigned: n})
}

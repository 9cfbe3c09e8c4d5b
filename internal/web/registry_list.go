package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/industry"
	"zhitong/internal/unit"
)

// The registry's pages (市场主体名录): the market entities of the caller's
// districts, found by name or code and filtered by township, industry and
// size, a page at a time; and one entity with its appeals. Contacts are
// masked for those who do not call enterprises (enterprise.protect).

type registryListData struct {
	Form      url.Values
	Items     []enterprise.Enterprise
	Towns     []unit.Unit
	Divisions []industry.Division
	Sizes     []enterprise.Size
	Next      string // the query of the next page; "" at the end
	Error     string
}

// registryPageSize is how many entities a page of the registry lists.
const registryPageSize = 50

func (s *Server) registryList(q *req) error {
	v := q.r.URL.Query()
	d := registryListData{Form: v, Divisions: industry.Divisions(), Sizes: enterprise.Sizes}
	f, err := api.EnterpriseFilter(v)
	if err == nil {
		f.Limit = registryPageSize
		d.Items, err = s.cfg.Enterprises.Find(q.ctx(), q.actor, f)
	}
	status, err := q.filterError(err, &d.Error)
	if err != nil {
		return err
	}
	if len(d.Items) == registryPageSize {
		next := url.Values{}
		for k, vs := range v {
			if k != "cursor" {
				next[k] = vs
			}
		}
		next.Set("cursor", api.EnterpriseCursor(d.Items[len(d.Items)-1].ID))
		d.Next = next.Encode()
	}
	for _, id := range q.actor.Districts {
		us, err := s.cfg.Units.List(q.ctx(), q.actor, id)
		if err != nil {
			return err
		}
		for _, u := range us {
			if u.Kind == unit.TownshipK && u.Active {
				d.Towns = append(d.Towns, u)
			}
		}
	}
	ids := make([]int64, 0, len(d.Items))
	for _, e := range d.Items {
		ids = append(ids, e.TerritoryID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(status, "registry_list", q.lang.T("menu.registry_list"), d)
}

type enterpriseData struct {
	E       *enterprise.Enterprise
	Appeals []appeal.Appeal
	More    bool // more appeals than listed
}

func (s *Server) enterprisePage(q *req) error {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return fault.NotFoundOf("noun.enterprise")
	}
	e, err := s.cfg.Enterprises.Get(q.ctx(), q.actor, id)
	if err != nil {
		return err
	}
	d := enterpriseData{E: e}
	p, err := s.cfg.Appeals.List(q.ctx(), q.actor, appeal.Filter{EnterpriseID: id, Limit: 20})
	if err != nil && !fault.Is(err, fault.Forbidden) {
		return err
	}
	d.Appeals, d.More = p.Items, p.Next != 0
	if err := q.lookUnits(e.DistrictID, e.TerritoryID); err != nil {
		return err
	}
	return q.render(http.StatusOK, "enterprise", e.Name, d)
}

// industryLabel is a division's code and name, or the words an entity was
// registered with.
func industryLabel(e enterprise.Enterprise) string {
	if l := industry.Label(e.IndustryCode); l != "" {
		return l
	}
	return strings.TrimSpace(e.Industry)
}

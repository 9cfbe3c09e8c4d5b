package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/industry"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
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
	Cadres    []account.User   // to link the filtered entities to, for who assigns cadres
	District  int64            // the district the assignment applies to
	Names     map[int64]string // the cadres' names by id, of those the caller sees
	MayLink   bool             // the caller matches appeals to the registry: the list of those left is linked
}

// registryPageSize is how many entities a page of the registry lists.
const registryPageSize = 50

func (s *Server) registryList(q *req) error { return s.renderRegistryList(q, http.StatusOK, "") }

// renderRegistryList renders the registry filtered by the URL's query,
// with msg, the refusal of a form, if any.
func (s *Server) renderRegistryList(q *req, status int, msg string) error {
	v := q.r.URL.Query()
	d := registryListData{Form: v, Divisions: industry.Divisions(), Sizes: enterprise.Sizes, Error: msg,
		MayLink: s.cfg.Matching != nil && appeal.MayLink(q.actor)}
	f, err := api.EnterpriseFilter(v)
	if err == nil {
		f.Limit = registryPageSize
		d.Items, err = s.cfg.Enterprises.Find(q.ctx(), q.actor, f)
	}
	if st, err := q.filterError(err, &d.Error); err != nil {
		return err
	} else if st != http.StatusOK {
		status = st
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
	d.Names = map[int64]string{}
	if us, err := s.cfg.Accounts.List(q.ctx(), q.actor); err == nil {
		for _, u := range us {
			if u.HasRole(account.Cadre) {
				d.Names[u.ID] = u.Name
				if u.Active {
					d.Cadres = append(d.Cadres, u)
				}
			}
		}
	} else if !fault.Is(err, fault.Forbidden) {
		return err
	}
	if enterprise.MayAssignCadres(q.actor) && len(q.actor.Districts) > 0 {
		d.District = q.actor.Districts[0]
	} else {
		d.Cadres = nil
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
	Visits  []outreach.Visit
	// Policies are the policies sent to the entity, the unread first: a
	// visit may explain them.
	Policies []policy.Receipt
	Record   bool       // the caller records visits: the form is shown
	Form     url.Values // the visit form as sent, after a refusal
	Types    []appeal.Type
	Today    string
	Error    string
	Merge    mergeData // the merge of an entity registered twice (matching.go)
}

func (s *Server) enterprisePage(q *req) error {
	return s.renderEnterprise(q, http.StatusOK, nil, "", "")
}

// renderEnterprise renders an entity's page, with the visit form as sent
// and its refusal msg, or the merge form's refusal mergeMsg, if any.
func (s *Server) renderEnterprise(q *req, status int, form url.Values, msg, mergeMsg string) error {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return fault.NotFoundOf("noun.enterprise")
	}
	e, err := s.cfg.Enterprises.Get(q.ctx(), q.actor, id)
	if err != nil {
		return err
	}
	now := s.cfg.Appeals.Now().In(appeal.CST)
	d := enterpriseData{E: e, Form: form, Error: msg, Types: appeal.Types, Today: now.Format(time.DateOnly),
		Record: outreach.MayRecord(q.actor) && q.actor.InDistrict(e.DistrictID) && e.MergedInto == 0}
	if form == nil {
		d.Form = url.Values{"visited_on": {d.Today}, "visitors": {q.actor.Name}}
	}
	if s.cfg.Visits != nil {
		if d.Visits, err = s.cfg.Visits.List(q.ctx(), q.actor, id); err != nil {
			return err
		}
	}
	if s.cfg.Policies != nil && e.DistrictID != 0 {
		if d.Policies, err = s.cfg.Policies.SentTo(q.ctx(), q.actor, id, e.DistrictID); err != nil && !fault.Is(err, fault.Forbidden) {
			return err
		}
	}
	p, err := s.cfg.Appeals.List(q.ctx(), q.actor, appeal.Filter{EnterpriseID: id, Limit: 20})
	if err != nil && !fault.Is(err, fault.Forbidden) {
		return err
	}
	d.Appeals, d.More = p.Items, p.Next != 0
	if d.Merge, err = s.mergeDataOf(q, e, mergeMsg); err != nil {
		return err
	}
	ids := []int64{e.DistrictID, e.TerritoryID}
	for _, r := range d.Policies {
		ids = append(ids, r.IssuerID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(status, "enterprise", e.Name, d)
}

// recordVisit takes the visit form of an entity's page, with the appeal
// filed on the spot if its title is given.
func (s *Server) recordVisit(q *req) error {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return fault.NotFoundOf("noun.enterprise")
	}
	if s.cfg.Visits == nil || !outreach.MayRecord(q.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	v := &outreach.Visit{EnterpriseID: id, Visitors: f.Get("visitors"), Found: f.Get("found"), Policies: f.Get("policies")}
	for _, p := range f["policy_ids"] {
		pid, perr := strconv.ParseInt(p, 10, 64)
		if perr != nil {
			err = fault.Field("policy_ids", "visit.policy")
		}
		v.PolicyIDs = append(v.PolicyIDs, pid)
	}
	if err == nil {
		v.VisitedOn, err = formDay(f, "visited_on")
	}
	if err == nil {
		var filed []appeal.Intake
		if strings.TrimSpace(f.Get("title")) != "" || strings.TrimSpace(f.Get("content")) != "" {
			filed = append(filed, appeal.Intake{Type: appeal.Type(f.Get("type")), Title: f.Get("title"), Content: f.Get("content")})
		}
		if err = s.cfg.Visits.Record(q.ctx(), q.actor, v, filed); err == nil {
			return q.redirect("/registry/" + strconv.FormatInt(id, 10) + "?done=field_visit")
		}
	}
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) || fault.Is(err, fault.NotFound) {
		return err
	}
	return s.renderEnterprise(q, statusOf(err), f, msg, "")
}

// industryLabel is a division's code and name, or the words an entity was
// registered with.
func industryLabel(e enterprise.Enterprise) string {
	if l := industry.Label(e.IndustryCode); l != "" {
		return l
	}
	return strings.TrimSpace(e.Industry)
}

// assignCadre links the entities the form's filter selects (a township,
// an industry, a size) to the cadre chosen, and shows the registry again.
func (s *Server) assignCadre(q *req) error {
	if !enterprise.MayAssignCadres(q.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	form := q.r.PostForm
	cadre, err := formID(form, "cadre_id")
	if err == nil && cadre == 0 {
		err = fault.Field("cadre_id", "cadre.not")
	}
	if err == nil {
		var f enterprise.Filter
		f.DistrictID, err = formID(form, "district_id")
		if err == nil {
			var g enterprise.Filter
			g, err = api.EnterpriseFilter(form)
			f.TerritoryID, f.IndustryCode, f.Size = g.TerritoryID, g.IndustryCode, g.Size
		}
		if err == nil {
			var n int
			if n, err = s.cfg.Enterprises.AssignCadre(q.ctx(), q.actor, cadre, f); err == nil {
				back := url.Values{"done": {"cadre"}, "n": {strconv.Itoa(n)}, "cadre_id": {strconv.FormatInt(cadre, 10)}}
				return q.redirect("/registry?" + back.Encode())
			}
		}
	}
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) {
		return err
	}
	return s.renderRegistryList(q, statusOf(err), msg)
}

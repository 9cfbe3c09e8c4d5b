package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/matching"
)

// The registry's matching pages (package matching): the district's appeals
// registered without an entity, for the federation and the office to work
// through; the suggestions with their confirm buttons on the appeal page;
// and the merge of an entity registered twice on the entity's page.

type unmatchedData struct {
	Page *matching.Page
	Next string // the query of the next page; "" at the end
}

// unmatchedPage lists the caller's district's appeals without an entity,
// the open ones first.
func (s *Server) unmatchedPage(q *req) error {
	if s.cfg.Matching == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	v := q.r.URL.Query()
	f := matching.Filter{Limit: 50}
	if id, err := strconv.ParseInt(v.Get("district_id"), 10, 64); err == nil {
		f.DistrictID = id
	}
	if c := v.Get("cursor"); c != "" {
		closed, id, ok := strings.Cut(c, "-")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil || (closed != "open" && closed != "closed") {
			return fault.Field("cursor", "cursor.bad")
		}
		f.After = matching.Cursor{Closed: closed == "closed", ID: n}
	}
	p, err := s.cfg.Matching.Unmatched(q.ctx(), q.actor, f)
	if err != nil {
		return err
	}
	d := unmatchedData{Page: p}
	if p.Next.ID != 0 {
		part := "open"
		if p.Next.Closed {
			part = "closed"
		}
		next := url.Values{"cursor": {part + "-" + strconv.FormatInt(p.Next.ID, 10)}}
		if f.DistrictID != 0 {
			next.Set("district_id", strconv.FormatInt(f.DistrictID, 10))
		}
		d.Next = next.Encode()
	}
	ids := make([]int64, 0, len(p.Items))
	for _, a := range p.Items {
		ids = append(ids, a.TerritoryID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(http.StatusOK, "registry_unmatched", q.lang.T("mt.title"), d)
}

// matchesOf are the entities suggested for the appeal of v, for those who
// link appeals; none for the others. An appeal linked already is shown its
// suggestions only when the officer asks to link it to another entity
// (?relink=1): most appeals are linked, and their page need not look.
func (s *Server) matchesOf(q *req, v *appeal.View) ([]matching.Suggestion, bool, error) {
	if s.cfg.Matching == nil || !appeal.MayLink(q.actor) || v.Relation != appeal.AsDistrict {
		return nil, false, nil
	}
	if v.Appeal.EnterpriseID != 0 && q.r.URL.Query().Get("relink") != "1" && q.r.Method == http.MethodGet {
		return nil, true, nil
	}
	sg, err := s.cfg.Matching.Suggest(q.ctx(), q.actor, v.Appeal.ID)
	if err != nil {
		return nil, false, err
	}
	return sg.Items, true, nil
}

// matchingForm reads a matching form posted about the {id} of the path, by
// someone who links and merges (appeal.MayLink): others are refused before
// anything they typed is read.
func (s *Server) matchingForm(q *req) (int64, url.Values, error) {
	id, err := q.pathID()
	if err != nil {
		return 0, nil, err
	}
	if s.cfg.Matching == nil || !appeal.MayLink(q.actor) {
		return 0, nil, fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return 0, nil, fault.E(fault.Invalid, "web.form")
	}
	return id, q.r.PostForm, nil
}

// linkEnterprise takes the confirm button of a suggestion, or the entity
// typed by its id or credit code, and links the appeal to it.
func (s *Server) linkEnterprise(q *req) error {
	id, f, err := s.matchingForm(q)
	if err != nil {
		return err
	}
	eid, err := s.enterpriseOf(q, id, strings.TrimSpace(f.Get("enterprise")))
	if err == nil {
		_, err = s.cfg.Matching.Link(q.ctx(), q.actor, id, eid, f.Get("relink") == "1")
	}
	if err == nil {
		return q.redirect("/appeals/" + strconv.FormatInt(id, 10) + "?done=link_enterprise")
	}
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) || fault.Is(err, fault.NotFound) {
		return err
	}
	d, derr := s.appealData(q, id)
	if derr != nil {
		return derr
	}
	d.MatchError = msg
	return q.render(statusOf(err), "appeal", d.V.Appeal.Number(), d)
}

// enterpriseOf reads the entity a form names: its id, or its credit code
// within the appeal's district.
func (s *Server) enterpriseOf(q *req, appealID int64, typed string) (int64, error) {
	if typed == "" {
		return 0, fault.Field("enterprise_id", "bad_id", "enterprise_id")
	}
	if n, err := strconv.ParseInt(typed, 10, 64); err == nil && n > 0 {
		return n, nil
	}
	code := enterprise.NormalizeCreditCode(typed)
	if err := enterprise.CheckCreditCode(code); err != nil {
		return 0, err
	}
	v, err := s.cfg.Appeals.Get(q.ctx(), q.actor, appealID)
	if err != nil {
		return 0, err
	}
	es, err := s.cfg.Enterprises.Find(q.ctx(), q.actor, enterprise.Filter{Query: code, DistrictID: v.Appeal.DistrictID, Limit: 2})
	if err != nil {
		return 0, err
	}
	for _, e := range es {
		if e.CreditCode == code {
			return e.ID, nil
		}
	}
	return 0, fault.Field("enterprise_id", "not_found", fault.Noun("noun.enterprise"))
}

// mergeEnterprise takes the merge form of an entity's page: the entity of
// the path is merged into the one kept, whose page the browser goes to.
func (s *Server) mergeEnterprise(q *req) error {
	id, f, err := s.matchingForm(q)
	if err != nil {
		return err
	}
	into, perr := strconv.ParseInt(strings.TrimSpace(f.Get("into")), 10, 64)
	if perr != nil || into <= 0 {
		err = fault.Field("into", "emerge.into")
	} else if _, err = s.cfg.Matching.Merge(q.ctx(), q.actor, id, into); err == nil {
		return q.redirect("/registry/" + strconv.FormatInt(into, 10) + "?done=enterprise_merged")
	}
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) {
		return err
	}
	// Back to the page the form was on (the kept entity's, for its "merge
	// that one into this one" buttons), with the refusal.
	back := id
	if b, err := strconv.ParseInt(f.Get("back"), 10, 64); err == nil && (b == id || b == into) {
		back = b
	}
	q.r.SetPathValue("id", strconv.FormatInt(back, 10))
	return s.renderEnterprise(q, statusOf(err), nil, "", msg)
}

// mergeData is the merge part of an entity's page.
type mergeData struct {
	May   bool                  // the caller merges this district's entities, and this one is not merged
	Dups  []matching.Suggestion // the entities that may be this one registered again
	Error string                // the merge form's refusal
	Into  *enterprise.Enterprise
}

// mergeDataOf is the merge part of e's page for the caller: where a merged
// entity went, or the likely duplicates with their merge buttons.
func (s *Server) mergeDataOf(q *req, e *enterprise.Enterprise, msg string) (mergeData, error) {
	d := mergeData{Error: msg}
	if e.MergedInto != 0 {
		into, err := s.cfg.Enterprises.Get(q.ctx(), q.actor, e.MergedInto)
		if err != nil {
			return d, err
		}
		d.Into = into
		return d, nil
	}
	if s.cfg.Matching == nil || !appeal.MayLink(q.actor) || !q.actor.InDistrict(e.DistrictID) {
		return d, nil
	}
	d.May = true
	var err error
	d.Dups, err = s.cfg.Matching.Duplicates(q.ctx(), q.actor, e.ID)
	return d, err
}

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
	"zhitong/internal/policy"
	"zhitong/internal/report"
	"zhitong/internal/unit"
)

// The policies' pages (惠企政策): the district's policies with their reach
// and, for the federation and the office, the form that publishes one;
// one policy with its text, files, reach by township and targets.

type policiesData struct {
	Items    []policy.Policy
	Publish  bool        // the caller publishes: the form is shown
	Issuers  []unit.Unit // the units of the district that may issue
	Towns    []unit.Unit
	Sections []industry.Section
	Sizes    []enterprise.Size
	Form     url.Values
	Error    string
	Next     int64 // the policies after this id make the next page; 0: none
}

func (s *Server) policiesPage(q *req) error {
	return s.renderPolicies(q, http.StatusOK, url.Values{}, "")
}

func (s *Server) renderPolicies(q *req, status int, form url.Values, msg string) error {
	if s.cfg.Policies == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	before, err := formID(q.r.URL.Query(), "before")
	if err != nil {
		return err
	}
	ps, err := s.cfg.Policies.List(q.ctx(), q.actor, 0, before, policy.MaxPage)
	if err != nil {
		return err
	}
	d := policiesData{Items: ps, Publish: policy.MayPublish(q.actor) && len(q.actor.Districts) > 0, Form: form, Error: msg,
		Sections: industry.Sections(), Sizes: enterprise.Sizes}
	if len(ps) == policy.MaxPage {
		d.Next = ps[len(ps)-1].ID
	}
	ids := []int64{}
	for _, p := range ps {
		ids = append(ids, p.IssuerID)
	}
	if d.Publish {
		us, err := s.cfg.Units.List(q.ctx(), q.actor, q.actor.Districts[0])
		if err != nil {
			return err
		}
		for _, u := range us {
			switch {
			case !u.Active:
			case u.Kind == unit.TownshipK:
				d.Towns = append(d.Towns, u)
				d.Issuers = append(d.Issuers, u)
			default:
				d.Issuers = append(d.Issuers, u)
			}
		}
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(status, "policies", q.lang.T("menu.policies"), d)
}

// publishPolicy takes the publishing form, with an optional file.
func (s *Server) publishPolicy(q *req) error {
	if s.cfg.Policies == nil || !policy.MayPublish(q.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	var uploads []policy.Upload
	var err error
	if strings.HasPrefix(q.r.Header.Get("Content-Type"), "multipart/form-data") {
		var name string
		var data []byte
		if name, data, err = q.uploadedFile(appeal.MaxAttachmentSize, nil, tooLargeFile()); err == nil && name != "" {
			uploads = append(uploads, policy.Upload{Name: name, Data: data})
		}
	} else if err = q.r.ParseForm(); err != nil {
		err = fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	if err != nil && !fault.Is(err, fault.Invalid) && !fault.Is(err, fault.TooLarge) {
		return err
	}
	var p *policy.Policy
	if err == nil {
		p, err = policyForm(f)
	}
	if err == nil {
		err = s.cfg.Policies.Publish(q.ctx(), q.actor, p, uploads)
	}
	if err == nil {
		return q.redirect("/policies/" + strconv.FormatInt(p.ID, 10) + "?done=published_policy")
	}
	if f == nil {
		f = url.Values{}
	}
	return s.afterForm(q, err, "", func(msg string) error { return s.renderPolicies(q, statusOf(err), f, msg) })
}

// policyForm reads the publishing form as the API reads its body.
func policyForm(f url.Values) (*policy.Policy, error) {
	issuer, err := formID(f, "issuer_id")
	if err != nil {
		return nil, err
	}
	b := api.NewPolicy{IssuerID: issuer, Title: f.Get("title"), DocNo: f.Get("doc_no"), Body: f.Get("body"),
		EffectiveFrom: strings.TrimSpace(f.Get("effective_from")), EffectiveTo: strings.TrimSpace(f.Get("effective_to")),
		Industries: strings.FieldsFunc(f.Get("industries"), func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '、' }),
		Sizes:      f["sizes"]}
	for _, t := range f["territories"] {
		id, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return nil, fault.Field("territories", "policy.territory")
		}
		b.Territories = append(b.Territories, id)
	}
	return b.PolicyOf()
}

type policyData struct {
	P         *policy.Policy
	Files     []policy.File
	Townships []policy.Township
	Targets   []policy.Target
	Next      string // the cursor of the next page of targets; "" at the end
}

// targetsPage is how many targets the policy's page lists at a time.
const targetsPage = 100

func (s *Server) policyPage(q *req) error {
	if s.cfg.Policies == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	id, err := q.pathID()
	if err != nil {
		return err
	}
	after, err := formID(q.r.URL.Query(), "after")
	if err != nil {
		return err
	}
	svc := s.cfg.Policies
	dt, err := svc.Detail(q.ctx(), q.actor, id)
	if err != nil {
		return err
	}
	d := policyData{P: dt.Policy, Files: dt.Files, Townships: dt.Townships}
	if d.Targets, err = svc.Targets(q.ctx(), q.actor, id, after, targetsPage); err != nil {
		return err
	}
	if len(d.Targets) == targetsPage {
		d.Next = strconv.FormatInt(d.Targets[len(d.Targets)-1].EnterpriseID, 10)
	}
	ids := append([]int64{d.P.IssuerID, d.P.DistrictID}, d.P.Tags.Territories...)
	for _, t := range d.Townships {
		ids = append(ids, t.TerritoryID)
	}
	for _, t := range d.Targets {
		ids = append(ids, t.TerritoryID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(http.StatusOK, "policy", d.P.Title, d)
}

// sendPolicyFile sends the file of the path, to an officer of the
// policy's district or an entity it was sent to.
func (s *Server) sendPolicyFile(q *req) error {
	if s.cfg.Policies == nil {
		return fault.NotFoundOf("noun.attachment")
	}
	id, aid, err := q.fileIDs()
	if err != nil {
		return err
	}
	f, data, err := s.cfg.Policies.OpenFile(q.ctx(), q.actor, id, aid)
	if err != nil {
		return err
	}
	return api.SendFile(q.w, f.Name, f.ContentType, data)
}

// reachOf is a township's reach, for the template.
func reachOf(t policy.Township) report.Rate { return report.RateOf(t.Reads, t.Targets) }

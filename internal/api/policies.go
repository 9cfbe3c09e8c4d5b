package api

import (
	"net/http"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/policy"
	"zhitong/internal/report"
)

// Policies (惠企政策): published by the federation or the office of a
// district to the entities their tags match; their reach (知晓率) is the
// share of those entities that read them on the portal.

// NewPolicy is the body of POST /api/v1/policies.
type NewPolicy struct {
	DistrictID    int64    `json:"district_id,omitempty" doc:"the caller's district unless given"`
	IssuerID      int64    `json:"issuer_id" doc:"the issuing unit (发文单位), a unit of the district"`
	Title         string   `json:"title" doc:"at most 200 characters"`
	DocNo         string   `json:"doc_no,omitempty" doc:"the document number (文号), at most 50 characters"`
	EffectiveFrom string   `json:"effective_from" doc:"YYYY-MM-DD, the first day it holds"`
	EffectiveTo   string   `json:"effective_to,omitempty" doc:"YYYY-MM-DD, the last day it holds; absent: until further notice"`
	Body          string   `json:"body" doc:"the text, at most 50000 characters"`
	Industries    []string `json:"industries,omitempty" doc:"GB/T 4754-2017 section letters (C) or division codes (13); none: every industry"`
	Territories   []int64  `json:"territories,omitempty" doc:"township unit ids of the district; none: every township"`
	Sizes         []string `json:"sizes,omitempty" doc:"large, medium, small, micro; none: every size"`
}

// Policy is a published policy with its reach.
type Policy struct {
	ID            int64       `json:"id"`
	DistrictID    int64       `json:"district_id"`
	IssuerID      int64       `json:"issuer_id"`
	Title         string      `json:"title"`
	DocNo         string      `json:"doc_no,omitempty"`
	EffectiveFrom string      `json:"effective_from" doc:"YYYY-MM-DD"`
	EffectiveTo   string      `json:"effective_to,omitempty" doc:"YYYY-MM-DD; absent: until further notice"`
	Body          string      `json:"body,omitempty" doc:"the text; left out of lists"`
	Industries    []string    `json:"industries"`
	Territories   []int64     `json:"territories"`
	Sizes         []string    `json:"sizes"`
	PublishedBy   int64       `json:"published_by,omitempty" doc:"the officer who published it; absent: the system"`
	PublishedAt   Time        `json:"published_at"`
	Reach         report.Rate `json:"reach" doc:"知晓率: the targeted entities it reached (read on the portal, or explained at a visit) ÷ the targeted entities"`
}

// PolicyDetail is one policy with its reach by township and its files.
type PolicyDetail struct {
	Policy
	Townships []PolicyTownship `json:"townships" doc:"the reach in each township, the most targeted first; territory_id 0: entities without one"`
	Files     []PolicyFile     `json:"files"`
}

// PolicyTownship is a policy's reach in one township.
type PolicyTownship struct {
	TerritoryID int64       `json:"territory_id"`
	Reach       report.Rate `json:"reach"`
}

// PolicyFile is a file of a policy, without its content.
type PolicyFile struct {
	FileInfo
	PolicyID int64 `json:"policy_id"`
}

// PolicyPage is a page of a district's policies, the newest first.
type PolicyPage struct {
	Items      []Policy `json:"items"`
	NextCursor string   `json:"next_cursor,omitempty"`
}

// PolicyTarget is an entity a policy was sent to.
type PolicyTarget struct {
	EnterpriseID int64  `json:"enterprise_id"`
	Name         string `json:"name"`
	CreditCode   string `json:"credit_code,omitempty"`
	TerritoryID  int64  `json:"territory_id,omitempty" doc:"its township when the policy was published"`
	IndustryCode string `json:"industry_code,omitempty"`
	Size         string `json:"size,omitempty"`
	ContactName  string `json:"contact_name,omitempty" doc:"masked as the registry masks it for the caller"`
	ContactPhone string `json:"contact_phone,omitempty" doc:"masked as the registry masks it for the caller"`
	ReadAt       Time   `json:"read_at,omitzero" doc:"when it first reached the entity — read on the portal or explained at a visit; absent: not yet"`
	ReadVisit    int64  `json:"read_visit,omitempty" doc:"the visit (走访) that explained it, when that is how it first reached the entity"`
}

// PolicyTargetPage is a page of a policy's targets, by entity id.
type PolicyTargetPage struct {
	Items      []PolicyTarget `json:"items"`
	NextCursor string         `json:"next_cursor,omitempty"`
}

func enterprisePolicyView(p *policy.Policy, withBody bool) Policy {
	v := Policy{ID: p.ID, DistrictID: p.DistrictID, IssuerID: p.IssuerID, Title: p.Title, DocNo: p.DocNo,
		EffectiveFrom: p.EffectiveFrom.In(appeal.CST).Format(dateLayout), Industries: p.Tags.Industries, Territories: p.Tags.Territories,
		Sizes: codes(p.Tags.Sizes), PublishedBy: p.PublishedBy, PublishedAt: at(p.PublishedAt), Reach: p.Reach()}
	if !p.EffectiveTo.IsZero() {
		v.EffectiveTo = p.EffectiveTo.In(appeal.CST).Format(dateLayout)
	}
	if withBody {
		v.Body = p.Body
	}
	if v.Industries == nil {
		v.Industries = []string{}
	}
	if v.Territories == nil {
		v.Territories = []int64{}
	}
	return v
}

func policyFileView(f *policy.File) PolicyFile {
	return PolicyFile{FileInfo: FileInfo{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256,
		By: f.ByName, At: at(f.At)}, PolicyID: f.PolicyID}
}

var (
	policyListParams   = []param{idParam("district_id", "one of the caller's districts; all of them unless given"), cursorParam, policyLimitParam}
	policyTargetParams = []param{cursorParam, policyLimitParam}
	policyLimitParam   = param{name: "limit", doc: "page size, 100 unless given",
		schema: map[string]any{"type": "integer", "minimum": 1, "maximum": policy.MaxPage}}
)

func (s *server) policyRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/policies", name: "publishPolicy", tag: "policies",
			summary: "Publish a policy (惠企政策) of the caller's district (the federation, the office): its targets — the district's entities its tags match — are recorded and told (the portal; SMS where configured) in the same transaction",
			access:  Write, status: http.StatusCreated, body: typeOf[NewPolicy](), response: typeOf[Policy](), handle: s.publishPolicy},
		{method: "GET", pattern: "/api/v1/policies", name: "listPolicies", tag: "policies",
			summary: "The policies of the caller's districts, the newest first, each with its reach (知晓率)",
			access:  Read, status: http.StatusOK, response: typeOf[PolicyPage](), query: policyListParams, handle: s.listPolicies},
		{method: "GET", pattern: "/api/v1/policies/{id}", name: "getPolicy", tag: "policies",
			summary: "One policy with its text, its files and its reach by township",
			access:  Read, status: http.StatusOK, response: typeOf[PolicyDetail](), handle: s.getPolicy},
		{method: "GET", pattern: "/api/v1/policies/{id}/targets", name: "listPolicyTargets", tag: "policies",
			summary: "The entities a policy was sent to, by id, each with when it first read it; contacts masked as the registry masks them",
			access:  Read, status: http.StatusOK, response: typeOf[PolicyTargetPage](), query: policyTargetParams, handle: s.listPolicyTargets},
		{method: "POST", pattern: "/api/v1/policies/{id}/attachments", name: "addPolicyAttachment", tag: "policies",
			summary: "Attach a file to a policy (PDF, pictures, Word, Excel, OFD, text; at most 10 MB, 10 a policy), the bytes as the body, its name in ?name=",
			access:  Write, status: http.StatusCreated, body: typeOf[File](), response: typeOf[PolicyFile](),
			query:  []param{requiredParam(textParam("name", "the file's name, with its extension", appeal.MaxAttachmentName))},
			handle: s.addPolicyAttachment},
		{method: "GET", pattern: "/api/v1/policies/{id}/attachments/{aid}", name: "getPolicyAttachment", tag: "policies",
			summary: "One file of a policy, as a download",
			access:  Read, status: http.StatusOK, response: typeOf[File](), handle: s.getPolicyAttachment},
	}
}

// policies is the service of policies; a server without one refuses them.
func (s *server) policies() (*policy.Service, error) {
	if s.cfg.Policies == nil {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.cfg.Policies, nil
}

// PolicyOf reads the policy b describes, as the pages read their form too.
func (b *NewPolicy) PolicyOf() (*policy.Policy, error) {
	p := &policy.Policy{DistrictID: b.DistrictID, IssuerID: b.IssuerID, Title: b.Title, DocNo: b.DocNo, Body: b.Body,
		Tags: policy.Tags{Industries: b.Industries, Territories: b.Territories}}
	for _, sz := range b.Sizes {
		p.Tags.Sizes = append(p.Tags.Sizes, enterprise.Size(sz))
	}
	var err error
	if b.EffectiveFrom != "" {
		if p.EffectiveFrom, err = parseDay("effective_from", b.EffectiveFrom); err != nil {
			return nil, err
		}
	}
	if b.EffectiveTo != "" {
		if p.EffectiveTo, err = parseDay("effective_to", b.EffectiveTo); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (s *server) publishPolicy(c *call) error {
	var b NewPolicy
	if err := c.decode(&b); err != nil {
		return err
	}
	svc, err := s.policies()
	if err != nil {
		return err
	}
	p, err := b.PolicyOf()
	if err != nil {
		return err
	}
	if err := svc.Publish(c.ctx(), c.actor, p, nil); err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/policies/"+strconv.FormatInt(p.ID, 10))
	return c.reply(http.StatusCreated, enterprisePolicyView(p, true))
}

// policyLimit is the size of a page of policies or targets asked for,
// policy.MaxPage unless given.
func policyLimit(q *query) int {
	if n := q.limit(policy.MaxPage); n > 0 {
		return n
	}
	return policy.MaxPage
}

func (s *server) listPolicies(c *call) error {
	district, before, limit := c.q.id("district_id"), c.q.cursor("policies"), policyLimit(c.q)
	if c.q.err != nil {
		return c.q.err
	}
	svc, err := s.policies()
	if err != nil {
		return err
	}
	ps, err := svc.List(c.ctx(), c.actor, district, before, limit)
	if err != nil {
		return err
	}
	out := PolicyPage{Items: make([]Policy, len(ps))}
	for i := range ps {
		out.Items[i] = enterprisePolicyView(&ps[i], false)
	}
	if len(ps) == limit {
		out.NextCursor = encodeCursor("policies", ps[len(ps)-1].ID)
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) getPolicy(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	svc, err := s.policies()
	if err != nil {
		return err
	}
	d, err := svc.Detail(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	ts, fs := d.Townships, d.Files
	out := PolicyDetail{Policy: enterprisePolicyView(d.Policy, true), Townships: make([]PolicyTownship, len(ts)), Files: make([]PolicyFile, len(fs))}
	for i, t := range ts {
		out.Townships[i] = PolicyTownship{TerritoryID: t.TerritoryID, Reach: report.RateOf(t.Reads, t.Targets)}
	}
	for i := range fs {
		out.Files[i] = policyFileView(&fs[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) listPolicyTargets(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	after, limit := c.q.cursor("targets"), policyLimit(c.q)
	if c.q.err != nil {
		return c.q.err
	}
	svc, err := s.policies()
	if err != nil {
		return err
	}
	ts, err := svc.Targets(c.ctx(), c.actor, id, after, limit)
	if err != nil {
		return err
	}
	out := PolicyTargetPage{Items: make([]PolicyTarget, len(ts))}
	for i, t := range ts {
		out.Items[i] = PolicyTarget{EnterpriseID: t.EnterpriseID, Name: t.Name, CreditCode: t.CreditCode, TerritoryID: t.TerritoryID,
			IndustryCode: t.IndustryCode, Size: t.Size, ContactName: t.ContactName, ContactPhone: t.ContactPhone, ReadAt: at(t.ReadAt), ReadVisit: t.ReadVisit}
	}
	if len(ts) == limit {
		out.NextCursor = encodeCursor("targets", ts[len(ts)-1].EnterpriseID)
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) addPolicyAttachment(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	name, data, err := c.file()
	if err != nil {
		return err
	}
	svc, err := s.policies()
	if err != nil {
		return err
	}
	f, err := svc.Attach(c.ctx(), c.actor, id, policy.Upload{Name: name, Data: data})
	if err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/policies/"+strconv.FormatInt(id, 10)+"/attachments/"+strconv.FormatInt(f.ID, 10))
	return c.reply(http.StatusCreated, policyFileView(f))
}

func (s *server) getPolicyAttachment(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	aid, err := pathID(c.r, "aid")
	if err != nil {
		return err
	}
	svc, err := s.policies()
	if err != nil {
		return err
	}
	f, data, err := svc.OpenFile(c.ctx(), c.actor, id, aid)
	if err != nil {
		return err
	}
	return SendFile(c.w, f.Name, f.ContentType, data)
}

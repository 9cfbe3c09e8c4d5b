package web

import (
	"net/http"

	"zhitong/internal/fault"
	"zhitong/internal/policy"
)

// The policies on the portal: a signed-in enterprise sees the policies
// published for its entity, the unread first; opening one marks it read
// for the entity, which is what the officers' reach (知晓率) counts.

type portalPoliciesData struct {
	Company string
	Items   []policy.Receipt
	Unread  int
}

func (s *Server) portalPolicies(q *req) error {
	a, err := q.company()
	if err != nil {
		return err
	}
	if s.cfg.Policies == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	d := portalPoliciesData{}
	if d.Items, err = s.cfg.Policies.Received(q.ctx(), a); err != nil {
		return err
	}
	d.Unread = unread(d.Items)
	if d.Company, err = s.companyName(q); err != nil {
		return err
	}
	ids := make([]int64, 0, len(d.Items))
	for _, p := range d.Items {
		ids = append(ids, p.IssuerID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(http.StatusOK, "portal_policies", q.lang.T("portal.policies"), d)
}

// unread counts the policies not read yet.
func unread(rs []policy.Receipt) int {
	n := 0
	for _, r := range rs {
		if r.ReadAt.IsZero() {
			n++
		}
	}
	return n
}

type portalPolicyData struct {
	R     *policy.Receipt
	Files []policy.File
}

// portalPolicy shows one policy to the signed-in enterprise and marks it
// read for its entity.
func (s *Server) portalPolicy(q *req) error {
	a, err := q.company()
	if err != nil {
		return err
	}
	if s.cfg.Policies == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	id, err := q.pathID()
	if err != nil {
		return err
	}
	d := portalPolicyData{}
	if d.R, err = s.cfg.Policies.Open(q.ctx(), a, id); err != nil {
		return err
	}
	if d.Files, err = s.cfg.Policies.Files(q.ctx(), a, id); err != nil {
		return err
	}
	if err := q.lookUnits(d.R.IssuerID); err != nil {
		return err
	}
	return q.render(http.StatusOK, "portal_policy", d.R.Title, d)
}

// portalPolicyFile sends a file of a policy published for the signed-in
// enterprise.
func (s *Server) portalPolicyFile(q *req) error {
	if _, err := q.company(); err != nil {
		return err
	}
	return s.sendPolicyFile(q)
}

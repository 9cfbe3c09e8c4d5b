// Package outreach holds the registry's reaching out to enterprises rather
// than waiting for them: the visits (走访) of liaison cadres and officers,
// with the appeals filed on the spot.
package outreach

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Visit is one visit to a market entity: when, who went, what was found,
// which policies were explained, and the appeals filed there.
type Visit struct {
	ID           int64
	EnterpriseID int64
	DistrictID   int64
	VisitedOn    time.Time // the day, midnight in China Standard Time
	Visitors     string    // who went
	Found        string    // what was found (情况)
	Policies     string    // the policies explained (政策宣讲)
	CreatedBy    int64
	CreatedAt    time.Time
	AppealIDs    []int64 // filed on the spot, channel 走访
	// PolicyIDs are the published policies explained (政策宣讲), each one
	// sent to the entity before the visit's day ended: an explained policy
	// has reached the entity (知晓) as a read on the portal has.
	PolicyIDs []int64
}

// Limits on a visit's text.
const (
	MaxVisitors  = 100
	MaxFound     = 2000
	MaxPolicies  = 1000
	MaxFiled     = 10 // appeals filed at one visit
	MaxExplained = 20 // policies explained at one visit
)

// Store keeps visits.
type Store interface {
	CoverageStore
	WorkbenchStore
	EventStore
	// CreateVisit writes v and the appeals filed at it (each with its
	// registration event), linked, and the policies it explained (each
	// sent to the entity before the visit's day ended, or an Invalid
	// policy_ids), counting them reached, in one transaction, all or none.
	CreateVisit(ctx context.Context, v *Visit, as []*appeal.Appeal, evs []*appeal.Event) error
	// FieldVisits lists an entity's visits, the latest first, with their appeals.
	FieldVisits(ctx context.Context, enterpriseID int64) ([]Visit, error)
}

// Service records and lists visits.
type Service struct {
	Store       Store
	Enterprises *enterprise.Service
	Appeals     *appeal.Service
	Units       unit.Store
	Now         func() time.Time
}

// MayRecord reports whether actor records visits: liaison cadres, the
// federation and the office.
func MayRecord(actor *account.Actor) bool {
	return actor.WritesAs(account.Cadre, account.Federation, account.Office)
}

// Record writes a visit by actor to the entity v.EnterpriseID of their
// district, with the appeals filed on the spot (their channel, entity and
// place set from the visit), all in one transaction. Every appeal is
// checked as a registration is before anything is written.
func (s *Service) Record(ctx context.Context, actor *account.Actor, v *Visit, filed []appeal.Intake) error {
	if !MayRecord(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	e, err := s.Enterprises.Get(ctx, actor, v.EnterpriseID)
	if err != nil {
		return err
	}
	if e.DistrictID == 0 || !actor.InDistrict(e.DistrictID) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if e.MergedInto != 0 { // registered twice: the visit is the survivor's
		return fault.E(fault.Conflict, "emerge.done", e.MergedInto)
	}
	if err := s.check(v); err != nil {
		return err
	}
	if len(filed) > MaxFiled {
		return fault.Field("appeals", "visit.too_many", MaxFiled)
	}
	for i := range filed {
		in := &filed[i]
		in.Channel, in.EnterpriseID, in.EnterpriseName, in.CreditCode = appeal.VisitCh, e.ID, e.Name, e.CreditCode
		in.DistrictID, in.TerritoryID = e.DistrictID, e.TerritoryID
	}
	drafts, errs, err := s.Appeals.DraftAll(ctx, actor, filed)
	if err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	as, evs := make([]*appeal.Appeal, len(drafts)), make([]*appeal.Event, len(drafts))
	for i, d := range drafts {
		as[i], evs[i] = d.Appeal, d.Event
	}
	v.DistrictID, v.CreatedBy, v.CreatedAt = e.DistrictID, actor.UserID, s.Now()
	if err := s.Store.CreateVisit(ctx, v, as, evs); err != nil {
		return err
	}
	v.AppealIDs = make([]int64, len(as))
	for i, a := range as {
		v.AppealIDs[i] = a.ID
	}
	return nil
}

// check checks and trims a visit's facts.
func (s *Service) check(v *Visit) error {
	v.Visitors, v.Found, v.Policies = strings.TrimSpace(v.Visitors), strings.TrimSpace(v.Found), strings.TrimSpace(v.Policies)
	today := s.today()
	switch {
	case v.VisitedOn.IsZero():
		return fault.Field("visited_on", "required", "visited_on")
	case v.VisitedOn.After(today) || v.VisitedOn.Before(today.AddDate(-1, 0, 0)):
		return fault.Field("visited_on", "visit.date")
	case v.Visitors == "":
		return fault.Field("visitors", "required", "visitors")
	case utf8.RuneCountInString(v.Visitors) > MaxVisitors:
		return fault.Field("visitors", "too_long", "visitors", MaxVisitors)
	case utf8.RuneCountInString(v.Found) > MaxFound:
		return fault.Field("found", "too_long", "found", MaxFound)
	case utf8.RuneCountInString(v.Policies) > MaxPolicies:
		return fault.Field("policies", "too_long", "policies", MaxPolicies)
	case len(v.PolicyIDs) > MaxExplained:
		return fault.Field("policy_ids", "visit.policies", MaxExplained)
	}
	slices.Sort(v.PolicyIDs)
	v.PolicyIDs = slices.Compact(v.PolicyIDs)
	return nil
}

// List returns the visits to an entity actor may read, the latest first.
func (s *Service) List(ctx context.Context, actor *account.Actor, enterpriseID int64) ([]Visit, error) {
	if actor == nil || actor.IsEnterprise() {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	if _, err := s.Enterprises.Get(ctx, actor, enterpriseID); err != nil {
		return nil, err
	}
	return s.Store.FieldVisits(ctx, enterpriseID)
}

// Coverage is the coverage of district (0: actor's only district) for the
// last days, as of now (CoverageOf).
func (s *Service) Coverage(ctx context.Context, actor *account.Actor, district int64, days int) (*Coverage, error) {
	return CoverageOf(ctx, s.Store, actor, district, days, s.Now())
}

// Workbench lists the entities linked to the cadre actor (WorkbenchOf).
func (s *Service) Workbench(ctx context.Context, actor *account.Actor) ([]CadreEntity, error) {
	return WorkbenchOf(ctx, s.Store, actor, s.Now())
}

package appeal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Service is the appeal's use cases: register, act, read, list. The API and
// the web pages both call it; neither holds any rule of its own.
type Service struct {
	Store       Store
	Units       unit.Store
	Enterprises enterprise.Store
	Deadlines   Deadlines
	Now         func() time.Time
	// Attachments keeps the files of appeals; nil keeps none (tests of
	// other concerns).
	Attachments AttachmentStore
}

// Created is the result of registering an appeal.
type Created struct {
	Aggregate *Aggregate
	QueryCode string // given once to the enterprise; only its hash is kept
	Replayed  bool   // a retry under the same idempotency key: nothing new, no query code (CreateOnce)
}

// Create registers an appeal from in on behalf of actor.
func (s *Service) Create(ctx context.Context, actor *account.Actor, in Intake) (*Created, error) {
	a, ev, code, err := s.draft(ctx, actor, in)
	if err != nil {
		return nil, err
	}
	if err := s.Store.CreateAppeal(ctx, a, ev); err != nil {
		return nil, err
	}
	return &Created{Aggregate: &Aggregate{Appeal: *a}, QueryCode: code}, nil
}

// draft checks in and actor's right to register it, and returns the appeal
// to insert, its registration event and the query code, written nowhere yet.
func (s *Service) draft(ctx context.Context, actor *account.Actor, in Intake) (*Appeal, *Event, string, error) {
	if err := in.Validate(); err != nil {
		return nil, nil, "", err
	}
	if !MayCreate(actor, in.Channel) {
		return nil, nil, "", fault.E(fault.Forbidden, "forbidden")
	}
	if !actor.IsEnterprise() && !actor.InDistrict(in.DistrictID) {
		return nil, nil, "", fault.Field("district_id", "intake.district")
	}
	if err := s.matchEnterprise(ctx, actor, &in); err != nil {
		return nil, nil, "", err
	}
	if err := s.checkPlace(ctx, in.DistrictID, in.TerritoryID); err != nil {
		return nil, nil, "", err
	}
	if err := s.checkCategory(ctx, in.CategoryID); err != nil {
		return nil, nil, "", err
	}
	code := newQueryCode()
	sum := sha256.Sum256([]byte(code))
	now := s.Now()
	a := &Appeal{Channel: in.Channel, Type: in.Type, CategoryID: in.CategoryID, Urgency: in.Urgency,
		Title: in.Title, Content: in.Content, EnterpriseID: in.EnterpriseID, EnterpriseName: in.EnterpriseName,
		CreditCode: in.CreditCode, ContactName: in.ContactName, ContactPhone: in.ContactPhone,
		ContactIDNo: in.ContactIDNo, Anonymous: in.Anonymous, DistrictID: in.DistrictID, TerritoryID: in.TerritoryID,
		ExternalNo: in.ExternalNo, DueAt: in.DueAt, State: Registered, CreatedBy: actor.UserID, CreatedAt: now, UpdatedAt: now,
		Version: 1, QueryCodeHash: sum[:]}
	switch in.Channel {
	case CityAssigned: // enters at the office, keeps the city's deadline
		a.Route, a.State = RouteFromCity, Unassigned
	case OnSite: // a leader assigned it on the spot
		a.Route, a.State = RouteDistrict, Unassigned
	}
	ev := &Event{At: now, ActorID: actor.UserID, ActorName: actor.Name, UnitID: actor.UnitID, Action: ActRegister, ToState: a.State}
	ev.Notices = []Notice{registeredNotice(code)}
	return a, ev, code, nil
}

func (s *Service) checkPlace(ctx context.Context, district, territory int64) error {
	d, err := s.Units.Unit(ctx, district)
	if fault.Is(err, fault.NotFound) || (err == nil && (d.Level != unit.District || d.Kind != unit.Region || !d.Active)) {
		return fault.Field("district_id", "intake.district")
	} else if err != nil {
		return err
	}
	if territory == 0 {
		return nil
	}
	t, err := s.Units.Unit(ctx, territory)
	if fault.Is(err, fault.NotFound) || (err == nil && (t.Kind != unit.TownshipK || t.DistrictID != district)) {
		return fault.Field("territory_id", "intake.territory", territory)
	}
	return err
}

func (s *Service) checkCategory(ctx context.Context, id int64) error {
	if id == 0 {
		return nil
	}
	c, err := s.Store.Category(ctx, id)
	if fault.Is(err, fault.NotFound) || (err == nil && !c.Active) {
		return fault.Field("category_id", "intake.category", id)
	}
	return err
}

// matchEnterprise fills the enterprise's name and code from the registry when
// the intake names a registered enterprise by id or code; otherwise the
// appeal keeps the name it was given, to be matched later.
func (s *Service) matchEnterprise(ctx context.Context, actor *account.Actor, in *Intake) error {
	if actor.IsEnterprise() {
		in.EnterpriseID = actor.EnterpriseID
	}
	if actor.Portal {
		// Anyone may type a credit code on the portal: the appeal keeps the
		// name and code as given, for an officer to match, so that no one
		// files into another company's account.
		return nil
	}
	var e *enterprise.Enterprise
	var err error
	switch {
	case in.EnterpriseID > 0:
		if e, err = s.Enterprises.Enterprise(ctx, in.EnterpriseID); fault.Is(err, fault.NotFound) {
			return fault.Field("enterprise_id", "not_found", fault.Noun("noun.enterprise"))
		}
	case in.CreditCode != "":
		if e, err = s.Enterprises.EnterpriseByCode(ctx, in.CreditCode); fault.Is(err, fault.NotFound) {
			return nil
		}
	default:
		return nil
	}
	if err == nil && e.MergedInto != 0 {
		// Registered twice and merged: the entry kept stands for it.
		e, err = s.Enterprises.Enterprise(ctx, e.MergedInto)
	}
	if err != nil {
		return err
	}
	in.EnterpriseID, in.EnterpriseName, in.CreditCode = e.ID, e.Name, e.CreditCode
	if actor.IsEnterprise() && e.DistrictID != 0 {
		in.DistrictID = e.DistrictID // an enterprise files in its own district
	}
	return nil
}

// queryCodeChars leaves out characters people confuse (0/O, 1/I/L).
const queryCodeChars = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func newQueryCode() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	for i := range b {
		b[i] = queryCodeChars[int(b[i])%len(queryCodeChars)]
	}
	return string(b)
}

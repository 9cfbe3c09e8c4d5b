// Package accountability holds the discipline commission's typical cases
// (问责直处): conduct that harmed the business environment, recorded against
// a unit and, where there is one, an appeal, then published as a notice
// (通报). A published case counts against its unit in the assessment.
package accountability

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// Case is one typical case.
type Case struct {
	ID          int64
	DistrictID  int64
	UnitID      int64
	AppealID    int64 // 0: none
	Title       string
	Facts       string
	Handling    string // what was done: 诫勉谈话, 通报批评, ...
	CreatedBy   int64
	CreatedAt   time.Time
	PublishedAt time.Time // zero: not yet published
	PublishedBy int64
}

// Store keeps the cases.
type Store interface {
	CreateCase(ctx context.Context, c *Case) error
	Case(ctx context.Context, id int64) (*Case, error)
	// PublishCase publishes case id; one published already is a Conflict.
	PublishCase(ctx context.Context, id, by int64, at time.Time) error
	// Cases lists the cases of districts (nil: all), newest first; only the
	// published ones when published is set, and only unit's when unit > 0.
	Cases(ctx context.Context, districts []int64, unit int64, published bool, limit int) ([]Case, error)
}

// UnitOf says which district a unit belongs to, to check a case's scope.
type UnitOf func(ctx context.Context, unitID int64) (district int64, err error)

// Service records and publishes cases.
type Service struct {
	Store  Store
	UnitOf UnitOf
	Now    func() time.Time
}

// Limits on a case's text.
const (
	MaxTitle = 100
	MaxFacts = 5000
)

// MayRecord: the discipline commission records and publishes.
func MayRecord(actor *account.Actor) bool {
	return actor != nil && !actor.ReadOnly && (actor.System || actor.Has(account.Discipline))
}

// Record records case c for actor, in one of actor's districts.
func (s *Service) Record(ctx context.Context, actor *account.Actor, c *Case) error {
	if !MayRecord(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	c.Title, c.Facts, c.Handling = strings.TrimSpace(c.Title), strings.TrimSpace(c.Facts), strings.TrimSpace(c.Handling)
	for _, f := range []struct {
		name, v string
		max     int
	}{{"title", c.Title, MaxTitle}, {"facts", c.Facts, MaxFacts}, {"handling", c.Handling, MaxTitle}} {
		if f.v == "" {
			return fault.Field(f.name, "required", f.name)
		}
		if utf8.RuneCountInString(f.v) > f.max {
			return fault.Field(f.name, "too_long", f.name, f.max)
		}
	}
	district, err := s.UnitOf(ctx, c.UnitID)
	if fault.Is(err, fault.NotFound) || (err == nil && !actor.InDistrict(district)) {
		return fault.Field("unit_id", "case.unit")
	} else if err != nil {
		return err
	}
	c.DistrictID, c.CreatedBy, c.CreatedAt, c.PublishedAt = district, actor.UserID, s.Now(), time.Time{}
	return s.Store.CreateCase(ctx, c)
}

// Publish publishes case id as a notice (通报).
func (s *Service) Publish(ctx context.Context, actor *account.Actor, id int64) (*Case, error) {
	c, err := s.Store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	if !MayRecord(actor) || !actor.InDistrict(c.DistrictID) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	if err := s.Store.PublishCase(ctx, id, actor.UserID, s.Now()); err != nil {
		return nil, err
	}
	return s.Store.Case(ctx, id)
}

// List returns the cases actor may read: the discipline commission, the
// offices and leaders see their districts' cases, published or not; every
// other officer the published notices of the districts it works in.
func (s *Service) List(ctx context.Context, actor *account.Actor) ([]Case, error) {
	switch {
	case actor == nil || actor.IsEnterprise() || !(actor.System || actor.HasAny(account.Intake, account.Federation,
		account.Office, account.Handler, account.CityOffice, account.Cadre, account.Leader, account.Discipline)):
		return nil, fault.E(fault.Forbidden, "forbidden") // the administrators keep the system, not the loop
	case actor.System:
		return s.Store.Cases(ctx, nil, 0, false, 200)
	case actor.HasAny(account.Discipline, account.Office, account.Leader):
		return s.Store.Cases(ctx, actor.Districts, 0, false, 200)
	case actor.Has(account.Handler):
		return s.Store.Cases(ctx, nil, actor.UnitID, true, 200)
	}
	return s.Store.Cases(ctx, actor.Districts, 0, true, 200)
}

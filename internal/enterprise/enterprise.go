// Package enterprise holds the registry of market entities (企业/市场主体,
// 个体工商户 included) that file appeals, and the validation of their unified
// social credit codes.
package enterprise

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/industry"
	"zhitong/internal/personal"
)

// Enterprise is one market entity. The credit code may be empty: callers
// often do not know it, and the entity is matched to the registry later.
type Enterprise struct {
	ID           int64
	CreditCode   string
	Name         string
	DistrictID   int64
	TerritoryID  int64 // the township or street it lies in
	Industry     string
	Address      string
	ContactName  string
	ContactPhone string
	CreatedAt    time.Time
	// IndustryCode is the division of GB/T 4754-2017 ("13"), Industry its
	// name (or the words it was registered with, when they name none).
	IndustryCode string
	Size         Size
	Tags         []string
	UpdatedAt    time.Time // when the registry's import last changed it; zero: never
	CadreID      int64     // the liaison cadre (联企干部) who keeps in touch with it; 0: none yet
	// MergedInto is the entry that stays of an entity registered twice,
	// once this one is merged into it (package matching); 0: not merged.
	// A merged entry leaves the registry's lists, coverage and suggestions.
	MergedInto int64
	MergedAt   time.Time
}

// Size is an entity's size (企业规模).
type Size string

// The sizes; "" is unknown.
const (
	Large  Size = "large"  // 大型
	Medium Size = "medium" // 中型
	Small  Size = "small"  // 小型
	Micro  Size = "micro"  // 微型
)

// Sizes lists the sizes.
var Sizes = []Size{Large, Medium, Small, Micro}

// SoleProprietor reports whether the entity is a 个体工商户 (code begins 92).
func (e *Enterprise) SoleProprietor() bool { return strings.HasPrefix(e.CreditCode, "92") }

// Validate checks and normalizes e for registration.
func (e *Enterprise) Validate() error {
	e.Name = strings.TrimSpace(e.Name)
	if e.Name == "" || utf8.RuneCountInString(e.Name) > 100 {
		return fault.Field("name", "enterprise.name")
	}
	e.CreditCode = NormalizeCreditCode(e.CreditCode)
	if e.CreditCode != "" {
		if err := CheckCreditCode(e.CreditCode); err != nil {
			return err
		}
	}
	if utf8.RuneCountInString(e.Address) > 200 {
		return fault.Field("address", "too_long", "address", 200)
	}
	e.ContactPhone = strings.TrimSpace(e.ContactPhone)
	if e.ContactPhone != "" && !personal.ValidPhone(e.ContactPhone) {
		return fault.Field("contact_phone", "bad_phone")
	}
	if utf8.RuneCountInString(e.ContactName) > 50 {
		return fault.Field("contact_name", "too_long", "contact_name", 50)
	}
	if utf8.RuneCountInString(e.Industry) > 50 {
		return fault.Field("industry", "too_long", "industry", 50)
	}
	// The line of business as a division of GB/T 4754-2017: the code
	// given, or the one the words name; words that name none are kept as
	// they are, as entities registered before the classification were.
	if e.IndustryCode != "" {
		d, ok := industry.Find(e.IndustryCode)
		if !ok {
			return fault.Field("industry_code", "enterprise.industry")
		}
		e.IndustryCode, e.Industry = d.Code, d.Name
	} else if d, ok := industry.Find(e.Industry); ok {
		e.IndustryCode, e.Industry = d.Code, d.Name
	}
	if e.Size != "" && !slices.Contains(Sizes, e.Size) {
		return fault.Field("size", "enterprise.size")
	}
	if len(e.Tags) > MaxTags {
		return fault.Field("tags", "enterprise.tags")
	}
	for i, t := range e.Tags {
		e.Tags[i] = strings.TrimSpace(t)
		if e.Tags[i] == "" || utf8.RuneCountInString(e.Tags[i]) > 20 || strings.Contains(e.Tags[i], ",") {
			return fault.Field("tags", "enterprise.tags")
		}
	}
	return nil
}

// MaxTags is how many tags an entity may carry.
const MaxTags = 10

// Filter selects enterprises. Query matches a name fragment or a code prefix.
type Filter struct {
	Query        string
	DistrictID   int64
	TerritoryID  int64  // of this township
	IndustryCode string // of this division of GB/T 4754-2017, by code or name as a person gives it
	Size         Size
	CadreID      int64 // linked to this liaison cadre
	AfterID      int64 // keyset cursor: ids below this one
	Limit        int
}

// normalize reads the filter's industry as the division it names and
// checks its size.
func (f *Filter) normalize() error {
	if f.IndustryCode != "" {
		d, ok := industry.Find(f.IndustryCode)
		if !ok {
			return fault.Field("industry", "enterprise.industry")
		}
		f.IndustryCode = d.Code
	}
	if f.Size != "" && !slices.Contains(Sizes, f.Size) {
		return fault.Field("size", "enterprise.size")
	}
	return nil
}

// Store persists enterprises.
type Store interface {
	CreateEnterprise(ctx context.Context, e *Enterprise) error
	Enterprise(ctx context.Context, id int64) (*Enterprise, error)
	EnterpriseByCode(ctx context.Context, code string) (*Enterprise, error)
	Enterprises(ctx context.Context, f Filter) ([]Enterprise, error)
	// AssignCadre links the entities f selects to the cadre cadreID.
	AssignCadre(ctx context.Context, cadreID int64, f Filter) (int, error)
	// User reads an officer, the cadre to be assigned.
	User(ctx context.Context, id int64) (*account.User, error)
}

// Service is the registry's use cases.
type Service struct {
	Store Store
	Now   func() time.Time
}

// Create registers e on behalf of actor.
func (s *Service) Create(ctx context.Context, actor *account.Actor, e *Enterprise) error {
	if actor == nil || actor.IsEnterprise() || actor.ReadOnly || !actor.HasAny(account.Intake, account.Federation, account.Office, account.Cadre, account.CityOffice, account.SysAdmin) && !actor.System {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if e.DistrictID != 0 && !actor.System && !actor.InDistrict(e.DistrictID) && !actor.Has(account.SysAdmin) {
		return fault.Field("district_id", "forbidden")
	}
	if e.CreditCode != "" {
		if _, err := s.Store.EnterpriseByCode(ctx, e.CreditCode); err == nil {
			return fault.E(fault.Conflict, "enterprise.dup", e.CreditCode)
		} else if !fault.Is(err, fault.NotFound) {
			return err
		}
	}
	e.CreatedAt = s.Now()
	return s.Store.CreateEnterprise(ctx, e)
}

// Get returns one enterprise. Officers may read the registry; an enterprise
// account only its own entity.
func (s *Service) Get(ctx context.Context, actor *account.Actor, id int64) (*Enterprise, error) {
	if actor == nil || (actor.IsEnterprise() && actor.EnterpriseID != id) {
		return nil, fault.NotFoundOf("noun.enterprise")
	}
	if actor.Has(account.Auditor) { // the auditor reads the log only
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	e, err := s.Store.Enterprise(ctx, id)
	if err != nil {
		return nil, err
	}
	protect(actor, e)
	return e, nil
}

// Protect masks e's contact for actor as the registry does: lists that
// show entities elsewhere (a policy's targets) mask them alike.
func Protect(actor *account.Actor, e *Enterprise) { protect(actor, e) }

// protect masks the contact of an enterprise for those who do not call
// enterprises: only intake, the federation, the office (and the enterprise
// itself) see it in the clear, and a liaison cadre for the entities linked
// to them and those of their own township, not the whole registry's.
func protect(actor *account.Actor, e *Enterprise) {
	if actor.System || actor.IsEnterprise() || actor.HasAny(account.Intake, account.Federation, account.Office) {
		return
	}
	if actor.Has(account.Cadre) && (e.CadreID == actor.UserID || e.TerritoryID != 0 && e.TerritoryID == actor.UnitID) {
		return
	}
	e.ContactName = personal.MaskName(e.ContactName)
	e.ContactPhone = personal.MaskPhone(e.ContactPhone)
}

// Find lists enterprises matching f, for intake's type-ahead and the registry.
func (s *Service) Find(ctx context.Context, actor *account.Actor, f Filter) ([]Enterprise, error) {
	if actor == nil || actor.IsEnterprise() || actor.Has(account.Auditor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	f.Query = strings.TrimSpace(f.Query)
	if err := f.normalize(); err != nil {
		return nil, err
	}
	switch {
	case f.Limit <= 0:
		f.Limit = 20
	case f.Limit > 100:
		f.Limit = 100
	}
	es, err := s.Store.Enterprises(ctx, f)
	if err != nil {
		return nil, err
	}
	for i := range es {
		protect(actor, &es[i])
	}
	return es, nil
}

// ForSignup finds the registry's entry of a unified social credit code for
// a company's contact person opening an account on the portal. The registry
// of market entities is public record; only the entry's id is used.
func (s *Service) ForSignup(ctx context.Context, code string) (*Enterprise, error) {
	code = NormalizeCreditCode(code)
	if err := CheckCreditCode(code); err != nil {
		return nil, err
	}
	e, err := s.Store.EnterpriseByCode(ctx, code)
	if fault.Is(err, fault.NotFound) {
		return nil, fault.Field("credit_code", "signup.nocompany")
	}
	return e, err
}

// MayAssignCadres reports whether actor links entities to liaison cadres:
// the federation and the office.
func MayAssignCadres(actor *account.Actor) bool {
	return actor.WritesAs(account.Federation, account.Office)
}

// AssignCadre links the entities of a district that f selects — a
// township, an industry, a size, or all — to the liaison cadre cadreID, an
// active officer with the cadre's role, and returns how many it linked.
func (s *Service) AssignCadre(ctx context.Context, actor *account.Actor, cadreID int64, f Filter) (int, error) {
	if !MayAssignCadres(actor) {
		return 0, fault.E(fault.Forbidden, "forbidden")
	}
	if f.DistrictID <= 0 || !actor.System && !actor.InDistrict(f.DistrictID) {
		return 0, fault.Field("district_id", "intake.district")
	}
	u, err := s.Store.User(ctx, cadreID)
	if fault.Is(err, fault.NotFound) || err == nil && (!u.Active || !u.HasRole(account.Cadre)) {
		return 0, fault.Field("cadre_id", "cadre.not")
	} else if err != nil {
		return 0, err
	}
	f.Query, f.AfterID, f.Limit, f.CadreID = "", 0, 0, 0 // the selection is by district and facts, not by a page of a search
	if err := f.normalize(); err != nil {
		return 0, err
	}
	return s.Store.AssignCadre(ctx, cadreID, f)
}

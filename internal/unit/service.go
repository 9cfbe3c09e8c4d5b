package unit

import (
	"context"
	"strings"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// Service is the unit tree's use cases.
type Service struct {
	Store Store
}

// levelRank orders the levels: a unit's level is never above its parent's.
var levelRank = map[Level]int{Province: 0, City: 1, District: 2, Township: 3}

// Create adds a unit under its parent. System administrators keep the tree.
func (s *Service) Create(ctx context.Context, actor *account.Actor, u *Unit) error {
	if actor == nil || actor.ReadOnly || !(actor.System || actor.Has(account.SysAdmin)) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" || utf8.RuneCountInString(u.Name) > 100 {
		return fault.Field("name", "unit.name")
	}
	if !ValidLevel(u.Level) {
		return fault.Field("level", "unit.level")
	}
	if !ValidKind(u.Kind) {
		return fault.Field("kind", "unit.kind")
	}
	for _, c := range u.Capabilities {
		if !ValidCapability(c) {
			return fault.Field("capabilities", "unit.capability", string(c))
		}
	}
	if u.ParentID != 0 {
		p, err := s.Store.Unit(ctx, u.ParentID)
		if fault.Is(err, fault.NotFound) || (err == nil && levelRank[p.Level] > levelRank[u.Level]) {
			return fault.Field("parent_id", "unit.parent")
		} else if err != nil {
			return err
		}
	} else if u.Level != Province && u.Level != City {
		return fault.Field("parent_id", "unit.parent")
	}
	u.Active = true
	return s.Store.CreateUnit(ctx, u)
}

// List returns the units under root (0: all) for anyone signed in: the tree
// is no secret to officers, who assign tasks and read rankings by it.
func (s *Service) List(ctx context.Context, actor *account.Actor, root int64) ([]Unit, error) {
	if actor == nil || actor.IsEnterprise() || actor.Has(account.Auditor) { // the auditor reads the log only
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.Units(ctx, root)
}

// Get returns one unit.
func (s *Service) Get(ctx context.Context, actor *account.Actor, id int64) (*Unit, error) {
	if actor == nil || actor.IsEnterprise() {
		return nil, fault.NotFoundOf("noun.unit")
	}
	if actor.Has(account.Auditor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.Unit(ctx, id)
}

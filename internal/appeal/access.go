package appeal

import (
	"slices"
	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// This file is the one place that decides who may see and act on an appeal.
// The state machine (machine.go) names the roles of each action; here they
// meet the actor's scope: the district for the offices, the unit for a
// handler, the enterprise for its own account.

// Relation is how an actor stands to an appeal; it decides what they see.
type Relation int

// The relations, from none to full.
const (
	NoRelation   Relation = iota
	AsUnit                // only through a task of the actor's unit: anonymity applies
	AsCreator             // the officer or cadre who registered it
	AsEnterprise          // the enterprise's own account
	AsDistrict            // an office, leader or intake seat of its district (or above)
)

// districtRoles see every appeal of the districts in their scope.
var districtRoles = []account.Role{account.Intake, account.Federation, account.Office, account.CityOffice,
	account.Leader, account.Discipline}

// RelationOf returns how actor stands to g.
func RelationOf(actor *account.Actor, g *Aggregate) Relation {
	a := &g.Appeal
	switch {
	case actor == nil:
		return NoRelation
	case actor.System:
		return AsDistrict
	case actor.IsEnterprise():
		if (a.EnterpriseID != 0 && a.EnterpriseID == actor.EnterpriseID) || (a.ID != 0 && a.ID == actor.CodeFor) {
			return AsEnterprise
		}
		return NoRelation
	case actor.HasAny(districtRoles...) && actor.InDistrict(a.DistrictID):
		return AsDistrict
	case actor.UserID != 0 && a.CreatedBy == actor.UserID:
		return AsCreator
	case actor.Has(account.Handler):
		for _, t := range g.Tasks {
			if t.UnitID == actor.UnitID {
				return AsUnit
			}
		}
	}
	return NoRelation
}

// authorize decides whether actor may take c on g: the role the state
// machine names, and the scope. It is checked before the state, so that an
// actor never learns the state of what they may not touch.
func authorize(actor *account.Actor, c *Command, g *Aggregate) error {
	rel := RelationOf(actor, g)
	if rel == NoRelation {
		return fault.NotFoundOf("noun.appeal")
	}
	if actor.ReadOnly {
		return fault.E(fault.Forbidden, "forbidden")
	}
	rule := Rules[c.Action]
	if actor.System {
		return nil
	}
	if rel == AsEnterprise {
		if rule.Enterprise {
			return nil
		}
		return fault.E(fault.Forbidden, "role.action", actionLabel(c.Action))
	}
	if !actor.HasAny(rule.Roles...) {
		return fault.E(fault.Forbidden, "role.action", actionLabel(c.Action))
	}
	if rule.OnTask && slices.Contains(rule.Roles, account.Handler) {
		t := g.Task(c.TaskID)
		if t == nil {
			return fault.E(fault.NotFound, "task.notfound", c.TaskID)
		}
		if t.UnitID != actor.UnitID {
			return fault.E(fault.Forbidden, "scope.unit")
		}
		return nil
	}
	if rel != AsDistrict {
		return fault.E(fault.Forbidden, "scope.district")
	}
	return nil
}

// Scope is the set of appeals an actor may list, as the store filters them:
// an appeal is in scope if any field matches.
type Scope struct {
	All          bool
	Districts    []int64
	UnitID       int64 // appeals with a task of this unit
	CreatedBy    int64
	EnterpriseID int64
}

// Empty reports whether the scope admits nothing.
func (s Scope) Empty() bool {
	return !s.All && len(s.Districts) == 0 && s.UnitID == 0 && s.CreatedBy == 0 && s.EnterpriseID == 0
}

// ScopeOf returns what actor may list.
func ScopeOf(actor *account.Actor) Scope {
	switch {
	case actor == nil:
		return Scope{}
	case actor.System:
		return Scope{All: true}
	case actor.IsEnterprise():
		return Scope{EnterpriseID: actor.EnterpriseID}
	}
	var s Scope
	if actor.HasAny(districtRoles...) {
		s.Districts = actor.Districts
	}
	if actor.Has(account.Handler) {
		s.UnitID = actor.UnitID
	}
	if actor.HasAny(account.Cadre, account.Intake) {
		s.CreatedBy = actor.UserID
	}
	return s
}

// MayCreate reports whether actor may register an appeal in channel ch.
func MayCreate(actor *account.Actor, ch Channel) bool {
	switch {
	case actor == nil || actor.ReadOnly:
		return false
	case actor.System:
		return true
	case actor.IsEnterprise():
		return ch == Portal
	case ch == CityAssigned:
		return actor.HasAny(account.CityOffice, account.Office)
	case ch == OnSite:
		return actor.HasAny(account.Leader, account.Office, account.Federation)
	}
	return actor.HasAny(account.Intake, account.Federation, account.Office, account.Cadre)
}

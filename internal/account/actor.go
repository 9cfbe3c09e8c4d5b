package account

import "slices"

// Actor is who is asking, resolved once per request from a session or token,
// with the data scope that follows from their unit's place in the tree. Every
// domain service takes an Actor and checks it in one place per service.
type Actor struct {
	UserID       int64
	Username     string
	Name         string
	UnitID       int64
	Roles        []Role
	ReadOnly     bool    // a read or display token
	Display      bool    // a display token: the wall-screen routes only
	SessionID    int64   // the browser session the actor signed in with; 0 for a token
	Districts    []int64 // districts whose appeals the actor may see as an office, leader, ...
	EnterpriseID int64   // set for an enterprise account: it sees its own appeals only
	AccountID    int64   // the enterprise account's id
	System       bool    // the system itself (demo loader, scheduler)
	// Portal is someone on the public portal without an account: they may
	// file an appeal of the portal's channel and see nothing.
	Portal bool
	// CodeFor is the appeal whose query code (查询码) the actor gave on the
	// portal: they may follow and rate that appeal, as its enterprise.
	CodeFor int64
}

// Has reports whether the actor holds role r.
func (a *Actor) Has(r Role) bool { return a != nil && slices.Contains(a.Roles, r) }

// HasAny reports whether the actor holds any of rs.
func (a *Actor) HasAny(rs ...Role) bool {
	for _, r := range rs {
		if a.Has(r) {
			return true
		}
	}
	return false
}

// WritesAs reports whether the actor may write as one of rs: the system,
// or an officer holding one of them with a session or token that writes.
func (a *Actor) WritesAs(rs ...Role) bool {
	return a != nil && !a.ReadOnly && !a.IsEnterprise() && (a.System || a.HasAny(rs...))
}

// District is the district a request of the actor names: d itself, or the
// actor's only district when d is 0; ok is false unless it is in the
// actor's scope.
func (a *Actor) District(d int64) (district int64, ok bool) {
	if d == 0 && a != nil && len(a.Districts) == 1 {
		d = a.Districts[0]
	}
	return d, d > 0 && a.InDistrict(d)
}

// InDistrict reports whether district d is in the actor's scope.
func (a *Actor) InDistrict(d int64) bool {
	if a == nil {
		return false
	}
	if a.System {
		return true
	}
	return slices.Contains(a.Districts, d)
}

// IsEnterprise reports whether the actor is an enterprise account.
// Someone on the portal, with a query code or none, stands as an enterprise
// too: outside the officers' roles and scopes altogether.
func (a *Actor) IsEnterprise() bool {
	return a != nil && a.UserID == 0 && (a.EnterpriseID != 0 || a.Portal || a.CodeFor != 0)
}

// SystemActor is the actor for work the system does on its own behalf.
func SystemActor() *Actor { return &Actor{Name: "系统", System: true} }

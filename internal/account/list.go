package account

import (
	"context"
	"sort"

	"zhitong/internal/fault"
	"zhitong/internal/personal"
)

// mayAdminister reports whether actor keeps the officers' accounts: the
// system itself or a system administrator acting with a full token.
func mayAdminister(actor *Actor) bool {
	return actor != nil && !actor.ReadOnly && (actor.System || actor.Has(SysAdmin))
}

// List returns the officers actor may see, by id. System administrators see
// every user; other officers the users of the units in their districts and
// under their own unit. Phone numbers are masked for everyone but system
// administrators, who keep the accounts. Enterprise accounts see no officers.
func (s *Service) List(ctx context.Context, actor *Actor) ([]User, error) {
	switch {
	case actor == nil || actor.IsEnterprise() || actor.Has(Auditor): // the auditor reads the log only
		return nil, fault.E(fault.Forbidden, "forbidden")
	case actor.System || actor.Has(SysAdmin):
		return s.Store.Users(ctx, 0)
	case actor.Has(SecAdmin): // grants roles to anyone: sees everyone, phones masked
		us, err := s.Store.Users(ctx, 0)
		for i := range us {
			us[i].Phone, us[i].Email = personal.MaskPhone(us[i].Phone), personal.MaskEmail(us[i].Email)
		}
		return us, err
	}
	roots := append([]int64{actor.UnitID}, actor.Districts...)
	seen := map[int64]bool{}
	var out []User
	for _, root := range roots {
		if root <= 0 {
			continue
		}
		us, err := s.Store.Users(ctx, root)
		if err != nil {
			return nil, err
		}
		for _, u := range us {
			if !seen[u.ID] {
				seen[u.ID] = true
				u.Phone, u.Email = personal.MaskPhone(u.Phone), personal.MaskEmail(u.Email)
				out = append(out, u)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// CreateBy adds an officer on behalf of actor: only system administrators
// (三员分立: not the security or audit administrator) keep the accounts,
// and they give business roles only: administrators' roles are the
// security administrator's to grant (admin.go). The system may give any.
func (s *Service) CreateBy(ctx context.Context, actor *Actor, u *User) error {
	if !mayAdminister(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := checkGrant(actor, u.Roles); err != nil {
		return err
	}
	if err := s.CreateUser(ctx, u); err != nil {
		return err
	}
	return s.record(ctx, entryBy(actor, "user.create", userObject(u.ID), u.Username+": roles "+joinRoles(u.Roles)))
}

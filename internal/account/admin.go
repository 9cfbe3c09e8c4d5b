package account

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"zhitong/internal/fault"
)

// The three administrators (三员分立) keep apart what no one person should
// hold together:
//   - the system administrator keeps units, users (adds, deactivates) and
//     categories, but grants no roles, sets no security setting and reads
//     no audit log;
//   - the security administrator grants and revokes roles, resets passwords
//     and second factors, lifts locks and sets the password policy, but
//     keeps no units, users or categories and reads no audit log;
//   - the audit administrator reads the audit log and nothing else.
// No account holds two of the three roles, the audit administrator holds no
// other role at all, and nobody changes their own roles, password (but
// through ChangePassword) or second factor. The system itself (the command
// line, run by the machine's operator) may do all of it, within the rules
// on roles.

// AdminRoles are the three administrators.
var AdminRoles = []Role{SysAdmin, SecAdmin, Auditor}

// IsAdminRole reports whether r is one of the three administrators.
func IsAdminRole(r Role) bool { return slices.Contains(AdminRoles, r) }

// CheckRoles returns what is wrong with roles as the roles of one account:
// none, an unknown one, one twice, two administrators, or the audit
// administrator with another role.
func CheckRoles(roles []Role) error {
	if len(roles) == 0 {
		return fault.Field("roles", "required", "roles")
	}
	admins := 0
	for i, r := range roles {
		if !ValidRole(r) {
			return fault.Field("roles", "account.role", string(r))
		}
		if slices.Contains(roles[:i], r) {
			return fault.Field("roles", "account.role_twice", string(r))
		}
		if IsAdminRole(r) {
			admins++
		}
	}
	if admins > 1 {
		return fault.Field("roles", "account.two_admins")
	}
	if slices.Contains(roles, Auditor) && len(roles) > 1 {
		return fault.Field("roles", "account.auditor_alone")
	}
	return nil
}

// MayReadAudit reports whether actor may read the audit log: the audit
// administrator (with any token) or the system; nobody else.
func MayReadAudit(actor *Actor) bool {
	return actor != nil && (actor.System || actor.Has(Auditor))
}

// isSecurityAdmin reports whether actor may act as the security
// administrator: with a role, or as the system, and not read-only.
func isSecurityAdmin(actor *Actor) bool {
	return actor != nil && !actor.ReadOnly && (actor.System || actor.Has(SecAdmin))
}

// checkGrant refuses a system administrator (not the system) who gives an
// account an administrator's role: that is the security administrator's work.
func checkGrant(actor *Actor, roles []Role) error {
	if actor.System || !slices.ContainsFunc(roles, IsAdminRole) {
		return nil
	}
	return fault.E(fault.Forbidden, "account.grant_admin")
}

// target reads user id for an administrator's act, refusing the actor's
// own account with key.
func (s *Service) target(ctx context.Context, actor *Actor, id int64, key string) (*User, error) {
	if !actor.System && actor.UserID == id {
		return nil, fault.E(fault.Forbidden, key)
	}
	return s.Store.User(ctx, id)
}

// SetRoles replaces the roles of user id: the security administrator's act.
func (s *Service) SetRoles(ctx context.Context, actor *Actor, id int64, roles []Role) (*User, error) {
	if !isSecurityAdmin(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	if err := CheckRoles(roles); err != nil {
		return nil, err
	}
	u, err := s.target(ctx, actor, id, "account.own_roles")
	if err != nil {
		return nil, err
	}
	old := joinRoles(u.Roles)
	if err := s.Store.SetRoles(ctx, id, roles); err != nil {
		return nil, err
	}
	u.Roles = slices.Clone(roles)
	if err := s.record(ctx, entryBy(actor, "user.roles", userObject(id), fmt.Sprintf("%s: %s → %s", u.Username, old, joinRoles(roles)))); err != nil {
		return nil, err
	}
	return u, nil
}

func joinRoles(rs []Role) string {
	if len(rs) == 0 {
		return "(none)"
	}
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// SetPassword sets the password of user id and ends all their sessions: the
// security administrator's reset, after which the user must change it at
// the next login. Only the system (the command line) may set one that the
// user keeps (keep).
func (s *Service) SetPassword(ctx context.Context, actor *Actor, id int64, password string, keep bool) error {
	if !isSecurityAdmin(actor) || (keep && !actor.System) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	u, err := s.target(ctx, actor, id, "account.own_password")
	if err != nil {
		return err
	}
	if err := CheckPassword(u.Username, password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return fault.Wrap(err, "set password")
	}
	if err := s.Store.SetPassword(ctx, id, hash, !keep, s.Now(), 0); err != nil {
		return err
	}
	detail := u.Username + ": every session ended; to be changed at the next login"
	if keep {
		detail = u.Username + ": every session ended"
	}
	return s.record(ctx, entryBy(actor, "password.reset", userObject(id), detail))
}

// ResetTOTP removes the second factor of user id (a lost phone) and ends
// all their sessions: the security administrator's act. The user enrols a
// new one at the next login.
func (s *Service) ResetTOTP(ctx context.Context, actor *Actor, id int64) error {
	if !isSecurityAdmin(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	u, err := s.target(ctx, actor, id, "account.own_totp")
	if err != nil {
		return err
	}
	if err := s.Store.SetTOTP(ctx, id, "", false, s.Now(), true); err != nil {
		return err
	}
	if err := s.Store.SetSMSFactor(ctx, id, false); err != nil {
		return err
	}
	return s.record(ctx, entryBy(actor, "totp.reset", userObject(id), u.Username+": second factor removed, every session ended"))
}

// Unlock lifts the locks of user id's name from every client and returns
// how many were in force: the security administrator's act.
func (s *Service) Unlock(ctx context.Context, actor *Actor, id int64) (int, error) {
	if !isSecurityAdmin(actor) {
		return 0, fault.E(fault.Forbidden, "forbidden")
	}
	u, err := s.Store.User(ctx, id)
	if err != nil {
		return 0, err
	}
	n, err := s.Store.UnlockLogin(ctx, u.Username, s.Now())
	if err != nil {
		return 0, err
	}
	return n, s.record(ctx, entryBy(actor, "login.unlock", userObject(id), fmt.Sprintf("%s: %d locks lifted", u.Username, n)))
}

// SetActive activates or deactivates user id: the system administrator's
// act. Deactivating ends every session of the user and stops their tokens.
func (s *Service) SetActive(ctx context.Context, actor *Actor, id int64, active bool) (*User, error) {
	if !mayAdminister(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	u, err := s.target(ctx, actor, id, "account.own_active")
	if err != nil {
		return nil, err
	}
	if err := s.Store.SetActive(ctx, id, active, s.Now()); err != nil {
		return nil, err
	}
	u.Active = active
	action := "user.deactivate"
	if active {
		action = "user.activate"
	}
	return u, s.record(ctx, entryBy(actor, action, userObject(id), u.Username))
}

// SetPasswordMaxAge sets the maximum password age in days (0: none): the
// security administrator's act.
func (s *Service) SetPasswordMaxAge(ctx context.Context, actor *Actor, days int) (PasswordPolicy, error) {
	if !isSecurityAdmin(actor) {
		return PasswordPolicy{}, fault.E(fault.Forbidden, "forbidden")
	}
	if days < 0 || days > maxPasswordAgeDays {
		return PasswordPolicy{}, fault.Field("max_age_days", "password.max_age", maxPasswordAgeDays)
	}
	old, err := s.PasswordPolicy(ctx)
	if err != nil {
		return PasswordPolicy{}, err
	}
	if err := s.Store.SetSetting(ctx, settingPasswordMaxAge, strconv.Itoa(days), s.Now(), actor.UserID); err != nil {
		return PasswordPolicy{}, err
	}
	detail := fmt.Sprintf("maximum password age %d → %d days", old.MaxAgeDays, days)
	if err := s.record(ctx, entryBy(actor, "settings.password", "setting:"+settingPasswordMaxAge, detail)); err != nil {
		return PasswordPolicy{}, err
	}
	return s.PasswordPolicy(ctx)
}

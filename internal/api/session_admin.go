package api

import (
	"net/http"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// The administrators' acts on accounts (三员分立): the security
// administrator's roles, resets, unlocks and password policy, the system
// administrator's deactivation. The account service decides who may.

// RolesChange is the body of PUT /api/v1/users/{id}/roles.
type RolesChange struct {
	Roles []account.Role `json:"roles" doc:"the user's roles from now on; at most one of sysadmin, secadmin, auditor, and auditor alone"`
}

// PasswordReset is the body of POST /api/v1/users/{id}/password.
type PasswordReset struct {
	Password string `json:"password" doc:"a first password under the policy; the user must change it at the next login"`
}

// PasswordResetDone answers a password reset.
type PasswordResetDone struct {
	UserID     int64 `json:"user_id"`
	MustChange bool  `json:"must_change" doc:"the user changes it at the next login; every session of the user has ended"`
}

// TOTPResetDone answers the removal of a user's second factor.
type TOTPResetDone struct {
	UserID int64 `json:"user_id" doc:"the user enrols a new second factor at the next login; every session of the user has ended"`
}

// Unlocked answers the lifting of a user's login locks.
type Unlocked struct {
	UserID int64 `json:"user_id"`
	Locks  int   `json:"locks" doc:"how many locks (one per client) were in force"`
}

// ActiveChange is the body of PUT /api/v1/users/{id}/active.
type ActiveChange struct {
	Active *bool `json:"active" doc:"false deactivates the account: its sessions end and its tokens stop working"`
}

// PasswordPolicy is the password policy in force.
type PasswordPolicy struct {
	MinLength  int `json:"min_length"`
	MinKinds   int `json:"min_kinds" doc:"of upper-case letters, lower-case letters, digits and others"`
	MaxAgeDays int `json:"max_age_days" doc:"a password older than this must be changed at the next login; 0: never"`
}

// PasswordPolicyChange is the body of PUT /api/v1/settings/password-policy.
type PasswordPolicyChange struct {
	MaxAgeDays *int `json:"max_age_days" doc:"0 (never) to 3650"`
}

func (s *server) adminRoutes() []route {
	return []route{
		{method: "PUT", pattern: "/api/v1/users/{id}/roles", name: "setRoles", tag: "accounts",
			summary: "Grant and revoke roles (security administrators; not one's own)",
			access:  Write, status: 200, body: typeOf[RolesChange](), response: typeOf[User](), handle: s.setRoles},
		{method: "POST", pattern: "/api/v1/users/{id}/password", name: "resetPassword", tag: "accounts",
			summary: "Set a first password that the user must change (security administrators; not one's own)",
			access:  Write, status: 200, body: typeOf[PasswordReset](), response: typeOf[PasswordResetDone](), handle: s.resetPassword},
		{method: "DELETE", pattern: "/api/v1/users/{id}/totp", name: "resetTOTP", tag: "accounts",
			summary: "Remove a user's second factor, as after a lost phone (security administrators; not one's own)",
			access:  Write, status: 200, response: typeOf[TOTPResetDone](), handle: s.resetTOTP},
		{method: "POST", pattern: "/api/v1/users/{id}/unlock", name: "unlockUser", tag: "accounts",
			summary: "Lift the locks that failed logins put on a user (security administrators)",
			access:  Write, status: 200, response: typeOf[Unlocked](), handle: s.unlockUser},
		{method: "PUT", pattern: "/api/v1/users/{id}/active", name: "setUserActive", tag: "accounts",
			summary: "Deactivate or reactivate an officer (system administrators; not one's own)",
			access:  Write, status: 200, body: typeOf[ActiveChange](), response: typeOf[User](), handle: s.setUserActive},
		{method: "GET", pattern: "/api/v1/settings/password-policy", name: "passwordPolicy", tag: "accounts",
			summary: "The password policy in force",
			access:  Read, status: 200, response: typeOf[PasswordPolicy](), handle: s.passwordPolicy},
		{method: "PUT", pattern: "/api/v1/settings/password-policy", name: "setPasswordPolicy", tag: "accounts",
			summary: "Set the maximum password age (security administrators)",
			access:  Write, status: 200, body: typeOf[PasswordPolicyChange](), response: typeOf[PasswordPolicy](), handle: s.setPasswordPolicy},
	}
}

func (s *server) setRoles(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b RolesChange
	if err := c.decode(&b); err != nil {
		return err
	}
	u, err := s.cfg.Accounts.SetRoles(c.ctx(), c.actor, id, b.Roles)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, userView(u))
}

func (s *server) resetPassword(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b PasswordReset
	if err := c.decode(&b); err != nil {
		return err
	}
	if err := s.cfg.Accounts.SetPassword(c.ctx(), c.actor, id, b.Password, false); err != nil {
		return err
	}
	return c.reply(http.StatusOK, PasswordResetDone{UserID: id, MustChange: true})
}

func (s *server) resetTOTP(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	if err := s.cfg.Accounts.ResetTOTP(c.ctx(), c.actor, id); err != nil {
		return err
	}
	return c.reply(http.StatusOK, TOTPResetDone{UserID: id})
}

func (s *server) unlockUser(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	n, err := s.cfg.Accounts.Unlock(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, Unlocked{UserID: id, Locks: n})
}

func (s *server) setUserActive(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b ActiveChange
	if err := c.decode(&b); err != nil {
		return err
	}
	if b.Active == nil {
		return fault.Field("active", "required", "active")
	}
	u, err := s.cfg.Accounts.SetActive(c.ctx(), c.actor, id, *b.Active)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, userView(u))
}

func policyView(p account.PasswordPolicy) PasswordPolicy {
	return PasswordPolicy{MinLength: p.MinLength, MinKinds: p.MinKinds, MaxAgeDays: p.MaxAgeDays}
}

func (s *server) passwordPolicy(c *call) error {
	p, err := s.cfg.Accounts.PasswordPolicy(c.ctx())
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, policyView(p))
}

func (s *server) setPasswordPolicy(c *call) error {
	var b PasswordPolicyChange
	if err := c.decode(&b); err != nil {
		return err
	}
	if b.MaxAgeDays == nil {
		return fault.Field("max_age_days", "required", "max_age_days")
	}
	p, err := s.cfg.Accounts.SetPasswordMaxAge(c.ctx(), c.actor, *b.MaxAgeDays)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, policyView(p))
}

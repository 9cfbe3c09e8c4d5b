package api

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// Signing in and out, one's own password and second factor: the browser's
// session, held in an HttpOnly cookie (session_cookie.go). The account
// service decides everything; these handlers parse and render.

// Login is the body of POST /api/v1/session.
type Login struct {
	Username string `json:"username"`
	Password string `json:"password"`
	TOTP     string `json:"totp,omitempty" doc:"the 6-digit code of the authenticator app; required once the user has enrolled one"`
}

// SessionInfo is a browser session: who it is, what it must do first and
// when it ends. The session's id is in the cookie only.
type SessionInfo struct {
	User               Me   `json:"user"`
	MustChangePassword bool `json:"must_change_password" doc:"the password was set by an administrator or is too old: only changing it (and signing out) is possible until then"`
	MustEnrolTOTP      bool `json:"must_enrol_totp" doc:"the user's roles require a second factor: only enrolling it (and signing out) is possible until then"`
	CreatedAt          Time `json:"created_at"`
	IdleExpiresAt      Time `json:"idle_expires_at" doc:"the session ends if not used before (30 minutes after the last request)"`
	ExpiresAt          Time `json:"expires_at" doc:"the session ends then in any case (12 hours after signing in)"`
}

// SessionEnded answers DELETE /api/v1/session.
type SessionEnded struct {
	EndedAt Time `json:"ended_at"`
}

// PasswordChange is the body of POST /api/v1/session/password.
type PasswordChange struct {
	OldPassword string `json:"old_password"`
	NewPassword string `json:"new_password" doc:"at least 12 characters of three kinds (upper case, lower case, digits, others), not containing the user name, not a common password"`
}

// PasswordChanged answers a password change.
type PasswordChanged struct {
	ChangedAt Time `json:"changed_at" doc:"every other session of the user has ended"`
}

// TOTPEnrolment is a second factor being enrolled: the secret, shown this
// once, to type or scan (as a QR code of url) into an authenticator app.
type TOTPEnrolment struct {
	Secret string `json:"secret" doc:"base32"`
	URL    string `json:"url" doc:"otpauth://totp/... for a QR code"`
}

// TOTPCode is the body of POST /api/v1/session/totp/confirm.
type TOTPCode struct {
	Code string `json:"code" doc:"the 6 digits the authenticator app shows now"`
}

// TOTPConfirmed answers the confirmation of a second factor.
type TOTPConfirmed struct {
	Enabled bool `json:"enabled"`
}

func (s *server) sessionRoutes() []route {
	rs := []route{
		{method: "POST", pattern: "/api/v1/session", name: "login", tag: "session",
			summary: "Sign in with user name, password and (once enrolled) the authenticator's code; the session is in an HttpOnly cookie",
			access:  Public, status: 200, body: typeOf[Login](), response: typeOf[SessionInfo](), handle: s.login},
		{method: "GET", pattern: "/api/v1/session", name: "session", tag: "session", summary: "The caller's browser session",
			access: Read, status: 200, response: typeOf[SessionInfo](), handle: s.session},
		{method: "DELETE", pattern: "/api/v1/session", name: "logout", tag: "session", summary: "Sign out: the session ends",
			access: Write, status: 200, response: typeOf[SessionEnded](), handle: s.logout},
		{method: "POST", pattern: "/api/v1/session/password", name: "changePassword", tag: "session",
			summary: "Change one's own password; every other session of the user ends",
			access:  Write, status: 200, body: typeOf[PasswordChange](), response: typeOf[PasswordChanged](), handle: s.changePassword},
		{method: "POST", pattern: "/api/v1/session/totp", name: "enrolTOTP", tag: "session",
			summary: "Begin enrolling a second factor (TOTP): a new secret for the authenticator app",
			access:  Write, status: 200, response: typeOf[TOTPEnrolment](), handle: s.enrolTOTP},
		{method: "POST", pattern: "/api/v1/session/totp/confirm", name: "confirmTOTP", tag: "session",
			summary: "Put the enrolled second factor in force with a code it made",
			access:  Write, status: 200, body: typeOf[TOTPCode](), response: typeOf[TOTPConfirmed](), handle: s.confirmTOTP},
	}
	rs = append(rs, s.adminRoutes()...) // session_admin.go: the security and system administrators' acts on accounts
	rs = append(rs, s.tokenRoutes()...) // session_tokens.go: one's own API tokens
	return rs
}

func sessionView(a *account.Actor, sess *account.Session, l account.Limits) SessionInfo {
	return SessionInfo{User: meView(a), MustChangePassword: l.ChangePassword, MustEnrolTOTP: l.EnrolTOTP,
		CreatedAt: at(sess.CreatedAt), IdleExpiresAt: at(sess.IdleEnd()), ExpiresAt: at(sess.End())}
}

func (s *server) login(c *call) error {
	if err := crossSite(c.r); err != nil { // no signing a victim's browser in from another site
		return err
	}
	var b Login
	if err := c.decode(&b); err != nil {
		return err
	}
	in, err := s.cfg.Accounts.Login(c.ctx(), account.Login{Username: b.Username, Password: b.Password, TOTP: b.TOTP})
	if err != nil {
		return retryLater(c, err)
	}
	if old, ok := s.sessionSecret(c.r); ok { // a new login never continues an old session id
		if err := s.cfg.Accounts.Replace(c.ctx(), old); err != nil {
			return err
		}
	}
	s.setSessionCookie(c.w, c.r, in.Secret)
	return c.reply(http.StatusOK, sessionView(in.Actor, in.Session, in.Limits))
}

// retryLater turns a login refused for a while into 429 Too Many Requests
// with Retry-After; any other error passes unchanged.
func retryLater(c *call, err error) error {
	var we *account.WaitError
	var fe *fault.Error
	if !errors.As(err, &we) || !errors.As(err, &fe) {
		return err
	}
	c.w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(we.After.Seconds()))))
	return &httpError{status: http.StatusTooManyRequests, err: fe}
}

func (s *server) session(c *call) error {
	secret, ok := s.sessionSecret(c.r)
	if !ok || c.actor.SessionID == 0 {
		return fault.E(fault.Invalid, "session.none")
	}
	res, err := s.cfg.Accounts.ResolveSession(c.ctx(), secret)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, sessionView(res.Actor, res.Session, res.Limits))
}

func (s *server) logout(c *call) error {
	if err := s.cfg.Accounts.Logout(c.ctx(), c.actor); err != nil {
		return err
	}
	s.clearSessionCookie(c.w, c.r)
	return c.reply(http.StatusOK, SessionEnded{EndedAt: at(s.accountsNow())})
}

func (s *server) changePassword(c *call) error {
	var b PasswordChange
	if err := c.decode(&b); err != nil {
		return err
	}
	if err := s.cfg.Accounts.ChangePassword(c.ctx(), c.actor, b.OldPassword, b.NewPassword); err != nil {
		return retryLater(c, err)
	}
	return c.reply(http.StatusOK, PasswordChanged{ChangedAt: at(s.accountsNow())})
}

func (s *server) enrolTOTP(c *call) error {
	key, err := s.cfg.Accounts.EnrolTOTP(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, TOTPEnrolment{Secret: key.Secret, URL: key.URL})
}

func (s *server) confirmTOTP(c *call) error {
	var b TOTPCode
	if err := c.decode(&b); err != nil {
		return err
	}
	if err := s.cfg.Accounts.ConfirmTOTP(c.ctx(), c.actor, b.Code); err != nil {
		return retryLater(c, err)
	}
	return c.reply(http.StatusOK, TOTPConfirmed{Enabled: true})
}

// accountsNow is the account service's clock, for the times of answers.
func (s *server) accountsNow() time.Time {
	if s.cfg.Accounts != nil && s.cfg.Accounts.Now != nil {
		return s.cfg.Accounts.Now()
	}
	return time.Now()
}

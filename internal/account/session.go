package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// The lifetimes of a browser session: it ends after IdleTimeout without a
// request and SessionLifetime after it began, whatever happens.
const (
	IdleTimeout     = 30 * time.Minute
	SessionLifetime = 12 * time.Hour
	// touchEvery is how stale a session's last use may be before a request
	// writes it again: the idle timeout is exact to within it.
	touchEvery = time.Minute
	// sessionRetention is how long a session stays on record; older ones
	// are forgotten at the user's next login.
	sessionRetention = 7 * 24 * time.Hour
	// sessionPrefix marks zhitong's session ids, as tokenPrefix its tokens.
	sessionPrefix = "zs_"
)

// Limits say what a session must do before it may do anything else.
type Limits struct {
	ChangePassword bool // an administrator set the password, or it is older than the maximum age
	EnrolTOTP      bool // the user's roles require a second factor that is not set up
}

// Any reports whether the session is limited at all.
func (l Limits) Any() bool { return l.ChangePassword || l.EnrolTOTP }

// totpRoles are the roles that require a second factor: the three
// administrators and the offices that steer the work.
var totpRoles = []Role{SysAdmin, SecAdmin, Auditor, Office, Federation}

// RequiresTOTP reports whether a user holding roles must sign in with a
// second factor.
func RequiresTOTP(roles []Role) bool {
	return slices.ContainsFunc(roles, func(r Role) bool { return slices.Contains(totpRoles, r) })
}

// Login is what a person signing in gives.
type Login struct {
	Username string
	Password string
	TOTP     string // the authenticator's code, once the user has enrolled one
}

// SignedIn is a session just begun.
type SignedIn struct {
	Secret  string // the session id, for the cookie: shown once, stored hashed
	Session *Session
	Actor   *Actor
	Limits  Limits
}

// Resolved is a session in force, as a request presents it.
type Resolved struct {
	Actor   *Actor
	Session *Session
	Limits  Limits
}

// IdleEnd is when the session ends unless used again before.
func (s *Session) IdleEnd() time.Time {
	if idle, end := s.LastSeen.Add(IdleTimeout), s.End(); idle.Before(end) {
		return idle
	}
	return s.End()
}

// End is when the session ends at the latest.
func (s *Session) End() time.Time { return s.CreatedAt.Add(SessionLifetime) }

// Login checks a user name and password (and the second factor, once
// enrolled) and begins a session. An unknown user name, a wrong password
// and an inactive account get the same answer after the same work. A client
// that failed lately must wait (lockout.go); a user name that failed
// MaxFailures times from this client is locked from it. Every failure, lock
// and success is recorded.
func (s *Service) Login(ctx context.Context, in Login) (*SignedIn, error) {
	username := strings.TrimSpace(in.Username)
	if username == "" {
		return nil, fault.Field("username", "required", "username")
	}
	if in.Password == "" {
		return nil, fault.Field("password", "required", "password")
	}
	if utf8.RuneCountInString(username) > 100 {
		username = string([]rune(username)[:100])
	}
	now, client := s.Now(), audit.MetaFrom(ctx).ClientIP
	if err := s.throttle(ctx, client, now); err != nil {
		return nil, err
	}
	prior, err := s.locked(ctx, username, client, now)
	if fault.Is(err, fault.Unauthenticated) {
		return nil, s.fail(ctx, username, nil, failLocked, prior, now, err)
	} else if err != nil {
		return nil, err
	}
	u, cred, reason, err := s.checkPassword(ctx, username, in.Password)
	if err != nil {
		return nil, err
	}
	if reason != "" {
		if reason == failUnknown {
			u = nil
		}
		return nil, s.fail(ctx, username, u, reason, prior, now, fault.E(fault.Unauthenticated, "login.failed"))
	}
	if !cred.TOTPEnabled && cred.SMSEnabled {
		if strings.TrimSpace(in.TOTP) == "" {
			// The right password asks for a code: it is sent now.
			masked, err := s.sendCode(ctx, CodeLogin, u.ID, u.Phone)
			if err != nil {
				return nil, err
			}
			return nil, fault.E(fault.Unauthenticated, "login.sms_sent", masked)
		}
		if ok, err := s.checkCode(ctx, CodeLogin, u.ID, in.TOTP); err != nil {
			return nil, err
		} else if !ok {
			return nil, s.fail(ctx, username, u, failTOTP, prior, now, fault.E(fault.Unauthenticated, "login.sms_invalid"))
		}
	}
	if cred.TOTPEnabled {
		if strings.TrimSpace(in.TOTP) == "" {
			return nil, fault.E(fault.Unauthenticated, "login.totp_required")
		}
		if ok, err := s.useTOTP(ctx, u.ID, cred.TOTPSecret, in.TOTP, now); err != nil {
			return nil, err
		} else if !ok {
			return nil, s.fail(ctx, username, u, failTOTP, prior, now, fault.E(fault.Unauthenticated, "login.totp_invalid"))
		}
	}
	return s.begin(ctx, u, cred, now)
}

// checkPassword finds the user and verifies the password, taking the time
// of one verification whatever the outcome. reason is "" for a match, or
// why the login fails.
func (s *Service) checkPassword(ctx context.Context, username, password string) (*User, *Credentials, string, error) {
	u, err := s.Store.UserByUsername(ctx, username)
	if fault.Is(err, fault.NotFound) {
		burnPasswordTime(password)
		return nil, nil, failUnknown, nil
	} else if err != nil {
		return nil, nil, "", err
	}
	cred, err := s.Store.Credentials(ctx, u.ID)
	if err != nil {
		return nil, nil, "", err
	}
	if cred.PasswordHash == "" {
		burnPasswordTime(password)
		return u, cred, failUnknown, nil
	}
	ok, err := VerifyPassword(cred.PasswordHash, password)
	switch {
	case err != nil:
		return nil, nil, "", fault.Wrap(fmt.Errorf("user %d: %w", u.ID, err), "login")
	case !ok:
		return u, cred, failPassword, nil
	case !u.Active:
		return u, cred, failInactive, nil
	}
	return u, cred, "", nil
}

// begin starts a session of u, forgetting the client's failures for the user name.
func (s *Service) begin(ctx context.Context, u *User, cred *Credentials, now time.Time) (*SignedIn, error) {
	client := audit.MetaFrom(ctx).ClientIP
	if err := s.Store.ResetLogin(ctx, u.Username, client, now); err != nil {
		return nil, err
	}
	limits, err := s.limitsOf(ctx, u, cred, now)
	if err != nil {
		return nil, err
	}
	secret, err := newSecret(sessionPrefix)
	if err != nil {
		return nil, err
	}
	sess := &Session{Hash: HashToken(secret), UserID: u.ID, ClientIP: client, CreatedAt: now, LastSeen: now}
	if err := s.Store.CreateSession(ctx, sess, now.Add(-sessionRetention)); err != nil {
		return nil, err
	}
	actor, err := s.ActorFor(ctx, u, ScopeFull)
	if err != nil {
		return nil, err
	}
	actor.SessionID = sess.ID
	detail := fmt.Sprintf("session %d", sess.ID)
	if limits.ChangePassword {
		detail += "; must change the password"
	}
	if limits.EnrolTOTP {
		detail += "; must enrol a second factor"
	}
	if err := s.record(ctx, entryBy(actor, "login.ok", userObject(u.ID), detail)); err != nil {
		return nil, err
	}
	return &SignedIn{Secret: secret, Session: sess, Actor: actor, Limits: limits}, nil
}

// limitsOf returns what a session of u must do first.
func (s *Service) limitsOf(ctx context.Context, u *User, cred *Credentials, now time.Time) (Limits, error) {
	maxAge, err := s.passwordMaxAge(ctx)
	if err != nil {
		return Limits{}, err
	}
	return Limits{
		ChangePassword: cred.MustChange || passwordExpired(cred.PasswordChangedAt, maxAge, now),
		EnrolTOTP:      RequiresTOTP(u.Roles) && !cred.TOTPEnabled && !cred.SMSEnabled,
	}, nil
}

// newSecret returns prefix and 32 random bytes in base64url.
func newSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fault.Wrap(err, "secret")
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// liveSession finds the session whose id (beginning with prefix) a request
// presents, through byHash, if it is in force now: unknown, revoked, idle
// too long or too old, it is the same Unauthenticated error.
func (s *Service) liveSession(ctx context.Context, secret, prefix string,
	byHash func(context.Context, []byte) (*Session, error)) (*Session, time.Time, error) {
	ended := fault.E(fault.Unauthenticated, "session.ended")
	if !strings.HasPrefix(secret, prefix) || len(secret) > 100 {
		return nil, time.Time{}, ended
	}
	sess, err := byHash(ctx, HashToken(secret))
	if fault.Is(err, fault.NotFound) {
		return nil, time.Time{}, ended
	} else if err != nil {
		return nil, time.Time{}, err
	}
	now := s.Now()
	if !sess.RevokedAt.IsZero() || !now.Before(sess.IdleEnd()) {
		return nil, time.Time{}, ended
	}
	return sess, now, nil
}

// ResolveSession returns the session whose id a request presents, with its
// actor and limits, and records its use. A session unknown, revoked, idle
// too long or too old, or of a deactivated user, is the same
// Unauthenticated error.
func (s *Service) ResolveSession(ctx context.Context, secret string) (*Resolved, error) {
	ended := fault.E(fault.Unauthenticated, "session.ended")
	sess, now, err := s.liveSession(ctx, secret, sessionPrefix, s.Store.SessionByHash)
	if err != nil {
		return nil, err
	}
	u, err := s.Store.User(ctx, sess.UserID)
	if fault.Is(err, fault.NotFound) || (err == nil && !u.Active) {
		return nil, ended
	} else if err != nil {
		return nil, err
	}
	cred, err := s.Store.Credentials(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	limits, err := s.limitsOf(ctx, u, cred, now)
	if err != nil {
		return nil, err
	}
	if now.Sub(sess.LastSeen) >= touchEvery {
		if err := s.Store.TouchSession(ctx, sess.ID, now); err != nil {
			return nil, err
		}
		sess.LastSeen = now
	}
	actor, err := s.ActorFor(ctx, u, ScopeFull)
	if err != nil {
		return nil, err
	}
	actor.SessionID = sess.ID
	return &Resolved{Actor: actor, Session: sess, Limits: limits}, nil
}

// Logout ends the actor's session.
func (s *Service) Logout(ctx context.Context, actor *Actor) error {
	if actor == nil || actor.SessionID == 0 {
		return fault.E(fault.Invalid, "session.none")
	}
	if err := s.Store.RevokeSession(ctx, actor.SessionID, s.Now()); err != nil {
		return err
	}
	return s.record(ctx, entryBy(actor, "logout", userObject(actor.UserID), fmt.Sprintf("session %d", actor.SessionID)))
}

// Replace ends the session whose id a browser presents as it signs in
// again, so that a new login never continues an old id. An id that is no
// session is ignored.
func (s *Service) Replace(ctx context.Context, secret string) error {
	if !strings.HasPrefix(secret, sessionPrefix) || len(secret) > 100 {
		return nil
	}
	sess, err := s.Store.SessionByHash(ctx, HashToken(secret))
	if fault.Is(err, fault.NotFound) {
		return nil
	} else if err != nil || !sess.RevokedAt.IsZero() {
		return err
	}
	return s.Store.RevokeSession(ctx, sess.ID, s.Now())
}

// ChangePassword changes the actor's own password: the old one must be
// given, the new one must meet the policy and differ from it. Every other
// session of the user ends. Only a signed-in person may do it, not a token.
// A wrong old password counts as a failed login.
func (s *Service) ChangePassword(ctx context.Context, actor *Actor, old, new string) error {
	if actor == nil || actor.SessionID == 0 || actor.ReadOnly {
		return fault.E(fault.Forbidden, "session.only")
	}
	if old == "" {
		return fault.Field("old_password", "required", "old_password")
	}
	u, err := s.Store.User(ctx, actor.UserID)
	if err != nil {
		return err
	}
	now, client := s.Now(), audit.MetaFrom(ctx).ClientIP
	if err := s.throttle(ctx, client, now); err != nil {
		return err
	}
	prior, err := s.locked(ctx, u.Username, client, now)
	if err != nil {
		return err
	}
	if _, _, reason, err := s.checkPassword(ctx, u.Username, old); err != nil {
		return err
	} else if reason != "" {
		return s.fail(ctx, u.Username, u, failPassword, prior, now, fault.Field("old_password", "password.wrong_old"))
	}
	if err := checkPasswordField("new_password", u.Username, new); err != nil {
		return err
	}
	if new == old {
		return fault.Field("new_password", "password.same")
	}
	hash, err := HashPassword(new)
	if err != nil {
		return fault.Wrap(err, "change password")
	}
	if err := s.Store.SetPassword(ctx, u.ID, hash, false, now, actor.SessionID); err != nil {
		return err
	}
	return s.record(ctx, entryBy(actor, "password.change", userObject(u.ID), "every other session ended"))
}

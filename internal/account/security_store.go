package account

import (
	"context"
	"time"
)

// Credentials are what proves an officer is who they say: the password's
// hash and the second factor, kept apart from User so that no view of a
// user can carry them by mistake.
type Credentials struct {
	UserID            int64
	PasswordHash      string    // PHC string of argon2id; "" is no password (no login)
	MustChange        bool      // set by an administrator: change at the next login
	PasswordChangedAt time.Time // zero: never set
	TOTPSecret        string    // base32; "" is none
	TOTPEnabled       bool      // confirmed with a code: required at login
	TOTPLastStep      int64     // the last 30-second step whose code was used
	SMSEnabled        bool      // signs in with a code sent by SMS (smscode.go), when no authenticator is enabled
}

// Session is a browser session. Only the SHA-256 of its id is stored.
type Session struct {
	ID        int64
	Hash      []byte
	UserID    int64
	ClientIP  string
	CreatedAt time.Time
	LastSeen  time.Time
	RevokedAt time.Time // zero: in force
}

// LoginFailure is one failed login, by the user name as typed.
type LoginFailure struct {
	Username string
	ClientIP string
	Reason   string // unknown, password, totp, inactive, locked
	At       time.Time
}

// The reasons of failures.
const (
	failUnknown  = "unknown"
	failPassword = "password"
	failTOTP     = "totp"
	failInactive = "inactive"
	failLocked   = "locked"
)

// LoginState is what the store knows of a user name's failures from one
// client: the failures that count (since the window began and the last
// reset, attempts during a lock excluded) and the lock, if any.
type LoginState struct {
	Failures    int
	LockedUntil time.Time // zero: not locked
}

// SecurityStore persists credentials, sessions, failed logins and settings.
// It is part of Store.
type SecurityStore interface {
	// Credentials reads the credentials of user id.
	Credentials(ctx context.Context, userID int64) (*Credentials, error)
	// SetPassword stores a new password hash with its time and must-change
	// flag, and revokes every session of the user but keep (0: all), in one
	// transaction.
	SetPassword(ctx context.Context, userID int64, hash string, mustChange bool, at time.Time, keep int64) error
	// SetTOTP stores the second factor's secret and whether it is enabled;
	// when revoke is set it also revokes every session of the user.
	SetTOTP(ctx context.Context, userID int64, secret string, enabled bool, at time.Time, revoke bool) error
	// UseTOTPStep records that the code of step was used, and reports false
	// if that step or a later one was used before (a replayed code).
	UseTOTPStep(ctx context.Context, userID, step int64) (bool, error)
	// SetRoles replaces the roles of user id.
	SetRoles(ctx context.Context, userID int64, roles []Role) error
	// SetActive activates or deactivates user id; deactivating revokes every
	// session of the user.
	SetActive(ctx context.Context, userID int64, active bool, at time.Time) error

	// CreateSession inserts s and sets its ID, and forgets the user's
	// sessions that began before prune.
	CreateSession(ctx context.Context, s *Session, prune time.Time) error
	// SessionByHash finds a session by the SHA-256 of its id.
	SessionByHash(ctx context.Context, hash []byte) (*Session, error)
	// TouchSession records that session id was used at at.
	TouchSession(ctx context.Context, id int64, at time.Time) error
	// RevokeSession ends session id at at (a session ended before keeps its time).
	RevokeSession(ctx context.Context, id int64, at time.Time) error
	// RevokeSessions ends every session of user id but keep (0: all) and
	// returns how many it ended.
	RevokeSessions(ctx context.Context, userID int64, at time.Time, keep int64) (int, error)

	// AddLoginFailure records a failed login.
	AddLoginFailure(ctx context.Context, f LoginFailure) error
	// LoginState returns the counting failures of username from client since
	// since (and since the last reset), attempts during a lock excluded, and
	// the lock.
	LoginState(ctx context.Context, username, client string, since time.Time) (LoginState, error)
	// ClientFailures returns how many logins failed from client since since,
	// and when the last one failed.
	ClientFailures(ctx context.Context, client string, since time.Time) (int, time.Time, error)
	// LockLogin locks username from client until until; failures before at no
	// longer count.
	LockLogin(ctx context.Context, username, client string, at, until time.Time) error
	// ResetLogin forgets the failures of username from client before at (a
	// successful login), lifting any lock of that client.
	ResetLogin(ctx context.Context, username, client string, at time.Time) error
	// UnlockLogin lifts the locks of username from every client and forgets
	// the failures before at; it returns how many locks were in force.
	UnlockLogin(ctx context.Context, username string, at time.Time) (int, error)

	// Setting reads a setting; NotFound when it was never set.
	Setting(ctx context.Context, name string) (string, error)
	// SetSetting stores a setting, by user by (0: the command line).
	SetSetting(ctx context.Context, name, value string, at time.Time, by int64) error

	// Token reads token id.
	Token(ctx context.Context, id int64) (*Token, error)
	// TokensOf lists the tokens of user id, newest first.
	TokensOf(ctx context.Context, userID int64) ([]Token, error)
}

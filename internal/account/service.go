package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/personal"
)

// Units is what the account service needs of the unit tree.
type Units interface {
	// Districts lists the districts at or under the unit (its own for a unit below a district).
	Districts(ctx context.Context, unitID int64) ([]int64, error)
}

// Service is the accounts' use cases.
type Service struct {
	Store Store
	Units Units
	Now   func() time.Time
	// Audit records logins, failures, locks, password and role changes and
	// tokens (record.go); nil records nothing.
	Audit audit.Recorder
	// TOTPIssuer names the service in authenticator apps; "zhitong" if empty.
	TOTPIssuer string
	// SMSCodes says that an SMS gateway is configured: one-time codes can
	// be sent (smscode.go).
	SMSCodes bool
}

// tokenPrefix marks zhitong's tokens, so that a leaked one is recognisable.
const tokenPrefix = "zt_"

// HashToken returns the SHA-256 of a token's secret: the only form stored.
func HashToken(secret string) []byte {
	s := sha256.Sum256([]byte(secret))
	return s[:]
}

// CreateUser adds an officer.
func (s *Service) CreateUser(ctx context.Context, u *User) error {
	u.Username = strings.TrimSpace(u.Username)
	u.Name = strings.TrimSpace(u.Name)
	if u.Username == "" || utf8.RuneCountInString(u.Username) > 50 {
		return fault.Field("username", "required", "username")
	}
	if u.Name == "" || utf8.RuneCountInString(u.Name) > 50 {
		return fault.Field("name", "required", "name")
	}
	if err := CheckRoles(u.Roles); err != nil { // admin.go: no two administrators
		return err
	}
	if u.UnitID <= 0 {
		return fault.Field("unit_id", "bad_id", "unit_id")
	}
	u.Phone = strings.TrimSpace(u.Phone)
	if u.Phone != "" && !personal.ValidPhone(u.Phone) {
		return fault.Field("phone", "bad_phone")
	}
	u.Email = strings.TrimSpace(u.Email)
	if u.Email != "" && !ValidEmail(u.Email) {
		return fault.Field("email", "bad_email")
	}
	if _, err := s.Units.Districts(ctx, u.UnitID); fault.Is(err, fault.NotFound) {
		return fault.Field("unit_id", "not_found", fault.Noun("noun.unit"))
	} else if err != nil {
		return err
	}
	if _, err := s.Store.UserByUsername(ctx, u.Username); err == nil {
		return fault.E(fault.Conflict, "account.dup", u.Username)
	} else if !fault.Is(err, fault.NotFound) {
		return err
	}
	u.Active = true
	u.CreatedAt = s.Now()
	return s.Store.CreateUser(ctx, u)
}

// CreateToken issues a token for user id and returns its secret, shown once.
func (s *Service) CreateToken(ctx context.Context, userID int64, name string, scope TokenScope, ttl time.Duration) (string, *Token, error) {
	if scope != ScopeFull && scope != ScopeRead && scope != ScopeDisplay {
		return "", nil, fault.Field("scope", "one_of", "scope", "full, read, display")
	}
	u, err := s.Store.User(ctx, userID)
	if err != nil {
		return "", nil, err
	}
	if !u.Active {
		return "", nil, fault.E(fault.Conflict, "account.inactive", u.Username)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fault.Wrap(err, "token")
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	now := s.Now()
	t := &Token{UserID: userID, Name: strings.TrimSpace(name), Scope: scope, Hash: HashToken(secret), CreatedAt: now}
	if ttl > 0 {
		t.ExpiresAt = now.Add(ttl)
	}
	if err := s.Store.CreateToken(ctx, t); err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// Authenticate resolves a bearer token to the actor it stands for, with the
// data scope of the owner's unit. Any failure is the same Unauthenticated
// error, so that a caller learns nothing about which part was wrong.
func (s *Service) Authenticate(ctx context.Context, secret string) (*Actor, error) {
	deny := fault.E(fault.Unauthenticated, "unauthenticated")
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 100 {
		return nil, deny
	}
	t, err := s.Store.TokenByHash(ctx, HashToken(secret))
	if fault.Is(err, fault.NotFound) {
		return nil, deny
	} else if err != nil {
		return nil, err
	}
	if !t.Active(s.Now()) {
		return nil, deny
	}
	u, err := s.Store.User(ctx, t.UserID)
	if fault.Is(err, fault.NotFound) || (err == nil && !u.Active) {
		return nil, deny
	} else if err != nil {
		return nil, err
	}
	return s.ActorFor(ctx, u, t.Scope)
}

// ActorFor builds the actor of user u acting under scope.
func (s *Service) ActorFor(ctx context.Context, u *User, scope TokenScope) (*Actor, error) {
	ds, err := s.Units.Districts(ctx, u.UnitID)
	if err != nil {
		return nil, err
	}
	return &Actor{UserID: u.ID, Username: u.Username, Name: u.Name, UnitID: u.UnitID, Roles: u.Roles,
		ReadOnly: scope != ScopeFull, Display: scope == ScopeDisplay, Districts: ds}, nil
}

package account

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/personal"
)

// Enterprise accounts on the portal: a company's contact person signs up
// with the phone number, the company's registry entry and a password; an
// officer confirms the account (later an SMS code will); the account then
// signs in with phone and password, under the officers' lockout rules, and
// sees its own company's appeals only.

// EnterpriseStore is what the enterprise accounts need of the store.
type EnterpriseStore interface {
	EnterpriseAccountByPhone(ctx context.Context, phone string) (*EnterpriseAccount, error)
	EnterpriseAccounts(ctx context.Context, limit int) ([]EnterpriseAccount, error)
	ConfirmEnterpriseAccount(ctx context.Context, id, by int64, at time.Time) error
	CreateEnterpriseSession(ctx context.Context, s *Session, prune time.Time) error
	EnterpriseSessionByHash(ctx context.Context, hash []byte) (*Session, error)
	TouchEnterpriseSession(ctx context.Context, id int64, at time.Time) error
	RevokeEnterpriseSession(ctx context.Context, id int64, at time.Time) error
}

// enterprisePrefix marks the session ids of enterprise accounts.
const enterprisePrefix = "ze_"

// Signup is what a company's contact person gives to open an account.
type Signup struct {
	EnterpriseID int64 // the registry's entry, found by its credit code
	Name         string
	Phone        string
	Password     string
}

// phoneLogin is the name an enterprise account's failed sign-ins are
// counted under, apart from every officer's user name.
func phoneLogin(phone string) string { return "phone:" + phone }

// SignUp opens an enterprise account awaiting confirmation.
func (s *Service) SignUp(ctx context.Context, in Signup) (*EnterpriseAccount, error) {
	in.Name, in.Phone = strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone)
	switch {
	case in.EnterpriseID <= 0:
		return nil, fault.Field("credit_code", "signup.nocompany")
	case in.Name == "" || utf8.RuneCountInString(in.Name) > 50:
		return nil, fault.Field("name", "required", "name")
	case !personal.ValidPhone(in.Phone):
		return nil, fault.Field("phone", "bad_phone")
	}
	if err := CheckPassword(in.Phone, in.Password); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, fault.Wrap(err, "sign up")
	}
	a := &EnterpriseAccount{EnterpriseID: in.EnterpriseID, Name: in.Name, Phone: in.Phone, CreatedAt: s.Now(), PasswordHash: hash}
	if err := s.Store.CreateEnterpriseAccount(ctx, a); err != nil {
		return nil, err
	}
	return a, s.record(ctx, audit.Entry{ActorName: a.Name, Action: "account.signup", Object: accountObject(a.ID),
		Detail: fmt.Sprintf("enterprise %d, awaiting confirmation", a.EnterpriseID)})
}

func accountObject(id int64) string { return "account:" + strconv.FormatInt(id, 10) }

// mayConfirm reports whether actor confirms enterprise accounts: the
// federation, which knows the district's companies, or a system administrator.
func mayConfirm(actor *Actor) bool {
	return actor != nil && !actor.ReadOnly && (actor.System || actor.HasAny(Federation, SysAdmin))
}

// EnterpriseAccounts lists the accounts, those awaiting confirmation first.
func (s *Service) EnterpriseAccounts(ctx context.Context, actor *Actor) ([]EnterpriseAccount, error) {
	if actor == nil || !(actor.System || actor.HasAny(Federation, SysAdmin)) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	as, err := s.Store.EnterpriseAccounts(ctx, 500)
	for i := range as {
		as[i].PasswordHash = ""
		as[i].Phone = personal.MaskPhone(as[i].Phone)
	}
	return as, err
}

// ConfirmEnterpriseAccount lets account id sign in, on an officer's word.
func (s *Service) ConfirmEnterpriseAccount(ctx context.Context, actor *Actor, id int64) error {
	if !mayConfirm(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if _, err := s.Store.EnterpriseAccount(ctx, id); err != nil {
		return err
	}
	if err := s.Store.ConfirmEnterpriseAccount(ctx, id, actor.UserID, s.Now()); err != nil {
		return err
	}
	return s.record(ctx, entryBy(actor, "account.confirm", accountObject(id), "the enterprise account may sign in"))
}

// EnterpriseSignedIn is an enterprise account's session just begun.
type EnterpriseSignedIn struct {
	Secret string
	Actor  *Actor
}

// EnterpriseLogin signs an enterprise account in with its phone and
// password. Failures count and lock as the officers' do; an account not yet
// confirmed is told so, but only once its password is right.
func (s *Service) EnterpriseLogin(ctx context.Context, phone, password string) (*EnterpriseSignedIn, error) {
	phone = strings.TrimSpace(phone)
	if phone == "" || len(phone) > 30 {
		return nil, fault.Field("phone", "required", "phone")
	}
	now, client, name := s.Now(), audit.MetaFrom(ctx).ClientIP, phoneLogin(phone)
	if err := s.throttle(ctx, client, now); err != nil {
		return nil, err
	}
	prior, err := s.locked(ctx, name, client, now)
	if fault.Is(err, fault.Unauthenticated) {
		return nil, s.fail(ctx, name, nil, failLocked, prior, now, err)
	} else if err != nil {
		return nil, err
	}
	a, err := s.Store.EnterpriseAccountByPhone(ctx, phone)
	if fault.Is(err, fault.NotFound) || (err == nil && a.PasswordHash == "") {
		burnPasswordTime(password)
		return nil, s.fail(ctx, name, nil, failUnknown, prior, now, fault.E(fault.Unauthenticated, "login.failed"))
	} else if err != nil {
		return nil, err
	}
	ok, err := VerifyPassword(a.PasswordHash, password)
	if err != nil {
		return nil, fault.Wrap(fmt.Errorf("enterprise account %d: %w", a.ID, err), "login")
	}
	if !ok {
		return nil, s.fail(ctx, name, nil, failPassword, prior, now, fault.E(fault.Unauthenticated, "login.failed"))
	}
	if !a.Confirmed {
		return nil, fault.E(fault.Forbidden, "signup.pending")
	}
	if err := s.Store.ResetLogin(ctx, name, client, now); err != nil {
		return nil, err
	}
	secret, err := newSecret(enterprisePrefix)
	if err != nil {
		return nil, err
	}
	sess := &Session{Hash: HashToken(secret), UserID: a.ID, ClientIP: client, CreatedAt: now, LastSeen: now}
	if err := s.Store.CreateEnterpriseSession(ctx, sess, now.Add(-sessionRetention)); err != nil {
		return nil, err
	}
	actor := enterpriseActor(a, sess.ID)
	if err := s.record(ctx, audit.Entry{ActorName: a.Name, Action: "login.ok", Object: accountObject(a.ID),
		Detail: fmt.Sprintf("enterprise session %d", sess.ID)}); err != nil {
		return nil, err
	}
	return &EnterpriseSignedIn{Secret: secret, Actor: actor}, nil
}

func enterpriseActor(a *EnterpriseAccount, session int64) *Actor {
	return &Actor{EnterpriseID: a.EnterpriseID, AccountID: a.ID, Name: a.Name, SessionID: session}
}

// ResolveEnterpriseSession returns the enterprise account whose session id
// a request presents; a session unknown, ended or idle too long is the same
// Unauthenticated error.
func (s *Service) ResolveEnterpriseSession(ctx context.Context, secret string) (*Actor, error) {
	ended := fault.E(fault.Unauthenticated, "session.ended")
	sess, now, err := s.liveSession(ctx, secret, enterprisePrefix, s.Store.EnterpriseSessionByHash)
	if err != nil {
		return nil, err
	}
	a, err := s.Store.EnterpriseAccount(ctx, sess.UserID)
	if fault.Is(err, fault.NotFound) || (err == nil && !a.Confirmed) {
		return nil, ended
	} else if err != nil {
		return nil, err
	}
	if now.Sub(sess.LastSeen) >= touchEvery {
		if err := s.Store.TouchEnterpriseSession(ctx, sess.ID, now); err != nil {
			return nil, err
		}
	}
	return enterpriseActor(a, sess.ID), nil
}

// EnterpriseLogout ends an enterprise account's session.
func (s *Service) EnterpriseLogout(ctx context.Context, actor *Actor) error {
	if actor == nil || !actor.IsEnterprise() || actor.SessionID == 0 {
		return fault.E(fault.Invalid, "session.none")
	}
	return s.Store.RevokeEnterpriseSession(ctx, actor.SessionID, s.Now())
}

package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/personal"
)

// One-time codes sent by SMS: a second factor at sign-in for officers who
// chose it instead of an authenticator app, and the proof that an
// enterprise account's phone is its holder's. A code is six digits, lives
// CodeTTL, may be tried CodeAttempts times, is used once, and a new one is
// sent no sooner than CodeResend after the last; only its hash is kept, and
// the message carrying it is written with it, in one transaction.

// CodePurpose says what a code proves.
type CodePurpose string

// The purposes.
const (
	CodeLogin   CodePurpose = "login"   // an officer signing in
	CodeEnrol   CodePurpose = "enrol"   // an officer choosing SMS as second factor: the phone is theirs
	CodeAccount CodePurpose = "account" // an enterprise account's phone
)

// The limits of codes.
const (
	CodeTTL      = 5 * time.Minute
	CodeResend   = time.Minute
	CodeAttempts = 5
)

// OneTimeCode is a code as stored: its hash, never the code.
type OneTimeCode struct {
	Purpose   CodePurpose
	Subject   int64 // the user or the enterprise account
	Phone     string
	Hash      []byte
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CodeStore keeps the codes and sends them.
type CodeStore interface {
	// IssueCode stores c, retires the codes of its purpose and subject not
	// yet used, and writes the SMS carrying code to c.Phone, in one
	// transaction. A code issued for them less than resend ago makes it a
	// Conflict (code.wait).
	IssueCode(ctx context.Context, c *OneTimeCode, code string, resend time.Duration) error
	// UseCode reports whether hash is the live code of purpose and subject
	// at now, and uses it up; every try counts, and a code tried
	// maxAttempts times is retired.
	UseCode(ctx context.Context, purpose CodePurpose, subject int64, hash []byte, now time.Time, maxAttempts int) (bool, error)
	// SetSMSFactor records whether user id signs in with SMS codes.
	SetSMSFactor(ctx context.Context, userID int64, on bool) error
	// VerifyEnterprisePhone records that account id's phone is proven and
	// confirms the account if the phone is its enterprise's contact number
	// in the registry; it reports whether the account is confirmed.
	VerifyEnterprisePhone(ctx context.Context, id int64, at time.Time) (bool, error)
}

// codeHash is what is kept of a code: bound to its purpose and subject.
func codeHash(p CodePurpose, subject int64, code string) []byte {
	s := sha256.Sum256([]byte(string(p) + ":" + strconv.FormatInt(subject, 10) + ":" + strings.TrimSpace(code)))
	return s[:]
}

// newCode returns six random digits.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fault.Wrap(err, "one-time code")
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// sendCode issues a code of purpose for subject to phone; it returns the
// phone masked, for telling the person where to look.
func (s *Service) sendCode(ctx context.Context, p CodePurpose, subject int64, phone string) (string, error) {
	if !s.SMSCodes {
		return "", fault.E(fault.Conflict, "code.nosms")
	}
	if !personal.ValidMobile(phone) {
		return "", fault.E(fault.Conflict, "code.nophone")
	}
	code, err := newCode()
	if err != nil {
		return "", err
	}
	now := s.Now()
	c := &OneTimeCode{Purpose: p, Subject: subject, Phone: phone, Hash: codeHash(p, subject, code), CreatedAt: now, ExpiresAt: now.Add(CodeTTL)}
	if err := s.Store.IssueCode(ctx, c, code, CodeResend); err != nil {
		return "", err
	}
	return personal.MaskPhone(phone), nil
}

// checkCode reports whether code is the live code of purpose for subject.
func (s *Service) checkCode(ctx context.Context, p CodePurpose, subject int64, code string) (bool, error) {
	code = strings.TrimSpace(code)
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		return false, nil
	}
	return s.Store.UseCode(ctx, p, subject, codeHash(p, subject, code), s.Now(), CodeAttempts)
}

// EnrolSMS sends a code to the actor's phone: confirming it (ConfirmSMS)
// makes SMS codes the actor's second factor.
func (s *Service) EnrolSMS(ctx context.Context, actor *Actor) (string, error) {
	u, err := s.enrollee(ctx, actor)
	if err != nil {
		return "", err
	}
	return s.sendCode(ctx, CodeEnrol, u.ID, u.Phone)
}

// ConfirmSMS checks the code sent by EnrolSMS and turns SMS codes on as
// the actor's second factor.
func (s *Service) ConfirmSMS(ctx context.Context, actor *Actor, code string) error {
	u, err := s.enrollee(ctx, actor)
	if err != nil {
		return err
	}
	ok, err := s.checkCode(ctx, CodeEnrol, u.ID, code)
	if err != nil {
		return err
	}
	if !ok {
		return fault.Field("code", "code.invalid")
	}
	if err := s.Store.SetSMSFactor(ctx, u.ID, true); err != nil {
		return err
	}
	return s.record(ctx, entryBy(actor, "sms.enable", userObject(u.ID), ""))
}

func (s *Service) enrollee(ctx context.Context, actor *Actor) (*User, error) {
	if actor == nil || actor.UserID <= 0 || actor.IsEnterprise() || actor.ReadOnly {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.User(ctx, actor.UserID)
}

// SendAccountCode sends a code to an enterprise account's phone, to prove
// it is its holder's (VerifyEnterprisePhone). It returns the phone masked.
func (s *Service) SendAccountCode(ctx context.Context, a *EnterpriseAccount) (string, error) {
	return s.sendCode(ctx, CodeAccount, a.ID, a.Phone)
}

// VerifyEnterprisePhone checks the code sent to phone for its account. A
// proven phone that is the enterprise's contact number in the registry
// confirms the account at once; any other waits for the federation, which
// sees it proven. It reports whether the account is confirmed.
func (s *Service) VerifyEnterprisePhone(ctx context.Context, phone, code string) (bool, error) {
	wrong := fault.Field("code", "code.invalid")
	a, err := s.Store.EnterpriseAccountByPhone(ctx, strings.TrimSpace(phone))
	if fault.Is(err, fault.NotFound) {
		return false, wrong
	} else if err != nil {
		return false, err
	}
	ok, err := s.checkCode(ctx, CodeAccount, a.ID, code)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, wrong
	}
	confirmed, err := s.Store.VerifyEnterprisePhone(ctx, a.ID, s.Now())
	if err != nil {
		return false, err
	}
	detail := "phone proven by SMS code; awaiting the federation"
	if confirmed {
		detail = "phone proven by SMS code; the registry's contact number: confirmed"
	}
	return confirmed, s.record(ctx, audit.Entry{ActorName: a.Name, Action: "account.verify", Object: accountObject(a.ID), Detail: detail})
}

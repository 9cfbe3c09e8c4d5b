package account

import (
	"context"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// The second factor is TOTP (RFC 6238) as every authenticator app speaks
// it: SHA-1, six digits, 30-second steps, a 160-bit secret. A code is
// accepted one step early or late (clocks drift) and only once.
const (
	totpPeriod = 30
	totpSkew   = 1
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Skew: totpSkew, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TOTPKey is a second factor being enrolled: its secret and the otpauth://
// URL an authenticator app reads (as a QR code).
type TOTPKey struct {
	Secret string
	URL    string
}

// EnrolTOTP begins the enrolment of a second factor for the actor, a
// signed-in person: a new secret, stored but not yet in force until
// ConfirmTOTP sees a code made from it. A second factor in force is not
// replaced this way: the security administrator resets it first.
func (s *Service) EnrolTOTP(ctx context.Context, actor *Actor) (*TOTPKey, error) {
	if actor == nil || actor.SessionID == 0 || actor.ReadOnly {
		return nil, fault.E(fault.Forbidden, "session.only")
	}
	cred, err := s.Store.Credentials(ctx, actor.UserID)
	if err != nil {
		return nil, err
	}
	if cred.TOTPEnabled {
		return nil, fault.E(fault.Conflict, "totp.enabled")
	}
	issuer := s.TOTPIssuer
	if issuer == "" {
		issuer = "zhitong"
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: actor.Username, Period: totpPeriod,
		SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return nil, fault.Wrap(err, "totp: generate")
	}
	if err := s.Store.SetTOTP(ctx, actor.UserID, key.Secret(), false, s.Now(), false); err != nil {
		return nil, err
	}
	if err := s.record(ctx, entryBy(actor, "totp.enrol", userObject(actor.UserID), "a new secret awaits confirmation")); err != nil {
		return nil, err
	}
	return &TOTPKey{Secret: key.Secret(), URL: key.URL()}, nil
}

// ConfirmTOTP puts the actor's enrolled second factor in force once code is
// one of its codes. A wrong code counts as a failed login.
func (s *Service) ConfirmTOTP(ctx context.Context, actor *Actor, code string) error {
	if actor == nil || actor.SessionID == 0 || actor.ReadOnly {
		return fault.E(fault.Forbidden, "session.only")
	}
	cred, err := s.Store.Credentials(ctx, actor.UserID)
	if err != nil {
		return err
	}
	switch {
	case cred.TOTPEnabled:
		return fault.E(fault.Conflict, "totp.enabled")
	case cred.TOTPSecret == "":
		return fault.E(fault.Conflict, "totp.none")
	}
	now, client := s.Now(), audit.MetaFrom(ctx).ClientIP
	if err := s.throttle(ctx, client, now); err != nil {
		return err
	}
	prior, err := s.locked(ctx, actor.Username, client, now)
	if err != nil {
		return err
	}
	ok, err := s.useTOTP(ctx, actor.UserID, cred.TOTPSecret, code, now)
	if err != nil {
		return err
	}
	if !ok {
		u, err := s.Store.User(ctx, actor.UserID)
		if err != nil {
			return err
		}
		return s.fail(ctx, actor.Username, u, failTOTP, prior, now, fault.Field("code", "totp.code"))
	}
	if err := s.Store.SetTOTP(ctx, actor.UserID, cred.TOTPSecret, true, now, false); err != nil {
		return err
	}
	return s.record(ctx, entryBy(actor, "totp.enable", userObject(actor.UserID), "second factor in force"))
}

// useTOTP reports whether code is a code of secret at now not used before,
// and marks its step used.
func (s *Service) useTOTP(ctx context.Context, userID int64, secret, code string, now time.Time) (bool, error) {
	step, ok := matchTOTP(secret, code, now)
	if !ok {
		return false, nil
	}
	return s.Store.UseTOTPStep(ctx, userID, step)
}

// matchTOTP returns the step of now, or one either side, whose code is code.
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		return 0, false
	}
	step := now.Unix() / totpPeriod
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		want, err := totp.GenerateCodeCustom(secret, time.Unix((step+d)*totpPeriod, 0), totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step + d, true
		}
	}
	return 0, false
}

// EnableTOTP gives user id a new second factor in force at once and returns
// its secret. It skips the proof that the person holds the secret, so only
// the system may (the demo loader, which publishes its users' secrets).
func (s *Service) EnableTOTP(ctx context.Context, actor *Actor, id int64) (string, error) {
	if actor == nil || !actor.System {
		return "", fault.E(fault.Forbidden, "forbidden")
	}
	u, err := s.Store.User(ctx, id)
	if err != nil {
		return "", err
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "zhitong", AccountName: u.Username, Period: totpPeriod,
		SecretSize: 20, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fault.Wrap(err, "totp: generate")
	}
	if err := s.Store.SetTOTP(ctx, id, key.Secret(), true, s.Now(), false); err != nil {
		return "", err
	}
	return key.Secret(), s.record(ctx, entryBy(actor, "totp.enable", userObject(id), "second factor set by the system"))
}

package account_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"zhitong/internal/account"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

// recorder is an audit log in memory.
type recorder struct {
	mu      sync.Mutex
	entries []audit.Entry
}

func (r *recorder) Record(_ context.Context, e audit.Entry) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.entries = append(r.entries, e)
	return nil
}

// count returns how many entries of action there are.
func (r *recorder) count(action string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.entries {
		if e.Action == action {
			n++
		}
	}
	return n
}

func (r *recorder) last(action string) audit.Entry {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.entries) - 1; i >= 0; i-- {
		if r.entries[i].Action == action {
			return r.entries[i]
		}
	}
	return audit.Entry{}
}

// The passwords of the tests: one for everyone, one to change to.
const (
	pw1 = "Correct-Horse-7-Battery"
	pw2 = "Staple-Orbit-42-Lantern"
)

// sec is a world for the security tests: officers with passwords.
type sec struct {
	t     *testing.T
	svc   *account.Service
	rec   *recorder
	now   *time.Time
	town  *unit.Unit
	users map[string]*account.User
}

func newSec(t *testing.T, db *sqlstore.DB) *sec {
	t.Helper()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	svc, district, town := world(t, db, &now)
	s := &sec{t: t, svc: svc, rec: &recorder{}, now: &now, town: town, users: map[string]*account.User{}}
	svc.Audit = s.rec
	for name, roles := range map[string][]account.Role{
		"handler": {account.Handler}, "office": {account.Office}, "sys": {account.SysAdmin},
		"secadm": {account.SecAdmin}, "auditor": {account.Auditor}, "secadm2": {account.SecAdmin},
	} {
		unitID := town.ID
		if name != "handler" {
			unitID = district.ID
		}
		u := &account.User{Username: name, Name: "用户" + name, UnitID: unitID, Roles: roles}
		if err := svc.CreateUser(ctx0, u); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetPassword(ctx0, account.SystemActor(), u.ID, pw1, true); err != nil {
			t.Fatal(err)
		}
		s.users[name] = u
	}
	return s
}

var ctx0 = context.Background()

// from is a request context from client ip.
func from(ip string) context.Context {
	return audit.WithMeta(context.Background(), audit.Meta{ClientIP: ip, RequestID: "req-" + ip})
}

func (s *sec) advance(d time.Duration) { *s.now = s.now.Add(d) }

// login signs user in from ip with password, wanting success.
func (s *sec) login(ip, user, password string) *account.SignedIn {
	s.t.Helper()
	in, err := s.svc.Login(from(ip), account.Login{Username: user, Password: password})
	if err != nil {
		s.t.Fatalf("login %s from %s: %v", user, ip, err)
	}
	return in
}

// wantKey fails unless err is a fault.Error with key.
func wantKey(t *testing.T, err error, key, what string) {
	t.Helper()
	fe, ok := err.(*fault.Error)
	if !ok || fe.Key != key {
		t.Fatalf("%s: %v, want %s", what, err, key)
	}
}

// An unknown user, a wrong password and a deactivated account get the same
// answer after the same work.
func TestLoginSameAnswer(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		if _, err := s.svc.SetActive(ctx0, account.SystemActor(), s.users["office"].ID, false); err != nil {
			t.Fatal(err)
		}
		for i, c := range []struct {
			name, user, pw string
			burns          int64 // verifications on no real hash: the unknown user costs one like the others
		}{
			{"unknown user", "nobody", pw1, 1}, {"wrong password", "handler", pw2, 0}, {"deactivated", "office", pw1, 0},
		} {
			before := account.Burned()
			_, err := s.svc.Login(from("10.0.0."+string(rune('1'+i))), account.Login{Username: c.user, Password: c.pw})
			wantKey(t, err, "login.failed", c.name)
			if !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("%s: kind %v", c.name, fault.KindOf(err))
			}
			if got := account.Burned() - before; got != c.burns {
				t.Errorf("%s: %d verifications on the dummy hash, want %d", c.name, got, c.burns)
			}
		}
		if n := s.rec.count("login.fail"); n != 3 {
			t.Errorf("%d failures recorded, want 3", n)
		}
		e := s.rec.last("login.fail")
		if e.Outcome != audit.Denied || e.ClientIP == "" || e.RequestID == "" || strings.Contains(e.Detail, pw1) {
			t.Errorf("failure entry %+v", e)
		}
		if _, err := s.svc.Login(from("10.0.0.9"), account.Login{Username: "handler"}); !fault.Is(err, fault.Invalid) {
			t.Errorf("no password: %v", err)
		}
	})
}

// clientWait is how long a client waits after its n-th recent failure.
func clientWait(n int) time.Duration { return time.Duration(1<<n)*time.Second + time.Millisecond }

func TestLockoutPerAccountAndClient(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		const a, b = "198.51.100.7", "10.1.1.1"
		for i := 1; i <= account.MaxFailures; i++ {
			_, err := s.svc.Login(from(a), account.Login{Username: "office", Password: "Wrong-Guess-" + strings.Repeat("x", i)})
			if i < account.MaxFailures {
				wantKey(t, err, "login.failed", "failure")
			} else {
				wantKey(t, err, "login.locked", "the fifth failure")
			}
			s.advance(clientWait(i))
		}
		if s.rec.count("login.lock") != 1 || s.rec.count("login.fail") != account.MaxFailures {
			t.Errorf("recorded %d locks and %d failures", s.rec.count("login.lock"), s.rec.count("login.fail"))
		}
		// The right password from the outsider's client is refused ...
		_, err := s.svc.Login(from(a), account.Login{Username: "office", Password: pw1})
		wantKey(t, err, "login.locked", "right password from the locked client")
		// ... but the officer at their own desk signs in.
		s.login(b, "office", pw1)
		// Thirty minutes after the lock, the client may try again; not before.
		s.advance(account.LockDuration - 2*time.Minute)
		_, err = s.svc.Login(from(a), account.Login{Username: "office", Password: pw1})
		wantKey(t, err, "login.locked", "28 minutes into the lock")
		s.advance(3 * time.Minute)
		s.login(a, "office", pw1)
		// Unknown user names lock the same way, so a lock tells nothing.
		for i := 1; i <= account.MaxFailures; i++ {
			_, err := s.svc.Login(from("203.0.113.5"), account.Login{Username: "ghost", Password: pw1})
			if i == account.MaxFailures {
				wantKey(t, err, "login.locked", "an unknown user name's fifth failure")
			}
			s.advance(clientWait(i))
		}
		n, _, err := db.ClientFailures(ctx0, a, s.now.Add(-24*time.Hour))
		if err != nil || n < account.MaxFailures+1 {
			t.Errorf("failures on record from %s: %d, %v", a, n, err)
		}
	})
}

func TestClientDelaysAndUnlock(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		const c = "192.0.2.44"
		if _, err := s.svc.Login(from(c), account.Login{Username: "handler", Password: pw2}); err == nil {
			t.Fatal("a wrong password was accepted")
		}
		// Straight after a failure the client must wait 2 s, whoever it names.
		_, err := s.svc.Login(from(c), account.Login{Username: "sys", Password: pw1})
		wantKey(t, err, "login.wait", "a second try at once")
		var we *account.WaitError
		if fe := err.(*fault.Error); fe.Err == nil || !asWait(fe.Err, &we) || we.After <= 0 || we.After > 2*time.Second {
			t.Fatalf("wait %v", fe.Err)
		}
		s.advance(2 * time.Second)
		s.login(c, "sys", pw1)

		// A lock lifted by the security administrator.
		for i := 1; i <= account.MaxFailures; i++ {
			s.advance(clientWait(i + 1))
			_, _ = s.svc.Login(from(c), account.Login{Username: "handler", Password: pw2})
		}
		s.advance(clientWait(account.MaxFailures + 1))
		_, err = s.svc.Login(from(c), account.Login{Username: "handler", Password: pw1})
		wantKey(t, err, "login.locked", "locked")
		sec := actorOf(t, s, "secadm")
		if _, err := s.svc.Unlock(ctx0, actorOf(t, s, "sys"), s.users["handler"].ID); !fault.Is(err, fault.Forbidden) {
			t.Errorf("the system administrator unlocked: %v", err)
		}
		n, err := s.svc.Unlock(ctx0, sec, s.users["handler"].ID)
		if err != nil || n != 1 {
			t.Fatalf("unlock: %d, %v", n, err)
		}
		s.advance(clientWait(account.MaxFailures + 2))
		s.login(c, "handler", pw1)
		if s.rec.count("login.unlock") != 1 {
			t.Error("the unlock is not recorded")
		}
	})
}

func asWait(err error, we **account.WaitError) bool {
	w, ok := err.(*account.WaitError)
	*we = w
	return ok
}

// actorOf signs user in and returns the session's actor.
func actorOf(t *testing.T, s *sec, user string) *account.Actor {
	t.Helper()
	in := s.login("127.0.0.1", user, pw1)
	return in.Actor
}

func TestSessionLifetimes(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		one := s.login("10.0.0.1", "handler", pw1)
		two := s.login("10.0.0.1", "handler", pw1)
		if one.Secret == two.Secret || one.Session.ID == two.Session.ID || !strings.HasPrefix(one.Secret, "zs_") || len(one.Secret) < 40 {
			t.Fatalf("two logins, sessions %q and %q", one.Secret, two.Secret)
		}
		if strings.Contains(string(one.Session.Hash), one.Secret) {
			t.Fatal("the session id is stored as it is")
		}
		resolve := func(in *account.SignedIn) error {
			r, err := s.svc.ResolveSession(ctx0, in.Secret)
			if err == nil && (r.Actor.UserID != s.users["handler"].ID || r.Actor.SessionID != in.Session.ID || r.Actor.ReadOnly) {
				t.Fatalf("resolved %+v", r.Actor)
			}
			return err
		}
		// Used every 29 minutes, it lives; idle 30, it ends.
		for i := 0; i < 4; i++ {
			s.advance(29 * time.Minute)
			if err := resolve(one); err != nil {
				t.Fatalf("after %d×29 minutes: %v", i+1, err)
			}
		}
		s.advance(30 * time.Minute)
		wantKey(t, resolve(one), "session.ended", "idle 30 minutes")

		// However busy, it ends 12 hours after it began.
		three := s.login("10.0.0.1", "handler", pw1)
		for elapsed := time.Duration(0); elapsed < account.SessionLifetime-20*time.Minute; elapsed += 20 * time.Minute {
			s.advance(20 * time.Minute)
			if err := resolve(three); err != nil {
				t.Fatalf("after %v: %v", elapsed+20*time.Minute, err)
			}
		}
		s.advance(20 * time.Minute)
		wantKey(t, resolve(three), "session.ended", "12 hours")

		// Logout ends it; others of the user stay.
		four, five := s.login("10.0.0.1", "handler", pw1), s.login("10.0.0.2", "handler", pw1)
		r4, _ := s.svc.ResolveSession(ctx0, four.Secret)
		if err := s.svc.Logout(ctx0, r4.Actor); err != nil {
			t.Fatal(err)
		}
		wantKey(t, resolve(four), "session.ended", "after logout")
		if err := resolve(five); err != nil {
			t.Fatalf("another session ended at logout: %v", err)
		}
		// A password change ends all others, not the one that changed it.
		six := s.login("10.0.0.3", "handler", pw1)
		r6, _ := s.svc.ResolveSession(ctx0, six.Secret)
		if err := s.svc.ChangePassword(ctx0, r6.Actor, pw1, pw2); err != nil {
			t.Fatal(err)
		}
		wantKey(t, resolve(five), "session.ended", "another session after a password change")
		if err := resolve(six); err != nil {
			t.Fatalf("the changing session ended: %v", err)
		}
		// A reset by the security administrator ends them all.
		if err := s.svc.SetPassword(ctx0, actorOf(t, s, "secadm"), s.users["handler"].ID, pw1, false); err != nil {
			t.Fatal(err)
		}
		wantKey(t, resolve(six), "session.ended", "after a reset")
		// Deactivation ends them too.
		seven := s.login("10.0.0.4", "handler", pw1)
		if _, err := s.svc.SetActive(ctx0, actorOf(t, s, "sys"), s.users["handler"].ID, false); err != nil {
			t.Fatal(err)
		}
		wantKey(t, resolve(seven), "session.ended", "after deactivation")
		for _, bad := range []string{"", "zs_", "zs_nope", "zt_" + one.Secret[3:], strings.Repeat("zs_", 50)} {
			if _, err := s.svc.ResolveSession(ctx0, bad); !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("session %q: %v", bad, err)
			}
		}
		if s.rec.count("login.ok") < 7 || s.rec.count("logout") != 1 || s.rec.count("password.change") != 1 || s.rec.count("password.reset") < 1 {
			t.Errorf("recorded: %+v", s.rec.entries)
		}
	})
}

func TestFirstPasswordAndMaximumAge(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		sec := actorOf(t, s, "secadm")
		if err := s.svc.SetPassword(ctx0, sec, s.users["handler"].ID, pw2, false); err != nil {
			t.Fatal(err)
		}
		in := s.login("10.0.0.1", "handler", pw2)
		if !in.Limits.ChangePassword || in.Limits.EnrolTOTP {
			t.Fatalf("after a reset: limits %+v", in.Limits)
		}
		err := s.svc.ChangePassword(ctx0, in.Actor, pw1, "Another-Good-Pass-99")
		wantKey(t, err, "password.wrong_old", "wrong old password")
		s.advance(clientWait(1)) // a wrong old password is a failed login: the client waits
		err = s.svc.ChangePassword(ctx0, in.Actor, pw2, "handler-Pass-2026")
		wantKey(t, err, "password.username", "new password with the user name")
		err = s.svc.ChangePassword(ctx0, in.Actor, pw2, pw2)
		wantKey(t, err, "password.same", "the same password")
		if err := s.svc.ChangePassword(ctx0, in.Actor, pw2, pw1); err != nil {
			t.Fatal(err)
		}
		if r, err := s.svc.ResolveSession(ctx0, in.Secret); err != nil || r.Limits.Any() {
			t.Fatalf("after the change: %+v, %v", r, err)
		}
		// The security administrator sets a maximum age; older passwords must change.
		if _, err := s.svc.SetPasswordMaxAge(ctx0, actorOf(t, s, "sys"), 30); !fault.Is(err, fault.Forbidden) {
			t.Errorf("the system administrator set the policy: %v", err)
		}
		if _, err := s.svc.SetPasswordMaxAge(ctx0, sec, -1); !fault.Is(err, fault.Invalid) {
			t.Errorf("a negative age: %v", err)
		}
		p, err := s.svc.PasswordPolicy(ctx0)
		if err != nil || p.MaxAgeDays != 90 || p.MinLength != 12 {
			t.Fatalf("default policy %+v, %v", p, err)
		}
		if p, err = s.svc.SetPasswordMaxAge(ctx0, sec, 30); err != nil || p.MaxAgeDays != 30 {
			t.Fatalf("set 30 days: %+v, %v", p, err)
		}
		s.advance(31 * 24 * time.Hour)
		in = s.login("10.0.0.1", "handler", pw1)
		if !in.Limits.ChangePassword {
			t.Error("a 31-day-old password need not change under a 30-day policy")
		}
		if _, err := s.svc.SetPasswordMaxAge(ctx0, actorOf(t, s, "secadm2"), 0); err != nil {
			t.Fatal(err)
		}
		if r, _ := s.svc.ResolveSession(ctx0, in.Secret); r == nil || r.Limits.ChangePassword {
			t.Error("with no maximum age a password still expires")
		}
		if s.rec.count("settings.password") != 2 {
			t.Error("policy changes are not recorded")
		}
	})
}

// code returns the TOTP code of secret at t, as an authenticator app would.
func code(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSecondFactor(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		in := s.login("10.0.0.1", "office", pw1)
		if !in.Limits.EnrolTOTP || in.Limits.ChangePassword {
			t.Fatalf("an office without a second factor: %+v", in.Limits)
		}
		if h := s.login("10.0.0.1", "handler", pw1); h.Limits.Any() {
			t.Fatalf("a handler needs no second factor: %+v", h.Limits)
		}
		wantKey(t, s.svc.ConfirmTOTP(ctx0, in.Actor, "123456"), "totp.none", "confirm before enrolling")
		key, err := s.svc.EnrolTOTP(ctx0, in.Actor)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(key.URL, "otpauth://totp/") || !strings.Contains(key.URL, "secret="+key.Secret) || len(key.Secret) < 32 {
			t.Fatalf("key %+v", key)
		}
		bad := code(t, key.Secret, s.now.Add(-5*time.Minute))
		err = s.svc.ConfirmTOTP(from("10.0.0.1"), in.Actor, bad)
		wantKey(t, err, "totp.code", "an old code")
		s.advance(clientWait(1))
		if err := s.svc.ConfirmTOTP(from("10.0.0.1"), in.Actor, code(t, key.Secret, *s.now)); err != nil {
			t.Fatal(err)
		}
		if r, err := s.svc.ResolveSession(ctx0, in.Secret); err != nil || r.Limits.Any() {
			t.Fatalf("after confirming: %+v %v", r, err)
		}
		_, err = s.svc.EnrolTOTP(ctx0, in.Actor)
		wantKey(t, err, "totp.enabled", "enrol again")

		// Now the code is needed to sign in; the code of the confirmation cannot be used again.
		_, err = s.svc.Login(from("10.0.0.5"), account.Login{Username: "office", Password: pw1})
		wantKey(t, err, "login.totp_required", "no code")
		_, err = s.svc.Login(from("10.0.0.5"), account.Login{Username: "office", Password: pw1, TOTP: code(t, key.Secret, *s.now)})
		wantKey(t, err, "login.totp_invalid", "a used code")
		s.advance(30 * time.Second)
		c := code(t, key.Secret, *s.now)
		if _, err := s.svc.Login(from("10.0.0.6"), account.Login{Username: "office", Password: pw1, TOTP: c}); err != nil {
			t.Fatal(err)
		}
		s.advance(time.Minute)
		_, err = s.svc.Login(from("10.0.0.7"), account.Login{Username: "office", Password: pw1, TOTP: c})
		wantKey(t, err, "login.totp_invalid", "a replayed code")
		_, err = s.svc.Login(from("10.0.0.8"), account.Login{Username: "office", Password: pw2, TOTP: code(t, key.Secret, *s.now)})
		wantKey(t, err, "login.failed", "a right code with a wrong password")
		// A code from a step ahead (the phone's clock is fast) works.
		if _, err := s.svc.Login(from("10.0.0.9"), account.Login{Username: "office", Password: pw1, TOTP: code(t, key.Secret, s.now.Add(30*time.Second))}); err != nil {
			t.Fatal(err)
		}
		// The security administrator resets it: sessions end, enrolment is needed again.
		if err := s.svc.ResetTOTP(ctx0, actorOf(t, s, "secadm"), s.users["office"].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.svc.ResolveSession(ctx0, in.Secret); !fault.Is(err, fault.Unauthenticated) {
			t.Errorf("a session lived through the reset: %v", err)
		}
		if again := s.login("10.0.0.1", "office", pw1); !again.Limits.EnrolTOTP {
			t.Error("no enrolment needed after the reset")
		}
		for _, a := range []string{"totp.enrol", "totp.enable", "totp.reset"} {
			if s.rec.count(a) != 1 {
				t.Errorf("%s recorded %d times", a, s.rec.count(a))
			}
		}
		// A token cannot enrol one: it is the person's act.
		secret, _, _ := s.svc.CreateToken(ctx0, s.users["handler"].ID, "x", account.ScopeFull, 0)
		ta, _ := s.svc.Authenticate(ctx0, secret)
		if _, err := s.svc.EnrolTOTP(ctx0, ta); !fault.Is(err, fault.Forbidden) {
			t.Errorf("a token enrolled a second factor: %v", err)
		}
	})
}

package sqlstore_test

import (
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestCredentials(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		u := mkUser(t, db, tr.office, "zhao", account.Office)
		c, err := db.Credentials(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "new user's credentials", *c, account.Credentials{UserID: u.ID})
		_, err = db.Credentials(ctx, 404)
		wantKind(t, err, fault.NotFound, "Credentials(404)")

		at := ms(2026, 3, 2, 9, 0, 0, 0)
		s1, s2 := mkSession(t, db, u.ID, at, "a"), mkSession(t, db, u.ID, at, "b")
		if err := db.SetPassword(ctx, u.ID, "$argon2id$x", true, at, s1.ID); err != nil {
			t.Fatal(err)
		}
		c, _ = db.Credentials(ctx, u.ID)
		same(t, "after SetPassword", *c, account.Credentials{UserID: u.ID, PasswordHash: "$argon2id$x", MustChange: true, PasswordChangedAt: at})
		if got := session(t, db, "a"); !got.RevokedAt.IsZero() {
			t.Error("SetPassword revoked the session it keeps")
		}
		if got := session(t, db, "b"); !got.RevokedAt.Equal(at) || s2.ID == 0 {
			t.Errorf("SetPassword left another session: %+v", got)
		}
		wantKind(t, db.SetPassword(ctx, 404, "h", false, at, 0), fault.NotFound, "SetPassword(404)")

		if err := db.SetTOTP(ctx, u.ID, "JBSWY3DPEHPK3PXP", false, at, false); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			step int64
			ok   bool
		}{{100, true}, {100, false}, {99, false}, {101, true}} {
			if ok, err := db.UseTOTPStep(ctx, u.ID, c.step); err != nil || ok != c.ok {
				t.Errorf("UseTOTPStep(%d) = %v, %v; want %v", c.step, ok, err, c.ok)
			}
		}
		if err := db.SetTOTP(ctx, u.ID, "JBSWY3DPEHPK3PXP", true, at, false); err != nil {
			t.Fatal(err)
		}
		c, _ = db.Credentials(ctx, u.ID)
		if !c.TOTPEnabled || c.TOTPSecret != "JBSWY3DPEHPK3PXP" || c.TOTPLastStep != 101 {
			t.Errorf("enabling kept the secret's last step: %+v", c)
		}
		if err := db.SetTOTP(ctx, u.ID, "", false, at.Add(time.Second), true); err != nil {
			t.Fatal(err)
		}
		c, _ = db.Credentials(ctx, u.ID)
		if c.TOTPEnabled || c.TOTPSecret != "" || c.TOTPLastStep != 0 {
			t.Errorf("after a reset: %+v", c)
		}
		if got := session(t, db, "a"); got.RevokedAt.IsZero() {
			t.Error("a reset of the second factor left a session")
		}

		if err := db.SetRoles(ctx, u.ID, []account.Role{account.Leader, account.Cadre}); err != nil {
			t.Fatal(err)
		}
		got, _ := db.User(ctx, u.ID)
		same(t, "roles", got.Roles, []account.Role{account.Leader, account.Cadre})
		wantKind(t, db.SetRoles(ctx, 404, nil), fault.NotFound, "SetRoles(404)")

		s3 := mkSession(t, db, u.ID, at, "c")
		if err := db.SetActive(ctx, u.ID, false, at); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.User(ctx, u.ID); got.Active {
			t.Error("still active")
		}
		if got := session(t, db, "c"); got.RevokedAt.IsZero() || s3.ID == 0 {
			t.Error("deactivation left a session")
		}
		if err := db.SetActive(ctx, u.ID, true, at); err != nil {
			t.Fatal(err)
		}
	})
}

// mkSession stores a session of user begun at at, whose id is name.
func mkSession(t testing.TB, db *sqlstore.DB, user int64, at time.Time, name string) *account.Session {
	t.Helper()
	s := &account.Session{Hash: account.HashToken(name), UserID: user, ClientIP: "10.0.0.1", CreatedAt: at, LastSeen: at}
	if err := db.CreateSession(ctx, s, at.Add(-7*24*time.Hour)); err != nil {
		t.Fatalf("CreateSession: %v", err)
	}
	return s
}

func session(t testing.TB, db *sqlstore.DB, name string) *account.Session {
	t.Helper()
	s, err := db.SessionByHash(ctx, account.HashToken(name))
	if err != nil {
		t.Fatalf("SessionByHash(%s): %v", name, err)
	}
	return s
}

func TestSessions(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		u := mkUser(t, db, tr.office, "zhao", account.Office)
		v := mkUser(t, db, tr.dept, "qian", account.Handler)
		at := ms(2026, 3, 2, 9, 0, 0, 0)
		old := mkSession(t, db, u.ID, at.Add(-8*24*time.Hour), "old")
		s := mkSession(t, db, u.ID, at, "s")
		same(t, "session", *session(t, db, "s"), *s)
		if _, err := db.SessionByHash(ctx, account.HashToken("old")); !fault.Is(err, fault.NotFound) {
			t.Errorf("a session older than the prune time is still there (%d): %v", old.ID, err)
		}
		dup := &account.Session{Hash: account.HashToken("s"), UserID: u.ID, CreatedAt: at, LastSeen: at}
		wantKind(t, db.CreateSession(ctx, dup, at), fault.Conflict, "a second session of one id")

		if err := db.TouchSession(ctx, s.ID, at.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.TouchSession(ctx, s.ID, at.Add(time.Second)); err != nil { // a slower instance: no step back
			t.Fatal(err)
		}
		if got := session(t, db, "s"); !got.LastSeen.Equal(at.Add(time.Minute)) {
			t.Errorf("last seen %v", got.LastSeen)
		}
		if err := db.RevokeSession(ctx, s.ID, at.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeSession(ctx, s.ID, at.Add(3*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got := session(t, db, "s"); !got.RevokedAt.Equal(at.Add(2 * time.Minute)) {
			t.Errorf("revoked at %v: the first revocation's time is kept", got.RevokedAt)
		}
		wantKind(t, db.RevokeSession(ctx, 404, at), fault.NotFound, "RevokeSession(404)")

		keep, gone := mkSession(t, db, u.ID, at, "keep"), mkSession(t, db, u.ID, at, "gone")
		theirs := mkSession(t, db, v.ID, at, "theirs")
		n, err := db.RevokeSessions(ctx, u.ID, at.Add(time.Hour), keep.ID)
		if err != nil || n != 1 {
			t.Fatalf("RevokeSessions: %d, %v (one in force besides the kept one)", n, err)
		}
		if !session(t, db, "keep").RevokedAt.IsZero() || session(t, db, "gone").RevokedAt.IsZero() || !session(t, db, "theirs").RevokedAt.IsZero() {
			t.Errorf("RevokeSessions ended the wrong ones (%d %d %d)", keep.ID, gone.ID, theirs.ID)
		}
	})
}

func TestLoginFailuresAndLocks(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		at := ms(2026, 3, 2, 9, 0, 0, 0)
		fail := func(user, client, reason string, d time.Duration) {
			t.Helper()
			if err := db.AddLoginFailure(ctx, account.LoginFailure{Username: user, ClientIP: client, Reason: reason, At: at.Add(d)}); err != nil {
				t.Fatal(err)
			}
		}
		state := func(user, client string, since time.Duration) account.LoginState {
			t.Helper()
			st, err := db.LoginState(ctx, user, client, at.Add(since))
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		same(t, "no failures", state("zhao", "a", -time.Hour), account.LoginState{})
		fail("zhao", "a", "password", 0)
		fail("zhao", "a", "password", time.Minute)
		fail("zhao", "a", "locked", 2*time.Minute)
		fail("zhao", "b", "password", 3*time.Minute)
		fail("ghost", "a", "unknown", 4*time.Minute)
		if st := state("zhao", "a", -time.Hour); st.Failures != 2 {
			t.Errorf("failures of zhao from a: %d, want 2 (attempts during a lock do not count)", st.Failures)
		}
		if st := state("zhao", "a", 30*time.Second); st.Failures != 1 {
			t.Errorf("failures since 09:00:30: %d", st.Failures)
		}
		n, last, err := db.ClientFailures(ctx, "a", at.Add(-time.Hour))
		if err != nil || n != 4 || !last.Equal(at.Add(4*time.Minute)) {
			t.Errorf("ClientFailures(a) = %d, %v, %v", n, last, err)
		}
		if n, last, err := db.ClientFailures(ctx, "c", at.Add(-time.Hour)); err != nil || n != 0 || !last.IsZero() {
			t.Errorf("ClientFailures(c) = %d, %v, %v", n, last, err)
		}

		until := at.Add(35 * time.Minute)
		if err := db.LockLogin(ctx, "zhao", "a", at.Add(5*time.Minute), until); err != nil {
			t.Fatal(err)
		}
		same(t, "locked", state("zhao", "a", -time.Hour), account.LoginState{LockedUntil: until})
		same(t, "another client", state("zhao", "b", -time.Hour), account.LoginState{Failures: 1})
		if err := db.LockLogin(ctx, "zhao", "b", at.Add(5*time.Minute), until); err != nil {
			t.Fatal(err)
		}
		n2, err := db.UnlockLogin(ctx, "zhao", at.Add(6*time.Minute))
		if err != nil || n2 != 2 {
			t.Fatalf("UnlockLogin: %d, %v", n2, err)
		}
		same(t, "unlocked", state("zhao", "a", -time.Hour), account.LoginState{})
		if n2, err := db.UnlockLogin(ctx, "zhao", at.Add(7*time.Minute)); err != nil || n2 != 0 {
			t.Errorf("a second unlock: %d, %v", n2, err)
		}
		fail("zhao", "a", "password", 8*time.Minute)
		if err := db.ResetLogin(ctx, "zhao", "a", at.Add(9*time.Minute)); err != nil {
			t.Fatal(err)
		}
		same(t, "after a success", state("zhao", "a", -time.Hour), account.LoginState{})
		if err := db.ResetLogin(ctx, "new", "x", at); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSettingsAndTokenLists(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		at := ms(2026, 3, 2, 9, 0, 0, 0)
		_, err := db.Setting(ctx, "password.max_age_days")
		wantKind(t, err, fault.NotFound, "a setting never set")
		tr := newTree(t, db)
		u := mkUser(t, db, tr.office, "zhao", account.SecAdmin)
		for _, v := range []string{"90", "30"} {
			if err := db.SetSetting(ctx, "password.max_age_days", v, at, u.ID); err != nil {
				t.Fatal(err)
			}
			if got, err := db.Setting(ctx, "password.max_age_days"); err != nil || got != v {
				t.Errorf("setting %q, %v; want %q", got, err, v)
			}
		}
		if err := db.SetSetting(ctx, "other", "x", at, 0); err != nil {
			t.Fatal(err)
		}

		var ids []int64
		for i, name := range []string{"one", "two"} {
			tok := &account.Token{UserID: u.ID, Name: name, Scope: account.ScopeRead, Hash: account.HashToken(name), CreatedAt: at.Add(time.Duration(i) * time.Minute), ExpiresAt: at.Add(time.Hour)}
			if err := db.CreateToken(ctx, tok); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tok.ID)
			got, err := db.Token(ctx, tok.ID)
			if err != nil {
				t.Fatal(err)
			}
			same(t, "token", *got, *tok)
		}
		ts, err := db.TokensOf(ctx, u.ID)
		if err != nil || len(ts) != 2 || ts[0].ID != ids[1] || ts[1].ID != ids[0] {
			t.Errorf("TokensOf: %v, %v; want newest first", ts, err)
		}
		if ts, err := db.TokensOf(ctx, 404); err != nil || ts == nil || len(ts) != 0 {
			t.Errorf("TokensOf(404) = %v, %v; want []", ts, err)
		}
		_, err = db.Token(ctx, 404)
		wantKind(t, err, fault.NotFound, "Token(404)")
	})
}

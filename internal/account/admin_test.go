package account_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestRolesOfOneAccount(t *testing.T) {
	for _, c := range []struct {
		roles []account.Role
		key   string // "" is allowed
	}{
		{[]account.Role{account.Office}, ""},
		{[]account.Role{account.Office, account.Leader}, ""},
		{[]account.Role{account.SysAdmin}, ""},
		{[]account.Role{account.SysAdmin, account.Office}, ""},
		{[]account.Role{account.Auditor}, ""},
		{nil, "required"},
		{[]account.Role{"king"}, "account.role"},
		{[]account.Role{account.Office, account.Office}, "account.role_twice"},
		{[]account.Role{account.SysAdmin, account.SecAdmin}, "account.two_admins"},
		{[]account.Role{account.SecAdmin, account.Auditor}, "account.two_admins"},
		{[]account.Role{account.SysAdmin, account.Auditor}, "account.two_admins"},
		{[]account.Role{account.Auditor, account.Leader}, "account.auditor_alone"},
	} {
		err := account.CheckRoles(c.roles)
		if c.key == "" {
			if err != nil {
				t.Errorf("%v: %v", c.roles, err)
			}
			continue
		}
		if fe, ok := err.(*fault.Error); !ok || fe.Key != c.key || fe.Field != "roles" {
			t.Errorf("%v: %v, want %s", c.roles, err, c.key)
		}
	}
	if account.MayReadAudit(&account.Actor{UserID: 1, Roles: []account.Role{account.SecAdmin}}) ||
		account.MayReadAudit(&account.Actor{UserID: 1, Roles: []account.Role{account.SysAdmin}}) ||
		!account.MayReadAudit(&account.Actor{UserID: 1, Roles: []account.Role{account.Auditor}}) {
		t.Error("MayReadAudit: the audit administrator and nobody else")
	}
}

// The three administrators cannot do each other's work (三员分立), nobody
// changes their own roles, and no account holds two administrators' roles.
func TestThreeAdministrators(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		actors := map[string]*account.Actor{}
		for _, name := range []string{"handler", "sys", "secadm", "auditor"} {
			u := s.users[name]
			a, err := s.svc.ActorFor(ctx0, u, account.ScopeFull)
			if err != nil {
				t.Fatal(err)
			}
			actors[name] = a
		}
		target := s.users["handler"].ID
		newUser := func(roles ...account.Role) *account.User {
			return &account.User{Username: "new" + time.Now().Format("150405.000000"), Name: "新人", UnitID: s.town.ID, Roles: roles}
		}
		acts := []struct {
			name string
			do   func(a *account.Actor) error
			may  string // the one of sys, secadm, auditor who may
		}{
			{"create an officer", func(a *account.Actor) error { return s.svc.CreateBy(ctx0, a, newUser(account.Handler)) }, "sys"},
			{"activate or deactivate an officer", func(a *account.Actor) error {
				_, err := s.svc.SetActive(ctx0, a, target, true)
				return err
			}, "sys"},
			{"grant roles", func(a *account.Actor) error {
				_, err := s.svc.SetRoles(ctx0, a, target, []account.Role{account.Handler, account.Cadre})
				return err
			}, "secadm"},
			{"reset a password", func(a *account.Actor) error { return s.svc.SetPassword(ctx0, a, target, pw2, false) }, "secadm"},
			{"reset a second factor", func(a *account.Actor) error { return s.svc.ResetTOTP(ctx0, a, target) }, "secadm"},
			{"unlock", func(a *account.Actor) error {
				_, err := s.svc.Unlock(ctx0, a, target)
				return err
			}, "secadm"},
			{"set the password policy", func(a *account.Actor) error {
				_, err := s.svc.SetPasswordMaxAge(ctx0, a, 60)
				return err
			}, "secadm"},
			{"read the audit log", func(a *account.Actor) error {
				if !account.MayReadAudit(a) {
					return fault.E(fault.Forbidden, "forbidden")
				}
				return nil
			}, "auditor"},
			{"list the officers", func(a *account.Actor) error {
				_, err := s.svc.List(ctx0, a)
				return err
			}, "sys secadm handler"},
		}
		for _, act := range acts {
			for _, who := range []string{"sys", "secadm", "auditor", "handler"} {
				err := act.do(actors[who])
				allowed := slices.Contains(strings.Fields(act.may), who)
				switch {
				case allowed && err != nil:
					t.Errorf("%s may %s: %v", who, act.name, err)
				case !allowed && !fault.Is(err, fault.Forbidden):
					t.Errorf("%s must not %s: %v", who, act.name, err)
				}
			}
		}
		// A read-only token of the security administrator grants nothing.
		ro := *actors["secadm"]
		ro.ReadOnly = true
		if _, err := s.svc.SetRoles(ctx0, &ro, target, []account.Role{account.Handler}); !fault.Is(err, fault.Forbidden) {
			t.Errorf("a read-only token granted roles: %v", err)
		}
		// The system administrator gives business roles only.
		for _, r := range account.AdminRoles {
			if err := s.svc.CreateBy(ctx0, actors["sys"], newUser(r)); !fault.Is(err, fault.Forbidden) {
				t.Errorf("the system administrator created a %s: %v", r, err)
			}
		}
		// Nobody changes their own roles, or resets their own password or second factor.
		me := actors["secadm"]
		_, err := s.svc.SetRoles(ctx0, me, me.UserID, []account.Role{account.SecAdmin, account.Leader})
		wantKey(t, err, "account.own_roles", "own roles")
		wantKey(t, s.svc.SetPassword(ctx0, me, me.UserID, pw2, false), "account.own_password", "own password")
		wantKey(t, s.svc.ResetTOTP(ctx0, me, me.UserID), "account.own_totp", "own second factor")
		_, err = s.svc.SetActive(ctx0, actors["sys"], actors["sys"].UserID, false)
		wantKey(t, err, "account.own_active", "own account")
		// No account holds two administrators' roles, whoever asks.
		_, err = s.svc.SetRoles(ctx0, me, s.users["sys"].ID, []account.Role{account.SysAdmin, account.Auditor})
		wantKey(t, err, "account.two_admins", "two administrators by the security administrator")
		err = s.svc.CreateBy(ctx0, account.SystemActor(), newUser(account.SysAdmin, account.SecAdmin))
		wantKey(t, err, "account.two_admins", "two administrators by the system")
		// The security administrator grants an administrator's role to another.
		u, err := s.svc.SetRoles(ctx0, me, target, []account.Role{account.Auditor})
		if err != nil || len(u.Roles) != 1 || u.Roles[0] != account.Auditor {
			t.Fatalf("grant auditor: %+v, %v", u, err)
		}
		got, _ := db.User(ctx0, target)
		if len(got.Roles) != 1 || got.Roles[0] != account.Auditor {
			t.Errorf("stored roles %v", got.Roles)
		}
		if e := s.rec.last("user.roles"); e.ActorID != me.UserID || e.Object == "" || e.Detail == "" {
			t.Errorf("the grant is recorded as %+v", e)
		}
		// Only the system (the command line) sets a password the user keeps.
		if err := s.svc.SetPassword(ctx0, me, s.users["sys"].ID, pw2, true); !fault.Is(err, fault.Forbidden) {
			t.Errorf("the security administrator set a password to keep: %v", err)
		}
	})
}

func TestOwnTokens(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := newSec(t, db)
		me := actorOf(t, s, "handler")
		other := actorOf(t, s, "sys")
		secret, tok, err := s.svc.IssueToken(ctx0, me, "wall screen", account.ScopeDisplay, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !tok.ExpiresAt.Equal(s.now.Add(account.DefaultTokenTTL)) {
			t.Errorf("default expiry %v", tok.ExpiresAt)
		}
		a, err := s.svc.Authenticate(ctx0, secret)
		if err != nil || !a.Display || !a.ReadOnly || a.UserID != me.UserID {
			t.Fatalf("the display token is %+v, %v", a, err)
		}
		for _, c := range []struct {
			name  string
			tname string
			scope account.TokenScope
			ttl   time.Duration
			field string
		}{
			{"no name", " ", account.ScopeRead, 0, "name"},
			{"over a year", "x", account.ScopeRead, 400 * 24 * time.Hour, "ttl_days"},
			{"unknown scope", "x", "admin", 0, "scope"},
		} {
			_, _, err := s.svc.IssueToken(ctx0, me, c.tname, c.scope, c.ttl)
			if fe, ok := err.(*fault.Error); !ok || fe.Field != c.field {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		if _, _, err := s.svc.IssueToken(ctx0, a, "from a display token", account.ScopeFull, 0); !fault.Is(err, fault.Forbidden) {
			t.Errorf("a display token issued a full one: %v", err)
		}
		_, tok2, _ := s.svc.IssueToken(ctx0, me, "script", account.ScopeRead, 7*24*time.Hour)
		ts, err := s.svc.Tokens(ctx0, me, 0)
		if err != nil || len(ts) != 2 || ts[0].ID != tok2.ID || ts[0].Hash != nil {
			t.Fatalf("own tokens %+v, %v", ts, err)
		}
		if _, err := s.svc.Tokens(ctx0, other, me.UserID); !fault.Is(err, fault.Forbidden) {
			t.Errorf("the system administrator listed another's tokens: %v", err)
		}
		if _, err := s.svc.RevokeToken(ctx0, other, tok.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("another revoked my token: %v", err)
		}
		if r, err := s.svc.RevokeToken(ctx0, me, tok.ID); err != nil || r.RevokedAt.IsZero() {
			t.Fatalf("revoke own: %+v, %v", r, err)
		}
		if _, err := s.svc.Authenticate(ctx0, secret); !fault.Is(err, fault.Unauthenticated) {
			t.Errorf("a revoked token works: %v", err)
		}
		sec := actorOf(t, s, "secadm")
		if ts, err := s.svc.Tokens(ctx0, sec, me.UserID); err != nil || len(ts) != 2 {
			t.Errorf("the security administrator lists %d tokens, %v", len(ts), err)
		}
		if _, err := s.svc.RevokeToken(ctx0, sec, tok2.ID); err != nil {
			t.Errorf("the security administrator revokes any token: %v", err)
		}
		if s.rec.count("token.create") != 2 || s.rec.count("token.revoke") != 2 {
			t.Errorf("recorded %d creations, %d revocations", s.rec.count("token.create"), s.rec.count("token.revoke"))
		}
	})
}

package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"zhitong/internal/account"
	"zhitong/internal/api"
	"zhitong/internal/audit"
)

// The passwords of the session tests.
const (
	pwOne = "Correct-Horse-7-Battery"
	pwTwo = "Staple-Orbit-42-Lantern"
)

// trail is an audit log in memory, for the account service.
type trail struct {
	mu      sync.Mutex
	entries []audit.Entry
}

func (l *trail) Record(_ context.Context, e audit.Entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
	return nil
}

func (l *trail) count(action string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, e := range l.entries {
		if e.Action == action {
			n++
		}
	}
	return n
}

func (l *trail) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprintf("%+v", l.entries)
}

// withPasswords serves the world again with an account service that
// records into a trail, gives persons keys the password pwOne (kept, not to
// be changed), and returns the trail. behindTLS serves it as if behind a
// proxy that terminates TLS.
func (w *world) withPasswords(t testing.TB, behindTLS bool, keys ...string) *trail {
	t.Helper()
	accounts := &account.Service{Store: w.db, Units: w.db, Now: w.clock.Now}
	for _, k := range keys {
		if err := accounts.SetPassword(bg, account.SystemActor(), w.people[k].user.ID, pwOne, true); err != nil {
			t.Fatalf("password of %s: %v", k, err)
		}
	}
	log := &trail{}
	accounts.Audit = log
	cfg := w.cfg
	cfg.Accounts, cfg.BehindTLS = accounts, behindTLS
	w.cfg = cfg
	w.srv = httptest.NewServer(api.New(cfg))
	t.Cleanup(w.srv.Close)
	return log
}

// browser is a person's browser: it keeps the session cookie and says, as
// browsers do, where its requests come from.
type browser struct {
	w      *world
	t      testing.TB
	cookie *http.Cookie
}

func (w *world) browser(t testing.TB) *browser { return &browser{w: w, t: t} }

// client returns a client that sends the cookie from our own origin.
func (b *browser) client() *client {
	c := b.bare().with("Sec-Fetch-Site", "same-origin").with("Origin", b.w.srv.URL)
	return c
}

// bare returns a client that sends the cookie and nothing else.
func (b *browser) bare() *client {
	c := b.w.anon(b.t)
	if b.cookie != nil {
		c = c.with("Cookie", b.cookie.Name+"="+b.cookie.Value)
	}
	return c
}

// keep takes the session cookie r sets, if any.
func (b *browser) keep(r *resp) *resp {
	b.t.Helper()
	for _, line := range r.header.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			b.t.Fatalf("Set-Cookie %q: %v", line, err)
		}
		if c.MaxAge < 0 {
			b.cookie = nil
		} else {
			b.cookie = c
		}
	}
	return r
}

// login signs in and keeps the cookie.
func (b *browser) login(user, password, code string) *resp {
	b.t.Helper()
	body := map[string]any{"username": user, "password": password}
	if code != "" {
		body["totp"] = code
	}
	return b.keep(b.client().post("/api/v1/session", body))
}

func (b *browser) session() api.SessionInfo {
	b.t.Helper()
	var s api.SessionInfo
	b.client().get("/api/v1/session").want(200).into(&s)
	return s
}

func totpCode(t testing.TB, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoginAndLogout(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		log := w.withPasswords(t, false, "fagai")
		b := w.browser(t)
		var in api.SessionInfo
		b.login("fagai", pwOne, "").want(200).into(&in)
		if in.User.Username != "fagai" || in.MustChangePassword || in.MustEnrolTOTP || in.User.ReadOnly {
			t.Errorf("signed in as %+v", in)
		}
		if !in.ExpiresAt.Equal(w.clock.Now().Add(12*time.Hour)) || !in.IdleExpiresAt.Equal(w.clock.Now().Add(30*time.Minute)) {
			t.Errorf("ends %v, idle %v", in.ExpiresAt, in.IdleExpiresAt)
		}
		c := b.cookie
		if c == nil || c.Name != "zt_session" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" ||
			c.Secure || c.MaxAge != 12*3600 || !strings.HasPrefix(c.Value, "zs_") {
			t.Fatalf("session cookie %+v", c)
		}
		var me api.Me
		b.client().get("/api/v1/me").want(200).into(&me)
		if me.Username != "fagai" || me.ReadOnly {
			t.Errorf("me %+v", me)
		}
		b.bare().get("/api/v1/appeals").want(200) // a read needs no origin
		w.clock.Advance(10 * time.Minute)
		if s := b.session(); !s.IdleExpiresAt.Equal(w.clock.Now().Add(30 * time.Minute)) {
			t.Errorf("idle end %v after use at %v", s.IdleExpiresAt, w.clock.Now())
		}

		// Signing in again gives a new id and ends the old session.
		old := b.cookie
		b.login("fagai", pwOne, "").want(200)
		if b.cookie.Value == old.Value {
			t.Fatal("the session id did not change at login")
		}
		(&browser{w: w, t: t, cookie: old}).client().get("/api/v1/me").wantError(401, "session.ended")

		current := b.cookie
		var ended api.SessionEnded
		b.keep(b.client().do("DELETE", "/api/v1/session", nil)).want(200).into(&ended)
		if b.cookie != nil {
			t.Error("logout left the cookie")
		}
		(&browser{w: w, t: t, cookie: current}).client().get("/api/v1/me").wantError(401, "session.ended")
		forged := &http.Cookie{Name: "zt_session", Value: "zs_" + strings.Repeat("A", 43)}
		(&browser{w: w, t: t, cookie: forged}).client().get("/api/v1/me").wantError(401, "session.ended")
		w.as(t, "fagai").do("DELETE", "/api/v1/session", nil).wantError(400, "session.none")
		w.as(t, "fagai").get("/api/v1/session").wantError(400, "session.none")
		if log.count("login.ok") != 2 || log.count("logout") != 1 {
			t.Errorf("recorded %s", log)
		}
	})
}

// An unknown user and a wrong password get the same answer.
func TestLoginSameAnswerOverHTTP(t *testing.T) {
	w := newWorld(t)
	log := w.withPasswords(t, false, "fagai")
	unknown := w.browser(t).login("no-such-user", pwOne, "").apiError(401)
	w.clock.Advance(time.Minute)
	wrong := w.browser(t).login("fagai", pwTwo, "").apiError(401)
	if unknown.Reason != "login.failed" || unknown.Code != wrong.Code || unknown.Reason != wrong.Reason || unknown.Message != wrong.Message || unknown.Field != wrong.Field {
		t.Errorf("unknown user %+v, wrong password %+v", unknown, wrong)
	}
	// Straight after, the client must wait: 429 with Retry-After.
	r := w.browser(t).login("fagai", pwOne, "")
	r.wantError(429, "login.wait")
	if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After %q", ra)
	}
	w.clock.Advance(5 * time.Second)
	w.browser(t).login("fagai", pwOne, "").want(200)
	if log.count("login.fail") != 2 {
		t.Errorf("recorded %s", log)
	}
	// Five failures lock the name from this client for thirty minutes.
	for i := 1; i <= account.MaxFailures; i++ {
		w.clock.Advance(time.Duration(1<<(i+1)) * time.Second)
		w.browser(t).login("fagai", pwTwo, "").apiError(401)
	}
	w.clock.Advance(10 * time.Minute)
	w.browser(t).login("fagai", pwOne, "").wantError(401, "login.locked")
	w.as(t, "secadmin").post(fmt.Sprintf("/api/v1/users/%d/unlock", w.people["fagai"].user.ID), nil).want(200)
	w.clock.Advance(10 * time.Minute)
	w.browser(t).login("fagai", pwOne, "").want(200)
	w.browser(t).login("", "", "").wantError(400, "required")
}

func TestSessionCookieOverTLS(t *testing.T) {
	for _, mode := range []string{"TLS", "behind a TLS proxy"} {
		t.Run(mode, func(t *testing.T) {
			w := newWorld(t)
			w.withPasswords(t, mode != "TLS", "fagai")
			if mode == "TLS" {
				w.srv = httptest.NewTLSServer(api.New(w.cfg))
				t.Cleanup(w.srv.Close)
			}
			b := w.browser(t)
			r := b.login("fagai", pwOne, "").want(200)
			if c := b.cookie; c.Name != "__Host-zt_session" || !c.Secure || !c.HttpOnly || c.Path != "/" || c.Domain != "" {
				t.Fatalf("cookie over TLS %+v", c)
			}
			if r.header.Get("Strict-Transport-Security") == "" {
				t.Error("no HSTS over TLS")
			}
			b.client().get("/api/v1/me").want(200)
			// The plain name is not read over TLS: it could have been planted.
			b.cookie.Name = "zt_session"
			b.client().get("/api/v1/me").wantError(401, "unauthenticated")
		})
	}
}

// A state-changing request on a session cookie must come from our own
// pages; a bearer token is not subject to it (a browser never adds one).
func TestCrossSiteRequestsRefused(t *testing.T) {
	w := newWorld(t)
	w.withPasswords(t, false, "fagai")
	b := w.browser(t)
	b.login("fagai", pwOne, "").want(200)
	tok := map[string]any{"name": "csrf probe", "scope": "read"}
	for _, c := range []struct {
		name   string
		client *client
		want   int
	}{
		{"neither Sec-Fetch-Site nor Origin", b.bare(), 403},
		{"Sec-Fetch-Site cross-site", b.bare().with("Sec-Fetch-Site", "cross-site"), 403},
		{"Sec-Fetch-Site same-site", b.bare().with("Sec-Fetch-Site", "same-site"), 403},
		{"Origin of another site", b.bare().with("Origin", "https://evil.example"), 403},
		{"cross-site with our Origin", b.bare().with("Sec-Fetch-Site", "cross-site").with("Origin", w.srv.URL), 403},
		{"Sec-Fetch-Site same-origin", b.bare().with("Sec-Fetch-Site", "same-origin"), 201},
		{"Origin of ours (an older browser)", b.bare().with("Origin", w.srv.URL), 201},
		{"a bearer token with neither", w.as(t, "fagai"), 201},
		{"a bearer token from another site", w.as(t, "fagai").with("Sec-Fetch-Site", "cross-site").with("Origin", "https://evil.example"), 201},
	} {
		r := c.client.post("/api/v1/tokens", tok)
		if r.status != c.want {
			t.Errorf("%s: %d, want %d: %s", c.name, r.status, c.want, r.raw)
		} else if c.want == 403 {
			r.wantError(403, "csrf")
		}
	}
	b.bare().do("DELETE", "/api/v1/session", nil).wantError(403, "csrf")
	b.bare().get("/api/v1/tokens").want(200) // reads are safe
	// Nobody signs a victim's browser in from another site.
	w.anon(t).with("Sec-Fetch-Site", "cross-site").post("/api/v1/session", map[string]any{"username": "fagai", "password": pwOne}).wantError(403, "csrf")
}

// Every response carries the security headers, success or error.
func TestSecurityHeadersEverywhere(t *testing.T) {
	w := newWorld(t)
	w.withPasswords(t, false, "fagai")
	for _, r := range []*resp{
		w.anon(t).get("/healthz").want(200),
		w.anon(t).get("/api/v1/openapi.json").want(200),
		w.as(t, "fagai").get("/api/v1/me").want(200),
		w.anon(t).get("/api/v1/me").want(401),
		w.as(t, "fagai").post("/api/v1/units", map[string]any{"name": "x"}).want(403),
		w.anon(t).get("/api/v1/nowhere").want(404),
		w.anon(t).do("PATCH", "/api/v1/me", nil).want(405),
		w.as(t, "fagai").post("/api/v1/tokens", "{bad json").want(400),
		w.browser(t).login("fagai", pwOne, "").want(200),
	} {
		h := r.header
		want := map[string]string{
			"Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "same-origin",
			"X-Frame-Options":         "DENY",
		}
		for k, v := range want {
			if h.Get(k) != v {
				t.Errorf("%s %s → %d: %s %q", r.method, r.path, r.status, k, h.Get(k))
			}
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s %s: HSTS over plain HTTP", r.method, r.path)
		}
		if strings.Contains(h.Get("Content-Security-Policy"), "unsafe-inline") {
			t.Error("inline script allowed")
		}
	}
}

// A session that must change its password or enrol a second factor does
// that first, and nothing else.
func TestLimitedSessions(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		log := w.withPasswords(t, false, "fagai", "office")
		fagai := w.people["fagai"].user.ID
		var done api.PasswordResetDone
		w.as(t, "secadmin").post(fmt.Sprintf("/api/v1/users/%d/password", fagai), map[string]any{"password": pwTwo}).want(200).into(&done)
		if !done.MustChange || done.UserID != fagai {
			t.Errorf("reset %+v", done)
		}
		b := w.browser(t)
		b.login("fagai", pwOne, "").wantError(401, "login.failed")
		w.clock.Advance(time.Minute)
		var in api.SessionInfo
		b.login("fagai", pwTwo, "").want(200).into(&in)
		if !in.MustChangePassword {
			t.Fatalf("a first password need not change: %+v", in)
		}
		b.client().get("/api/v1/appeals").wantError(403, "session.password")
		b.client().post("/api/v1/tokens", map[string]any{"name": "x", "scope": "full"}).wantError(403, "session.password")
		b.client().get("/api/v1/me").want(200)
		b.client().get("/api/v1/settings/password-policy").want(200)
		b.client().post("/api/v1/session/password", map[string]any{"old_password": pwTwo, "new_password": "short"}).wantError(400, "password.short")
		var changed api.PasswordChanged
		b.client().post("/api/v1/session/password", map[string]any{"old_password": pwTwo, "new_password": pwOne}).want(200).into(&changed)
		if s := b.session(); s.MustChangePassword {
			t.Error("still must change")
		}
		b.client().get("/api/v1/appeals").want(200)

		// The office must enrol a second factor first.
		o := w.browser(t)
		o.login("office", pwOne, "").want(200).into(&in)
		if !in.MustEnrolTOTP || in.MustChangePassword {
			t.Fatalf("office %+v", in)
		}
		o.client().get("/api/v1/tasks").wantError(403, "session.totp")
		var key api.TOTPEnrolment
		o.client().post("/api/v1/session/totp", nil).want(200).into(&key)
		if key.Secret == "" || !strings.HasPrefix(key.URL, "otpauth://totp/") {
			t.Fatalf("enrolment %+v", key)
		}
		o.client().post("/api/v1/session/totp/confirm", map[string]any{"code": "000000"}).apiError(400)
		w.clock.Advance(5 * time.Second)
		var ok api.TOTPConfirmed
		o.client().post("/api/v1/session/totp/confirm", map[string]any{"code": totpCode(t, key.Secret, w.clock.Now())}).want(200).into(&ok)
		o.client().get("/api/v1/tasks").want(200)
		o.keep(o.client().do("DELETE", "/api/v1/session", nil)).want(200)

		w.clock.Advance(time.Minute)
		o.login("office", pwOne, "").wantError(401, "login.totp_required")
		o.login("office", pwOne, totpCode(t, key.Secret, w.clock.Now())).want(200)
		o.client().get("/api/v1/tasks").want(200)
		// The security administrator removes it (a lost phone): the session ends.
		var reset api.TOTPResetDone
		w.as(t, "secadmin").do("DELETE", fmt.Sprintf("/api/v1/users/%d/totp", w.people["office"].user.ID), nil).want(200).into(&reset)
		o.client().get("/api/v1/tasks").wantError(401, "session.ended")
		for _, a := range []string{"password.reset", "password.change", "totp.enrol", "totp.enable", "totp.reset"} {
			if log.count(a) != 1 {
				t.Errorf("%s recorded %d times", a, log.count(a))
			}
		}
	})
}

// The security administrator's and the system administrator's routes, and
// each refusing the other (the service's full table is in package account).
func TestAdministratorsRoutes(t *testing.T) {
	w := newWorld(t)
	log := w.withPasswords(t, false)
	sys, sec := w.as(t, "sysadmin"), w.as(t, "secadmin")
	fagai := w.people["fagai"].user.ID
	rolesPath := fmt.Sprintf("/api/v1/users/%d/roles", fagai)
	var u api.User
	sec.do("PUT", rolesPath, map[string]any{"roles": []string{"handler", "cadre"}}).want(200).into(&u)
	if len(u.Roles) != 2 || u.Roles[1] != account.Cadre {
		t.Errorf("roles %v", u.Roles)
	}
	sys.do("PUT", rolesPath, map[string]any{"roles": []string{"handler"}}).wantError(403, "forbidden")
	sec.do("PUT", rolesPath, map[string]any{"roles": []string{"sysadmin", "secadmin"}}).wantError(400, "account.two_admins")
	sec.do("PUT", fmt.Sprintf("/api/v1/users/%d/roles", w.people["secadmin"].user.ID), map[string]any{"roles": []string{"secadmin", "leader"}}).
		wantError(403, "account.own_roles")
	w.asRead(t, "secadmin").do("PUT", rolesPath, map[string]any{"roles": []string{"handler"}}).wantError(403, "forbidden")

	sys.post("/api/v1/users", map[string]any{"username": "new_auditor", "name": "审计员", "unit_id": w.unit("city"), "roles": []string{"auditor"}}).
		wantError(403, "account.grant_admin")
	sec.post("/api/v1/users", map[string]any{"username": "new_handler", "name": "新人", "unit_id": w.unit("fagai"), "roles": []string{"handler"}}).
		wantError(403, "forbidden")
	sec.post("/api/v1/units", map[string]any{"name": "新单位", "level": "district", "kind": "department", "parent_id": w.unit("louxing")}).apiError(403)
	sec.post("/api/v1/categories", map[string]any{"name": "新分类"}).apiError(403)

	activePath := fmt.Sprintf("/api/v1/users/%d/active", fagai)
	sys.do("PUT", activePath, map[string]any{"active": false}).want(200).into(&u)
	if u.Active {
		t.Error("still active")
	}
	w.as(t, "fagai").get("/api/v1/me").wantError(401, "unauthenticated")
	sec.do("PUT", activePath, map[string]any{"active": true}).wantError(403, "forbidden")
	sys.do("PUT", activePath, map[string]any{}).wantError(400, "required")
	sys.do("PUT", activePath, map[string]any{"active": true}).want(200)
	w.as(t, "fagai").get("/api/v1/me").want(200)

	var unlocked api.Unlocked
	sec.post(fmt.Sprintf("/api/v1/users/%d/unlock", fagai), nil).want(200).into(&unlocked)
	sys.post(fmt.Sprintf("/api/v1/users/%d/unlock", fagai), nil).wantError(403, "forbidden")
	sys.post(fmt.Sprintf("/api/v1/users/%d/password", fagai), map[string]any{"password": pwTwo}).wantError(403, "forbidden")
	sec.post(fmt.Sprintf("/api/v1/users/%d/password", fagai), map[string]any{"password": "fagai-Pass-123"}).wantError(400, "password.username")
	sys.do("DELETE", fmt.Sprintf("/api/v1/users/%d/totp", fagai), nil).wantError(403, "forbidden")

	var p api.PasswordPolicy
	w.as(t, "fagai").get("/api/v1/settings/password-policy").want(200).into(&p)
	if p.MaxAgeDays != 90 || p.MinLength != 12 || p.MinKinds != 3 {
		t.Errorf("default policy %+v", p)
	}
	sec.do("PUT", "/api/v1/settings/password-policy", map[string]any{"max_age_days": 60}).want(200).into(&p)
	if p.MaxAgeDays != 60 {
		t.Errorf("policy %+v", p)
	}
	sys.do("PUT", "/api/v1/settings/password-policy", map[string]any{"max_age_days": 0}).wantError(403, "forbidden")
	sec.do("PUT", "/api/v1/settings/password-policy", map[string]any{"max_age_days": 5000}).wantError(400, "password.max_age")
	sec.do("PUT", "/api/v1/settings/password-policy", map[string]any{}).wantError(400, "required")
	for _, a := range []string{"user.roles", "user.deactivate", "user.activate", "login.unlock", "settings.password"} {
		if log.count(a) != 1 {
			t.Errorf("%s recorded %d times", a, log.count(a))
		}
	}
}

func TestTokenRoutes(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		log := w.withPasswords(t, false, "leader")
		b := w.browser(t)
		b.login("leader", pwOne, "").want(200)
		var created api.TokenCreated
		r := b.client().post("/api/v1/tokens", map[string]any{"name": "大屏", "scope": "display", "ttl_days": 30}).want(201)
		r.into(&created)
		if !strings.HasPrefix(created.Secret, "zt_") || created.Token.Scope != "display" || !created.Token.Active ||
			!created.Token.ExpiresAt.Equal(w.clock.Now().Add(30*24*time.Hour)) || r.header.Get("Location") != fmt.Sprintf("/api/v1/tokens/%d", created.Token.ID) {
			t.Fatalf("created %+v", created)
		}
		b.client().post("/api/v1/tokens", map[string]any{"name": "x", "scope": "full", "ttl_days": 400}).wantError(400, "token.ttl")
		b.client().post("/api/v1/tokens", map[string]any{"name": "x", "scope": "root"}).apiError(400)

		// The display token reads the wall-screen routes and nothing else.
		wall := &client{w: w, t: t, token: created.Secret, headers: http.Header{}}
		var me api.Me
		wall.get("/api/v1/me").want(200).into(&me)
		if !me.ReadOnly || me.Username != "leader" {
			t.Errorf("display token me %+v", me)
		}
		wall.get("/api/v1/reports/summary?from=2026-03-01&to=2026-03-02").want(200)
		for _, path := range []string{"/api/v1/appeals", "/api/v1/tasks", "/api/v1/users", "/api/v1/units", "/api/v1/tokens"} {
			wall.get(path).wantError(403, "token.display")
		}
		wall.post("/api/v1/tokens", map[string]any{"name": "more", "scope": "full"}).wantError(403, "token.display")
		w.asRead(t, "leader").get("/api/v1/appeals").want(200) // a read token is not a display token

		var list api.Tokens
		b.client().get("/api/v1/tokens").want(200).into(&list)
		if len(list.Items) != 3 || list.Items[0].ID != created.Token.ID {
			t.Errorf("own tokens %+v", list.Items)
		}
		for _, it := range list.Items {
			if it.UserID != w.people["leader"].user.ID {
				t.Errorf("someone else's token %+v", it)
			}
		}
		w.as(t, "fagai").get(fmt.Sprintf("/api/v1/tokens?user_id=%d", w.people["leader"].user.ID)).wantError(403, "forbidden")
		w.as(t, "secadmin").get(fmt.Sprintf("/api/v1/tokens?user_id=%d", w.people["leader"].user.ID)).want(200)
		if strings.Contains(string(b.client().get("/api/v1/tokens").raw), created.Secret) {
			t.Error("the list shows a secret")
		}

		path := fmt.Sprintf("/api/v1/tokens/%d", created.Token.ID)
		w.as(t, "fagai").do("DELETE", path, nil).wantError(404, "not_found")
		var revoked api.TokenInfo
		b.client().do("DELETE", path, nil).want(200).into(&revoked)
		if revoked.Active || revoked.RevokedAt.IsZero() {
			t.Errorf("revoked %+v", revoked)
		}
		wall.get("/api/v1/me").wantError(401, "unauthenticated")
		// The security administrator revokes anyone's.
		w.as(t, "secadmin").do("DELETE", fmt.Sprintf("/api/v1/tokens/%d", list.Items[1].ID), nil).want(200)
		if log.count("token.create") != 1 || log.count("token.revoke") != 2 {
			t.Errorf("recorded %s", log)
		}
	})
}

// No password, session id or token secret reaches the log or the audit trail.
func TestNoSecretsInLogs(t *testing.T) {
	w := newWorld(t)
	log := w.withPasswords(t, false, "fagai")
	b := w.browser(t)
	b.login("fagai", pwTwo, "").apiError(401)
	w.clock.Advance(time.Minute)
	b.login("fagai", pwOne, "").want(200)
	session := b.cookie.Value
	b.client().post("/api/v1/session/password", map[string]any{"old_password": pwOne, "new_password": pwTwo}).want(200)
	var created api.TokenCreated
	b.client().post("/api/v1/tokens", map[string]any{"name": "script", "scope": "read"}).want(201).into(&created)
	w.as(t, "secadmin").post(fmt.Sprintf("/api/v1/users/%d/password", w.people["fagai"].user.ID), map[string]any{"password": "Third-Secret-Pass-77"}).want(200)
	w.anon(t).with("Authorization", "Bearer "+created.Secret+"x").get("/api/v1/me").apiError(401)
	for name, secret := range map[string]string{"first password": pwOne, "second password": pwTwo, "third password": "Third-Secret-Pass-77",
		"session id": session, "token": created.Secret, "other token": w.people["fagai"].token} {
		if strings.Contains(w.logs.String(), secret) {
			t.Errorf("the log holds the %s", name)
		}
		if strings.Contains(log.String(), secret) {
			t.Errorf("the audit trail holds the %s", name)
		}
	}
	if !strings.Contains(w.logs.String(), "/api/v1/session") {
		t.Error("the log has no line of the requests: is it the right log?")
	}
}

package web

import (
	"net/http"
	"net/url"
	"strings"

	"zhitong/internal/fault"
)

// Access classifies a page for the one check of who is asking (wrap).
type Access int

// The classes of access.
const (
	Public  Access = iota + 1 // anyone: sign-in, the language switch
	Portal                    // the enterprises' public portal: anyone, rate-limited where it writes
	Officer                   // a signed-in officer; the services decide what they see
	Limited                   // a signed-in officer whose session must first change its password or enrol a second factor
	Screen                    // an officer, or a wall screen holding a display token in its cookie (dashboard.go)
)

// page is one page or form target.
type page struct {
	method  string
	pattern string
	access  Access
	handle  func(*req) error
}

// table is every page of the UI.
func (s *Server) table() []page {
	return []page{
		{"GET", "/{$}", Officer, s.workbench},
		{"GET", "/login", Public, s.loginPage},
		{"POST", "/login", Public, s.login},
		{"POST", "/logout", Limited, s.logout},
		{"GET", "/lang", Public, s.switchLang},
		{"GET", "/account/password", Limited, s.passwordPage},
		{"POST", "/account/password", Limited, s.changePassword},
		{"GET", "/account/totp", Limited, s.totpPage},
		{"POST", "/account/totp", Limited, s.confirmTOTP},
		{"POST", "/account/sms", Limited, s.enrolSMS},
		{"POST", "/account/sms/confirm", Limited, s.confirmSMS},

		{"GET", "/appeals", Officer, s.appealList},
		{"GET", "/appeals/export.xlsx", Officer, s.appealExport},
		{"GET", "/registry", Officer, s.registryList},
		{"GET", "/registry/{id}", Officer, s.enterprisePage},
		{"POST", "/registry/{id}/visits", Officer, s.recordVisit},
		{"POST", "/registry/{id}/merge", Officer, s.mergeEnterprise},
		{"GET", "/registry/unmatched", Officer, s.unmatchedPage},
		{"POST", "/appeals/{id}/enterprise", Officer, s.linkEnterprise},
		{"GET", "/registry/import", Officer, s.registryPage},
		{"POST", "/registry/import", Officer, s.registryImport},
		{"POST", "/registry/cadre", Officer, s.assignCadre},
		{"GET", "/events", Officer, s.eventsPage},
		{"POST", "/events", Officer, s.recordEvent},
		{"GET", "/events/{id}", Officer, s.eventPage},
		{"POST", "/events/{id}/appeals", Officer, s.collectAtEvent},
		{"POST", "/campaigns", Officer, s.createCampaign},
		{"GET", "/campaigns/{id}", Officer, s.campaignPage},
		{"GET", "/appeals/city-batch", Officer, s.cityBatchPage},
		{"POST", "/appeals/city-batch", Officer, s.cityBatchImport},
		{"GET", "/appeals/city-batch/template.xlsx", Officer, s.cityBatchTemplate},
		{"GET", "/appeals/city-batch/export.xlsx", Officer, s.cityBatchExport},
		{"GET", "/appeals/new", Officer, s.intakePage},
		{"POST", "/appeals/new", Officer, s.intake},
		{"GET", "/appeals/{id}", Officer, s.appealPage},
		{"GET", "/appeals/{id}/sheet", Officer, s.sheetPage},
		{"GET", "/appeals/{id}/supervision/{tid}", Officer, s.supervisionPage},
		{"POST", "/appeals/{id}/act", Officer, s.act},
		{"POST", "/appeals/{id}/attachments", Officer, s.attach},
		{"GET", "/appeals/{id}/attachments/{aid}", Officer, s.attachment},
		{"GET", "/tasks", Officer, s.taskList},

		{"GET", "/admin/units", Officer, s.unitsPage},
		{"POST", "/admin/units", Officer, s.createUnit},
		{"GET", "/admin/users", Officer, s.usersPage},
		{"POST", "/admin/users", Officer, s.createUser},
		{"GET", "/admin/users/{id}", Officer, s.userPage},
		{"POST", "/admin/users/{id}", Officer, s.adminUser},
		{"GET", "/admin/categories", Officer, s.categoriesPage},
		{"POST", "/admin/categories", Officer, s.createCategory},
		{"GET", "/admin/calendar", Officer, s.calendarPage},
		{"POST", "/admin/calendar", Officer, s.loadYear},
		{"POST", "/admin/calendar/{year}/confirm", Officer, s.confirmYear},
		{"POST", "/admin/deadlines", Officer, s.setPolicy},
		{"GET", "/admin/deliveries", Officer, s.deliveriesPage},
		{"GET", "/inbox", Officer, s.inboxPage},
		{"GET", "/reports/monthly", Officer, s.monthlyPage},
		{"GET", "/reports/assessment", Officer, s.assessmentPage},
		{"GET", "/reports/coverage", Officer, s.coveragePage},
		{"GET", "/cadre", Officer, s.cadrePage},
		{"GET", "/reports/contests", Officer, s.contestsPage},
		{"GET", "/cases", Officer, s.casesPage},
		{"GET", "/policies", Officer, s.policiesPage},
		{"POST", "/policies", Officer, s.publishPolicy},
		{"GET", "/policies/{id}", Officer, s.policyPage},
		{"GET", "/policies/{id}/attachments/{aid}", Officer, s.sendPolicyFile},
		{"POST", "/cases", Officer, s.recordCase},
		{"POST", "/cases/{id}/publish", Officer, s.publishCase},
		{"POST", "/reports/contests/{id}", Officer, s.decideContest},
		{"POST", "/appeals/{id}/tasks/{tid}/contest", Officer, s.fileContest},
		{"POST", "/reports/assessment/weights", Officer, s.setWeights},
		{"GET", "/dashboard", Screen, s.dashboardPage},
		{"POST", "/dashboard/screen", Public, s.screenOn},
		{"POST", "/dashboard/screen/off", Public, s.screenOff},
		{"GET", "/reports/monthly.xlsx", Officer, s.monthlyExport},
		{"POST", "/inbox/read", Officer, s.markRead},

		{"GET", "/portal", Portal, s.portalHome},
		{"GET", "/portal/file", Portal, s.portalFilePage},
		{"POST", "/portal/file", Portal, s.portalFile},
		{"GET", "/portal/captcha", Portal, s.captchaNew},
		{"GET", "/portal/captcha/{token}", Portal, s.captchaImage},
		{"GET", "/portal/follow", Portal, s.followPage},
		{"POST", "/portal/follow", Portal, s.follow},
		{"POST", "/portal/rate", Portal, s.rate},
		{"GET", "/portal/signup", Portal, s.signupPage},
		{"POST", "/portal/signup", Portal, s.signup},
		{"POST", "/portal/signup/verify", Portal, s.verifyPhone},
		{"GET", "/portal/login", Portal, s.portalLoginPage},
		{"POST", "/portal/login", Portal, s.portalLogin},
		{"POST", "/portal/logout", Portal, s.portalLogout},
		{"GET", "/portal/mine", Portal, s.mine},
		{"GET", "/portal/mine/{id}", Portal, s.mineOne},
		{"GET", "/portal/policies", Portal, s.portalPolicies},
		{"GET", "/portal/policies/{id}", Portal, s.portalPolicy},
		{"GET", "/portal/policies/{id}/attachments/{aid}", Portal, s.portalPolicyFile},
		{"POST", "/portal/mine/{id}/rate", Portal, s.mineRate},

		{"GET", "/admin/accounts", Officer, s.accountsPage},
		{"POST", "/admin/accounts/{id}/confirm", Officer, s.confirmAccount},
	}
}

// wrap puts a page behind the check its class asks for: an officer's
// session (a browser without one is sent to sign in), the origin of a form
// that changes state, and the portal's rate limit on its writes.
func (s *Server) wrap(p *page) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := s.newReq(w, r, p)
		if err := s.admit(q); err != nil {
			s.fail(q, err)
			return
		}
		if err := p.handle(q); err != nil {
			s.fail(q, err)
		}
	})
}

// admit resolves who is asking and holds them to the page's class.
func (s *Server) admit(q *req) error {
	if q.r.Method == http.MethodPost && len(q.r.Header.Values("Authorization")) == 0 {
		// Every form of ours posts from our own origin; the portal's too.
		if err := q.checkOrigin(); err != nil {
			return err
		}
	}
	switch q.page.access {
	case Public:
		return nil
	case Portal:
		if q.r.Method == http.MethodPost && !s.limiter.allow(q.clientIP()) {
			return errTooMany
		}
		s.portalActor(q)
		return nil
	}
	if len(q.r.Header.Values("Authorization")) > 0 {
		return s.admitToken(q)
	}
	if q.page.access == Screen {
		if ok, err := s.admitScreen(q); ok || err != nil {
			return err
		}
	}
	secret, ok := s.cookie.Secret(q.r)
	if !ok {
		return errSignIn
	}
	res, err := s.cfg.Accounts.ResolveSession(q.ctx(), secret)
	if err != nil {
		return err
	}
	q.actor, q.limits = res.Actor, res.Limits
	if q.page.access == Officer && res.Limits.Any() {
		return errLimited
	}
	return nil
}

// admitToken admits a request that carries an API token, as the API does:
// scripts and the benchmark read pages with one. A display token reads the
// wall screen only, and a read-only one sends no form. A browser never
// sends one on its own, so a token needs no origin check.
func (s *Server) admitToken(q *req) error {
	scheme, secret, ok := strings.Cut(strings.TrimSpace(q.r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || len(q.r.Header.Values("Authorization")) != 1 {
		return fault.E(fault.Unauthenticated, "unauthenticated")
	}
	actor, err := s.cfg.Accounts.Authenticate(q.ctx(), strings.TrimSpace(secret))
	if err != nil {
		return err
	}
	if actor.Display || (actor.ReadOnly && q.r.Method != http.MethodGet) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	q.actor = actor
	return nil
}

// The refusals admit gives before any handler runs, rendered by fail.
var (
	errSignIn  = fault.E(fault.Unauthenticated, "unauthenticated")
	errLimited = &fault.Error{Kind: fault.Forbidden, Key: "session.password"}
	errTooMany = &fault.Error{Kind: fault.Forbidden, Key: "web.toomany"}
	// errPortalSignIn sends a browser to the portal's sign-in page.
	errPortalSignIn = &fault.Error{Kind: fault.Unauthenticated, Key: "unauthenticated"}
)

// signInURL is the sign-in page that leads back to where r was going.
func signInURL(r *http.Request) string {
	next := r.URL.Path
	if r.URL.RawQuery != "" {
		next += "?" + r.URL.RawQuery
	}
	if r.Method != http.MethodGet {
		next = "/"
	}
	return "/login?next=" + url.QueryEscape(next)
}

// localPath reports whether p is a path of this site, safe to send a
// browser to after signing in (no other host, no scheme).
func localPath(p string) bool {
	if p == "" || p[0] != '/' || (len(p) > 1 && (p[1] == '/' || p[1] == '\\')) {
		return false
	}
	u, err := url.Parse(p)
	return err == nil && u.Host == "" && u.Scheme == ""
}

// Table lists every page of the UI with its class of access, for the
// permission tests and the benchmark; it needs no server.
func Table() []PageInfo { return (&Server{}).Pages() }

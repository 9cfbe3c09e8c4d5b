package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"

	"zhitong/internal/account"
	"zhitong/internal/api"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/session"
)

// req is one request as a page sees it: who is asking, in which language,
// and the means to answer.
type req struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	page   *page
	actor  *account.Actor
	limits account.Limits
	lang   lang
	names  map[int64]string // unit names looked up for the page
}

func (s *Server) newReq(w http.ResponseWriter, r *http.Request, p *page) *req {
	return &req{s: s, w: w, r: r, page: p, lang: langOf(r)}
}

func (q *req) ctx() context.Context { return q.r.Context() }

// clientIP is the client's address as the HTTP layer found it (behind
// trusted proxies too).
func (q *req) clientIP() string {
	if ip := audit.MetaFrom(q.ctx()).ClientIP; ip != "" {
		return ip
	}
	return q.r.RemoteAddr
}

// checkOrigin refuses a form posted from another site.
func (q *req) checkOrigin() error { return session.CheckOrigin(q.r) }

// pathID is the {id} of the path, or not found.
func (q *req) pathID() (int64, error) {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.E(fault.NotFound, "web.nopage")
	}
	return id, nil
}

// render writes the page name with data, laid out for the actor. It renders
// into a buffer first, so that a template error is a clean error page and
// never half a page.
func (q *req) render(status int, name string, title string, data any) error {
	v := &view{L: q.lang, Title: title, Actor: q.actor, Path: q.r.URL.Path, Query: q.r.URL.RawQuery, Data: data,
		Flash: q.r.URL.Query().Get("done"), Names: q.names, Portal: q.page != nil && q.page.access == Portal,
		Now: q.s.cfg.Appeals.Now()}
	if v.Flash != "" && !knownText("done."+v.Flash) {
		v.Flash = ""
	}
	if q.actor != nil && !q.actor.IsEnterprise() && !q.limits.Any() {
		v.Menu = menuFor(q.actor, q.r.URL.Path)
	}
	var b bytes.Buffer
	if err := q.s.views.render(&b, name, v); err != nil {
		return err
	}
	h := q.w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store") // pages hold personal data: never kept by a shared cache
	h.Set("Content-Language", q.lang.tag())
	q.w.WriteHeader(status)
	_, err := q.w.Write(b.Bytes())
	return err
}

// redirect sends the browser on after a form (303: GET the new page).
func (q *req) redirect(to string) error {
	http.Redirect(q.w, q.r, to, http.StatusSeeOther)
	return nil
}

// statusOf is the HTTP status of an error, as the API gives it.
func statusOf(err error) int { return api.StatusOf(err) }

// fail answers a request whose handler failed: a browser without a session
// goes to sign in, one whose session must first change its password or
// enrol a second factor goes there, and anything else is an error page in
// the person's language, never a stack trace.
func (s *Server) fail(q *req, err error) {
	switch {
	case errors.Is(err, errPortalSignIn):
		http.Redirect(q.w, q.r, "/portal/login", http.StatusSeeOther)
		return
	case len(q.r.Header.Values("Authorization")) == 0 && (errors.Is(err, errSignIn) ||
		(fault.Is(err, fault.Unauthenticated) && q.page != nil && q.page.access >= Officer)):
		s.cookie.Clear(q.w, q.r)
		http.Redirect(q.w, q.r, signInURL(q.r), http.StatusSeeOther)
		return
	case errors.Is(err, errLimited):
		to := "/account/password"
		if !q.limits.ChangePassword {
			to = "/account/totp"
		}
		http.Redirect(q.w, q.r, to, http.StatusSeeOther)
		return
	}
	kind := fault.KindOf(err)
	status := statusOf(err)
	if errors.Is(err, errTooMany) {
		status = http.StatusTooManyRequests
		q.w.Header().Set("Retry-After", "60")
	}
	var fe *fault.Error
	msg := fault.Text(string(q.lang), "internal")
	if kind != fault.Internal && errors.As(err, &fe) {
		msg = fe.Message(string(q.lang))
	} else {
		s.log.ErrorContext(q.ctx(), "web: internal error", "method", q.r.Method, "path", q.r.URL.Path, "err", err)
	}
	s.errorPage(q, status, msg)
}

func (s *Server) errorPage(q *req, status int, msg string) {
	if q.actor == nil && q.page != nil && q.page.access >= Officer {
		q.actor = nil // an error before sign-in shows no menu
	}
	data := struct {
		Status  int
		Message string
	}{status, msg}
	if err := q.render(status, "error", q.lang.T("err.title"), data); err != nil {
		s.log.ErrorContext(q.ctx(), "web: error page", "err", err)
		http.Error(q.w, msg, status)
	}
}

// lookUnits finds the names of the units ids for the page; a unit the
// actor may not read keeps its number.
func (q *req) lookUnits(ids ...int64) error {
	if q.names == nil {
		q.names = map[int64]string{}
	}
	for _, id := range ids {
		if _, ok := q.names[id]; ok || id == 0 {
			continue
		}
		actor := q.actor
		if actor == nil || actor.IsEnterprise() { // the portal: the names of units are public
			actor = account.SystemActor()
		}
		u, err := q.s.cfg.Units.Get(q.ctx(), actor, id)
		if fault.Is(err, fault.NotFound) || fault.Is(err, fault.Forbidden) {
			continue
		} else if err != nil {
			return err
		}
		q.names[id] = u.Name
	}
	return nil
}

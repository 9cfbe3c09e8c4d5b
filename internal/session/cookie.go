// Package session holds what a browser's session is on the wire: the
// cookie that carries its id, and the check that a request changing state
// on that cookie comes from a page of ours. The JSON API and the web pages
// share both, so that one sign-in serves the two.
package session

import (
	"net/http"
	"time"

	"zhitong/internal/account"
)

// The session cookie: __Host- over TLS, so that the browser keeps it to
// this host, Secure and Path=/ only, and no other site or plain-HTTP
// answer can plant one; a plain name when served over plain HTTP (local
// use), where a Secure cookie would not be sent back. Either way HttpOnly,
// so that no script reads it, and SameSite=Lax, so that it rides along on
// no cross-site request but a top-level navigation (a link in an email).
const (
	cookieTLS   = "__Host-zt_session"
	CookiePlain = "zt_session" // the name over plain HTTP, as the OpenAPI document gives it
	// An enterprise account's session on the portal has a cookie of its
	// own: an officer and a company may share a browser without mixing.
	portalTLS   = "__Host-zt_portal"
	portalPlain = "zt_portal"
)

// Cookie reads and writes the session cookie. BehindTLS says that clients
// reach the server over HTTPS through a proxy that terminates TLS; Portal
// that it is the cookie of an enterprise account's session.
type Cookie struct {
	BehindTLS bool
	Portal    bool
}

// Secure reports whether the client reached us over TLS.
func (c Cookie) Secure(r *http.Request) bool { return r.TLS != nil || c.BehindTLS }

func (c Cookie) name(r *http.Request) string {
	switch {
	case c.Portal && c.Secure(r):
		return portalTLS
	case c.Portal:
		return portalPlain
	case c.Secure(r):
		return cookieTLS
	}
	return CookiePlain
}

// Secret returns the session id the request's cookie holds.
func (c Cookie) Secret(r *http.Request) (string, bool) {
	k, err := r.Cookie(c.name(r))
	if err != nil || k.Value == "" {
		return "", false
	}
	return k.Value, true
}

// Set hands the browser the id of its new session, for as long as the
// session can last.
func (c Cookie) Set(w http.ResponseWriter, r *http.Request, secret string) {
	http.SetCookie(w, &http.Cookie{Name: c.name(r), Value: secret, Path: "/", MaxAge: int(account.SessionLifetime / time.Second),
		Secure: c.Secure(r), HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// Clear makes the browser forget its session.
func (c Cookie) Clear(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: c.name(r), Value: "", Path: "/", MaxAge: -1,
		Secure: c.Secure(r), HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

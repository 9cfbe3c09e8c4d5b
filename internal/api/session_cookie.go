package api

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
	cookiePlain = "zt_session"
)

// secure reports whether the client reached us over TLS.
func (s *server) secure(r *http.Request) bool { return r.TLS != nil || s.cfg.BehindTLS }

func (s *server) cookieName(r *http.Request) string {
	if s.secure(r) {
		return cookieTLS
	}
	return cookiePlain
}

// sessionSecret returns the session id the request's cookie holds.
func (s *server) sessionSecret(r *http.Request) (string, bool) {
	c, err := r.Cookie(s.cookieName(r))
	if err != nil || c.Value == "" {
		return "", false
	}
	return c.Value, true
}

// setSessionCookie hands the browser the id of its new session, for as
// long as the session can last.
func (s *server) setSessionCookie(w http.ResponseWriter, r *http.Request, secret string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: secret, Path: "/", MaxAge: int(account.SessionLifetime / time.Second),
		Secure: s.secure(r), HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// clearSessionCookie makes the browser forget its session.
func (s *server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: "", Path: "/", MaxAge: -1,
		Secure: s.secure(r), HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

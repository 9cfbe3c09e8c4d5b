package api

import (
	"net/http"

	"zhitong/internal/session"
)

// The session cookie and the origin check live in package session, shared
// with the web pages; these name them for the API's handlers.

func (s *server) cookie() session.Cookie { return session.Cookie{BehindTLS: s.cfg.BehindTLS} }

func (s *server) secure(r *http.Request) bool { return s.cookie().Secure(r) }

func (s *server) sessionSecret(r *http.Request) (string, bool) { return s.cookie().Secret(r) }

func (s *server) setSessionCookie(w http.ResponseWriter, r *http.Request, secret string) {
	s.cookie().Set(w, r, secret)
}

func (s *server) clearSessionCookie(w http.ResponseWriter, r *http.Request) { s.cookie().Clear(w, r) }

func checkOrigin(r *http.Request) error { return session.CheckOrigin(r) }

func crossSite(r *http.Request) error { return session.CrossSite(r) }

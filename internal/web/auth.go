package web

import (
	"errors"
	"net/http"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// Signing in and out, the language switch, and what a session must do
// first (a new password, a second factor). The account service decides;
// these pages ask and show.

type loginData struct {
	Next, Username, Error string
}

func (s *Server) loginPage(q *req) error {
	next := q.r.URL.Query().Get("next")
	if !localPath(next) {
		next = "/"
	}
	return q.render(http.StatusOK, "login", q.lang.T("login.title"), loginData{Next: next})
}

func (s *Server) login(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	next := f.Get("next")
	if !localPath(next) {
		next = "/"
	}
	in, err := s.cfg.Accounts.Login(q.ctx(), account.Login{Username: f.Get("username"), Password: f.Get("password"),
		TOTP: strings.ReplaceAll(f.Get("totp"), " ", "")})
	if err != nil {
		var fe *fault.Error
		if !errors.As(err, &fe) || fe.Kind == fault.Internal {
			return err
		}
		status := statusOf(err)
		var we *account.WaitError
		if errors.As(err, &we) {
			status = http.StatusTooManyRequests
		}
		return q.render(status, "login", q.lang.T("login.title"),
			loginData{Next: next, Username: f.Get("username"), Error: fe.Message(string(q.lang))})
	}
	if old, ok := s.cookie.Secret(q.r); ok { // a new login never continues an old session id
		if err := s.cfg.Accounts.Replace(q.ctx(), old); err != nil {
			return err
		}
	}
	s.cookie.Set(q.w, q.r, in.Secret)
	switch {
	case in.Limits.ChangePassword:
		next = "/account/password"
	case in.Limits.EnrolTOTP:
		next = "/account/totp"
	}
	return q.redirect(next)
}

func (s *Server) logout(q *req) error {
	if err := s.cfg.Accounts.Logout(q.ctx(), q.actor); err != nil {
		return err
	}
	s.cookie.Clear(q.w, q.r)
	return q.redirect("/login")
}

// switchLang remembers the language asked for and goes back to the page.
func (s *Server) switchLang(q *req) error {
	to := "zh"
	if q.r.URL.Query().Get("to") == "en" {
		to = "en"
	}
	back := q.r.URL.Query().Get("back")
	if !localPath(back) {
		back = "/"
	}
	http.SetCookie(q.w, &http.Cookie{Name: langCookie, Value: to, Path: "/", MaxAge: 365 * 24 * 3600,
		Secure: s.cookie.Secure(q.r), SameSite: http.SameSiteLaxMode, HttpOnly: true})
	return q.redirect(back)
}

type formError struct{ Error string }

func (s *Server) passwordPage(q *req) error {
	return q.render(http.StatusOK, "password", q.lang.T("pw.title"), formError{})
}

func (s *Server) changePassword(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	err := s.cfg.Accounts.ChangePassword(q.ctx(), q.actor, q.r.PostForm.Get("old"), q.r.PostForm.Get("new"))
	if msg, ok := q.shown(err); ok {
		return q.render(statusOf(err), "password", q.lang.T("pw.title"), formError{Error: msg})
	} else if err != nil {
		return err
	}
	// Every session of the user ended with the change: sign in anew.
	s.cookie.Clear(q.w, q.r)
	return q.redirect("/login?next=%2F")
}

type totpData struct {
	Secret, Error string
	SMS           bool   // codes can be sent by SMS: offered instead of an authenticator
	SMSSent       string // the phone, masked, a code was sent to
}

func (s *Server) totpPage(q *req) error {
	key, err := s.cfg.Accounts.EnrolTOTP(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	return q.render(http.StatusOK, "totp", q.lang.T("totp.title"), totpData{Secret: key.Secret, SMS: s.cfg.Accounts.SMSCodes})
}

// enrolSMS sends a code to the officer's phone, to choose SMS codes as
// the second factor instead of an authenticator.
func (s *Server) enrolSMS(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	d := totpData{Secret: q.r.PostForm.Get("secret"), SMS: s.cfg.Accounts.SMSCodes}
	masked, err := s.cfg.Accounts.EnrolSMS(q.ctx(), q.actor)
	if msg, ok := q.shown(err); ok {
		d.Error = msg
		return q.render(statusOf(err), "totp", q.lang.T("totp.title"), d)
	} else if err != nil {
		return err
	}
	d.SMSSent = masked
	return q.render(http.StatusOK, "totp", q.lang.T("totp.title"), d)
}

// confirmSMS checks the code and turns SMS codes on.
func (s *Server) confirmSMS(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	err := s.cfg.Accounts.ConfirmSMS(q.ctx(), q.actor, strings.ReplaceAll(q.r.PostForm.Get("code"), " ", ""))
	if msg, ok := q.shown(err); ok {
		return q.render(statusOf(err), "totp", q.lang.T("totp.title"),
			totpData{Secret: q.r.PostForm.Get("secret"), SMS: s.cfg.Accounts.SMSCodes, SMSSent: q.r.PostForm.Get("sent"), Error: msg})
	} else if err != nil {
		return err
	}
	return q.redirect("/")
}

func (s *Server) confirmTOTP(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	err := s.cfg.Accounts.ConfirmTOTP(q.ctx(), q.actor, strings.ReplaceAll(q.r.PostForm.Get("code"), " ", ""))
	if msg, ok := q.shown(err); ok {
		// The secret awaiting confirmation is the one the page showed (it
		// came back with the form): the authenticator keeps working.
		return q.render(statusOf(err), "totp", q.lang.T("totp.title"),
			totpData{Secret: q.r.PostForm.Get("secret"), Error: msg})
	} else if err != nil {
		return err
	}
	return q.redirect("/")
}

// shown is the message of an error the person can act on, to show on the
// form they sent; an internal error is not shown there.
func (q *req) shown(err error) (string, bool) {
	var fe *fault.Error
	if err == nil || !errors.As(err, &fe) || fe.Kind == fault.Internal || fe.Kind == fault.Unauthenticated && q.actor != nil && fe.Key == "session.ended" {
		return "", false
	}
	return fe.Message(string(q.lang)), true
}

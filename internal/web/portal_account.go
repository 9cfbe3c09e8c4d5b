package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// Enterprise accounts on the portal: sign up, sign in, the company's own
// appeals, and the officers' page that confirms new accounts.

// portalActor resolves the enterprise account whose session cookie the
// request carries, if any: the portal serves everyone, and a company that
// signed in sees its own appeals besides.
func (s *Server) portalActor(q *req) {
	secret, ok := s.portal.Secret(q.r)
	if !ok {
		return
	}
	a, err := s.cfg.Accounts.ResolveEnterpriseSession(q.ctx(), secret)
	if err != nil {
		s.portal.Clear(q.w, q.r) // ended: the portal goes on without it
		return
	}
	q.actor = a
}

// company is the signed-in enterprise account, or a refusal that sends the
// browser to sign in.
func (q *req) company() (*account.Actor, error) {
	if q.actor == nil || !q.actor.IsEnterprise() || q.actor.EnterpriseID == 0 {
		return nil, errPortalSignIn
	}
	return q.actor, nil
}

type signupData struct {
	Form    url.Values
	Error   string
	Done    bool
	Captcha string
	// After signing up, with an SMS gateway: the code was sent to SentTo
	// (masked) for Phone; after the code, whether the account is Confirmed.
	Phone, SentTo       string
	Verified, Confirmed bool
}

func (s *Server) signupForm(q *req, status int, d signupData) error {
	if !d.Done {
		ch, err := s.cfg.Captcha.New()
		if err != nil {
			return err
		}
		d.Captcha = ch.Token
	}
	return q.render(status, "portal_signup", q.lang.T("portal.signup"), d)
}

func (s *Server) signupPage(q *req) error {
	return s.signupForm(q, http.StatusOK, signupData{Form: url.Values{}})
}

func (s *Server) signup(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	err := s.solve(q, f)
	var a *account.EnterpriseAccount
	if err == nil {
		e, ferr := s.cfg.Enterprises.ForSignup(q.ctx(), f.Get("credit_code"))
		if err = ferr; err == nil {
			a, err = s.cfg.Accounts.SignUp(q.ctx(), account.Signup{EnterpriseID: e.ID, Name: f.Get("name"),
				Phone: f.Get("phone"), Password: f.Get("password")})
		}
	}
	if msg, ok := q.shown(err); ok {
		f.Del("password")
		return s.signupForm(q, statusOf(err), signupData{Form: f, Error: msg})
	} else if err != nil {
		return err
	}
	d := signupData{Done: true, Phone: a.Phone}
	if s.cfg.Accounts.SMSCodes {
		// The account stands either way: without the code it waits for the federation.
		if d.SentTo, err = s.cfg.Accounts.SendAccountCode(q.ctx(), a); err != nil {
			s.cfg.Logger.Warn("portal: the account's code was not sent", "account", a.ID, "err", err)
		}
	}
	return s.signupForm(q, http.StatusCreated, d)
}

// verifyPhone takes the code sent to a new account's phone.
func (s *Server) verifyPhone(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	d := signupData{Done: true, Phone: f.Get("phone"), SentTo: f.Get("sent")}
	confirmed, err := s.cfg.Accounts.VerifyEnterprisePhone(q.ctx(), f.Get("phone"), strings.ReplaceAll(f.Get("code"), " ", ""))
	if msg, ok := q.shown(err); ok {
		d.Error = msg
		return s.signupForm(q, statusOf(err), d)
	} else if err != nil {
		return err
	}
	d.Verified, d.Confirmed = true, confirmed
	return s.signupForm(q, http.StatusOK, d)
}

func (s *Server) portalLoginPage(q *req) error {
	return q.render(http.StatusOK, "portal_login", q.lang.T("portal.login"), loginData{})
}

func (s *Server) portalLogin(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	in, err := s.cfg.Accounts.EnterpriseLogin(q.ctx(), f.Get("phone"), f.Get("password"))
	if msg, ok := q.shown(err); ok {
		return q.render(statusOf(err), "portal_login", q.lang.T("portal.login"), loginData{Username: f.Get("phone"), Error: msg})
	} else if err != nil {
		return err
	}
	s.portal.Set(q.w, q.r, in.Secret)
	return q.redirect("/portal/mine")
}

func (s *Server) portalLogout(q *req) error {
	if q.actor != nil {
		if err := s.cfg.Accounts.EnterpriseLogout(q.ctx(), q.actor); err != nil {
			return err
		}
	}
	s.portal.Clear(q.w, q.r)
	return q.redirect("/portal")
}

type mineData struct {
	Company string
	Page    appeal.Page
	Pager   pager
	Unread  int // policies sent to the company it has not read: where it lands after signing in, it is told
}

// mine lists the company's own appeals, newest first.
func (s *Server) mine(q *req) error {
	a, err := q.company()
	if err != nil {
		return err
	}
	form := listQuery(q.r)
	f := appeal.Filter{Limit: appeal.DefaultLimit, CountUpTo: appeal.CountCap}
	if c := form.Get("cursor"); c != "" {
		if f.Before, err = strconv.ParseInt(c, 10, 64); err != nil || f.Before <= 0 {
			return fault.Field("cursor", "bad_id", "cursor")
		}
	}
	p, err := s.cfg.Appeals.List(q.ctx(), a, f)
	if err != nil {
		return err
	}
	name, err := s.companyName(q)
	if err != nil {
		return err
	}
	d := mineData{Company: name, Page: p, Pager: pageLinks(q, form, p.Total, p.TotalCapped, cursorOf(p.Next, func(id int64) string { return strconv.FormatInt(id, 10) }))}
	if s.cfg.Policies != nil {
		rs, err := s.cfg.Policies.Received(q.ctx(), a)
		if err != nil {
			return err
		}
		d.Unread = unread(rs)
	}
	return q.render(http.StatusOK, "portal_mine", q.lang.T("portal.mine"), d)
}

// mineOne is one of the company's appeals, as the portal shows it.
func (s *Server) mineOne(q *req) error {
	fl, err := s.companyAppeal(q)
	if err != nil {
		return err
	}
	return s.renderFollowed(q, http.StatusOK, followData{F: fl, Sats: appeal.Satisfactions, Rated: q.r.URL.Query().Get("done") == "visit"})
}

func (s *Server) mineRate(q *req) error {
	fl, err := s.companyAppeal(q)
	if err != nil {
		return err
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	id := fl.Appeal.ID
	_, err = s.cfg.Appeals.Rate(q.ctx(), fl, appeal.Satisfaction(f.Get("satisfaction")), f.Get("resolved") == "yes", f.Get("words"))
	if msg, ok := q.shown(err); ok {
		return s.renderFollowed(q, statusOf(err), followData{F: fl, Sats: appeal.Satisfactions, Error: msg})
	} else if err != nil {
		return err
	}
	return q.redirect("/portal/mine/" + strconv.FormatInt(id, 10) + "?done=visit")
}

// companyAppeal is the appeal of the path, as the signed-in company follows it.
func (s *Server) companyAppeal(q *req) (*appeal.Followed, error) {
	a, err := q.company()
	if err != nil {
		return nil, err
	}
	id, err := q.pathID()
	if err != nil {
		return nil, err
	}
	return s.cfg.Appeals.FollowAsAccount(q.ctx(), a, id)
}

func (s *Server) renderFollowed(q *req, status int, d followData) error {
	if err := q.lookUnits(d.F.Appeal.DistrictID); err != nil {
		return err
	}
	return q.render(status, "portal_follow", q.lang.T("portal.nav.follow"), d)
}

type accountsData struct {
	Accounts []account.EnterpriseAccount
	Names    map[int64]string
}

// accountsPage lists the enterprise accounts, those awaiting confirmation
// first, for the federation and the system administrators.
func (s *Server) accountsPage(q *req) error {
	as, err := s.cfg.Accounts.EnterpriseAccounts(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, a := range as {
		if _, ok := names[a.EnterpriseID]; ok {
			continue
		}
		e, err := s.cfg.Enterprises.Get(q.ctx(), q.actor, a.EnterpriseID)
		if err == nil {
			names[a.EnterpriseID] = e.Name
		} else if !fault.Is(err, fault.NotFound) && !fault.Is(err, fault.Forbidden) {
			return err
		}
	}
	return q.render(http.StatusOK, "accounts", q.lang.T("menu.accounts"), accountsData{Accounts: as, Names: names})
}

func (s *Server) confirmAccount(q *req) error {
	id, err := q.pathID()
	if err != nil {
		return err
	}
	if err := s.cfg.Accounts.ConfirmEnterpriseAccount(q.ctx(), q.actor, id); err != nil {
		return err
	}
	return q.redirect("/admin/accounts?done=account")
}

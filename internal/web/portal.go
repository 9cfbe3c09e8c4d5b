package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/captcha"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// The enterprises' public portal (信息直报): what 直通车 is, filing an
// appeal behind a CAPTCHA the binary draws itself, and following and rating
// it with the number and the query code given on filing. The portal has no
// session: the query code is the key, typed in each time, posted (never in
// a URL, where logs would keep it).

type portalFileData struct {
	Company   string // the signed-in company it is filed as
	Form      url.Values
	Error     string
	Types     []appeal.Type
	Districts []districtChoice
	Captcha   string
}

func (s *Server) portalHome(q *req) error {
	return q.render(http.StatusOK, "portal_home", q.lang.T("portal.brand"), nil)
}

// portalDistricts are the districts an enterprise may file in, with their
// townships: the unit tree is public knowledge, read by the system.
func (s *Server) portalDistricts(q *req) ([]districtChoice, error) {
	us, err := s.cfg.Units.List(q.ctx(), account.SystemActor(), 0)
	if err != nil {
		return nil, err
	}
	var out []districtChoice
	at := map[int64]int{}
	for _, u := range us {
		if u.Level == unit.District && u.Kind == unit.Region && u.Active {
			at[u.ID] = len(out)
			out = append(out, districtChoice{ID: u.ID, Name: u.Name})
		}
	}
	for _, u := range us {
		if i, ok := at[u.DistrictID]; ok && u.Kind == unit.TownshipK && u.Active {
			out[i].Townships = append(out[i].Townships, u)
		}
	}
	return out, nil
}

func (s *Server) portalFileForm(q *req, form url.Values, msg string, status int) error {
	ds, err := s.portalDistricts(q)
	if err != nil {
		return err
	}
	d := portalFileData{Form: form, Error: msg, Types: appeal.Types, Districts: ds}
	if d.Company, err = s.companyName(q); err != nil {
		return err
	}
	if q.actor == nil {
		ch, err := s.cfg.Captcha.New()
		if err != nil {
			return err
		}
		d.Captcha = ch.Token
	}
	return q.render(status, "portal_file", q.lang.T("portal.nav.file"), d)
}

func (s *Server) portalFilePage(q *req) error {
	return s.portalFileForm(q, url.Values{}, "", http.StatusOK)
}

func (s *Server) portalFile(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	var err error
	if q.actor == nil { // a signed-in company answered for itself when it signed in
		err = s.solve(q, f)
	}
	var created *appeal.Created
	if err == nil {
		var in appeal.Intake
		if in, err = intakeOf(f); err == nil {
			created, err = s.cfg.Appeals.FileOnPortal(q.ctx(), q.actor, in)
		}
	}
	if msg, ok := q.shown(err); ok {
		return s.portalFileForm(q, f, msg, statusOf(err))
	} else if err != nil {
		return err
	}
	a := &created.Aggregate.Appeal
	return q.render(http.StatusCreated, "portal_filed", a.Number(), registeredData{Appeal: a, QueryCode: created.QueryCode})
}

// solve checks the CAPTCHA answer of a form and spends its challenge,
// right or wrong, so that each picture allows one guess.
func (s *Server) solve(q *req, f url.Values) error {
	nonce, until, err := s.cfg.Captcha.Verify(f.Get("captcha_token"), f.Get("captcha_answer"))
	if nonce != "" {
		fresh, serr := s.cfg.Spend(q.ctx(), nonce, until)
		if serr != nil {
			return serr
		}
		if !fresh {
			return fault.Field("captcha_answer", "captcha.used")
		}
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, captcha.ErrWrong):
		return fault.Field("captcha_answer", "captcha.wrong")
	case errors.Is(err, captcha.ErrExpired):
		return fault.Field("captcha_answer", "captcha.expired")
	case errors.Is(err, captcha.ErrInvalid):
		return fault.Field("captcha_answer", "captcha.invalid")
	}
	return err
}

// captchaNew hands the script a new challenge (换一张).
func (s *Server) captchaNew(q *req) error {
	ch, err := s.cfg.Captcha.New()
	if err != nil {
		return err
	}
	q.w.Header().Set("Content-Type", "application/json")
	q.w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(q.w).Encode(map[string]string{"token": ch.Token, "image": "/portal/captcha/" + ch.Token + ".png"})
}

func (s *Server) captchaImage(q *req) error {
	token := strings.TrimSuffix(q.r.PathValue("token"), ".png")
	png, err := s.cfg.Captcha.Image(token)
	if err != nil {
		return fault.E(fault.NotFound, "web.nopage")
	}
	q.w.Header().Set("Content-Type", "image/png")
	q.w.Header().Set("Cache-Control", "private, max-age=600")
	_, err = q.w.Write(png)
	return err
}

type followData struct {
	Number, Code, Error string
	F                   *appeal.Followed
	Sats                []appeal.Satisfaction
	Rated               bool
}

func (s *Server) followPage(q *req) error {
	return q.render(http.StatusOK, "portal_follow", q.lang.T("portal.nav.follow"), followData{})
}

func (s *Server) follow(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	return s.showFollowed(q, q.r.PostForm, false)
}

func (s *Server) showFollowed(q *req, f url.Values, rated bool) error {
	d := followData{Number: strings.TrimSpace(f.Get("number")), Code: strings.TrimSpace(f.Get("code")), Sats: appeal.Satisfactions, Rated: rated}
	fl, err := s.cfg.Appeals.Follow(q.ctx(), d.Number, d.Code)
	if msg, ok := q.shown(err); ok {
		d.Error = msg
		return q.render(statusOf(err), "portal_follow", q.lang.T("portal.nav.follow"), d)
	} else if err != nil {
		return err
	}
	d.F = fl
	if err := q.lookUnits(fl.Appeal.DistrictID); err != nil {
		return err
	}
	return q.render(http.StatusOK, "portal_follow", q.lang.T("portal.nav.follow"), d)
}

func (s *Server) rate(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	fl, err := s.cfg.Appeals.Follow(q.ctx(), f.Get("number"), f.Get("code"))
	if err == nil {
		_, err = s.cfg.Appeals.Rate(q.ctx(), fl, appeal.Satisfaction(f.Get("satisfaction")), f.Get("resolved") == "yes", f.Get("words"))
	}
	if msg, ok := q.shown(err); ok {
		d := followData{Number: f.Get("number"), Code: f.Get("code"), Error: msg, F: fl, Sats: appeal.Satisfactions}
		return q.render(statusOf(err), "portal_follow", q.lang.T("portal.nav.follow"), d)
	} else if err != nil {
		return err
	}
	return s.showFollowed(q, f, true)
}

// companyName is the name of the company signed in on the portal, or "".
func (s *Server) companyName(q *req) (string, error) {
	if q.actor == nil || q.actor.EnterpriseID == 0 {
		return "", nil
	}
	e, err := s.cfg.Enterprises.Get(q.ctx(), q.actor, q.actor.EnterpriseID)
	if err != nil {
		return "", err
	}
	return e.Name, nil
}

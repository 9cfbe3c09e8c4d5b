package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// One user's page: the security administrator grants roles, resets the
// password and the second factor and lifts locks; the system administrator
// deactivates and reactivates the account. The account service holds who
// may (三员分立) and records each act.

type userData struct {
	User    account.User
	Roles   []account.Role
	Error   string
	Form    url.Values
	Unlocks int // how many locks the last unlock lifted, shown once
}

// Has reports whether the user holds role r, for the roles form.
func (d *userData) Has(r account.Role) bool { return slices.Contains(d.User.Roles, r) }

func (s *Server) userOf(q *req) (*userData, error) {
	id, err := q.pathID()
	if err != nil {
		return nil, err
	}
	us, err := s.cfg.Accounts.List(q.ctx(), q.actor)
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		if u.ID == id {
			if err := q.lookUnits(u.UnitID); err != nil {
				return nil, err
			}
			return &userData{User: u, Roles: account.Roles, Form: url.Values{}}, nil
		}
	}
	return nil, fault.NotFoundOf("noun.user")
}

func (s *Server) userPage(q *req) error {
	d, err := s.userOf(q)
	if err != nil {
		return err
	}
	return q.render(http.StatusOK, "user", d.User.Name, d)
}

// adminUser takes one administrator's act on the user of the path.
func (s *Server) adminUser(q *req) error {
	d, err := s.userOf(q)
	if err != nil {
		return err
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	id := d.User.ID
	act := f.Get("act")
	switch act {
	case "roles":
		roles := make([]account.Role, 0, len(f["roles"]))
		for _, r := range f["roles"] {
			roles = append(roles, account.Role(r))
		}
		_, err = s.cfg.Accounts.SetRoles(q.ctx(), q.actor, id, roles)
	case "password":
		err = s.cfg.Accounts.SetPassword(q.ctx(), q.actor, id, f.Get("password"), false)
	case "totp":
		err = s.cfg.Accounts.ResetTOTP(q.ctx(), q.actor, id)
	case "unlock":
		var n int
		n, err = s.cfg.Accounts.Unlock(q.ctx(), q.actor, id)
		act += "&n=" + strconv.Itoa(n)
	case "activate", "deactivate":
		_, err = s.cfg.Accounts.SetActive(q.ctx(), q.actor, id, act == "activate")
	default:
		err = fault.Field("act", "one_of", "act", "roles, password, totp, unlock, activate, deactivate")
	}
	return s.afterForm(q, err, "/admin/users/"+strconv.FormatInt(id, 10)+"?done=user."+act, func(msg string) error {
		d.Error, d.Form = msg, f
		return q.render(statusOf(err), "user", d.User.Name, d)
	})
}

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// The administrators' pages: units, users and categories, each a list with
// a form to add one. The services hold who may (三员分立): a system
// administrator keeps units, users and categories; others are refused.

var (
	unitLevels = []unit.Level{unit.Province, unit.City, unit.District, unit.Township}
	unitKinds  = []unit.Kind{unit.Region, unit.TownshipK, unit.Department, unit.Vertical}
	unitCaps   = []unit.Capability{unit.Federation, unit.Office, unit.CityOffice, unit.Hotline, unit.Discipline}
)

type unitsData struct {
	Units  []unit.Unit
	Form   url.Values
	Error  string
	Levels []unit.Level
	Kinds  []unit.Kind
	Caps   []unit.Capability
}

// Depth is how deep u lies in the tree, for indenting the list.
func (unitsData) Depth(u unit.Unit) int { return strings.Count(u.Path, "/") - 2 }

func (s *Server) unitsData(q *req, form url.Values) (*unitsData, error) {
	root := int64(0)
	if v := q.r.URL.Query().Get("root"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return nil, fault.Field("root", "bad_id", "root")
		}
		root = n
	}
	us, err := s.cfg.Units.List(q.ctx(), q.actor, root)
	if err != nil {
		return nil, err
	}
	return &unitsData{Units: us, Form: form, Levels: unitLevels, Kinds: unitKinds, Caps: unitCaps}, nil
}

func (s *Server) unitsPage(q *req) error {
	if !q.actor.Has(account.SysAdmin) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	d, err := s.unitsData(q, url.Values{})
	if err != nil {
		return err
	}
	return q.render(http.StatusOK, "units", q.lang.T("menu.units"), d)
}

func (s *Server) createUnit(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	u := &unit.Unit{Name: f.Get("name"), Code: f.Get("code"), Level: unit.Level(f.Get("level")), Kind: unit.Kind(f.Get("kind")),
		Assessed: f.Get("assessed") != ""}
	for _, c := range f["capabilities"] {
		u.Capabilities = append(u.Capabilities, unit.Capability(c))
	}
	var err error
	if u.ParentID, err = formID(f, "parent_id"); err == nil {
		err = s.cfg.Units.Create(q.ctx(), q.actor, u)
	}
	return s.afterForm(q, err, "/admin/units?done=unit", func(msg string) error {
		d, derr := s.unitsData(q, f)
		if derr != nil {
			return derr
		}
		d.Error = msg
		return q.render(statusOf(err), "units", q.lang.T("menu.units"), d)
	})
}

type usersData struct {
	Users []account.User
	Units map[int64]string
	Roles []account.Role
	Form  url.Values
	Error string
}

func (s *Server) usersData(q *req, form url.Values) (*usersData, error) {
	us, err := s.cfg.Accounts.List(q.ctx(), q.actor)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(us))
	for i, u := range us {
		ids[i] = u.UnitID
	}
	if err := q.lookUnits(ids...); err != nil {
		return nil, err
	}
	return &usersData{Users: us, Roles: account.Roles, Form: form}, nil
}

func (s *Server) usersPage(q *req) error {
	d, err := s.usersData(q, url.Values{})
	if err != nil {
		return err
	}
	return q.render(http.StatusOK, "users", q.lang.T("menu.users"), d)
}

func (s *Server) createUser(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	u := &account.User{Username: f.Get("username"), Name: f.Get("name"), Phone: f.Get("phone"), Email: f.Get("email")}
	for _, r := range f["roles"] {
		u.Roles = append(u.Roles, account.Role(r))
	}
	var err error
	if u.UnitID, err = formID(f, "unit_id"); err == nil {
		err = s.cfg.Accounts.CreateBy(q.ctx(), q.actor, u)
	}
	return s.afterForm(q, err, "/admin/users?done=user", func(msg string) error {
		d, derr := s.usersData(q, f)
		if derr != nil {
			return derr
		}
		d.Error = msg
		return q.render(statusOf(err), "users", q.lang.T("menu.users"), d)
	})
}

type categoriesData struct {
	Categories []appeal.Category
	Form       url.Values
	Error      string
}

func (s *Server) categoriesPage(q *req) error {
	cs, err := s.cfg.Appeals.Categories(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	return q.render(http.StatusOK, "categories", q.lang.T("menu.categories"), categoriesData{Categories: cs, Form: url.Values{}})
}

func (s *Server) createCategory(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	err := s.cfg.Appeals.CreateCategory(q.ctx(), q.actor, &appeal.Category{Code: f.Get("code"), Name: f.Get("name")})
	return s.afterForm(q, err, "/admin/categories?done=category", func(msg string) error {
		cs, cerr := s.cfg.Appeals.Categories(q.ctx(), q.actor)
		if cerr != nil {
			return cerr
		}
		return q.render(statusOf(err), "categories", q.lang.T("menu.categories"),
			categoriesData{Categories: cs, Form: f, Error: msg})
	})
}

// afterForm finishes a form: on success the browser goes to done; refused
// with a message the person can act on, again renders the form with it.
func (s *Server) afterForm(q *req, err error, done string, again func(msg string) error) error {
	if err == nil {
		return q.redirect(done)
	}
	if msg, ok := q.shown(err); ok && !fault.Is(err, fault.Forbidden) {
		return again(msg)
	}
	return err
}

// formID reads an optional id field of a form.
func formID(f url.Values, name string) (int64, error) {
	v := strings.TrimSpace(f.Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, fault.Field(name, "bad_id", name)
	}
	return n, nil
}

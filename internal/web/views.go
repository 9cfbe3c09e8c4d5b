package web

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/industry"
	"zhitong/internal/report"
	"zhitong/internal/unit"
)

// view is what every template receives: the language, who is asking, the
// menu, and the page's own data.
type view struct {
	L     lang
	Title string
	Actor *account.Actor
	Menu  []menuItem
	Path  string
	Query string
	Flash string // the key of what a form just did (?done=), shown once
	Data  any
	Names map[int64]string // the names of the units the page shows
	// Portal says the page is the portal's: its layout, and the enterprise
	// account (if one signed in) as Actor.
	Portal bool
	Now    time.Time // the moment the page's clocks are read at
}

// Clock is where task t stands against its deadline as the page is drawn.
func (v *view) Clock(t appeal.Task) appeal.Due { return t.Clock(v.Now) }

// Company is the enterprise account signed in on the portal, or nil.
func (v *view) Company() *account.Actor {
	if v.Portal && v.Actor != nil && v.Actor.IsEnterprise() {
		return v.Actor
	}
	return nil
}

// Unit is the name of unit id, as the page looked it up.
func (v *view) Unit(id int64) string {
	if n, ok := v.Names[id]; ok {
		return n
	}
	if id == 0 {
		return ""
	}
	return fmt.Sprintf("#%d", id)
}

// table is what the table partials receive: the page's view, its rows, and
// whether rows can be selected for a batch action.
type table struct {
	R      *view
	Items  any
	Select bool
	// Sort is the order of the registration time's column ("asc" or
	// "desc") and SortHref the link that turns it round; none: not sortable.
	Sort, SortHref string
}

// actFormView is what the action form partial receives.
type actFormView struct {
	R        *view
	F        *actForm
	AppealID int64
}

// pager is what the pager partial receives.
type pager struct {
	R           *view
	Total       int
	Capped      bool
	First, Next string
}

// views holds one template set per page: the layouts and partials with the
// page's file, which defines "page" (choosing its layout) and "content".
type views struct {
	sets map[string]*template.Template
}

var funcs = template.FuncMap{
	"join": strings.Join,
	"indent": func(n int) string {
		if n <= 0 {
			return ""
		}
		return strings.Repeat("\u3000", n)
	},
	"add":  func(a, b int) int { return a + b },
	"eq64": func(a, b int64) bool { return a == b },
	"str":  func(v any) string { return fmt.Sprint(v) },
	// The monthly report's breakdowns (monthly.go).
	"channel":  func(s string) appeal.Channel { return appeal.Channel(s) },
	"route":    func(s string) appeal.Route { return appeal.Route(s) },
	"parts":    monthlyParts,
	"rowname":  namedKey,
	"list":     func(xs ...string) []string { return xs },
	"kind":     func(l lang, k unit.Kind) string { return l.T(kindKey[k]) },
	"industry": industryLabel,  // registry_list.go
	"section":  sectionName,    // coverage.go
	"label":    industry.Label, // a section's or a division's code and name
	"share":    func(part, whole int) string { return report.RateOf(part, whole).String() },
	// tasksof is the worklist of the tasks behind a unit's figure.
	"tasksof": func(from, to string, unitID int64, figure string) string {
		return "/tasks?" + url.Values{"unit_id": {strconv.FormatInt(unitID, 10)}, "from": {from}, "to": {to}, "figure": {figure}}.Encode()
	},
	"dict": func(r *view, items any) table { return table{R: r, Items: items} },
	"sel":  func(r *view, items any) table { return table{R: r, Items: items, Select: true} },
	"sorted": func(r *view, items any, sort, href string) table {
		return table{R: r, Items: items, Sort: sort, SortHref: href}
	},
	"pg": func(r *view, p pager) pager { p.R = r; return p },
	"actf": func(r *view, f actForm, appealID int64) actFormView {
		return actFormView{R: r, F: &f, AppealID: appealID}
	},
	"has": func(v url.Values, key, val string) bool { return slices.Contains(strings.Split(v.Get(key), ","), val) },
	// in reports whether a form's field of many values (checkboxes) holds val.
	"in":    func(v url.Values, key, val string) bool { return slices.Contains(v[key], val) },
	"reach": reachOf, // policies.go
}

func parseViews() (*views, error) {
	shared, err := fs.Glob(files, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(files, "templates/[a-z]*.html")
	if err != nil {
		return nil, err
	}
	v := &views{sets: map[string]*template.Template{}}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(files, append(append([]string{}, shared...), p)...)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", p, err)
		}
		v.sets[name] = t
	}
	return v, nil
}

func (v *views) render(w io.Writer, name string, data *view) error {
	t, ok := v.sets[name]
	if !ok {
		return fmt.Errorf("web: no template %s", name)
	}
	if err := t.ExecuteTemplate(w, "page", data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	return nil
}

// Names lists the pages' templates, for the test that renders them all.
func (v *views) names() []string {
	out := make([]string, 0, len(v.sets))
	for n := range v.sets {
		out = append(out, n)
	}
	return out
}

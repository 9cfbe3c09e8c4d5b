package web

import (
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/chart"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

// The leaders' dashboard (领导驾驶舱): the month's headline figures and its
// charts, drawn on the server as SVG (nothing is fetched at run time). A
// wall screen shows it signed in with a display token, which an officer
// types once on the screen: it is kept in an HttpOnly cookie of its own,
// never in a URL, and reaches this page only.

// screenCookie holds a wall screen's display token.
const screenCookie = "zt_screen"

// admitScreen admits a wall screen by its cookie: ok is false when there
// is none, so that an officer's session is tried.
func (s *Server) admitScreen(q *req) (bool, error) {
	c, err := q.r.Cookie(screenCookie)
	if err != nil || c.Value == "" {
		return false, nil
	}
	actor, err := s.cfg.Accounts.Authenticate(q.ctx(), c.Value)
	if err != nil || !actor.Display {
		// A revoked or expired token: the screen must be set up again.
		http.SetCookie(q.w, &http.Cookie{Name: screenCookie, Path: "/", MaxAge: -1, HttpOnly: true})
		return true, fault.E(fault.Unauthenticated, "screen.token")
	}
	q.actor = actor
	return true, nil
}

// screenOn keeps a display token in this browser's cookie, once it proves
// to be one.
func (s *Server) screenOn(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	secret := strings.TrimSpace(q.r.PostForm.Get("token"))
	actor, err := s.cfg.Accounts.Authenticate(q.ctx(), secret)
	if err != nil || !actor.Display {
		return fault.Field("token", "screen.token")
	}
	http.SetCookie(q.w, &http.Cookie{Name: screenCookie, Value: secret, Path: "/", MaxAge: 400 * 24 * 3600,
		HttpOnly: true, Secure: s.cfg.BehindTLS || q.r.TLS != nil, SameSite: http.SameSiteStrictMode})
	return q.redirect("/dashboard")
}

// screenOff forgets the display token of this browser.
func (s *Server) screenOff(q *req) error {
	http.SetCookie(q.w, &http.Cookie{Name: screenCookie, Path: "/", MaxAge: -1, HttpOnly: true})
	return q.redirect("/login")
}

// kpi is one headline figure.
type kpi struct {
	Key, Value string
	Danger     bool
}

type dashboardData struct {
	From, To string
	Screen   bool // a wall screen: refreshed, no forms
	KPIs     []kpi
	Charts   []dashChart
}

type dashChart struct {
	Title string
	SVG   template.HTML
	Wide  bool
}

func (s *Server) dashboardPage(q *req) error {
	// The last 30 days, today included: early in a month, the month alone
	// would show a leader almost nothing.
	now := s.cfg.Appeals.Now().In(appeal.CST)
	to := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, appeal.CST)
	from := to.AddDate(0, 0, -29)
	m, err := s.cfg.Reports.Monthly(q.ctx(), q.actor, from, to, 0)
	if err != nil {
		return err
	}
	trend, err := s.cfg.Reports.Trend(q.ctx(), q.actor, from, to, 0)
	if err != nil {
		return err
	}
	l := q.lang
	d := dashboardData{From: m.From, To: m.To, Screen: q.actor.Display}
	d.KPIs = []kpi{
		{Key: "db.received", Value: l.Num(m.Total.Received)},
		{Key: "db.closed", Value: l.Num(m.Total.Closed)},
		{Key: "db.satisfaction", Value: m.Total.Satisfaction.String()},
		{Key: "db.response", Value: m.Tasks.Response.String()},
		{Key: "db.on_time", Value: m.Tasks.OnTime.String()},
		{Key: "db.overdue", Value: l.Num(m.Tasks.OpenOverdue), Danger: m.Tasks.OpenOverdue > 0},
		{Key: "db.supervised", Value: l.Num(m.Tasks.Supervised)},
	}
	// 不漏一企: the shares of the district's entities visited in the last 90
	// days and linked to a liaison cadre.
	if s.cfg.Visits != nil && len(q.actor.Districts) > 0 {
		c, err := s.cfg.Visits.Coverage(q.ctx(), q.actor, q.actor.Districts[0], 90)
		if err != nil {
			return err
		}
		d.KPIs = append(d.KPIs, kpi{Key: "db.coverage", Value: report.RateOf(c.Total.Visited, c.Total.Enterprises).String()},
			kpi{Key: "db.with_cadre", Value: report.RateOf(c.Total.WithCadre, c.Total.Enterprises).String()})
	}
	o := chart.Options{Empty: l.T("db.empty"), TotalLabel: l.T("db.total")}
	pct := o
	pct.Percent = true
	wide := o // the full width of the page: drawn wider, so that its text is not enlarged
	wide.Width, wide.Height = 1200, 320
	var days []chart.Point
	for _, day := range trend {
		days = append(days, chart.Point{Label: day.Date[5:], Value: float64(day.N)})
	}
	var received, closed []chart.Point
	for _, c := range m.ByChannel {
		received = append(received, chart.Point{Label: l.Channel(appeal.Channel(c.Key)), Value: float64(c.Received)})
		closed = append(closed, chart.Point{Label: l.Channel(appeal.Channel(c.Key)), Value: float64(c.Closed)})
	}
	named := func(table string, rows []report.NamedRow, limit int) []chart.Point {
		var ps []chart.Point
		for _, r := range rows {
			if r.Received > 0 && len(ps) < limit {
				ps = append(ps, chart.Point{Label: namedKey(l, table, r), Value: float64(r.Received)})
			}
		}
		return ps
	}
	var byRoute []chart.Point
	for _, r := range m.ByRoute {
		if t, ok := r.Satisfaction.Tenths(); ok {
			byRoute = append(byRoute, chart.Point{Label: l.Route(appeal.Route(r.Key)), Value: float64(t) / 1000})
		}
	}
	// The units the leader should look at: the lowest on-time rates.
	units := slices.Clone(m.Units)
	slices.SortStableFunc(units, func(a, b report.UnitRow) int {
		ta, oka := a.OnTimeRate.Tenths()
		tb, okb := b.OnTimeRate.Tenths()
		switch {
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		case ta != tb:
			return ta - tb
		}
		return b.Overdue - a.Overdue
	})
	var lowest, overdue []chart.Point
	for _, u := range units {
		if t, ok := u.OnTimeRate.Tenths(); ok && len(lowest) < 10 {
			lowest = append(lowest, chart.Point{Label: u.Name, Value: float64(t) / 1000})
		}
	}
	slices.SortStableFunc(units, func(a, b report.UnitRow) int { return b.OpenOverdue - a.OpenOverdue })
	for _, u := range units {
		if u.OpenOverdue > 0 && len(overdue) < 10 {
			overdue = append(overdue, chart.Point{Label: u.Name, Value: float64(u.OpenOverdue)})
		}
	}
	d.Charts = []dashChart{
		{Title: l.T("db.trend"), SVG: chart.Line(l.T("db.trend"), []chart.Series{{Name: l.T("db.received"), Points: days}}, wide), Wide: true},
		{Title: l.T("db.channels"), SVG: chart.Columns(l.T("db.channels"), []chart.Series{{Name: l.T("db.received"), Points: received},
			{Name: l.T("db.closed"), Points: closed}}, wide), Wide: true},
		{Title: l.T("rp.by_category"), SVG: chart.Bars(l.T("rp.by_category"), named("rp.by_category", m.ByCategory, 10), o)},
		{Title: l.T("rp.by_township"), SVG: chart.Bars(l.T("rp.by_township"), named("rp.by_township", m.ByTownship, 12), o)},
		{Title: l.T("db.by_route"), SVG: chart.Bars(l.T("db.by_route"), byRoute, pct)},
		{Title: l.T("rp.by_type"), SVG: chart.Donut(l.T("rp.by_type"), named("rp.by_type", m.ByType, 5), o)},
		{Title: l.T("db.lowest"), SVG: chart.Bars(l.T("db.lowest"), lowest, pct)},
		{Title: l.T("db.overdue_units"), SVG: chart.Bars(l.T("db.overdue_units"), overdue, o)},
	}
	return q.render(http.StatusOK, "dashboard", l.T("menu.dashboard"), d)
}

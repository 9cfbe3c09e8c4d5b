package web

import (
	"net/http"
	"net/url"
	"strconv"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/calendar"
	"zhitong/internal/deadline"
	"zhitong/internal/fault"
)

// The calendar page: the years of the working-day calendar and what wants
// attention, read by every officer; loading, correcting and confirming a
// year, and the deadline policy, by the system administrator.

// maxCalendarFile bounds an uploaded schedule: a year lists some forty days.
const maxCalendarFile = 256 << 10

type calendarData struct {
	Years  []deadline.YearInfo
	Gaps   []calendar.Gap
	Policy appeal.Policy
	Admin  bool
	Form   url.Values
	Error  string
}

func (s *Server) calendarPage(q *req) error {
	return s.renderCalendar(q, http.StatusOK, url.Values{}, "")
}

func (s *Server) renderCalendar(q *req, status int, form url.Values, msg string) error {
	d := s.cfg.Deadlines
	years, err := d.Years(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	data := calendarData{Years: years, Gaps: d.Calendar().Gaps(d.Now()), Policy: d.Policy(),
		Admin: q.actor.Has(account.SysAdmin), Form: form, Error: msg}
	return q.render(status, "calendar", q.lang.T("menu.calendar"), data)
}

// loadYear takes a year's schedule uploaded as a file.
func (s *Server) loadYear(q *req) error {
	if err := deadline.MayAdminister(q.actor); err != nil {
		return err
	}
	data, err := q.uploaded(maxCalendarFile, fault.Field("file", "calendar.file"), nil)
	form := url.Values{"note": {q.r.FormValue("note")}, "provisional": {q.r.FormValue("provisional")}}
	if err == nil {
		_, err = s.cfg.Deadlines.LoadYear(q.ctx(), q.actor, data, form.Get("provisional") != "", form.Get("note"))
	}
	return s.afterForm(q, err, "/admin/calendar?done=calendar", func(msg string) error {
		return s.renderCalendar(q, statusOf(err), form, msg)
	})
}

// confirmYear marks a provisional year checked.
func (s *Server) confirmYear(q *req) error {
	year, err := strconv.Atoi(q.r.PathValue("year"))
	if err != nil {
		return fault.NotFoundOf("noun.year")
	}
	_, err = s.cfg.Deadlines.ConfirmYear(q.ctx(), q.actor, year, q.r.FormValue("note"))
	return s.afterForm(q, err, "/admin/calendar?done=confirmed", func(msg string) error {
		return s.renderCalendar(q, statusOf(err), url.Values{}, msg)
	})
}

// setPolicy sets the working days each stage is given.
func (s *Server) setPolicy(q *req) error {
	if err := deadline.MayAdminister(q.actor); err != nil {
		return err
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	p := s.cfg.Deadlines.Policy()
	var err error
	for _, field := range []struct {
		name string
		to   *int
	}{{"accept_days", &p.AcceptDays}, {"consult_days", &p.ConsultDays}, {"other_days", &p.OtherDays}} {
		n, cerr := strconv.Atoi(f.Get(field.name))
		if cerr != nil {
			err = fault.Field(field.name, "deadline.days", 1, deadline.MaxDays)
			break
		}
		*field.to = n
	}
	if err == nil {
		_, err = s.cfg.Deadlines.SetPolicy(q.ctx(), q.actor, p)
	}
	return s.afterForm(q, err, "/admin/calendar?done=policy", func(msg string) error {
		return s.renderCalendar(q, statusOf(err), f, msg)
	})
}

package api

import (
	"net/http"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/calendar"
	"zhitong/internal/deadline"
	"zhitong/internal/fault"
)

// The working-day calendar and the deadline policy, as the administrators
// keep them (package deadline).

// CalendarDay is one listed day of a year's schedule.
type CalendarDay struct {
	Date string `json:"date" doc:"YYYY-MM-DD"`
	Name string `json:"name" doc:"the holiday it belongs to, e.g. 春节"`
	Off  bool   `json:"off" doc:"true: a day off (may be a weekday); false: a weekend day made a working day (调休)"`
}

// CalendarYear is one year of the calendar in force.
type CalendarYear struct {
	Year         int           `json:"year"`
	Provisional  bool          `json:"provisional" doc:"not yet checked against the State Council's notice"`
	Loaded       bool          `json:"loaded" doc:"loaded or corrected by an administrator; else built in"`
	OffDays      int           `json:"off_days"`
	AdjustedDays int           `json:"adjusted_days" doc:"weekend days made working days"`
	Note         string        `json:"note,omitempty"`
	UpdatedAt    Time          `json:"updated_at,omitzero"`
	Days         []CalendarDay `json:"days"`
}

// CalendarGap is a year that wants an administrator's attention.
type CalendarGap struct {
	Year        int  `json:"year"`
	Provisional bool `json:"provisional" doc:"true: loaded but unchecked; false: missing, counted Monday to Friday"`
}

// Calendar is the calendar in force and what is missing from it.
type Calendar struct {
	Years []CalendarYear `json:"years"`
	Gaps  []CalendarGap  `json:"gaps" doc:"from November, next year's schedule if missing or provisional; this year's likewise"`
}

// CalendarLoad is a year's schedule to put in place of the calendar's.
type CalendarLoad struct {
	Papers      []string      `json:"papers,omitempty" doc:"the State Council notices it follows"`
	Days        []CalendarDay `json:"days"`
	Provisional bool          `json:"provisional,omitempty"`
	Note        string        `json:"note,omitempty"`
}

// CalendarConfirm confirms a provisional year.
type CalendarConfirm struct {
	Note string `json:"note,omitempty" doc:"the notice it was checked against"`
}

// DeadlinePolicy is how many working days each stage is given.
type DeadlinePolicy struct {
	AcceptDays  int           `json:"accept_days" doc:"to accept a task (签收)"`
	ConsultDays int           `json:"consult_days" doc:"to answer a consultation"`
	OtherDays   int           `json:"other_days" doc:"to answer any other appeal"`
	Categories  map[int64]int `json:"categories" doc:"category id → working days to answer, for categories with their own time"`
}

func (s *server) calendarRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/calendar", name: "getCalendar", tag: "deadlines",
			summary: "The working-day calendar in force, year by year, and the years that want attention",
			access:  Read, status: http.StatusOK, response: typeOf[Calendar](), handle: s.getCalendar},
		{method: "PUT", pattern: "/api/v1/calendar/{year}", name: "loadCalendarYear", tag: "deadlines",
			summary: "Load or correct a year's schedule (system administrators); open deadlines are counted again",
			access:  Write, status: http.StatusOK, body: typeOf[CalendarLoad](), response: typeOf[CalendarYear](), handle: s.loadCalendarYear},
		{method: "POST", pattern: "/api/v1/calendar/{year}/confirm", name: "confirmCalendarYear", tag: "deadlines",
			summary: "Mark a provisional year as checked against the State Council's notice (system administrators)",
			access:  Write, status: http.StatusOK, body: typeOf[CalendarConfirm](), optional: true, response: typeOf[CalendarYear](), handle: s.confirmCalendarYear},
		{method: "GET", pattern: "/api/v1/deadline-policy", name: "getDeadlinePolicy", tag: "deadlines",
			summary: "The working days each stage is given",
			access:  Read, status: http.StatusOK, response: typeOf[DeadlinePolicy](), handle: s.getDeadlinePolicy},
		{method: "PUT", pattern: "/api/v1/deadline-policy", name: "setDeadlinePolicy", tag: "deadlines",
			summary: "Set the working days each stage is given (system administrators); tasks assigned from now on count them",
			access:  Write, status: http.StatusOK, body: typeOf[DeadlinePolicy](), response: typeOf[DeadlinePolicy](), handle: s.setDeadlinePolicy},
	}
}

func (s *server) getCalendar(c *call) error {
	d := s.cfg.Deadlines
	years, err := d.Years(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	out := Calendar{Years: make([]CalendarYear, len(years)), Gaps: []CalendarGap{}}
	for i := range years {
		out.Years[i] = yearView(&years[i])
	}
	for _, g := range d.Calendar().Gaps(d.Now()) {
		out.Gaps = append(out.Gaps, CalendarGap{Year: g.Year, Provisional: g.Provisional})
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) loadCalendarYear(c *call) error {
	year, err := pathYear(c.r)
	if err != nil {
		return err
	}
	var b CalendarLoad
	if err := c.decode(&b); err != nil {
		return err
	}
	y := calendar.Year{Year: year, Papers: b.Papers, Days: make([]calendar.Day, len(b.Days))}
	for i, d := range b.Days {
		y.Days[i] = calendar.Day{Date: d.Date, Name: d.Name, Off: d.Off}
	}
	info, err := s.cfg.Deadlines.LoadYear(c.ctx(), c.actor, y.JSON(), b.Provisional, b.Note)
	if err != nil {
		return err
	}
	return s.replyYear(c, info.Year)
}

func (s *server) confirmCalendarYear(c *call) error {
	year, err := pathYear(c.r)
	if err != nil {
		return err
	}
	var b CalendarConfirm
	if err := c.decode(&b); err != nil {
		return err
	}
	if _, err := s.cfg.Deadlines.ConfirmYear(c.ctx(), c.actor, year, b.Note); err != nil {
		return err
	}
	return s.replyYear(c, year)
}

// replyYear answers year as getCalendar shows it.
func (s *server) replyYear(c *call, year int) error {
	years, err := s.cfg.Deadlines.Years(c.ctx(), c.actor)
	if err != nil {
		return err
	}
	for i := range years {
		if years[i].Year == year {
			return c.reply(http.StatusOK, yearView(&years[i]))
		}
	}
	return fault.E(fault.NotFound, "calendar.no_year", year)
}

func yearView(y *deadline.YearInfo) CalendarYear {
	v := CalendarYear{Year: y.Year, Provisional: y.Provisional, Loaded: y.Loaded, OffDays: y.OffDays,
		AdjustedDays: y.WorkDays, Note: y.Note, UpdatedAt: at(y.UpdatedAt), Days: make([]CalendarDay, len(y.Days))}
	for j, day := range y.Days {
		v.Days[j] = CalendarDay{Date: day.Date, Name: day.Name, Off: day.Off}
	}
	return v
}

// pathYear reads {year}.
func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
		return 0, fault.Field("year", "calendar.year", y, calendar.MinYear, calendar.MaxYear)
	}
	return y, nil
}

func (s *server) getDeadlinePolicy(c *call) error {
	if err := deadline.MayRead(c.actor); err != nil {
		return err
	}
	return c.reply(http.StatusOK, deadlinePolicyView(s.cfg.Deadlines.Policy()))
}

func (s *server) setDeadlinePolicy(c *call) error {
	var b DeadlinePolicy
	if err := c.decode(&b); err != nil {
		return err
	}
	p, err := s.cfg.Deadlines.SetPolicy(c.ctx(), c.actor, appeal.Policy{AcceptDays: b.AcceptDays, ConsultDays: b.ConsultDays,
		OtherDays: b.OtherDays, Categories: b.Categories})
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, deadlinePolicyView(p))
}

func deadlinePolicyView(p appeal.Policy) DeadlinePolicy {
	v := DeadlinePolicy{AcceptDays: p.AcceptDays, ConsultDays: p.ConsultDays, OtherDays: p.OtherDays, Categories: map[int64]int{}}
	for id, n := range p.Categories {
		v.Categories[id] = n
	}
	return v
}

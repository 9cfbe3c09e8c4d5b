package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/outreach"
	"zhitong/internal/unit"
)

// The events pages: a district's campaigns with their progress and its
// events (open days, symposiums, on-the-spot office meetings), the forms
// that record them, and one event with the appeals collected there.

type eventsData struct {
	District  int64
	Campaigns []outreach.Progress
	Events    []outreach.Event
	Organize  bool        // the caller records events: the forms are shown
	Units     []unit.Unit // the district's units to host or take part
	Kinds     []outreach.EventKind
	Types     []appeal.Type
	Campaign  int64      // the events listed are this campaign's
	Form      url.Values // the form as sent, after a refusal
	Which     string     // which form was refused: event or campaign
	Today     string
	Error     string
}

func (s *Server) eventsPage(q *req) error { return s.renderEvents(q, http.StatusOK, "", nil, "") }

// renderEvents renders the events page with the form which as sent and
// its refusal msg, if any.
func (s *Server) renderEvents(q *req, status int, which string, form url.Values, msg string) error {
	if s.cfg.Visits == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	d := eventsData{Kinds: outreach.EventKinds, Types: appeal.Types, Form: form, Which: which, Error: msg,
		Today: s.cfg.Appeals.Now().In(appeal.CST).Format(time.DateOnly)}
	var err error
	if d.District, err = formID(q.r.URL.Query(), "district_id"); err != nil {
		return err
	}
	if d.Campaign, err = formID(q.r.URL.Query(), "campaign_id"); err != nil {
		return err
	}
	if d.District == 0 && len(q.actor.Districts) > 0 { // a city's office: its first district unless it asks
		d.District = q.actor.Districts[0]
	}
	if d.Campaigns, err = s.cfg.Visits.Campaigns(q.ctx(), q.actor, d.District); err != nil {
		return err
	}
	if d.Events, err = s.cfg.Visits.Events(q.ctx(), q.actor, outreach.EventFilter{DistrictID: d.District, CampaignID: d.Campaign, Limit: 200}); err != nil {
		return err
	}
	d.Organize = outreach.MayOrganize(q.actor)
	ids := []int64{d.District}
	if d.Organize {
		if d.Units, err = s.districtUnits(q, d.District); err != nil {
			return err
		}
		if d.Form == nil {
			d.Form = url.Values{"held_on": {d.Today}}
		}
	}
	for _, e := range d.Events {
		ids = append(ids, e.HostUnitID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(status, "events", q.lang.T("menu.events"), d)
}

// districtUnits are the active units of district that may host an event
// or take part: all but the district's government itself.
func (s *Server) districtUnits(q *req, district int64) ([]unit.Unit, error) {
	us, err := s.cfg.Units.List(q.ctx(), q.actor, district)
	if err != nil {
		return nil, err
	}
	var out []unit.Unit
	for _, u := range us {
		if u.Kind != unit.Region && u.Active && u.DistrictID == district {
			out = append(out, u)
		}
	}
	return out, nil
}

// formIDs reads every value of a form field as ids.
func formIDs(f url.Values, name string) ([]int64, error) {
	var out []int64
	for _, v := range f[name] {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '\n' }) {
			id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
			if err != nil || id <= 0 {
				return nil, fault.Field(name, "bad_id", name)
			}
			out = append(out, id)
		}
	}
	return out, nil
}

// recordEvent takes the event form of the events page, with the appeal
// collected there if its title is given.
func (s *Server) recordEvent(q *req) error {
	if s.cfg.Visits == nil || !outreach.MayOrganize(q.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	e := &outreach.Event{Kind: outreach.EventKind(f.Get("kind")), Title: f.Get("title"), Place: f.Get("place"), Leader: f.Get("leader"),
		Summary: f.Get("summary")}
	err := firstErr(
		func() (err error) { e.DistrictID, err = formID(f, "district_id"); return },
		func() (err error) { e.CampaignID, err = formID(f, "campaign_id"); return },
		func() (err error) { e.HostUnitID, err = formID(f, "host_unit_id"); return },
		func() (err error) { e.UnitIDs, err = formIDs(f, "unit_ids"); return },
		func() (err error) { e.EnterpriseIDs, err = formIDs(f, "enterprise_ids"); return },
		func() (err error) { e.HeldOn, err = formDay(f, "held_on"); return },
		func() error {
			if r := strings.TrimSpace(f.Get("representatives")); r != "" {
				n, err := strconv.Atoi(r)
				if err != nil {
					return fault.Field("representatives", "event.representatives", outreach.MaxRepresentatives)
				}
				e.Representatives = n
			}
			return nil
		},
		func() error { return s.cfg.Visits.RecordEvent(q.ctx(), q.actor, e, collectedOf(f)) })
	if err == nil {
		return q.redirect("/events/" + strconv.FormatInt(e.ID, 10) + "?done=event")
	}
	return s.refuseEvents(q, err, "event", f)
}

// collectedOf is the appeal the form collects, if its title or content is given.
func collectedOf(f url.Values) []outreach.Collected {
	if strings.TrimSpace(f.Get("a_title")) == "" && strings.TrimSpace(f.Get("a_content")) == "" {
		return nil
	}
	in := appeal.Intake{Type: appeal.Type(f.Get("a_type")), Title: f.Get("a_title"), Content: f.Get("a_content"),
		EnterpriseName: f.Get("a_enterprise"), ContactName: f.Get("a_contact"), ContactPhone: f.Get("a_phone")}
	in.EnterpriseID, _ = strconv.ParseInt(strings.TrimSpace(f.Get("a_enterprise_id")), 10, 64)
	return []outreach.Collected{{Intake: in, Instruction: f.Get("a_instruction")}}
}

// firstErr runs steps in order until one fails.
func firstErr(steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// refuseEvents shows the events page again with the refused form, or
// returns err when it is not for the form to show.
func (s *Server) refuseEvents(q *req, err error, which string, f url.Values) error {
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) || fault.Is(err, fault.NotFound) {
		return err
	}
	return s.renderEvents(q, statusOf(err), which, f, msg)
}

// createCampaign takes the campaign form of the events page.
func (s *Server) createCampaign(q *req) error {
	if s.cfg.Visits == nil || !outreach.MayOrganize(q.actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	c := &outreach.Campaign{Kind: outreach.EventKind(f.Get("kind")), Title: f.Get("title")}
	err := firstErr(
		func() (err error) { c.DistrictID, err = formID(f, "district_id"); return },
		func() (err error) { c.UnitIDs, err = formIDs(f, "unit_ids"); return },
		func() (err error) { c.StartsOn, err = formDay(f, "starts_on"); return },
		func() (err error) { c.EndsOn, err = formDay(f, "ends_on"); return },
		func() error { return s.cfg.Visits.CreateCampaign(q.ctx(), q.actor, c) })
	if err == nil {
		return q.redirect("/campaigns/" + strconv.FormatInt(c.ID, 10) + "?done=campaign")
	}
	return s.refuseEvents(q, err, "campaign", f)
}

// collectedRow is an appeal collected at an event, as far as the caller
// may read it.
type collectedRow struct {
	Link outreach.EventAppeal
	A    *appeal.Appeal // nil: not the caller's to read
}

type eventData struct {
	E       *outreach.Event
	Appeals []collectedRow
	Present []string // the names of the entities present
	Collect bool     // the caller may collect more appeals: the form is shown
	Types   []appeal.Type
	Form    url.Values
	Error   string
}

func (s *Server) eventPage(q *req) error { return s.renderEvent(q, http.StatusOK, nil, "") }

func (s *Server) renderEvent(q *req, status int, form url.Values, msg string) error {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 || s.cfg.Visits == nil {
		return fault.NotFoundOf("noun.event")
	}
	e, err := s.cfg.Visits.Event(q.ctx(), q.actor, id)
	if err != nil {
		return err
	}
	d := eventData{E: e, Types: appeal.Types, Form: form, Error: msg,
		Collect: outreach.MayOrganize(q.actor)}
	if d.Form == nil {
		d.Form = url.Values{}
	}
	for _, l := range e.Appeals {
		row := collectedRow{Link: l}
		if v, err := s.cfg.Appeals.Get(q.ctx(), q.actor, l.AppealID); err == nil {
			a := v.Appeal
			row.A = &a
		} else if !fault.Is(err, fault.NotFound) && !fault.Is(err, fault.Forbidden) {
			return err
		}
		d.Appeals = append(d.Appeals, row)
	}
	for _, eid := range e.EnterpriseIDs {
		if ent, err := s.cfg.Enterprises.Get(q.ctx(), q.actor, eid); err == nil {
			d.Present = append(d.Present, ent.Name)
		}
	}
	ids := append([]int64{e.DistrictID, e.HostUnitID}, e.UnitIDs...)
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(status, "event", e.Title, d)
}

// collectAtEvent takes the form of an event's page that registers an
// appeal collected there.
func (s *Server) collectAtEvent(q *req) error {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 || s.cfg.Visits == nil {
		return fault.NotFoundOf("noun.event")
	}
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	collected := collectedOf(f)
	if collected == nil {
		collected = []outreach.Collected{{Intake: appeal.Intake{Type: appeal.Type(f.Get("a_type"))}}} // refused as untitled
	}
	if _, err = s.cfg.Visits.Collect(q.ctx(), q.actor, id, collected); err == nil {
		return q.redirect("/events/" + strconv.FormatInt(id, 10) + "?done=collected")
	}
	msg, ok := q.shown(err)
	if !ok || fault.Is(err, fault.Forbidden) || fault.Is(err, fault.NotFound) {
		return err
	}
	return s.renderEvent(q, statusOf(err), f, msg)
}

type campaignData struct {
	P *outreach.Progress
}

func (s *Server) campaignPage(q *req) error {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 || s.cfg.Visits == nil {
		return fault.NotFoundOf("noun.campaign")
	}
	p, err := s.cfg.Visits.Campaign(q.ctx(), q.actor, id)
	if err != nil {
		return err
	}
	ids := []int64{p.Campaign.DistrictID}
	for _, u := range p.Units {
		ids = append(ids, u.UnitID)
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(http.StatusOK, "campaign", p.Campaign.Title, campaignData{P: p})
}

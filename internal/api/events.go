package api

import (
	"net/http"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/outreach"
)

// Events (open days, symposiums, on-the-spot office meetings) with the
// appeals collected there, and the campaigns that gather them (package
// outreach).

// CollectedAppeal is an appeal collected at an event: its channel and
// district are the event's.
type CollectedAppeal struct {
	Type           appeal.Type    `json:"type"`
	CategoryID     int64          `json:"category_id,omitempty"`
	Urgency        appeal.Urgency `json:"urgency,omitempty" doc:"normal unless given"`
	Title          string         `json:"title" doc:"at most 100 characters"`
	Content        string         `json:"content" doc:"at most 5000 characters"`
	EnterpriseID   int64          `json:"enterprise_id,omitempty" doc:"a registered entity of the event's district; its name and code are taken from the registry"`
	EnterpriseName string         `json:"enterprise_name,omitempty" doc:"the enterprise's name, when it is not registered"`
	CreditCode     string         `json:"credit_code,omitempty"`
	TerritoryID    int64          `json:"territory_id,omitempty" doc:"the township it concerns; the entity's unless given"`
	ContactName    string         `json:"contact_name,omitempty"`
	ContactPhone   string         `json:"contact_phone,omitempty"`
	Instruction    string         `json:"instruction,omitempty" doc:"the leader's instruction given on the spot (现场交办), at most 1000 characters; on the appeal's timeline"`
}

// NewEvent is the body of POST /api/v1/events.
type NewEvent struct {
	DistrictID      int64              `json:"district_id,omitempty" doc:"may be left out by whoever has one district"`
	CampaignID      int64              `json:"campaign_id,omitempty" doc:"the campaign it belongs to, of the same kind, held within its days"`
	Kind            outreach.EventKind `json:"kind" doc:"open_day (政府开放日), symposium (企业家座谈会) or onsite (现场办公会)"`
	Title           string             `json:"title" doc:"at most 100 characters"`
	HeldOn          string             `json:"held_on" doc:"the day, YYYY-MM-DD (China Standard Time), within the last year"`
	HostUnitID      int64              `json:"host_unit_id" doc:"the unit that held it"`
	Place           string             `json:"place,omitempty"`
	Leader          string             `json:"leader,omitempty" doc:"the leader who presided"`
	Representatives int                `json:"representatives,omitempty" doc:"enterprise representatives present"`
	Summary         string             `json:"summary,omitempty" doc:"at most 5000 characters"`
	UnitIDs         []int64            `json:"unit_ids,omitempty" doc:"the departments taking part besides the host"`
	EnterpriseIDs   []int64            `json:"enterprise_ids,omitempty" doc:"the registered entities present"`
	Appeals         []CollectedAppeal  `json:"appeals,omitempty" doc:"appeals collected there, at most 50; all registered with the event or none"`
}

// CollectedAppeals is the body of POST /api/v1/events/{id}/appeals.
type CollectedAppeals struct {
	Appeals []CollectedAppeal `json:"appeals" doc:"at least one, at most 50; all registered or none"`
}

// OutreachEvent is an event on record.
type OutreachEvent struct {
	ID              int64                  `json:"id"`
	DistrictID      int64                  `json:"district_id"`
	CampaignID      int64                  `json:"campaign_id,omitempty"`
	Kind            outreach.EventKind     `json:"kind"`
	Title           string                 `json:"title"`
	HeldOn          string                 `json:"held_on" doc:"YYYY-MM-DD"`
	HostUnitID      int64                  `json:"host_unit_id"`
	Place           string                 `json:"place"`
	Leader          string                 `json:"leader"`
	Representatives int                    `json:"representatives"`
	Summary         string                 `json:"summary"`
	UnitIDs         []int64                `json:"unit_ids"`
	EnterpriseIDs   []int64                `json:"enterprise_ids,omitempty" doc:"in the event itself, not in lists"`
	Appeals         []outreach.EventAppeal `json:"appeals,omitempty" doc:"in the event itself, not in lists"`
	AppealCount     int                    `json:"appeal_count"`
	CreatedBy       int64                  `json:"created_by"`
	CreatedAt       Time                   `json:"created_at"`
}

// OutreachEventList is a district's events, the latest held first.
type OutreachEventList struct {
	Items []OutreachEvent `json:"items"`
}

func outreachEventView(e *outreach.Event) OutreachEvent {
	v := OutreachEvent{ID: e.ID, DistrictID: e.DistrictID, CampaignID: e.CampaignID, Kind: e.Kind, Title: e.Title,
		HeldOn: e.HeldOn.In(appeal.CST).Format(dateLayout), HostUnitID: e.HostUnitID, Place: e.Place, Leader: e.Leader,
		Representatives: e.Representatives, Summary: e.Summary, UnitIDs: e.UnitIDs, EnterpriseIDs: e.EnterpriseIDs,
		Appeals: e.Appeals, AppealCount: max(e.AppealCount, len(e.Appeals)), CreatedBy: e.CreatedBy, CreatedAt: at(e.CreatedAt)}
	if v.UnitIDs == nil {
		v.UnitIDs = []int64{}
	}
	return v
}

// NewCampaign is the body of POST /api/v1/campaigns.
type NewCampaign struct {
	DistrictID int64              `json:"district_id,omitempty" doc:"may be left out by whoever has one district"`
	Kind       outreach.EventKind `json:"kind" doc:"the kind of its events: open_day, symposium or onsite"`
	Title      string             `json:"title" doc:"at most 100 characters"`
	StartsOn   string             `json:"starts_on" doc:"YYYY-MM-DD"`
	EndsOn     string             `json:"ends_on" doc:"YYYY-MM-DD, at most two years after starts_on"`
	UnitIDs    []int64            `json:"unit_ids" doc:"the departments due to hold an event, at most 500"`
}

// CampaignUnit is a department's part in a campaign.
type CampaignUnit struct {
	UnitID          int64  `json:"unit_id"`
	Done            bool   `json:"done" doc:"it has hosted an event of the campaign"`
	Events          int    `json:"events"`
	LastHeld        string `json:"last_held,omitempty" doc:"YYYY-MM-DD"`
	Representatives int    `json:"representatives"`
	Appeals         int    `json:"appeals"`
}

// CampaignProgress is a campaign and its progress as of today.
type CampaignProgress struct {
	ID              int64              `json:"id"`
	DistrictID      int64              `json:"district_id"`
	Kind            outreach.EventKind `json:"kind"`
	Title           string             `json:"title"`
	StartsOn        string             `json:"starts_on"`
	EndsOn          string             `json:"ends_on"`
	Done            int                `json:"done" doc:"departments that have held their event"`
	Total           int                `json:"total" doc:"departments listed"`
	Events          int                `json:"events" doc:"events held, those of departments not listed included"`
	Representatives int                `json:"representatives"`
	Appeals         int                `json:"appeals"`
	Units           []CampaignUnit     `json:"units" doc:"the departments listed, those not done first"`
}

// CampaignList is a district's campaigns, the latest started first.
type CampaignList struct {
	Items []CampaignProgress `json:"items"`
}

func campaignView(p *outreach.Progress) CampaignProgress {
	c := &p.Campaign
	v := CampaignProgress{ID: c.ID, DistrictID: c.DistrictID, Kind: c.Kind, Title: c.Title,
		StartsOn: c.StartsOn.In(appeal.CST).Format(dateLayout), EndsOn: c.EndsOn.In(appeal.CST).Format(dateLayout),
		Done: p.Done, Total: p.Total, Events: p.Events, Representatives: p.Representatives, Appeals: p.Appeals,
		Units: make([]CampaignUnit, len(p.Units))}
	for i, u := range p.Units {
		v.Units[i] = CampaignUnit{UnitID: u.UnitID, Done: u.Done, Events: u.Events, Representatives: u.Representatives, Appeals: u.Appeals}
		if !u.LastHeld.IsZero() {
			v.Units[i].LastHeld = u.LastHeld.In(appeal.CST).Format(dateLayout)
		}
	}
	return v
}

func (s *server) eventRoutes() []route {
	kind := enumParam("kind", "open_day, symposium or onsite", outreach.EventKinds)
	return []route{
		{method: "POST", pattern: "/api/v1/events", name: "recordEvent", tag: "registry",
			summary: "Record an event held — a government open day, an entrepreneur symposium or an on-the-spot office meeting — with its departments, the entities present and the appeals collected (each with the event's channel and the leader's instruction, if any), all in one transaction (the federation, the office)",
			access:  Write, status: http.StatusCreated, body: typeOf[NewEvent](), response: typeOf[OutreachEvent](), handle: s.recordEvent},
		{method: "GET", pattern: "/api/v1/events", name: "listEvents", tag: "registry",
			summary: "A district's events, the latest held first, each with its departments and the number of appeals collected",
			access:  Read, status: http.StatusOK, response: typeOf[OutreachEventList](),
			query: []param{idParam("district_id", "the district; may be left out by whoever has one"), idParam("campaign_id", "only the events of a campaign"),
				kind, dateParam("from", "held on or after this day"), dateParam("to", "held on or before this day")},
			handle: s.listEvents},
		{method: "GET", pattern: "/api/v1/events/{id}", name: "getEvent", tag: "registry",
			summary: "One event with its departments, the entities present and the appeals collected with their instructions",
			access:  Read, status: http.StatusOK, response: typeOf[OutreachEvent](), handle: s.getEvent},
		{method: "POST", pattern: "/api/v1/events/{id}/appeals", name: "collectAtEvent", tag: "registry",
			summary: "Register appeals collected at an event after it was recorded (现场交办 included), all or none",
			access:  Write, status: http.StatusCreated, body: typeOf[CollectedAppeals](), response: typeOf[OutreachEvent](), handle: s.collectAtEvent},
		{method: "POST", pattern: "/api/v1/campaigns", name: "createCampaign", tag: "registry",
			summary: "Start a campaign: the departments due to hold an event of one kind between two days, e.g. the year's government open days (the federation, the office)",
			access:  Write, status: http.StatusCreated, body: typeOf[NewCampaign](), response: typeOf[CampaignProgress](), handle: s.createCampaign},
		{method: "GET", pattern: "/api/v1/campaigns", name: "listCampaigns", tag: "registry",
			summary: "A district's campaigns with their progress as of today: how many of the departments listed have held their event",
			access:  Read, status: http.StatusOK, response: typeOf[CampaignList](),
			query: []param{idParam("district_id", "the district; may be left out by whoever has one")}, handle: s.listCampaigns},
		{method: "GET", pattern: "/api/v1/campaigns/{id}", name: "getCampaign", tag: "registry",
			summary: "One campaign's progress, department by department",
			access:  Read, status: http.StatusOK, response: typeOf[CampaignProgress](), handle: s.getCampaign},
	}
}

func (s *server) recordEvent(c *call) error {
	var b NewEvent
	if err := c.decode(&b); err != nil {
		return err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	e := &outreach.Event{DistrictID: b.DistrictID, CampaignID: b.CampaignID, Kind: b.Kind, Title: b.Title, HostUnitID: b.HostUnitID,
		Place: b.Place, Leader: b.Leader, Representatives: b.Representatives, Summary: b.Summary, UnitIDs: b.UnitIDs, EnterpriseIDs: b.EnterpriseIDs}
	if b.HeldOn != "" {
		if e.HeldOn, err = parseDay("held_on", b.HeldOn); err != nil {
			return err
		}
	}
	if err := svc.RecordEvent(c.ctx(), c.actor, e, collected(b.Appeals)); err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/events/"+strconv.FormatInt(e.ID, 10))
	return c.reply(http.StatusCreated, outreachEventView(e))
}

// collected are the registrations the bodies describe.
func collected(bs []CollectedAppeal) []outreach.Collected {
	out := make([]outreach.Collected, len(bs))
	for i, a := range bs {
		out[i] = outreach.Collected{Instruction: a.Instruction, Intake: appeal.Intake{Type: a.Type, CategoryID: a.CategoryID,
			Urgency: a.Urgency, Title: a.Title, Content: a.Content, EnterpriseID: a.EnterpriseID, EnterpriseName: a.EnterpriseName,
			CreditCode: a.CreditCode, TerritoryID: a.TerritoryID, ContactName: a.ContactName, ContactPhone: a.ContactPhone}}
	}
	return out
}

func (s *server) listEvents(c *call) error {
	f := outreach.EventFilter{DistrictID: c.q.id("district_id"), CampaignID: c.q.id("campaign_id"), Kind: outreach.EventKind(c.q.get("kind")),
		From: c.q.day("from")}
	if to := c.q.day("to"); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	if c.q.err != nil {
		return c.q.err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	es, err := svc.Events(c.ctx(), c.actor, f)
	if err != nil {
		return err
	}
	out := OutreachEventList{Items: make([]OutreachEvent, len(es))}
	for i := range es {
		out.Items[i] = outreachEventView(&es[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) getEvent(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	e, err := svc.Event(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, outreachEventView(e))
}

func (s *server) collectAtEvent(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b CollectedAppeals
	if err := c.decode(&b); err != nil {
		return err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	e, err := svc.Collect(c.ctx(), c.actor, id, collected(b.Appeals))
	if err != nil {
		return err
	}
	return c.reply(http.StatusCreated, outreachEventView(e))
}

func (s *server) createCampaign(c *call) error {
	var b NewCampaign
	if err := c.decode(&b); err != nil {
		return err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	cp := &outreach.Campaign{DistrictID: b.DistrictID, Kind: b.Kind, Title: b.Title, UnitIDs: b.UnitIDs}
	if b.StartsOn != "" {
		if cp.StartsOn, err = parseDay("starts_on", b.StartsOn); err != nil {
			return err
		}
	}
	if b.EndsOn != "" {
		if cp.EndsOn, err = parseDay("ends_on", b.EndsOn); err != nil {
			return err
		}
	}
	if err := svc.CreateCampaign(c.ctx(), c.actor, cp); err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/campaigns/"+strconv.FormatInt(cp.ID, 10))
	return c.reply(http.StatusCreated, campaignView(outreach.ProgressOf(cp, nil)))
}

func (s *server) listCampaigns(c *call) error {
	district := c.q.id("district_id")
	if c.q.err != nil {
		return c.q.err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	ps, err := svc.Campaigns(c.ctx(), c.actor, district)
	if err != nil {
		return err
	}
	out := CampaignList{Items: make([]CampaignProgress, len(ps))}
	for i := range ps {
		out.Items[i] = campaignView(&ps[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) getCampaign(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	svc, err := s.fieldVisits()
	if err != nil {
		return err
	}
	p, err := svc.Campaign(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, campaignView(p))
}

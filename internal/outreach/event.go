package outreach

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Events: government open days (政府开放日), entrepreneur symposiums
// (企业家座谈会) and a leader's on-the-spot office meetings (现场办公会),
// where departments meet enterprises and collect their appeals. An
// appeal collected at an event has the event's channel and may carry the
// instruction a leader gave on the spot (现场交办).

// EventKind is what sort of meeting an event was.
type EventKind string

// The kinds of event.
const (
	OpenDay   EventKind = "open_day"  // 政府开放日
	Symposium EventKind = "symposium" // 企业家座谈会
	OnSite    EventKind = "onsite"    // 现场办公会
)

// EventKinds lists every kind.
var EventKinds = []EventKind{OpenDay, Symposium, OnSite}

// Channel is the channel of the appeals collected at an event of kind k.
func (k EventKind) Channel() appeal.Channel {
	switch k {
	case OpenDay:
		return appeal.OpenDay
	case Symposium:
		return appeal.Symposium
	}
	return appeal.OnSite
}

// Event is one meeting with enterprises.
type Event struct {
	ID              int64
	DistrictID      int64
	CampaignID      int64 // 0 unless part of a campaign
	Kind            EventKind
	Title           string
	HeldOn          time.Time // the day, midnight in China Standard Time
	HostUnitID      int64     // the unit that held it (承办单位)
	Place           string
	Leader          string // the leader who presided, if any
	Representatives int    // enterprise representatives present (企业代表)
	Summary         string
	UnitIDs         []int64 // the departments taking part besides the host
	EnterpriseIDs   []int64 // the registered entities present
	CreatedBy       int64
	CreatedAt       time.Time
	Appeals         []EventAppeal // collected there, in the order filed
	AppealCount     int           // in lists, which leave Appeals out
}

// EventAppeal is an appeal collected at an event, with the instruction a
// leader gave on the spot.
type EventAppeal struct {
	AppealID    int64  `json:"appeal_id"`
	Instruction string `json:"instruction,omitempty"`
}

// Collected is an appeal to register at an event: the registration, and
// the leader's instruction on it (现场交办), if one was given.
type Collected struct {
	Intake      appeal.Intake
	Instruction string
}

// Limits on an event.
const (
	MaxTitle           = 100
	MaxPlace           = 100
	MaxLeader          = 100
	MaxSummary         = 5000
	MaxInstruction     = 1000
	MaxRepresentatives = 100000
	MaxEventUnits      = 200
	MaxPresent         = 2000 // entities named present at one event
	MaxCollected       = 50   // appeals collected in one request
)

// EventFilter selects the events of a district.
type EventFilter struct {
	DistrictID int64
	CampaignID int64     // 0: any
	Kind       EventKind // "": any
	From, To   time.Time // held on or after From and before To; zero: open
	Limit      int
}

// EventStore keeps events and campaigns.
type EventStore interface {
	// CreateEvent writes e with its departments and entities present, and
	// the appeals collected (each with its registration event), linked with
	// their instructions (their registration events' notes), in one
	// transaction, all or none.
	CreateEvent(ctx context.Context, e *Event, as []*appeal.Appeal, evs []*appeal.Event) error
	// AddEventAppeals registers appeals collected at event id and links them
	// with their instructions (their registration events' notes), in one
	// transaction.
	AddEventAppeals(ctx context.Context, id int64, as []*appeal.Appeal, evs []*appeal.Event) error
	// OutreachEvent reads one event with its departments, entities and appeals.
	OutreachEvent(ctx context.Context, id int64) (*Event, error)
	// OutreachEvents lists events the latest held first, with their
	// departments and the number of their appeals.
	OutreachEvents(ctx context.Context, f EventFilter) ([]Event, error)
	CampaignStore
}

// MayOrganize reports whether actor records events and campaigns: the
// federation and the office.
func MayOrganize(actor *account.Actor) bool {
	return actor.WritesAs(account.Federation, account.Office)
}

// mayReadEvents reports whether actor reads events: those who read reports.
func mayReadEvents(actor *account.Actor) bool {
	return actor != nil && !actor.IsEnterprise() && (actor.System || actor.HasAny(account.Federation, account.Office,
		account.Leader, account.CityOffice, account.Discipline))
}

// RecordEvent writes event e of actor's district, held already, with the
// appeals collected there, all in one transaction. Every appeal is checked
// as a registration is before anything is written.
func (s *Service) RecordEvent(ctx context.Context, actor *account.Actor, e *Event, collected []Collected) error {
	if !MayOrganize(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	var err error
	if e.DistrictID, err = districtOf(actor, e.DistrictID); err != nil {
		return err
	}
	if err := s.checkEvent(ctx, actor, e); err != nil {
		return err
	}
	as, evs, err := s.draftCollected(ctx, actor, e, collected)
	if err != nil {
		return err
	}
	e.CreatedBy, e.CreatedAt = actor.UserID, s.Now()
	if err := s.Store.CreateEvent(ctx, e, as, evs); err != nil {
		return err
	}
	e.Appeals = linked(as, collected)
	return nil
}

// Collect registers appeals collected at event id, after it was recorded.
func (s *Service) Collect(ctx context.Context, actor *account.Actor, id int64, collected []Collected) (*Event, error) {
	if !MayOrganize(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	e, err := s.Store.OutreachEvent(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.InDistrict(e.DistrictID) {
		return nil, fault.E(fault.NotFound, "not_found")
	}
	if len(collected) == 0 {
		return nil, fault.Field("appeals", "required", "appeals")
	}
	as, evs, err := s.draftCollected(ctx, actor, e, collected)
	if err != nil {
		return nil, err
	}
	if err := s.Store.AddEventAppeals(ctx, id, as, evs); err != nil {
		return nil, err
	}
	e.Appeals = append(e.Appeals, linked(as, collected)...)
	return e, nil
}

// linked pairs the registered appeals with their instructions.
func linked(as []*appeal.Appeal, collected []Collected) []EventAppeal {
	out := make([]EventAppeal, len(as))
	for i, a := range as {
		out[i] = EventAppeal{AppealID: a.ID, Instruction: collected[i].Instruction}
	}
	return out
}

// draftCollected checks the appeals collected at e — each given the
// event's channel and district — and drafts them; the leader's
// instruction goes on the registration's note, so that the timeline and
// the units handling it read it.
func (s *Service) draftCollected(ctx context.Context, actor *account.Actor, e *Event, collected []Collected) ([]*appeal.Appeal, []*appeal.Event, error) {
	if len(collected) > MaxCollected {
		return nil, nil, fault.Field("appeals", "event.too_many", MaxCollected)
	}
	ins := make([]appeal.Intake, len(collected))
	for i := range collected {
		c := &collected[i]
		c.Instruction = strings.TrimSpace(c.Instruction)
		if utf8.RuneCountInString(c.Instruction) > MaxInstruction {
			return nil, nil, fault.Field("instruction", "too_long", "instruction", MaxInstruction)
		}
		in := c.Intake
		in.Channel, in.DistrictID = e.Kind.Channel(), e.DistrictID
		if in.EnterpriseID > 0 {
			ent, err := s.Enterprises.Get(ctx, actor, in.EnterpriseID)
			if err != nil {
				return nil, nil, err
			}
			if ent.DistrictID != e.DistrictID {
				return nil, nil, fault.Field("enterprise_id", "event.enterprise", in.EnterpriseID)
			}
			in.EnterpriseName, in.CreditCode = ent.Name, ent.CreditCode
			if in.TerritoryID == 0 {
				in.TerritoryID = ent.TerritoryID
			}
		}
		ins[i] = in
	}
	drafts, errs, err := s.Appeals.DraftAll(ctx, actor, ins)
	if err != nil {
		return nil, nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	as, evs := make([]*appeal.Appeal, len(drafts)), make([]*appeal.Event, len(drafts))
	for i, d := range drafts {
		as[i], evs[i] = d.Appeal, d.Event
		evs[i].Note = collected[i].Instruction
	}
	return as, evs, nil
}

// checkEvent checks and trims an event's facts: its kind, day, units of
// its district, campaign and entities present.
func (s *Service) checkEvent(ctx context.Context, actor *account.Actor, e *Event) error {
	e.Title, e.Place, e.Leader, e.Summary = strings.TrimSpace(e.Title), strings.TrimSpace(e.Place), strings.TrimSpace(e.Leader), strings.TrimSpace(e.Summary)
	today := s.today()
	switch {
	case !slices.Contains(EventKinds, e.Kind):
		return fault.Field("kind", "one_of", "kind", "open_day, symposium, onsite")
	case e.Title == "":
		return fault.Field("title", "required", "title")
	case utf8.RuneCountInString(e.Title) > MaxTitle:
		return fault.Field("title", "too_long", "title", MaxTitle)
	case utf8.RuneCountInString(e.Place) > MaxPlace:
		return fault.Field("place", "too_long", "place", MaxPlace)
	case utf8.RuneCountInString(e.Leader) > MaxLeader:
		return fault.Field("leader", "too_long", "leader", MaxLeader)
	case utf8.RuneCountInString(e.Summary) > MaxSummary:
		return fault.Field("summary", "too_long", "summary", MaxSummary)
	case e.HeldOn.IsZero():
		return fault.Field("held_on", "required", "held_on")
	case e.HeldOn.After(today) || e.HeldOn.Before(today.AddDate(-1, 0, 0)):
		return fault.Field("held_on", "event.date")
	case e.Representatives < 0 || e.Representatives > MaxRepresentatives:
		return fault.Field("representatives", "event.representatives", MaxRepresentatives)
	case e.HostUnitID <= 0:
		return fault.Field("host_unit_id", "required", "host_unit_id")
	case len(e.UnitIDs) > MaxEventUnits:
		return fault.Field("unit_ids", "event.too_many_units", MaxEventUnits)
	case len(e.EnterpriseIDs) > MaxPresent:
		return fault.Field("enterprise_ids", "event.too_many_present", MaxPresent)
	}
	if err := s.checkUnitsOf(ctx, e.DistrictID, "host_unit_id", []int64{e.HostUnitID}); err != nil {
		return err
	}
	e.UnitIDs = distinct(e.UnitIDs, e.HostUnitID)
	if err := s.checkUnitsOf(ctx, e.DistrictID, "unit_ids", e.UnitIDs); err != nil {
		return err
	}
	e.EnterpriseIDs = distinct(e.EnterpriseIDs, 0)
	for _, id := range e.EnterpriseIDs {
		ent, err := s.Enterprises.Get(ctx, actor, id)
		if fault.Is(err, fault.NotFound) || (err == nil && ent.DistrictID != e.DistrictID) {
			return fault.Field("enterprise_ids", "event.enterprise", id)
		}
		if err != nil {
			return err
		}
	}
	if e.CampaignID != 0 {
		c, err := s.Store.Campaign(ctx, e.CampaignID)
		if fault.Is(err, fault.NotFound) || (err == nil && c.DistrictID != e.DistrictID) {
			return fault.Field("campaign_id", "event.campaign", e.CampaignID)
		}
		if err != nil {
			return err
		}
		if c.Kind != e.Kind || e.HeldOn.Before(c.StartsOn) || e.HeldOn.After(c.EndsOn) {
			return fault.Field("campaign_id", "event.campaign_mismatch", c.Title)
		}
	}
	return nil
}

// checkUnitsOf makes sure every unit of ids is an active unit of district
// other than the district's government itself.
func (s *Service) checkUnitsOf(ctx context.Context, district int64, field string, ids []int64) error {
	for _, id := range ids {
		u, err := s.Units.Unit(ctx, id)
		if fault.Is(err, fault.NotFound) || (err == nil && (!u.Active || u.DistrictID != district || u.Kind == unit.Region)) {
			return fault.Field(field, "assign.badunit", id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// distinct returns ids without repeats, without zero and without drop, in
// their order.
func distinct(ids []int64, drop int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if id > 0 && id != drop && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// districtOf is the district a request of actor names — id, or actor's
// only district when id is 0 — if it is one of actor's.
func districtOf(actor *account.Actor, id int64) (int64, error) {
	id, ok := actor.District(id)
	if !ok {
		return 0, fault.Field("district_id", "scope.district")
	}
	return id, nil
}

// today is midnight of today in China Standard Time.
func (s *Service) today() time.Time {
	now := s.Now().In(appeal.CST)
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, appeal.CST)
}

// Event reads one event of actor's districts.
func (s *Service) Event(ctx context.Context, actor *account.Actor, id int64) (*Event, error) {
	if !mayReadEvents(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	e, err := s.Store.OutreachEvent(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.InDistrict(e.DistrictID) {
		return nil, fault.E(fault.NotFound, "not_found")
	}
	return e, nil
}

// Events lists the events f selects (district 0: actor's only district).
func (s *Service) Events(ctx context.Context, actor *account.Actor, f EventFilter) ([]Event, error) {
	if !mayReadEvents(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	var err error
	if f.DistrictID, err = districtOf(actor, f.DistrictID); err != nil {
		return nil, err
	}
	if f.Kind != "" && !slices.Contains(EventKinds, f.Kind) {
		return nil, fault.Field("kind", "one_of", "kind", "open_day, symposium, onsite")
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 500
	}
	return s.Store.OutreachEvents(ctx, f)
}

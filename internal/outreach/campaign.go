package outreach

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// Campaign is a series of events of one kind in which each of a list of
// departments is due to hold one: "in 2026, 45 departments each hold a
// government open day". Its progress is how many have held theirs.
type Campaign struct {
	ID         int64
	DistrictID int64
	Kind       EventKind
	Title      string
	StartsOn   time.Time // the first and last days, midnight CST
	EndsOn     time.Time
	UnitIDs    []int64 // the departments due to hold an event
	CreatedBy  int64
	CreatedAt  time.Time
}

// CampaignStore keeps campaigns.
type CampaignStore interface {
	// CreateCampaign writes c with its departments in one transaction.
	CreateCampaign(ctx context.Context, c *Campaign) error
	// Campaign reads one campaign with its departments.
	Campaign(ctx context.Context, id int64) (*Campaign, error)
	// Campaigns lists a district's campaigns, the latest started first.
	Campaigns(ctx context.Context, district int64) ([]Campaign, error)
}

// MaxCampaignUnits is how many departments one campaign may list.
const MaxCampaignUnits = 500

// CampaignUnit is a department's part in a campaign.
type CampaignUnit struct {
	UnitID          int64     `json:"unit_id"`
	Done            bool      `json:"done" doc:"it has held an event of the campaign"`
	Events          int       `json:"events"`
	LastHeld        time.Time `json:"-"`
	Representatives int       `json:"representatives"`
	Appeals         int       `json:"appeals"`
}

// Progress is a campaign's progress: of its departments, how many have
// held their event, and what the events gathered.
type Progress struct {
	Campaign        Campaign
	Done            int
	Total           int
	Events          int // all the campaign's events, those of departments not listed included
	Representatives int
	Appeals         int
	Units           []CampaignUnit // the listed departments, those not done first
}

// CreateCampaign writes campaign c of actor's district.
func (s *Service) CreateCampaign(ctx context.Context, actor *account.Actor, c *Campaign) error {
	if !MayOrganize(actor) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	var err error
	if c.DistrictID, err = districtOf(actor, c.DistrictID); err != nil {
		return err
	}
	c.Title = strings.TrimSpace(c.Title)
	c.UnitIDs = distinct(c.UnitIDs, 0)
	switch {
	case !slices.Contains(EventKinds, c.Kind):
		return fault.Field("kind", "one_of", "kind", "open_day, symposium, onsite")
	case c.Title == "":
		return fault.Field("title", "required", "title")
	case utf8.RuneCountInString(c.Title) > MaxTitle:
		return fault.Field("title", "too_long", "title", MaxTitle)
	case c.StartsOn.IsZero():
		return fault.Field("starts_on", "required", "starts_on")
	case c.EndsOn.IsZero():
		return fault.Field("ends_on", "required", "ends_on")
	case c.EndsOn.Before(c.StartsOn) || c.EndsOn.After(c.StartsOn.AddDate(2, 0, 0)):
		return fault.Field("ends_on", "campaign.dates")
	case len(c.UnitIDs) == 0:
		return fault.Field("unit_ids", "required", "unit_ids")
	case len(c.UnitIDs) > MaxCampaignUnits:
		return fault.Field("unit_ids", "event.too_many_units", MaxCampaignUnits)
	}
	if err := s.checkUnitsOf(ctx, c.DistrictID, "unit_ids", c.UnitIDs); err != nil {
		return err
	}
	c.CreatedBy, c.CreatedAt = actor.UserID, s.Now()
	return s.Store.CreateCampaign(ctx, c)
}

// Campaigns lists the campaigns of district (0: actor's only district),
// each with its progress as of today.
func (s *Service) Campaigns(ctx context.Context, actor *account.Actor, district int64) ([]Progress, error) {
	if !mayReadEvents(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	district, err := districtOf(actor, district)
	if err != nil {
		return nil, err
	}
	cs, err := s.Store.Campaigns(ctx, district)
	if err != nil {
		return nil, err
	}
	out := make([]Progress, 0, len(cs))
	for i := range cs {
		p, err := s.progress(ctx, &cs[i])
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, nil
}

// Campaign reads one campaign of actor's districts with its progress.
func (s *Service) Campaign(ctx context.Context, actor *account.Actor, id int64) (*Progress, error) {
	if !mayReadEvents(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	c, err := s.Store.Campaign(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.InDistrict(c.DistrictID) {
		return nil, fault.E(fault.NotFound, "not_found")
	}
	return s.progress(ctx, c)
}

// progress counts the campaign's events held by today.
func (s *Service) progress(ctx context.Context, c *Campaign) (*Progress, error) {
	es, err := s.Store.OutreachEvents(ctx, EventFilter{DistrictID: c.DistrictID, CampaignID: c.ID, To: s.today().AddDate(0, 0, 1)})
	if err != nil {
		return nil, err
	}
	return ProgressOf(c, es), nil
}

// ProgressOf is the progress of c given its events: a listed department
// is done once it has hosted one of them.
func ProgressOf(c *Campaign, events []Event) *Progress {
	p := &Progress{Campaign: *c, Total: len(c.UnitIDs), Units: make([]CampaignUnit, len(c.UnitIDs))}
	at := map[int64]int{}
	for i, id := range c.UnitIDs {
		p.Units[i].UnitID, at[id] = id, i
	}
	for _, e := range events {
		p.Events++
		p.Representatives += e.Representatives
		p.Appeals += e.AppealCount
		i, ok := at[e.HostUnitID]
		if !ok {
			continue
		}
		u := &p.Units[i]
		u.Events++
		u.Representatives += e.Representatives
		u.Appeals += e.AppealCount
		if e.HeldOn.After(u.LastHeld) {
			u.LastHeld = e.HeldOn
		}
	}
	for i := range p.Units {
		if p.Units[i].Events > 0 {
			p.Units[i].Done = true
			p.Done++
		}
	}
	// Those not done first, each part in the campaign's order.
	slices.SortStableFunc(p.Units, func(a, b CampaignUnit) int { return cmp.Compare(b2i(a.Done), b2i(b.Done)) })
	return p
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

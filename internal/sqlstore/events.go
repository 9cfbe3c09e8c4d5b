package sqlstore

import (
	"context"
	"errors"
	"strings"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/outreach"
)

// Events (open days, symposiums, on-the-spot office meetings) and the
// campaigns that gather them; migration 0025.

const (
	nounEvent    = "noun.event"
	nounCampaign = "noun.campaign"
)

// CreateEvent writes e, its departments and entities present, and the
// appeals collected there, linked with their instructions (the notes of
// their registration events), in one transaction.
func (db *DB) CreateEvent(ctx context.Context, e *outreach.Event, as []*appeal.Appeal, evs []*appeal.Event) error {
	err := db.inWrite(ctx, "create event", func(ctx context.Context, tx *txn) error {
		id, err := insertID(ctx, tx, `INSERT INTO outreach_events (district_id, campaign_id, kind, title, held_on, host_unit_id, place,
				leader, representatives, summary, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			e.DistrictID, nullable(e.CampaignID), string(e.Kind), e.Title, msNotNull(e.HeldOn), e.HostUnitID, e.Place, e.Leader,
			e.Representatives, e.Summary, e.CreatedBy, msNotNull(e.CreatedAt))
		if err != nil {
			return writeErr(err, "create event", nil)
		}
		e.ID = id
		for _, u := range e.UnitIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO outreach_event_units (event_id, unit_id) VALUES ($1, $2)`, id, u); err != nil {
				return writeErr(err, "create event: unit", nil)
			}
		}
		for _, ent := range e.EnterpriseIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO outreach_event_enterprises (event_id, enterprise_id) VALUES ($1, $2)`, id, ent); err != nil {
				return writeErr(err, "create event: enterprise", nil)
			}
		}
		return db.collectAtEvent(ctx, tx, id, as, evs)
	})
	if err != nil {
		e.ID = 0
		unsetIDs(as, evs)
	}
	return err
}

// AddEventAppeals registers appeals collected at event id, in one transaction.
func (db *DB) AddEventAppeals(ctx context.Context, id int64, as []*appeal.Appeal, evs []*appeal.Event) error {
	err := db.inWrite(ctx, "event appeals", func(ctx context.Context, tx *txn) error {
		return db.collectAtEvent(ctx, tx, id, as, evs)
	})
	if err != nil {
		unsetIDs(as, evs)
	}
	return err
}

// collectAtEvent writes the appeals and their links to event id within tx;
// each link keeps the instruction its registration event notes.
func (db *DB) collectAtEvent(ctx context.Context, tx *txn, id int64, as []*appeal.Appeal, evs []*appeal.Event) error {
	if len(as) != len(evs) {
		return fault.Wrap(errors.New("one event per appeal"), "sqlstore: event appeals")
	}
	for i, a := range as {
		if err := db.createAppeal(ctx, tx, a, evs[i], indexTerms(a)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO outreach_event_appeals (event_id, appeal_id, instruction) VALUES ($1, $2, $3)`,
			id, a.ID, evs[i].Note); err != nil {
			return writeErr(err, "event appeals", nil)
		}
	}
	return nil
}

// unsetIDs forgets the ids a failed transaction gave.
func unsetIDs(as []*appeal.Appeal, evs []*appeal.Event) {
	for i, a := range as {
		a.ID = 0
		if i < len(evs) && evs[i] != nil {
			evs[i].ID, evs[i].AppealID = 0, 0
		}
	}
}

const meetingColumns = `e.id, e.district_id, COALESCE(e.campaign_id, 0), e.kind, e.title, e.held_on, e.host_unit_id, e.place, e.leader,
	e.representatives, e.summary, e.created_by, e.created_at`

func scanMeeting(r scanner, e *outreach.Event, more ...any) error {
	return r.Scan(append([]any{&e.ID, &e.DistrictID, &e.CampaignID, &e.Kind, &e.Title, timeOf{&e.HeldOn}, &e.HostUnitID, &e.Place,
		&e.Leader, &e.Representatives, &e.Summary, &e.CreatedBy, timeOf{&e.CreatedAt}}, more...)...)
}

// OutreachEvent reads one event with its departments, entities and appeals.
func (db *DB) OutreachEvent(ctx context.Context, id int64) (*outreach.Event, error) {
	var e outreach.Event
	err := db.inRead(ctx, "event", func(tx *txn) error {
		if err := scanMeeting(tx.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM outreach_events e WHERE e.id = $1`, id), &e); err != nil {
			return readErr(err, "event", nounEvent)
		}
		var err error
		if e.UnitIDs, err = ids(ctx, tx, `SELECT unit_id FROM outreach_event_units WHERE event_id = $1 ORDER BY unit_id`, id); err != nil {
			return err
		}
		if e.EnterpriseIDs, err = ids(ctx, tx, `SELECT enterprise_id FROM outreach_event_enterprises WHERE event_id = $1 ORDER BY enterprise_id`, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT appeal_id, instruction FROM outreach_event_appeals WHERE event_id = $1 ORDER BY appeal_id`, id)
		if err != nil {
			return fault.Wrap(err, "sqlstore: event appeals")
		}
		e.Appeals, err = collect(rows, "event appeals", func(r scanner, a *outreach.EventAppeal) error { return r.Scan(&a.AppealID, &a.Instruction) })
		e.AppealCount = len(e.Appeals)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// ids reads one column of ids.
func ids(ctx context.Context, tx *txn, query string, arg any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: ids")
	}
	return collect(rows, "ids", func(r scanner, v *int64) error { return r.Scan(v) })
}

// OutreachEvents lists the events f selects, the latest held first, with
// their departments and the number of their appeals.
func (db *DB) OutreachEvents(ctx context.Context, f outreach.EventFilter) ([]outreach.Event, error) {
	var a args
	where := []string{`e.district_id = ` + a.add(f.DistrictID)}
	if f.CampaignID != 0 {
		where = append(where, `e.campaign_id = `+a.add(f.CampaignID))
	}
	if f.Kind != "" {
		where = append(where, `e.kind = `+a.add(string(f.Kind)))
	}
	if !f.From.IsZero() {
		where = append(where, `e.held_on >= `+a.add(msNotNull(f.From)))
	}
	if !f.To.IsZero() {
		where = append(where, `e.held_on < `+a.add(msNotNull(f.To)))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	var out []outreach.Event
	err := db.inRead(ctx, "events", func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+meetingColumns+`, (SELECT COUNT(*) FROM outreach_event_appeals l WHERE l.event_id = e.id)
			FROM outreach_events e WHERE `+strings.Join(where, " AND ")+` ORDER BY e.held_on DESC, e.id DESC LIMIT `+a.add(limit), a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: events")
		}
		if out, err = collect(rows, "events", func(r scanner, e *outreach.Event) error { return scanMeeting(r, e, &e.AppealCount) }); err != nil {
			return err
		}
		if len(out) == 0 {
			return nil
		}
		var b args
		at := map[int64]int{}
		keys := make([]int64, len(out))
		for i := range out {
			at[out[i].ID], keys[i] = i, out[i].ID
		}
		rows, err = tx.QueryContext(ctx, `SELECT event_id, unit_id FROM outreach_event_units WHERE event_id IN (`+list(&b, keys)+`) ORDER BY unit_id`, b...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: events")
		}
		type link struct{ event, unit int64 }
		links, err := collect(rows, "events", func(r scanner, l *link) error { return r.Scan(&l.event, &l.unit) })
		for _, l := range links {
			out[at[l.event]].UnitIDs = append(out[at[l.event]].UnitIDs, l.unit)
		}
		return err
	})
	return out, err
}

// CreateCampaign writes c with its departments, in their order.
func (db *DB) CreateCampaign(ctx context.Context, c *outreach.Campaign) error {
	err := db.inWrite(ctx, "create campaign", func(ctx context.Context, tx *txn) error {
		id, err := insertID(ctx, tx, `INSERT INTO campaigns (district_id, kind, title, starts_on, ends_on, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			c.DistrictID, string(c.Kind), c.Title, msNotNull(c.StartsOn), msNotNull(c.EndsOn), c.CreatedBy, msNotNull(c.CreatedAt))
		if err != nil {
			return writeErr(err, "create campaign", nil)
		}
		c.ID = id
		for i, u := range c.UnitIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_units (campaign_id, unit_id, position) VALUES ($1, $2, $3)`, id, u, i); err != nil {
				return writeErr(err, "create campaign: unit", nil)
			}
		}
		return nil
	})
	if err != nil {
		c.ID = 0
	}
	return err
}

const campaignColumns = `id, district_id, kind, title, starts_on, ends_on, created_by, created_at`

func scanCampaign(r scanner, c *outreach.Campaign) error {
	return r.Scan(&c.ID, &c.DistrictID, &c.Kind, &c.Title, timeOf{&c.StartsOn}, timeOf{&c.EndsOn}, &c.CreatedBy, timeOf{&c.CreatedAt})
}

// Campaign reads one campaign with its departments.
func (db *DB) Campaign(ctx context.Context, id int64) (*outreach.Campaign, error) {
	var c outreach.Campaign
	err := db.inRead(ctx, "campaign", func(tx *txn) error {
		if err := scanCampaign(tx.QueryRowContext(ctx, `SELECT `+campaignColumns+` FROM campaigns WHERE id = $1`, id), &c); err != nil {
			return readErr(err, "campaign", nounCampaign)
		}
		var err error
		c.UnitIDs, err = ids(ctx, tx, `SELECT unit_id FROM campaign_units WHERE campaign_id = $1 ORDER BY position`, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Campaigns lists a district's campaigns, the latest started first, with
// their departments.
func (db *DB) Campaigns(ctx context.Context, district int64) ([]outreach.Campaign, error) {
	var out []outreach.Campaign
	err := db.inRead(ctx, "campaigns", func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+campaignColumns+` FROM campaigns WHERE district_id = $1 ORDER BY starts_on DESC, id DESC LIMIT 100`, district)
		if err != nil {
			return fault.Wrap(err, "sqlstore: campaigns")
		}
		if out, err = collect(rows, "campaigns", scanCampaign); err != nil {
			return err
		}
		for i := range out {
			if out[i].UnitIDs, err = ids(ctx, tx, `SELECT unit_id FROM campaign_units WHERE campaign_id = $1 ORDER BY position`, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

package api

import (
	"net/http"
	"net/url"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// NewAppeal is the body of POST /api/v1/appeals: what intake registers.
type NewAppeal struct {
	Channel        appeal.Channel `json:"channel"`
	Type           appeal.Type    `json:"type"`
	CategoryID     int64          `json:"category_id,omitempty"`
	Urgency        appeal.Urgency `json:"urgency,omitempty" doc:"normal unless given"`
	Title          string         `json:"title" doc:"at most 100 characters"`
	Content        string         `json:"content" doc:"at most 5000 characters"`
	EnterpriseID   int64          `json:"enterprise_id,omitempty" doc:"a registered enterprise; else give enterprise_name"`
	EnterpriseName string         `json:"enterprise_name,omitempty" doc:"the name as given, to be matched to the registry later"`
	CreditCode     string         `json:"credit_code,omitempty" doc:"unified social credit code, checked with its check character"`
	ContactName    string         `json:"contact_name,omitempty"`
	ContactPhone   string         `json:"contact_phone,omitempty" doc:"digits, spaces, + and -"`
	ContactIDNo    string         `json:"contact_id_no,omitempty" doc:"the appellant's ID number (居民身份证号码, 18 characters), checked with its check character"`
	Anonymous      bool           `json:"anonymous,omitempty" doc:"dispatch anonymously (敏感诉求匿名交办)"`
	DistrictID     int64          `json:"district_id" doc:"the owning district, one of the caller's"`
	TerritoryID    int64          `json:"territory_id,omitempty" doc:"the township it concerns"`
	ExternalNo     string         `json:"external_no,omitempty" doc:"the city's number of an appeal it assigns down"`
	DueAt          string         `json:"due_at,omitempty" doc:"the city's deadline (required for city_assigned): a day YYYY-MM-DD (due by its end) or an RFC 3339 time"`
}

func (n *NewAppeal) intake() (appeal.Intake, error) {
	due, err := parseDeadline("due_at", n.DueAt)
	return appeal.Intake{Channel: n.Channel, Type: n.Type, CategoryID: n.CategoryID, Urgency: n.Urgency,
		Title: n.Title, Content: n.Content, EnterpriseID: n.EnterpriseID, EnterpriseName: n.EnterpriseName,
		CreditCode: n.CreditCode, ContactName: n.ContactName, ContactPhone: n.ContactPhone,
		ContactIDNo: n.ContactIDNo, Anonymous: n.Anonymous, DistrictID: n.DistrictID, TerritoryID: n.TerritoryID,
		ExternalNo: n.ExternalNo, DueAt: due}, err
}

func appealPath(id int64) string { return "/api/v1/appeals/" + strconv.FormatInt(id, 10) }

func (s *server) createAppeal(c *call) error {
	var body NewAppeal
	if err := c.decode(&body); err != nil {
		return err
	}
	in, err := body.intake()
	if err != nil {
		return err
	}
	key, err := idempotencyKey(c.r) // privacy_idempotency.go
	if err != nil {
		return err
	}
	created, err := s.cfg.Appeals.CreateOnce(c.ctx(), c.actor, key, in)
	if err != nil {
		return err
	}
	id := created.Aggregate.Appeal.ID
	v, err := s.cfg.Appeals.View(c.actor, created.Aggregate) // as GET shows it, without reading it again
	if err != nil {
		return err
	}
	c.w.Header().Set("Location", appealPath(id))
	if created.Replayed {
		c.w.Header().Set(replayedHeader, "true")
	}
	c.etag(v.Appeal.Version)
	return c.reply(http.StatusCreated, AppealCreated{AppealDetail: detailView(v), QueryCode: created.QueryCode,
		Replayed: created.Replayed})
}

func (s *server) listAppeals(c *call) error {
	f, err := appealFilter(c.q)
	if err != nil {
		return err
	}
	p, err := s.cfg.Appeals.List(c.ctx(), c.actor, f)
	if err != nil {
		return err
	}
	out := AppealPage{Items: make([]Appeal, len(p.Items)), NextCursor: encodeCursor("appeals", p.Next),
		Total: p.Total, TotalCapped: p.TotalCapped}
	for i := range p.Items {
		out.Items[i] = appealView(&p.Items[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) getAppeal(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	return s.renderAppeal(c, id)
}

// renderAppeal answers with appeal id as the caller may see it now, its
// version as the ETag.
func (s *server) renderAppeal(c *call, id int64) error {
	v, err := s.cfg.Appeals.Get(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	c.etag(v.Appeal.Version)
	return c.reply(http.StatusOK, detailView(v))
}

func (s *server) timeline(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	evs, err := s.cfg.Appeals.Timeline(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	out := Timeline{Items: make([]Event, len(evs))}
	for i := range evs {
		out.Items[i] = eventView(&evs[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) visits(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	vs, err := s.cfg.Appeals.Visits(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	out := Visits{Items: make([]Visit, len(vs))}
	for i := range vs {
		out.Items[i] = visitView(&vs[i])
	}
	return c.reply(http.StatusOK, out)
}

// appealFilter reads the filter of a list of appeals from q: the
// parameters of appealListParams.
func appealFilter(q *query) (appeal.Filter, error) {
	f := appeal.Filter{
		States:       queryEnums(q, "status", appeal.States),
		Channel:      queryEnum(q, "channel", appeal.Channels),
		Type:         queryEnum(q, "type", appeal.Types),
		CategoryID:   q.id("category_id"),
		Route:        queryEnum(q, "route", appeal.Routes),
		UnitID:       q.id("unit_id"),
		DistrictID:   q.id("district_id"),
		TerritoryID:  q.id("territory_id"),
		EnterpriseID: q.id("enterprise_id"),
		From:         q.day("from"),
		Keyword:      q.text("q"),
		Oldest:       queryEnum(q, "sort", []string{"newest", "oldest"}) == "oldest",
		Before:       q.cursor("appeals"),
		Limit:        q.limit(appeal.MaxLimit),
		CountUpTo:    appeal.CountCap,
	}
	to := q.day("to")
	if q.err != nil {
		return f, q.err
	}
	if !to.IsZero() {
		if !f.From.IsZero() && f.From.After(to) {
			return f, fault.Field("from", "filter.range")
		}
		f.To = to.AddDate(0, 0, 1) // the store wants [From, To): the day after the last
	}
	return f, nil
}

// AppealFilter reads the filter of a list of appeals from the query values
// of a page, which takes the same parameters as GET /api/v1/appeals, so
// that a list page and its API answer are one query. Parameters other than
// the list's are ignored (a page has its own, such as lang).
func AppealFilter(values url.Values) (appeal.Filter, error) {
	return appealFilter(&query{values: only(values, appealListParams)})
}

// only keeps the values of the parameters ps.
func only(values url.Values, ps []param) url.Values {
	known := url.Values{}
	for _, p := range ps {
		if v, ok := values[p.name]; ok {
			known[p.name] = v
		}
	}
	return known
}

// Cursor is the cursor of a list of appeals that goes on before id, as
// next_cursor gives it.
func Cursor(id int64) string { return encodeCursor("appeals", id) }

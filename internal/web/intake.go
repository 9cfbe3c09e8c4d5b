package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// The intake form (登记诉求) of hotline seats, cadres and offices. A call
// can drop mid-form: the script keeps a draft as it is typed, and a refused
// form comes back as it was typed. Each form carries its own idempotency
// key, so that a double click or a resent form registers one appeal.

type intakeData struct {
	Form       url.Values
	Error      string
	Channels   []appeal.Channel
	Types      []appeal.Type
	Categories []appeal.Category
	Districts  []districtChoice
	Duplicates []appeal.Appeal // open appeals of the same enterprise, pointed out before saving
	Key        string
	OpenStates string
}

type districtChoice struct {
	ID        int64
	Name      string
	Townships []unit.Unit
}

// openStates are the states of an appeal still in the loop.
var openStates = []appeal.State{appeal.Registered, appeal.Unassigned, appeal.InProgress, appeal.AtCity, appeal.AwaitVisit}

func (s *Server) intakeData(q *req, form url.Values) (*intakeData, error) {
	d := &intakeData{Form: form, Types: appeal.Types, Key: form.Get("key")}
	if d.Key == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		d.Key = "web-" + hex.EncodeToString(b)
	}
	var states []string
	for _, st := range openStates {
		states = append(states, string(st))
	}
	d.OpenStates = strings.Join(states, ",")
	for _, ch := range appeal.Channels {
		if appeal.MayCreate(q.actor, ch) {
			d.Channels = append(d.Channels, ch)
		}
	}
	if len(d.Channels) == 0 {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	var err error
	if d.Categories, err = s.cfg.Appeals.Categories(q.ctx(), q.actor); err != nil {
		return nil, err
	}
	for _, id := range q.actor.Districts {
		us, err := s.cfg.Units.List(q.ctx(), q.actor, id)
		if err != nil {
			return nil, err
		}
		dc := districtChoice{ID: id}
		for _, u := range us {
			switch {
			case u.ID == id:
				dc.Name = u.Name
			case u.Kind == unit.TownshipK && u.Active && u.DistrictID == id:
				dc.Townships = append(dc.Townships, u)
			}
		}
		d.Districts = append(d.Districts, dc)
	}
	return d, nil
}

func (s *Server) intakePage(q *req) error {
	d, err := s.intakeData(q, url.Values{})
	if err != nil {
		return err
	}
	return q.render(http.StatusOK, "intake", q.lang.T("menu.intake"), d)
}

type registeredData struct {
	Appeal    *appeal.Appeal
	QueryCode string
	Replayed  bool
}

func (s *Server) intake(q *req) error {
	if err := q.r.ParseForm(); err != nil {
		return fault.E(fault.Invalid, "web.form")
	}
	f := q.r.PostForm
	in, err := intakeOf(f)
	if err == nil && in.EnterpriseID > 0 && f.Get("confirm_dup") == "" {
		// Point out the enterprise's open appeals before a second one is saved.
		p, lerr := s.cfg.Appeals.List(q.ctx(), q.actor, appeal.Filter{EnterpriseID: in.EnterpriseID, States: openStates, Limit: 5})
		if lerr != nil && !fault.Is(lerr, fault.Forbidden) {
			return lerr
		}
		if len(p.Items) > 0 {
			d, derr := s.intakeData(q, f)
			if derr != nil {
				return derr
			}
			d.Duplicates = p.Items
			return q.render(http.StatusConflict, "intake", q.lang.T("menu.intake"), d)
		}
	}
	var created *appeal.Created
	if err == nil {
		created, err = s.cfg.Appeals.CreateOnce(q.ctx(), q.actor, f.Get("key"), in)
	}
	if msg, ok := q.shown(err); ok {
		d, derr := s.intakeData(q, f)
		if derr != nil {
			return derr
		}
		d.Error = msg
		return q.render(statusOf(err), "intake", q.lang.T("menu.intake"), d)
	} else if err != nil {
		return err
	}
	a := &created.Aggregate.Appeal
	return q.render(http.StatusCreated, "registered", a.Number(),
		registeredData{Appeal: a, QueryCode: created.QueryCode, Replayed: created.Replayed})
}

// intakeOf reads the intake form into what the service registers.
func intakeOf(f url.Values) (appeal.Intake, error) {
	in := appeal.Intake{Channel: appeal.Channel(f.Get("channel")), Type: appeal.Type(f.Get("type")),
		Urgency: appeal.Urgency(f.Get("urgency")), Title: f.Get("title"), Content: f.Get("content"),
		EnterpriseName: f.Get("enterprise_name"), CreditCode: f.Get("credit_code"), ContactName: f.Get("contact_name"),
		ContactPhone: f.Get("contact_phone"), ContactIDNo: f.Get("contact_id_no"), Anonymous: f.Get("anonymous") != "",
		ExternalNo: f.Get("external_no")}
	if in.Urgency == "" {
		in.Urgency = appeal.Normal
	}
	for name, dst := range map[string]*int64{"category_id": &in.CategoryID, "enterprise_id": &in.EnterpriseID,
		"district_id": &in.DistrictID, "territory_id": &in.TerritoryID} {
		v := strings.TrimSpace(f.Get(name))
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return in, fault.Field(name, "bad_id", name)
		}
		*dst = n
	}
	if in.EnterpriseID > 0 {
		in.EnterpriseName, in.CreditCode = "", "" // the registry's own, filled in by the service
	}
	if d := strings.TrimSpace(f.Get("due_at")); d != "" {
		day, err := time.ParseInLocation(time.DateOnly, d, appeal.CST)
		if err != nil {
			return in, fault.Field("due_at", "bad_date", "due_at")
		}
		in.DueAt = day.AddDate(0, 0, 1).Add(-time.Second)
	}
	return in, nil
}

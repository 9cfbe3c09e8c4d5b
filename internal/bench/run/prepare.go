package run

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// fixture is what the scenarios need to know of the database, found through
// the API before the run: ids to ask for and the periods to report on.
type fixture struct {
	territories   []int64  // the district's townships
	categories    []int64  // the active categories
	unitIDs       []int64  // the district's units
	departments   []int64  // the district's active departments, to host events
	eventIDs      []int64  // the district's events (open days, symposiums)
	campaignIDs   []int64  // the district's campaigns
	appealIDs     []int64  // appeals of the district, from each of the last twelve months
	enterpriseIDs []int64  // enterprises of the district
	fragments     []string // fragments of their names
	unmatchedIDs  []int64  // appeals of the district without an entity, the open ones first (the appeals if none)
	months        []period // the twelve whole months before the newest appeal's, oldest first
	month         period   // the busiest of them in the district
	year          period   // the last whole calendar year
	days          []string // days of those months, to search the audit log by
	newest        string   // the day of the district's newest appeal
	appeals       int64    // appeals in the database (the province's report over ten years)
	policyID      int64    // a policy of the district sent to all its entities
}

// period is a span of whole days, both inclusive, as YYYY-MM-DD.
type period struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// getJSON reads path as seat into v, outside any measurement.
func (e *env) getJSON(ctx context.Context, seat, path string, v any) error {
	r := &request{op: "prepare", method: "GET", path: path, token: e.token(seat), keep: true}
	resp, err := e.c.send(ctx, r)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.status != 200 {
		return fault.E(fault.Invalid, "benchrun.prepare", "GET "+path+" as "+seat, resp.status, oneLine(resp.body))
	}
	if err := json.Unmarshal(resp.body, v); err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	return nil
}

// prepare checks every seat's token and finds the fixture.
func (e *env) prepare(ctx context.Context) error {
	for _, seat := range Seats {
		var me struct{ Districts []int64 }
		if err := e.getJSON(ctx, seat, "/api/v1/me", &me); err != nil {
			return err
		}
	}
	for _, f := range []func(context.Context) error{e.prepareRegistry, e.prepareAppeals, e.prepareEnterprises, e.prepareEvents, e.preparePolicy, e.countAppeals} {
		if err := f(ctx); err != nil {
			return err
		}
	}
	return nil
}

// prepareRegistry finds the categories and the district's units.
func (e *env) prepareRegistry(ctx context.Context) error {
	var cats struct {
		Items []struct {
			ID     int64
			Active bool
		}
	}
	if err := e.getJSON(ctx, SeatIntake, "/api/v1/categories", &cats); err != nil {
		return err
	}
	for _, c := range cats.Items {
		if c.Active {
			e.fx.categories = append(e.fx.categories, c.ID)
		}
	}
	var units struct {
		Items []struct {
			ID         int64
			Kind       string
			DistrictID int64 `json:"district_id"`
			Active     bool
		}
	}
	if err := e.getJSON(ctx, SeatOffice, fmt.Sprintf("/api/v1/units?root_id=%d", e.tok.DistrictID), &units); err != nil {
		return err
	}
	for _, u := range units.Items {
		e.fx.unitIDs = append(e.fx.unitIDs, u.ID)
		if u.Kind == "township" && u.Active && u.DistrictID == e.tok.DistrictID {
			e.fx.territories = append(e.fx.territories, u.ID)
		}
		if u.Kind == "department" && u.Active && u.DistrictID == e.tok.DistrictID {
			e.fx.departments = append(e.fx.departments, u.ID)
		}
	}
	return nil
}

// appealPage is what the scenarios read of a page of appeals.
type appealPage struct {
	Items []struct {
		ID        int64
		CreatedAt string `json:"created_at"`
	}
	NextCursor string `json:"next_cursor"`
}

// summaryTotal is what the scenarios read of a summary report.
type summaryTotal struct {
	Total struct{ Received, Merged int64 }
}

// prepareAppeals finds the twelve whole months before the month of the
// district's newest appeal (that month is left out: it is where the
// benchmark's own appeals go), the busiest of them, a hundred appeals of
// each month, and the year.
func (e *env) prepareAppeals(ctx context.Context) error {
	var newest appealPage
	if err := e.getJSON(ctx, SeatOffice, fmt.Sprintf("/api/v1/appeals?district_id=%d&limit=100", e.tok.DistrictID), &newest); err != nil {
		return err
	}
	if len(newest.Items) == 0 {
		return fault.E(fault.Invalid, "benchrun.nodata", e.tok.DistrictID)
	}
	last, err := time.Parse(time.RFC3339, newest.Items[0].CreatedAt)
	if err != nil {
		return fmt.Errorf("the newest appeal's created_at %q: %w", newest.Items[0].CreatedAt, err)
	}
	e.fx.newest = last.In(appeal.CST).Format(time.DateOnly)
	e.fx.months = lastMonths(last.In(appeal.CST).AddDate(0, 0, -last.In(appeal.CST).Day()), 12)
	var busiest int64 = -1
	for _, m := range e.fx.months {
		n, err := e.sampleMonth(ctx, m)
		if err != nil {
			return err
		}
		if n > busiest {
			busiest, e.fx.month = n, m
		}
		e.fx.days = append(e.fx.days, m.From, m.From[:8]+"15")
	}
	if len(e.fx.appealIDs) == 0 { // a district with no history yet: its newest appeals
		for _, a := range newest.Items {
			e.fx.appealIDs = append(e.fx.appealIDs, a.ID)
		}
	}
	return e.chooseYear(ctx, last.In(appeal.CST).Year())
}

// chooseYear takes the calendar year before newest for report-year, the
// last whole one, if the district has appeals in it; else newest.
func (e *env) chooseYear(ctx context.Context, newest int) error {
	y := period{fmt.Sprintf("%d-01-01", newest-1), fmt.Sprintf("%d-12-31", newest-1)}
	var sum summaryTotal
	q := fmt.Sprintf("/api/v1/reports/summary?from=%s&to=%s&district_id=%d", y.From, y.To, e.tok.DistrictID)
	if err := e.getJSON(ctx, SeatOffice, q, &sum); err != nil {
		return err
	}
	if sum.Total.Received+sum.Total.Merged == 0 {
		y = period{fmt.Sprintf("%d-01-01", newest), fmt.Sprintf("%d-12-31", newest)}
	}
	e.fx.year = y
	return nil
}

// sampleMonth counts the district's appeals of month m and keeps the ids
// of a hundred of them.
func (e *env) sampleMonth(ctx context.Context, m period) (int64, error) {
	var sum summaryTotal
	q := fmt.Sprintf("/api/v1/reports/summary?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	if err := e.getJSON(ctx, SeatOffice, q, &sum); err != nil {
		return 0, err
	}
	var page appealPage
	q = fmt.Sprintf("/api/v1/appeals?district_id=%d&from=%s&to=%s&limit=100", e.tok.DistrictID, m.From, m.To)
	if err := e.getJSON(ctx, SeatOffice, q, &page); err != nil {
		return 0, err
	}
	for _, a := range page.Items {
		e.fx.appealIDs = append(e.fx.appealIDs, a.ID)
	}
	return sum.Total.Received + sum.Total.Merged, nil
}

// lastMonths returns the n calendar months up to and including t's, oldest
// first.
func lastMonths(t time.Time, n int) []period {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
	out := make([]period, n)
	for i := range n {
		m := first.AddDate(0, i-n+1, 0)
		out[i] = period{m.Format(time.DateOnly), m.AddDate(0, 1, -1).Format(time.DateOnly)}
	}
	return out
}

// prepareEnterprises finds enterprises of the district and fragments of
// their names to look them up by.
func (e *env) prepareEnterprises(ctx context.Context) error {
	var page struct {
		Items []struct {
			ID   int64
			Name string
		}
	}
	if err := e.getJSON(ctx, SeatOffice, fmt.Sprintf("/api/v1/enterprises?district_id=%d&limit=100", e.tok.DistrictID), &page); err != nil {
		return err
	}
	if len(page.Items) == 0 {
		if err := e.getJSON(ctx, SeatOffice, "/api/v1/enterprises?limit=100", &page); err != nil {
			return err
		}
	}
	if len(page.Items) == 0 {
		return fault.E(fault.Invalid, "benchrun.noenterprises")
	}
	for _, it := range page.Items {
		e.fx.enterpriseIDs = append(e.fx.enterpriseIDs, it.ID)
		if f := fragment(it.Name); f != "" {
			e.fx.fragments = append(e.fx.fragments, f)
		}
	}
	return e.prepareUnmatched(ctx)
}

// prepareUnmatched finds the district's appeals left to match to the
// registry; a district without any suggests for its appeals instead.
func (e *env) prepareUnmatched(ctx context.Context) error {
	var page struct{ Items []struct{ ID int64 } }
	if err := e.getJSON(ctx, SeatOffice, fmt.Sprintf("/api/v1/appeals/unmatched?district_id=%d&limit=100", e.tok.DistrictID), &page); err != nil {
		return err
	}
	for _, it := range page.Items {
		e.fx.unmatchedIDs = append(e.fx.unmatchedIDs, it.ID)
	}
	if len(e.fx.unmatchedIDs) == 0 {
		e.fx.unmatchedIDs = e.fx.appealIDs
	}
	return nil
}

// preparePolicy finds the district's newest policy, or publishes one to
// every entity of the district as the office (bench load writes none), for
// the policies scenario to read with its reach and targets.
func (e *env) preparePolicy(ctx context.Context) error {
	var list struct{ Items []struct{ ID int64 } }
	if err := e.getJSON(ctx, SeatOffice, fmt.Sprintf("/api/v1/policies?district_id=%d&limit=1", e.tok.DistrictID), &list); err != nil {
		return err
	}
	if len(list.Items) > 0 {
		e.fx.policyID = list.Items[0].ID
		return nil
	}
	var me struct {
		UnitID int64 `json:"unit_id"`
	}
	if err := e.getJSON(ctx, SeatOffice, "/api/v1/me", &me); err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]any{"district_id": e.tok.DistrictID, "issuer_id": me.UnitID, "title": "基准测试：全区企业惠企政策",
		"effective_from": "2020-01-01", "body": "全区市场主体适用。"})
	resp, err := e.c.send(ctx, &request{op: "prepare", method: "POST", path: "/api/v1/policies", token: e.token(SeatOffice), body: body, keep: true})
	if err != nil {
		return fmt.Errorf("POST /api/v1/policies: %w", err)
	}
	if resp.status != 201 {
		return fault.E(fault.Invalid, "benchrun.prepare", "POST /api/v1/policies as "+SeatOffice, resp.status, oneLine(resp.body))
	}
	var p struct{ ID int64 }
	if err := json.Unmarshal(resp.body, &p); err != nil {
		return fmt.Errorf("POST /api/v1/policies: %w", err)
	}
	e.fx.policyID = p.ID
	return nil
}

// fragment returns two characters from the middle of an enterprise's
// name: what an officer types who half remembers it.
func fragment(name string) string {
	r := []rune(name)
	if len(r) < 4 {
		return ""
	}
	i := len(r)/2 - 1
	return string(r[i : i+2])
}

// countAppeals counts the appeals in the database through the province's
// summary over the ten years up to the district's newest appeal.
func (e *env) countAppeals(ctx context.Context) error {
	end := e.fx.newest
	t, _ := time.Parse(time.DateOnly, end)
	from := t.AddDate(0, 0, -3650).Format(time.DateOnly)
	var sum summaryTotal
	if err := e.getJSON(ctx, SeatProvince, "/api/v1/reports/summary?from="+from+"&to="+end, &sum); err != nil {
		return err
	}
	e.fx.appeals = sum.Total.Received + sum.Total.Merged
	return nil
}

// nextCursor returns the next_cursor of a page, or "".
func nextCursor(body []byte) string {
	var p struct {
		NextCursor string `json:"next_cursor"`
	}
	json.Unmarshal(body, &p)
	return p.NextCursor
}

// replaceAll replaces each old, new pair in s.
func replaceAll(s string, oldnew ...string) string { return strings.NewReplacer(oldnew...).Replace(s) }

// oneLine returns b on one line, cut to 300 characters.
func oneLine(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if utf8.RuneCountInString(s) > 300 {
		s = string([]rune(s)[:300]) + "…"
	}
	return s
}

// prepareEvents finds the district's events and campaigns. A database
// without any (bench load writes none) is given, outside any measurement,
// the year's open-day campaign of every department and an open day of each
// over the last months, as the office would record them.
func (e *env) prepareEvents(ctx context.Context) error {
	var events, campaigns struct{ Items []struct{ ID int64 } }
	q := fmt.Sprintf("?district_id=%d", e.tok.DistrictID)
	if err := e.getJSON(ctx, SeatLeader, "/api/v1/campaigns"+q, &campaigns); err != nil {
		return err
	}
	if len(campaigns.Items) == 0 && len(e.fx.departments) > 0 {
		today := time.Now().In(appeal.CST)
		var c struct{ ID int64 }
		if err := e.postJSON(ctx, SeatOffice, "/api/v1/campaigns", map[string]any{"district_id": e.tok.DistrictID, "kind": "open_day",
			"title": "政府开放日（基准测试）", "starts_on": today.AddDate(0, -6, 0).Format(time.DateOnly), "ends_on": today.AddDate(0, 6, 0).Format(time.DateOnly),
			"unit_ids": e.fx.departments}, &c); err != nil {
			return err
		}
		for i, u := range e.fx.departments[:(len(e.fx.departments)+1)/2] {
			body := map[string]any{"district_id": e.tok.DistrictID, "campaign_id": c.ID, "kind": "open_day", "title": "政府开放日",
				"held_on": today.AddDate(0, 0, -3*i).Format(time.DateOnly), "host_unit_id": u, "representatives": 20 + i,
				"enterprise_ids": e.fx.enterpriseIDs[:min(10, len(e.fx.enterpriseIDs))]}
			if err := e.postJSON(ctx, SeatOffice, "/api/v1/events", body, nil); err != nil {
				return err
			}
		}
		if err := e.getJSON(ctx, SeatLeader, "/api/v1/campaigns"+q, &campaigns); err != nil {
			return err
		}
	}
	if err := e.getJSON(ctx, SeatLeader, "/api/v1/events"+q, &events); err != nil {
		return err
	}
	for _, c := range campaigns.Items {
		e.fx.campaignIDs = append(e.fx.campaignIDs, c.ID)
	}
	for _, ev := range events.Items {
		e.fx.eventIDs = append(e.fx.eventIDs, ev.ID)
	}
	return nil
}

// postJSON posts body to path as seat, outside any measurement, and reads
// the answer into v unless v is nil.
func (e *env) postJSON(ctx context.Context, seat, path string, body, v any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	resp, err := e.c.send(ctx, &request{op: "prepare", method: "POST", path: path, token: e.token(seat), body: data, keep: true})
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	if resp.status != 201 {
		return fault.E(fault.Invalid, "benchrun.prepare", "POST "+path+" as "+seat, resp.status, oneLine(resp.body))
	}
	if v == nil {
		return nil
	}
	return json.Unmarshal(resp.body, v)
}

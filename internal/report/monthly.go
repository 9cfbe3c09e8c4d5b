package report

import (
	"cmp"
	"context"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
)

// The monthly scheduling report (每月调度): for any period, the cohort by
// channel and by route (the summary), by type, category and township, the
// units' figures and their sums, all as of one moment.

// Part is the figures of one part of the cohort by one more dimension:
// Key is a type's code, or the id of a category or township (0: none), and
// Name its name. Its rates are left to the report.
type Part struct {
	Dim  string // "type", "category" or "territory"
	Key  string
	Name string
	Figures
}

// BreakdownStore reads the cohort's groups by type, category and township.
type BreakdownStore interface {
	Breakdown(ctx context.Context, q Query) ([]Part, error)
}

// NamedRow is a row of a breakdown: its key, its name and its figures.
type NamedRow struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Figures
}

// Tasks sums the units' tasks of the cohort.
type Tasks struct {
	Assigned     int  `json:"assigned"`
	Overdue      int  `json:"overdue"`      // replied late or unanswered past the deadline
	OpenOverdue  int  `json:"open_overdue"` // still unanswered
	Redone       int  `json:"redone"`
	Supervised   int  `json:"supervised"`
	Reminders    int  `json:"reminders"`
	Response     Rate `json:"response_rate"`
	OnTime       Rate `json:"on_time_rate"`
	ReturnedLate int  `json:"returned_late"`
}

// Monthly is the monthly scheduling report.
type Monthly struct {
	Summary
	ByType     []NamedRow `json:"by_type"`
	ByCategory []NamedRow `json:"by_category"`
	ByTownship []NamedRow `json:"by_township"`
	Tasks      Tasks      `json:"tasks"`
	Units      []UnitRow  `json:"units"`
	// Ranking is the units' ranking within each kind, by the assessment's
	// score (the granted contests off, the published cases counted).
	Ranking []Ranking `json:"ranking"`
}

// Monthly computes the monthly scheduling report of the cohort registered
// from the day from to the day to (inclusive), as of now.
func (s *Service) Monthly(ctx context.Context, actor *account.Actor, from, to time.Time, district int64) (*Monthly, error) {
	sum, err := s.Summary(ctx, actor, from, to, district)
	if err != nil {
		return nil, err
	}
	units, err := s.Units(ctx, actor, from, to, district)
	if err != nil {
		return nil, err
	}
	q, err := s.query(actor, from, to, district)
	if err != nil {
		return nil, err
	}
	parts, err := s.Store.Breakdown(ctx, q)
	if err != nil {
		return nil, err
	}
	ranked, err := s.assess(ctx, q, units)
	if err != nil {
		return nil, err
	}
	m := &Monthly{Summary: *sum, Units: units.Units, Ranking: ranked.Kinds}
	m.AsOf = units.AsOf // one moment for the whole report
	m.ByType = breakdown(parts, "type")
	for _, t := range appeal.Types { // every type, in its order, even at zero
		if !hasKey(m.ByType, string(t)) {
			m.ByType = append(m.ByType, NamedRow{Key: string(t), Name: appeal.TypeName(t), Figures: rates(Figures{})})
		}
	}
	order := map[string]int{}
	for i, t := range appeal.Types {
		order[string(t)] = i
	}
	sortRows(m.ByType, func(r NamedRow) int { return order[r.Key] })
	m.ByCategory = breakdown(parts, "category")
	m.ByTownship = breakdown(parts, "territory")
	var a, responded, due, onTime int
	for _, u := range units.Units {
		a += u.Assigned
		responded += u.Responded
		due += u.Due
		onTime += u.OnTime
		m.Tasks.Overdue += u.Overdue
		m.Tasks.OpenOverdue += u.OpenOverdue
		m.Tasks.Redone += u.Redone
		m.Tasks.Supervised += u.Supervised
		m.Tasks.Reminders += u.Reminders
		m.Tasks.ReturnedLate += u.ReturnedLate
	}
	m.Tasks.Assigned, m.Tasks.Response, m.Tasks.OnTime = a, RateOf(responded, a), RateOf(onTime, due)
	return m, nil
}

// breakdown tallies the parts of one dimension, by name.
func breakdown(parts []Part, dim string) []NamedRow {
	byKey := map[string]*NamedRow{}
	var keys []string
	for _, p := range parts {
		if p.Dim != dim {
			continue
		}
		r := byKey[p.Key]
		if r == nil {
			r = &NamedRow{Key: p.Key, Name: p.Name}
			byKey[p.Key] = r
			keys = append(keys, p.Key)
		}
		r.Figures.Plus(p.Figures)
	}
	out := make([]NamedRow, 0, len(keys))
	for _, k := range keys {
		r := *byKey[k]
		r.Figures = rates(r.Figures)
		out = append(out, r)
	}
	// The largest first, as a leader reads them; the unnamed last.
	sortRows(out, func(r NamedRow) int {
		if r.Key == "0" {
			return 1 << 30
		}
		return -r.Received
	})
	return out
}

func hasKey(rows []NamedRow, key string) bool {
	for _, r := range rows {
		if r.Key == key {
			return true
		}
	}
	return false
}

// sortRows orders rows by rank, then by name, stably.
func sortRows(rows []NamedRow, rank func(NamedRow) int) {
	slices.SortStableFunc(rows, func(a, b NamedRow) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Name, b.Name))
	})
}

// Day is the number of appeals registered on one day (merged duplicates
// left out, as in the received count).
type Day struct {
	Date string `json:"date"` // YYYY-MM-DD, China Standard Time
	N    int    `json:"n"`
}

// TrendStore reads the appeals registered each day of a cohort.
type TrendStore interface {
	Trend(ctx context.Context, q Query) ([]Day, error)
}

// Trend returns the appeals registered each day from the day from to the
// day to (inclusive), every day listed, zero or not.
func (s *Service) Trend(ctx context.Context, actor *account.Actor, from, to time.Time, district int64) ([]Day, error) {
	q, err := s.query(actor, from, to, district)
	if err != nil {
		return nil, err
	}
	got, err := s.Store.Trend(ctx, q)
	if err != nil {
		return nil, err
	}
	n := map[string]int{}
	for _, d := range got {
		n[d.Date] += d.N
	}
	var out []Day
	for d := q.From; d.Before(q.To); d = d.AddDate(0, 0, 1) {
		date := d.In(appeal.CST).Format(time.DateOnly)
		out = append(out, Day{Date: date, N: n[date]})
	}
	return out, nil
}

// Package report computes the figures of the business environment express
// under the counting rules (统计口径) of DOMAIN.md: a cohort of appeals
// registered in a period, each in its state as of the report's time.
package report

import (
	"context"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// Group is one combination of the facts the counting rules look at, with
// the number of appeals of the cohort that have it. The store returns these
// from one GROUP BY; every rule is applied here, in Go.
type Group struct {
	Channel      appeal.Channel
	Route        appeal.Route
	State        appeal.State
	Satisfaction appeal.Satisfaction
	Resolved     bool
	Unreachable  bool
	Unreasonable bool // marked beyond what can be granted: out of the rates, reported apart
	N            int
}

// Query selects the cohort: appeals of the districts registered in [From, To).
type Query struct {
	Districts []int64
	From, To  time.Time
}

// Store is what the reports read and keep: the cohort's groups here, the
// rest in the files that use them.
type Store interface {
	SummaryGroups(ctx context.Context, q Query) ([]Group, error)
	UnitStore      // units.go: the units' task counts
	BreakdownStore // monthly.go: the cohort by type, category and township
	TrendStore     // monthly.go: the appeals registered each day
	SettingStore   // assessment.go: the weights
	ContestStore   // contest.go: the units' contests of charges
	CaseCounter    // assessment.go: the accountability cases published
}

// Figures are the counts and rates of one row of a report.
type Figures struct {
	Received     int `json:"received"`     // 受理数: merged duplicates left out (counted once, as the survivor)
	Closed       int `json:"closed"`       // 办结数
	Rated        int `json:"rated"`        // appeals whose final visit was rated
	Satisfied    int `json:"satisfied"`    // 满意
	Fair         int `json:"fair"`         // 基本满意
	Dissatisfied int `json:"dissatisfied"` // 不满意
	Resolved     int `json:"resolved"`     // rated visits answering 已解决
	Unreachable  int `json:"unreachable"`  // 无法联系: out of the denominators
	// Unreasonable (诉求不合理): out of the denominators too, reported apart;
	// of them, how many were rated and rated 满意 or 基本满意, for the rate
	// with them (SatisfactionAll).
	Unreasonable          int  `json:"unreasonable"`
	UnreasonableRated     int  `json:"unreasonable_rated"`
	UnreasonableSatisfied int  `json:"unreasonable_satisfied"`
	Merged                int  `json:"merged"`       // 并单
	Withdrawn             int  `json:"withdrawn"`    // 撤回
	NotAccepted           int  `json:"not_accepted"` // 不予受理
	Transferred           int  `json:"transferred"`  // 转其他渠道
	Satisfaction          Rate `json:"satisfaction"` // (满意+基本满意) ÷ rated, unreasonable appeals left out
	// SatisfactionAll counts the unreasonable appeals too: the figure as it
	// would be without fair satisfaction, shown beside the other.
	SatisfactionAll Rate `json:"satisfaction_all"`
	Resolution      Rate `json:"resolution"`  // resolved ÷ rated
	ClosedRate      Rate `json:"closed_rate"` // closed ÷ (received − withdrawn − not accepted − transferred)
}

// Row is a labelled line of a report.
type Row struct {
	Key string `json:"key"`
	Figures
}

// Summary is the first report: the cohort by channel and by route.
type Summary struct {
	From      string  `json:"from"` // inclusive, YYYY-MM-DD
	To        string  `json:"to"`   // inclusive, YYYY-MM-DD
	AsOf      string  `json:"as_of"`
	Districts []int64 `json:"districts"`
	Total     Figures `json:"total"`
	Hotline   Figures `json:"hotline"` // the two hotlines together, as the seed counts them
	ByChannel []Row   `json:"by_channel"`
	ByRoute   []Row   `json:"by_route"`
}

// Service computes reports for those who may read them.
type Service struct {
	Store Store
	Now   func() time.Time
}

// MaxDays is the longest period one summary covers.
const MaxDays = 3660

// Summary computes the summary of the appeals registered from the day from
// to the day to, both inclusive in China Standard Time, in the districts the
// actor sees (or in district, if given and in scope).
func (s *Service) Summary(ctx context.Context, actor *account.Actor, from, to time.Time, district int64) (*Summary, error) {
	q, err := s.query(actor, from, to, district)
	if err != nil {
		return nil, err
	}
	groups, err := s.Store.SummaryGroups(ctx, q)
	if err != nil {
		return nil, err
	}
	sum := Tally(groups)
	sum.From, sum.To = from.Format("2006-01-02"), to.Format("2006-01-02")
	sum.AsOf = s.Now().In(appeal.CST).Format(time.RFC3339)
	sum.Districts = q.Districts
	if sum.Districts == nil {
		sum.Districts = []int64{} // all districts
	}
	return sum, nil
}

// query is the cohort of the days from to to (inclusive) in the districts
// actor sees, or in district if given and in scope, for an actor who may
// read reports: the offices, the federation, leaders and the discipline
// commission.
func (s *Service) query(actor *account.Actor, from, to time.Time, district int64) (Query, error) {
	if !MayRead(actor) {
		return Query{}, fault.E(fault.Forbidden, "forbidden")
	}
	if to.Before(from) {
		return Query{}, fault.Field("from", "filter.range")
	}
	if to.Sub(from) > MaxDays*24*time.Hour {
		return Query{}, fault.Field("to", "report.toolong", MaxDays)
	}
	q := Query{Districts: actor.Districts, From: from, To: to.AddDate(0, 0, 1)}
	if district != 0 {
		if !actor.InDistrict(district) {
			return Query{}, fault.Field("district_id", "scope.district")
		}
		q.Districts = []int64{district}
	}
	if len(q.Districts) == 0 && !actor.System {
		return Query{}, fault.E(fault.Forbidden, "forbidden")
	}
	return q, nil
}

// Tally applies the counting rules to the groups of a cohort.
func Tally(groups []Group) *Summary {
	var sum Summary
	byChannel := map[appeal.Channel]*Figures{}
	byRoute := map[appeal.Route]*Figures{}
	for _, g := range groups {
		count(&sum.Total, g)
		if g.Channel.IsHotline() {
			count(&sum.Hotline, g)
		}
		if byChannel[g.Channel] == nil {
			byChannel[g.Channel] = &Figures{}
		}
		count(byChannel[g.Channel], g)
		if g.Route != appeal.RouteNone {
			if byRoute[g.Route] == nil {
				byRoute[g.Route] = &Figures{}
			}
			count(byRoute[g.Route], g)
		}
	}
	for _, c := range appeal.Channels {
		f := byChannel[c]
		if f == nil {
			f = &Figures{}
		}
		sum.ByChannel = append(sum.ByChannel, Row{Key: string(c), Figures: rates(*f)})
	}
	for _, r := range appeal.Routes {
		f := byRoute[r]
		if f == nil {
			f = &Figures{}
		}
		sum.ByRoute = append(sum.ByRoute, Row{Key: string(r), Figures: rates(*f)})
	}
	sum.Total, sum.Hotline = rates(sum.Total), rates(sum.Hotline)
	return &sum
}

// count adds one group to f under the counting rules.
// Add counts the appeals of g into f under the counting rules; a negative
// N counts them out.
func (f *Figures) Add(g Group) { count(f, g) }

// Plus adds the counts of o to f; the rates are made after (rates).
func (f *Figures) Plus(o Figures) {
	f.Received += o.Received
	f.Closed += o.Closed
	f.Rated += o.Rated
	f.Satisfied += o.Satisfied
	f.Fair += o.Fair
	f.Dissatisfied += o.Dissatisfied
	f.Resolved += o.Resolved
	f.Unreachable += o.Unreachable
	f.Unreasonable += o.Unreasonable
	f.UnreasonableRated += o.UnreasonableRated
	f.UnreasonableSatisfied += o.UnreasonableSatisfied
	f.Merged += o.Merged
	f.Withdrawn += o.Withdrawn
	f.NotAccepted += o.NotAccepted
	f.Transferred += o.Transferred
}

func count(f *Figures, g Group) {
	switch g.State {
	case appeal.Merged: // counted once, as the surviving appeal
		f.Merged += g.N
		return
	case appeal.Withdrawn:
		f.Withdrawn += g.N
	case appeal.NotAccepted:
		f.NotAccepted += g.N
	case appeal.Transferred:
		f.Transferred += g.N
	}
	f.Received += g.N
	if g.State.Final() && g.State != appeal.Closed {
		return // left out of closed, resolved and satisfaction
	}
	if g.State == appeal.Closed {
		f.Closed += g.N
	}
	switch {
	case g.Unreachable:
		f.Unreachable += g.N
	case g.Unreasonable:
		f.Unreasonable += g.N
		if g.Satisfaction != appeal.SatNone {
			f.UnreasonableRated += g.N
			if g.Satisfaction == appeal.Satisfied || g.Satisfaction == appeal.FairlySatisfied {
				f.UnreasonableSatisfied += g.N
			}
		}
	case g.Satisfaction != appeal.SatNone:
		f.Rated += g.N
		switch g.Satisfaction {
		case appeal.Satisfied:
			f.Satisfied += g.N
		case appeal.FairlySatisfied:
			f.Fair += g.N
		case appeal.Dissatisfied:
			f.Dissatisfied += g.N
		}
		if g.Resolved {
			f.Resolved += g.N
		}
	}
}

func rates(f Figures) Figures {
	f.Satisfaction = RateOf(f.Satisfied+f.Fair, f.Rated)
	f.SatisfactionAll = RateOf(f.Satisfied+f.Fair+f.UnreasonableSatisfied, f.Rated+f.UnreasonableRated)
	f.Resolution = RateOf(f.Resolved, f.Rated)
	f.ClosedRate = RateOf(f.Closed, f.Received-f.Withdrawn-f.NotAccepted-f.Transferred)
	return f
}

// MayRead reports whether actor reads reports: the offices, the federation,
// leaders and the discipline commission.
func MayRead(actor *account.Actor) bool {
	return actor != nil && (actor.System || actor.HasAny(account.Federation, account.Office, account.Leader, account.CityOffice, account.Discipline))
}

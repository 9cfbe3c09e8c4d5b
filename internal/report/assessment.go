package report

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Performance assessment (绩效考核): each assessed unit's 三率 and on-time
// rate, combined by configurable weights into a score out of 100, less
// points for each redo, supervision notice and task still overdue; units
// ranked within their kind (乡镇街道 / 区直部门 / 垂管单位); units outside
// the assessment listed apart. A rate a unit has no cases for (nothing
// rated, nothing due) does not count for or against it: the other rates'
// weights make up the whole.

// Weights are the points of each rate and the points taken off per case.
type Weights struct {
	Response     float64 `json:"response"`     // 响应率
	OnTime       float64 `json:"on_time"`      // 按期办结率
	Resolution   float64 `json:"resolution"`   // 解决率
	Satisfaction float64 `json:"satisfaction"` // 满意率
	Redo         float64 `json:"redo"`         // per reply ordered redone
	Supervised   float64 `json:"supervised"`   // per task put under supervision
	Overdue      float64 `json:"overdue"`      // per task still unanswered past its deadline
	Case         float64 `json:"case"`         // per accountability case published (问责通报) in the period
}

// DefaultWeights: the four rates 20, 30, 20 and 30 points; 2 points off per
// redo, 1 per supervision, 1 per task overdue, 5 per accountability case.
func DefaultWeights() Weights {
	return Weights{Response: 20, OnTime: 30, Resolution: 20, Satisfaction: 30, Redo: 2, Supervised: 1, Overdue: 1, Case: 5}
}

// Check refuses weights that cannot make a score out of 100.
func (w Weights) Check() error {
	for _, v := range []float64{w.Response, w.OnTime, w.Resolution, w.Satisfaction, w.Redo, w.Supervised, w.Overdue, w.Case} {
		if v < 0 || v > 100 || math.IsNaN(v) {
			return fault.Field("weights", "assess.range")
		}
	}
	if sum := w.Response + w.OnTime + w.Resolution + w.Satisfaction; math.Abs(sum-100) > 1e-9 {
		return fault.Field("weights", "assess.sum", sum)
	}
	return nil
}

// SettingStore keeps the weights.
type SettingStore interface {
	Setting(ctx context.Context, name string) (string, error)
	SetSetting(ctx context.Context, name, value string, at time.Time, by int64) error
}

const weightsSetting = "assessment.weights"

// ScorePart is one rate's share of a score.
type ScorePart struct {
	Key    string  `json:"key"` // response, on_time, resolution, satisfaction
	Weight float64 `json:"weight"`
	Rate   Rate    `json:"rate"`
	Points float64 `json:"points"` // what it earned, after the weights of rates without cases are shared out
}

// Score is a unit's assessment.
type Score struct {
	UnitRow
	Parts   []ScorePart `json:"parts"`
	Cases   int         `json:"cases"`   // accountability cases published in the period
	Penalty float64     `json:"penalty"` // points taken off
	Score   float64     `json:"score"`   // out of 100, one decimal
	Rank    int         `json:"rank"`    // within its kind; 1 is the best
}

// Assessment is the scores of a period.
type Assessment struct {
	From        string    `json:"from"`
	To          string    `json:"to"`
	AsOf        string    `json:"as_of"`
	Weights     Weights   `json:"weights"`
	Kinds       []Ranking `json:"kinds"`
	NotAssessed []UnitRow `json:"not_assessed"`
}

// Ranking is the units of one kind, best first.
type Ranking struct {
	Kind  unit.Kind `json:"kind"`
	Units []Score   `json:"units"`
}

// CurrentWeights returns the weights in force.
func (s *Service) CurrentWeights(ctx context.Context) (Weights, error) {
	w := DefaultWeights()
	v, err := s.Store.Setting(ctx, weightsSetting)
	if fault.Is(err, fault.NotFound) || (err == nil && v == "") {
		return w, nil
	} else if err != nil {
		return w, err
	}
	if err := json.Unmarshal([]byte(v), &w); err != nil {
		return DefaultWeights(), fault.Wrap(err, "assessment weights")
	}
	return w, nil
}

// SetWeights sets the weights: the office's, which runs the assessment.
func (s *Service) SetWeights(ctx context.Context, actor *account.Actor, w Weights) (Weights, error) {
	if !MayAssess(actor) {
		return w, fault.E(fault.Forbidden, "forbidden")
	}
	if err := w.Check(); err != nil {
		return w, err
	}
	b, _ := json.Marshal(w)
	return w, s.Store.SetSetting(ctx, weightsSetting, string(b), s.Now(), actor.UserID)
}

// MayAssess reports whether actor runs the assessment — sets its weights and
// decides the units' contests: the office.
func MayAssess(actor *account.Actor) bool {
	return actor != nil && !actor.ReadOnly && (actor.System || actor.Has(account.Office))
}

// Assess scores the units of the cohort registered from the day from to the
// day to (inclusive), as of now.
func (s *Service) Assess(ctx context.Context, actor *account.Actor, from, to time.Time, district int64) (*Assessment, error) {
	units, err := s.Units(ctx, actor, from, to, district)
	if err != nil {
		return nil, err
	}
	q, err := s.query(actor, from, to, district)
	if err != nil {
		return nil, err
	}
	return s.assess(ctx, q, units)
}

// assess scores the units' figures of cohort q by the weights in force,
// with the granted contests and the published cases of the period.
func (s *Service) assess(ctx context.Context, q Query, units *UnitReport) (*Assessment, error) {
	w, err := s.CurrentWeights(ctx)
	if err != nil {
		return nil, err
	}
	a := &Assessment{From: units.From, To: units.To, AsOf: units.AsOf, Weights: w, NotAssessed: []UnitRow{}}
	granted, err := s.Store.Granted(ctx, q)
	if err != nil {
		return nil, err
	}
	cases, err := s.Store.PublishedCases(ctx, q)
	if err != nil {
		return nil, err
	}
	byKind := map[unit.Kind][]Score{}
	for _, u := range units.Units {
		if !u.Assessed {
			a.NotAssessed = append(a.NotAssessed, u)
			continue
		}
		if g := granted[u.UnitID]; len(g) > 0 { // 核减: the granted charges come off
			u = UnitFigures(grantedOff(u.UnitCounts, g))
			u.Granted = g
		}
		byKind[u.Kind] = append(byKind[u.Kind], ScoreOf(u, cases[u.UnitID], w))
	}
	a.Kinds = []Ranking{}
	for _, k := range []unit.Kind{unit.TownshipK, unit.Department, unit.Vertical, unit.Region} {
		scores := byKind[k]
		if len(scores) == 0 {
			continue
		}
		slices.SortStableFunc(scores, func(x, y Score) int {
			return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(x.Name, y.Name))
		})
		for i := range scores {
			scores[i].Rank = i + 1
			if i > 0 && scores[i].Score == scores[i-1].Score {
				scores[i].Rank = scores[i-1].Rank // a tie shares its place
			}
		}
		a.Kinds = append(a.Kinds, Ranking{Kind: k, Units: scores})
	}
	return a, nil
}

// ScoreOf combines a unit's rates by w, less its penalties: its redone,
// supervised and overdue tasks, and the accountability cases published
// against it in the period.
func ScoreOf(u UnitRow, cases int, w Weights) Score {
	s := Score{UnitRow: u, Cases: cases}
	parts := []ScorePart{{Key: "response", Weight: w.Response, Rate: u.Response}, {Key: "on_time", Weight: w.OnTime, Rate: u.OnTimeRate},
		{Key: "resolution", Weight: w.Resolution, Rate: u.Resolution}, {Key: "satisfaction", Weight: w.Satisfaction, Rate: u.Satisfaction}}
	var counted float64
	for _, p := range parts {
		if p.Rate.Den > 0 {
			counted += p.Weight
		}
	}
	var total float64
	for i := range parts {
		p := &parts[i]
		if p.Rate.Den > 0 && counted > 0 {
			p.Points = round1(p.Weight * 100 / counted * float64(p.Rate.Num) / float64(p.Rate.Den))
			total += p.Weight * 100 / counted * float64(p.Rate.Num) / float64(p.Rate.Den)
		}
	}
	if counted == 0 {
		total = 100 // nothing to judge it by: nothing against it
	}
	s.Parts = parts
	s.Penalty = round1(w.Redo*float64(u.Redone) + w.Supervised*float64(u.Supervised) + w.Overdue*float64(u.OpenOverdue) +
		w.Case*float64(cases))
	s.Score = round1(max(total-s.Penalty, 0))
	return s
}

// round1 rounds to one decimal, half up.
func round1(x float64) float64 { return math.Floor(x*10+0.5+1e-9) / 10 }

// CaseCounter counts, per unit, the accountability cases published in a
// cohort's period.
type CaseCounter interface {
	PublishedCases(ctx context.Context, q Query) (map[int64]int, error)
}

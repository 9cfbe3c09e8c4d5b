package report

import (
	"cmp"
	"context"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/unit"
)

// UnitCounts are the counts of one unit's tasks in a cohort, as the store
// reads them at the as-of time; UnitFigures applies the rules to them.
type UnitCounts struct {
	UnitID   int64     `json:"unit_id"`
	Name     string    `json:"name"`
	Kind     unit.Kind `json:"kind"`
	Assessed bool      `json:"assessed"`
	// Assigned counts the unit's tasks but those cancelled with their appeal.
	Assigned int `json:"assigned"`
	// Responded: accepted or returned by the time to accept (签收及时).
	Responded int `json:"responded"`
	// Due: tasks replied, or whose deadline (as extended) has passed
	// unanswered and whose clock is not paused; returned tasks are not
	// the unit's to answer. OnTime: replied by the deadline.
	Due          int `json:"due"`
	OnTime       int `json:"on_time"`
	Overdue      int `json:"overdue"`      // of Due: replied late, or still unanswered past the deadline
	OpenOverdue  int `json:"open_overdue"` // of Overdue: still unanswered
	Returned     int `json:"returned"`
	ReturnedLate int `json:"returned_late"` // returned after the time to accept
	Redone       int `json:"redone"`        // replies ordered redone: counted against the unit
	Reminders    int `json:"reminders"`     // 催办 received
	Supervised   int `json:"supervised"`    // tasks put under supervision (督办)
	Unanswered   int `json:"unanswered"`    // of Supervised: the supervision not yet answered
	Extended     int `json:"extended"`      // tasks granted more time
	// The final visits of the appeals the unit led in their last round.
	Rated     int `json:"rated"`
	Satisfied int `json:"satisfied"`
	Fair      int `json:"fair"`
	Resolved  int `json:"resolved"`
}

// UnitRow is a unit's line of the report: its counts and the 三率 with
// the on-time rate.
type UnitRow struct {
	UnitCounts
	Response     Rate `json:"response_rate"`     // 响应率: responded ÷ assigned
	OnTimeRate   Rate `json:"on_time_rate"`      // 按期办结率: on time ÷ due
	Resolution   Rate `json:"resolution_rate"`   // 解决率: resolved ÷ rated
	Satisfaction Rate `json:"satisfaction_rate"` // 满意率: (满意 + 基本满意) ÷ rated
	// Granted are the charges taken off by granted contests (核减), in the
	// assessment only; the counts above are after them.
	Granted map[Charge]int `json:"granted,omitempty"`
}

// UnitReport is the units' figures of a cohort.
type UnitReport struct {
	From      string    `json:"from"`
	To        string    `json:"to"`
	AsOf      string    `json:"as_of"`
	Districts []int64   `json:"districts"`
	Units     []UnitRow `json:"units"` // by kind (乡镇街道, 部门, 垂管单位), then name
}

// UnitStore reads the units' counts of a cohort.
type UnitStore interface {
	UnitCounts(ctx context.Context, q Query, asOf time.Time) ([]UnitCounts, error)
}

// Units computes the figures of every unit with a task in the cohort of
// appeals registered from the day from to the day to (inclusive), as of
// now, for an actor who may read reports (see Summary).
func (s *Service) Units(ctx context.Context, actor *account.Actor, from, to time.Time, district int64) (*UnitReport, error) {
	q, err := s.query(actor, from, to, district)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	counts, err := s.Store.UnitCounts(ctx, q, now)
	if err != nil {
		return nil, err
	}
	r := &UnitReport{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), AsOf: now.In(appeal.CST).Format(time.RFC3339),
		Districts: q.Districts, Units: make([]UnitRow, len(counts))}
	if r.Districts == nil {
		r.Districts = []int64{}
	}
	for i, c := range counts {
		r.Units[i] = UnitFigures(c)
	}
	order := map[unit.Kind]int{unit.TownshipK: 0, unit.Department: 1, unit.Vertical: 2, unit.Region: 3}
	slices.SortStableFunc(r.Units, func(a, b UnitRow) int {
		return cmp.Or(cmp.Compare(order[a.Kind], order[b.Kind]), cmp.Compare(a.Name, b.Name), cmp.Compare(a.UnitID, b.UnitID))
	})
	return r, nil
}

// UnitFigures applies the rates to a unit's counts.
func UnitFigures(c UnitCounts) UnitRow {
	return UnitRow{UnitCounts: c, Response: RateOf(c.Responded, c.Assigned), OnTimeRate: RateOf(c.OnTime, c.Due),
		Resolution: RateOf(c.Resolved, c.Rated), Satisfaction: RateOf(c.Satisfied+c.Fair, c.Rated)}
}

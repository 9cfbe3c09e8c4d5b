package report

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// Contests (申诉): a unit disputes a charge against it on one of its tasks
// — late to respond, overdue, redone, supervised — with its reason; the
// office grants it (核减: the charge is taken off the unit's assessment) or
// refuses it, with its own reason. Both stay on record; the score follows.

// Charge is what a contest disputes.
type Charge string

// The charges.
const (
	ChargeResponse   Charge = "response"   // not accepted or returned in time
	ChargeOverdue    Charge = "overdue"    // answered late, or not yet
	ChargeRedo       Charge = "redo"       // its reply ordered redone
	ChargeSupervised Charge = "supervised" // put under supervision
)

// Charges lists the charges.
var Charges = []Charge{ChargeResponse, ChargeOverdue, ChargeRedo, ChargeSupervised}

// The states of a contest.
const (
	ContestPending = "pending"
	ContestGranted = "granted"
	ContestRefused = "refused"
)

// Contest is one dispute.
type Contest struct {
	ID         int64     `json:"id"`
	TaskID     int64     `json:"task_id"`
	AppealID   int64     `json:"appeal_id"`
	UnitID     int64     `json:"unit_id"`
	DistrictID int64     `json:"district_id"`
	Charge     Charge    `json:"charge"`
	Reason     string    `json:"reason"`
	State      string    `json:"state"`
	CreatedBy  int64     `json:"created_by"`
	CreatedAt  time.Time `json:"created_at"`
	DecidedBy  int64     `json:"decided_by,omitempty"`
	DecidedAt  time.Time `json:"decided_at,omitzero"`
	Decision   string    `json:"decision,omitempty"`
}

// TaskRef is what a contest needs to know of the task it disputes.
type TaskRef struct {
	ID, AppealID, UnitID, DistrictID int64
}

// ContestStore keeps the contests.
type ContestStore interface {
	TaskRef(ctx context.Context, taskID int64) (TaskRef, error)
	// CreateContest inserts c; a contest of the same task and charge not
	// refused is a Conflict (contest.dup).
	CreateContest(ctx context.Context, c *Contest) error
	// DecideContest records the decision of a pending contest; one decided
	// already is a Conflict (contest.decided).
	DecideContest(ctx context.Context, id int64, state string, by int64, at time.Time, decision string) (*Contest, error)
	Contest(ctx context.Context, id int64) (*Contest, error)
	// Contests lists the contests of the districts (nil: all) or of unit,
	// pending first, newest first.
	Contests(ctx context.Context, districts []int64, unit int64, limit int) ([]Contest, error)
	// Granted counts, per unit and charge, the granted contests of the
	// tasks of the cohort q.
	Granted(ctx context.Context, q Query) (map[int64]map[Charge]int, error)
}

// MaxReason bounds a contest's reason and decision.
const MaxReason = 1000

// FileContest records a unit's contest of charge on task taskID: a handler
// of the task's unit files it.
func (s *Service) FileContest(ctx context.Context, actor *account.Actor, taskID int64, charge Charge, reason string) (*Contest, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case !slices.Contains(Charges, charge):
		return nil, fault.Field("charge", "one_of", "charge", "response, overdue, redo, supervised")
	case reason == "":
		return nil, fault.Field("reason", "reason.required")
	case utf8.RuneCountInString(reason) > MaxReason:
		return nil, fault.Field("reason", "too_long", "reason", MaxReason)
	}
	t, err := s.Store.TaskRef(ctx, taskID)
	if err != nil {
		return nil, err
	}
	if actor == nil || actor.ReadOnly || !actor.Has(account.Handler) || actor.UnitID != t.UnitID {
		return nil, fault.E(fault.Forbidden, "contest.unit")
	}
	c := &Contest{TaskID: t.ID, AppealID: t.AppealID, UnitID: t.UnitID, DistrictID: t.DistrictID, Charge: charge,
		Reason: reason, State: ContestPending, CreatedBy: actor.UserID, CreatedAt: s.Now()}
	return c, s.Store.CreateContest(ctx, c)
}

// DecideContest grants (核减) or refuses contest id: the office of its
// district, with its reason.
func (s *Service) DecideContest(ctx context.Context, actor *account.Actor, id int64, grant bool, decision string) (*Contest, error) {
	c, err := s.Store.Contest(ctx, id)
	if err != nil {
		return nil, err
	}
	if !MayAssess(actor) || !actor.InDistrict(c.DistrictID) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	decision = strings.TrimSpace(decision)
	if decision == "" {
		return nil, fault.Field("decision", "reason.required")
	}
	if utf8.RuneCountInString(decision) > MaxReason {
		return nil, fault.Field("decision", "too_long", "decision", MaxReason)
	}
	state := ContestRefused
	if grant {
		state = ContestGranted
	}
	return s.Store.DecideContest(ctx, id, state, actor.UserID, s.Now(), decision)
}

// ListContests returns the contests actor may see: the office and those
// who read reports, of their districts; a handler, of its unit.
func (s *Service) ListContests(ctx context.Context, actor *account.Actor) ([]Contest, error) {
	switch {
	case MayRead(actor):
		return s.Store.Contests(ctx, actor.Districts, 0, 200)
	case actor != nil && actor.Has(account.Handler):
		return s.Store.Contests(ctx, nil, actor.UnitID, 200)
	}
	return nil, fault.E(fault.Forbidden, "forbidden")
}

// grantedOff takes the granted charges off a unit's counts.
func grantedOff(c UnitCounts, g map[Charge]int) UnitCounts {
	if n := min(g[ChargeResponse], c.Assigned-c.Responded); n > 0 {
		c.Responded += n
	}
	if n := min(g[ChargeOverdue], c.Overdue); n > 0 {
		c.OnTime += n
		c.Overdue -= n
		c.OpenOverdue = max(c.OpenOverdue-n, 0)
	}
	c.Redone = max(c.Redone-g[ChargeRedo], 0)
	c.Supervised = max(c.Supervised-g[ChargeSupervised], 0)
	return c
}

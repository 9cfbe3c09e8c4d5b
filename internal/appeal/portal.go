package appeal

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"strings"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// The public portal (信息直报): an enterprise files an appeal without an
// account, and follows and rates it later with its number and the query
// code it was given once. The code is the only key, so a wrong number and a
// wrong code get the same answer: nothing tells which appeals exist.

// portalFiler is the actor of a filing on the portal.
var portalFiler = &account.Actor{Name: "信息直报", Portal: true}

// FileOnPortal registers an appeal filed on the public portal: the channel
// is the portal's. Filed without an account (actor nil), the enterprise is
// kept as typed, for an officer to match to the registry; filed by an
// enterprise account, it is the account's company.
func (s *Service) FileOnPortal(ctx context.Context, actor *account.Actor, in Intake) (*Created, error) {
	in.Channel, in.EnterpriseID, in.Anonymous, in.ExternalNo = Portal, 0, false, ""
	if actor == nil {
		actor = portalFiler
	}
	in.EnterpriseID = actor.EnterpriseID // a signed-in company files as itself
	if !actor.IsEnterprise() {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Create(ctx, actor, in)
}

// Followed is an appeal as its enterprise follows it on the portal: what it
// filed, where the appeal stands, and what it has been told.
type Followed struct {
	Appeal  Appeal
	Told    []Event // the steps that told the enterprise something, oldest first
	MayRate bool
	Holder  *account.Actor // acts on the appeal as the holder of its code (Rate)
	// The time left to answer, while the appeal is being handled: the
	// deadline of the lead unit's task (or the city's), the working days
	// left to it and where its clock stands.
	Due      time.Time
	DaysLeft int
	Clock    Due
	Paused   bool
}

// Follow returns the appeal whose case number is number, if code is its
// query code.
func (s *Service) Follow(ctx context.Context, number, code string) (*Followed, error) {
	id, ok := ParseNumber(number)
	if !ok {
		return nil, fault.E(fault.NotFound, "follow.nomatch")
	}
	g, err := s.Store.Aggregate(ctx, id)
	if fault.Is(err, fault.NotFound) {
		return nil, fault.E(fault.NotFound, "follow.nomatch")
	} else if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(strings.ToUpper(strings.TrimSpace(code))))
	if len(g.Appeal.QueryCodeHash) == 0 || subtle.ConstantTimeCompare(sum[:], g.Appeal.QueryCodeHash) != 1 ||
		!strings.EqualFold(strings.TrimSpace(number), g.Appeal.Number()) {
		return nil, fault.E(fault.NotFound, "follow.nomatch")
	}
	return s.followed(ctx, g, &account.Actor{Name: "企业（查询码）", CodeFor: id})
}

// FollowAsAccount returns appeal id as an enterprise account follows it on
// the portal: one of its own company's, or none.
func (s *Service) FollowAsAccount(ctx context.Context, actor *account.Actor, id int64) (*Followed, error) {
	if actor == nil || actor.EnterpriseID == 0 || !actor.IsEnterprise() {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	g, err := s.Store.Aggregate(ctx, id)
	if fault.Is(err, fault.NotFound) || (err == nil && RelationOf(actor, g) != AsEnterprise) {
		return nil, fault.NotFoundOf("noun.appeal")
	} else if err != nil {
		return nil, err
	}
	return s.followed(ctx, g, actor)
}

// followed is g as its enterprise sees it, holder acting for it.
func (s *Service) followed(ctx context.Context, g *Aggregate, holder *account.Actor) (*Followed, error) {
	evs, err := s.Store.Timeline(ctx, g.Appeal.ID)
	if err != nil {
		return nil, err
	}
	f := &Followed{Appeal: Redact(g.Appeal, AsEnterprise, false), Holder: holder}
	for _, e := range evs {
		if e.Action == ActRegister || e.Told != "" {
			f.Told = append(f.Told, Event{At: e.At, Action: e.Action, ToState: e.ToState, Told: e.Told})
		}
	}
	if f.Appeal.FeedbackAt.IsZero() { // a result not yet told is not yet the enterprise's to read
		f.Appeal.ResultOutcome, f.Appeal.ResultText = "", ""
	}
	f.MayRate = g.Appeal.State == AwaitVisit && !g.Appeal.FeedbackAt.IsZero()
	s.timeLeft(g, f)
	return f, nil
}

// timeLeft fills in how long the units have left, while they work.
func (s *Service) timeLeft(g *Aggregate, f *Followed) {
	if g.Appeal.State != InProgress && g.Appeal.State != Unassigned {
		return
	}
	now := s.Now()
	if t := g.OpenLead(); t != nil && !t.ReplyDue.IsZero() {
		f.Due, f.Clock, f.Paused = t.ReplyDue, t.Clock(now), t.Paused()
	} else if !g.Appeal.DueAt.IsZero() {
		f.Due = g.Appeal.DueAt
	} else {
		return
	}
	// The deadline is the midnight after its last day: the days left are
	// the working days from today to that last day.
	f.DaysLeft = s.Deadlines.Between(now, f.Due.Add(-time.Second))
}

// Rate records the enterprise's own rating of the result it was told, as a
// return visit that reached it, on behalf of the holder of the query code.
func (s *Service) Rate(ctx context.Context, f *Followed, sat Satisfaction, resolved bool, words string) (*Aggregate, error) {
	return s.Act(ctx, f.Holder, f.Appeal.ID, Command{Action: ActVisit, Version: f.Appeal.Version,
		Reached: true, Satisfaction: sat, Resolved: resolved, Words: words})
}

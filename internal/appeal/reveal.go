package appeal

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// Detail is a piece of the appellant's identity that officers see masked
// until they reveal it.
type Detail string

// The details that can be revealed.
const (
	DetailPhone Detail = "phone"
	DetailName  Detail = "name"
	DetailIDNo  Detail = "id_no"
)

// Details lists the details that can be revealed.
var Details = []Detail{DetailPhone, DetailName, DetailIDNo}

// MaxRevealReason is the longest reason for a reveal.
const MaxRevealReason = 200

// Revealed is one detail of an appeal's appellant shown in the clear.
type Revealed struct {
	AppealID int64
	Detail   Detail
	Value    string // "" when the appeal has none
}

// revealRoles may reveal the appellant of an appeal of their district: they
// call the enterprise back (the federation and intake) or assign its tasks
// (the office). Leaders, the discipline commission and the city read the
// appeal with the contact masked and may not reveal it.
var revealRoles = []account.Role{account.Federation, account.Office, account.Intake}

// Reveal shows actor one masked detail of the appellant of appeal id, for the
// reason given, and records the act — and every refused attempt — through
// rec (action reveal.<detail>, object appeal:<id>; the value is never
// recorded). Without a recorder nothing is revealed. Who may reveal:
// the federation, the office and intake of the appeal's district; a unit
// with a task of the appeal unless it was dispatched anonymously; and those
// who see the contact in the clear anyway (the enterprise, the officer who
// registered it, the system). Read-only tokens reveal nothing.
func (s *Service) Reveal(ctx context.Context, actor *account.Actor, rec audit.Recorder, id int64, d Detail, reason string) (*Revealed, error) {
	reason = strings.TrimSpace(reason)
	if !slices.Contains(Details, d) {
		return nil, fault.Field("field", "one_of", "field", joinCodes(Details))
	}
	if reason == "" || utf8.RuneCountInString(reason) > MaxRevealReason {
		return nil, fault.Field("reason", "reveal.reason", MaxRevealReason)
	}
	if rec == nil {
		return nil, &fault.Error{Kind: fault.Internal, Key: "reveal.unlogged", Err: errors.New("appeal: reveal: no audit recorder")}
	}
	g, err := s.Store.Aggregate(ctx, id)
	if err == nil {
		err = mayReveal(actor, g)
	}
	if err := s.recordReveal(ctx, rec, actor, id, d, reason, err); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	a := &g.Appeal
	value := map[Detail]string{DetailPhone: a.ContactPhone, DetailName: a.ContactName, DetailIDNo: a.ContactIDNo}[d]
	return &Revealed{AppealID: id, Detail: d, Value: value}, nil
}

// mayReveal is the rule of Reveal.
func mayReveal(actor *account.Actor, g *Aggregate) error {
	rel := RelationOf(actor, g)
	switch {
	case rel == NoRelation:
		return fault.NotFoundOf("noun.appeal")
	case actor.ReadOnly:
		return fault.E(fault.Forbidden, "forbidden")
	case actor.System || rel == AsEnterprise || fullContact(actor, &g.Appeal):
		return nil
	case actor.HasAny(revealRoles...) && actor.InDistrict(g.Appeal.DistrictID):
		return nil
	case handlesTask(actor, g):
		if g.Appeal.Anonymous {
			return fault.E(fault.Forbidden, "reveal.anonymous")
		}
		return nil
	}
	return fault.E(fault.Forbidden, "reveal.forbidden")
}

// handlesTask reports whether actor's unit has a task of g.
func handlesTask(actor *account.Actor, g *Aggregate) bool {
	if !actor.Has(account.Handler) {
		return false
	}
	return slices.ContainsFunc(g.Tasks, func(t Task) bool { return t.UnitID == actor.UnitID })
}

// recordReveal records a reveal that was allowed (refusal nil) or refused.
// A reveal that cannot be recorded does not happen.
func (s *Service) recordReveal(ctx context.Context, rec audit.Recorder, actor *account.Actor, id int64, d Detail, reason string, refusal error) error {
	m := audit.MetaFrom(ctx)
	e := audit.Entry{At: s.Now(), ClientIP: m.ClientIP, RequestID: m.RequestID, Action: "reveal." + string(d),
		Object: "appeal:" + strconv.FormatInt(id, 10), Outcome: audit.OK, Detail: "reason: " + reason}
	if actor != nil {
		e.ActorID, e.UnitID, e.ActorName = actor.UserID, actor.UnitID, cmp.Or(actor.Username, actor.Name)
	}
	switch {
	case refusal == nil:
	case fault.Is(refusal, fault.Forbidden) || fault.Is(refusal, fault.NotFound):
		e.Outcome = audit.Denied
		e.Detail += "; refused: " + errorKey(refusal)
	default:
		e.Outcome = audit.Failed
		e.Detail += "; failed: " + errorKey(refusal)
	}
	if err := rec.Record(ctx, e); err != nil {
		return &fault.Error{Kind: fault.Internal, Key: "reveal.unlogged", Err: err}
	}
	return nil
}

// errorKey names an error by its message key (for the log, and to tell
// errors of one kind apart); "internal" for an error of ours.
func errorKey(err error) string {
	var fe *fault.Error
	if errors.As(err, &fe) {
		return fe.Key
	}
	return "internal"
}

package account

import (
	"context"

	"zhitong/internal/audit"
)

// record appends e to the audit log through s.Audit (nothing when nil),
// stamped with the time and the request's client and id. An entry that
// cannot be written fails the act: 等保 wants no sensitive act unrecorded.
func (s *Service) record(ctx context.Context, e audit.Entry) error {
	if s.Audit == nil {
		return nil
	}
	m := audit.MetaFrom(ctx)
	if e.At.IsZero() {
		e.At = s.Now()
	}
	if e.ClientIP == "" {
		e.ClientIP = m.ClientIP
	}
	if e.RequestID == "" {
		e.RequestID = m.RequestID
	}
	if e.Outcome == "" {
		e.Outcome = audit.OK
	}
	return s.Audit.Record(ctx, e)
}

// entryBy is an entry of an act by actor on object.
func entryBy(actor *Actor, action, object, detail string) audit.Entry {
	e := audit.Entry{Action: action, Object: object, Detail: detail}
	if actor != nil {
		e.ActorID, e.ActorName, e.UnitID = actor.UserID, actor.Username, actor.UnitID
		if actor.System {
			e.ActorName = actor.Name
		}
	}
	return e
}

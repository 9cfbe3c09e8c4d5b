// Package review is the audit administrator's reading of the audit log:
// search and export. Only the audit administrator may read the log — not
// the system or the security administrator (三员分立) — and every reading,
// refused ones too, is itself recorded.
package review

import (
	"context"
	"iter"

	"zhitong/internal/account"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// Service searches and exports the log.
type Service struct {
	Log   audit.Store    // the log to read
	Audit audit.Recorder // where readings are recorded (an *audit.Service)
}

// exportPage is how many entries an export reads at a time.
const exportPage = 1000

// MayRead reports whether actor may read the audit log: an officer who
// holds the audit administrator's role.
func MayRead(actor *account.Actor) bool {
	return actor != nil && !actor.System && !actor.IsEnterprise() && actor.Has(account.Auditor)
}

// Search returns a page of the entries that match q, newest first, if actor
// may read the log.
func (s *Service) Search(ctx context.Context, actor *account.Actor, q audit.Query) (*audit.Page, error) {
	q.Limit = audit.Limit(q.Limit)
	if err := s.readBy(ctx, actor, "audit.search", q); err != nil {
		return nil, err
	}
	want := q.Limit
	q.Limit++
	es, err := s.Log.SearchAudit(ctx, q)
	if err != nil {
		return nil, err
	}
	p := &audit.Page{Entries: es}
	if len(es) > want {
		p.Entries = es[:want]
		p.Next = es[want-1].ID
	}
	return p, nil
}

// Export returns every entry that matches q (its Before and Limit aside),
// newest first, read a page at a time as the caller goes, if actor may read
// the log. The export is recorded before any entry is read.
func (s *Service) Export(ctx context.Context, actor *account.Actor, q audit.Query) (iter.Seq2[*audit.Entry, error], error) {
	q.Before, q.Limit = 0, exportPage
	if err := s.readBy(ctx, actor, "audit.export", q); err != nil {
		return nil, err
	}
	return func(yield func(*audit.Entry, error) bool) {
		for {
			es, err := s.Log.SearchAudit(ctx, q)
			if err != nil {
				yield(nil, err)
				return
			}
			for i := range es {
				if !yield(&es[i], nil) {
					return
				}
			}
			if len(es) < q.Limit {
				return
			}
			q.Before = es[len(es)-1].ID
		}
	}, nil
}

// readBy records actor's reading of the log as action, with the query's
// filter, and refuses it unless actor may read.
func (s *Service) readBy(ctx context.Context, actor *account.Actor, action string, q audit.Query) error {
	e := entryBy(actor, action, q.String())
	if !MayRead(actor) {
		e.Outcome = audit.Denied
		if err := s.Audit.Record(ctx, e); err != nil {
			return err
		}
		return fault.E(fault.Forbidden, "audit.forbidden")
	}
	return s.Audit.Record(ctx, e)
}

// entryBy is the entry of actor reading the log.
func entryBy(actor *account.Actor, action, detail string) audit.Entry {
	e := audit.Entry{Action: action, Object: "audit", Detail: detail, Outcome: audit.OK}
	if actor != nil {
		e.ActorID, e.ActorName, e.UnitID = actor.UserID, actor.Username, actor.UnitID
	}
	return e
}

package appeal

import (
	"context"

	"zhitong/internal/account"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Draft is an appeal checked as Create checks it and ready to insert, with
// its registration event; nothing of it is written yet.
type Draft struct {
	Appeal *Appeal
	Event  *Event
}

// DraftAll checks each of ins as Create would register it on behalf of
// actor — the intake's own rules, actor's right to the channel and the
// district, the district, township and category, the enterprise matched by
// its credit code — and returns the appeals and registration events to
// insert, written nowhere: the caller stores them all at once or none.
//
// errs has one entry per intake: nil for a good one, whose Draft is then
// in drafts at the same index, or the refusal of that intake alone (a
// 4xx fault). err is a failure that stops the whole batch (the database).
//
// The events carry no notices: an appeal registered in a batch is not
// texted a query code, since whoever sent the batch (the city's
// 直通车办 for 市交办) deals with the enterprise itself. The lookups a
// batch repeats — the district, townships, categories and enterprises —
// are each read once.
func (s *Service) DraftAll(ctx context.Context, actor *account.Actor, ins []Intake) (drafts []Draft, errs []error, err error) {
	b := *s
	b.Units = &onceUnits{Store: s.Units, seen: map[int64]lookup[unit.Unit]{}}
	b.Store = &onceCategories{Store: s.Store, seen: map[int64]lookup[Category]{}}
	b.Enterprises = &onceEnterprises{Store: s.Enterprises, byID: map[int64]lookup[enterprise.Enterprise]{},
		byCode: map[string]lookup[enterprise.Enterprise]{}}
	drafts, errs = make([]Draft, len(ins)), make([]error, len(ins))
	for i, in := range ins {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		a, ev, _, derr := b.draft(ctx, actor, in)
		if derr != nil {
			if fault.KindOf(derr) == fault.Internal {
				return nil, nil, derr
			}
			errs[i] = derr
			continue
		}
		ev.Notices = nil
		drafts[i] = Draft{Appeal: a, Event: ev}
	}
	return drafts, errs, nil
}

// lookup is one remembered read: what it found, or that it found nothing.
type lookup[T any] struct {
	v   *T
	err error
}

// remember keeps the outcome of a read unless it failed for a reason other
// than not finding the object, which a later read may not repeat.
func remember[K comparable, T any](m map[K]lookup[T], k K, v *T, err error) {
	if err == nil || fault.Is(err, fault.NotFound) {
		m[k] = lookup[T]{v, err}
	}
}

// onceUnits reads each unit once.
type onceUnits struct {
	unit.Store
	seen map[int64]lookup[unit.Unit]
}

func (o *onceUnits) Unit(ctx context.Context, id int64) (*unit.Unit, error) {
	if l, ok := o.seen[id]; ok {
		return l.v, l.err
	}
	u, err := o.Store.Unit(ctx, id)
	remember(o.seen, id, u, err)
	return u, err
}

// onceCategories reads each category once.
type onceCategories struct {
	Store
	seen map[int64]lookup[Category]
}

func (o *onceCategories) Category(ctx context.Context, id int64) (*Category, error) {
	if l, ok := o.seen[id]; ok {
		return l.v, l.err
	}
	c, err := o.Store.Category(ctx, id)
	remember(o.seen, id, c, err)
	return c, err
}

// onceEnterprises reads each enterprise once, by id or by credit code.
type onceEnterprises struct {
	enterprise.Store
	byID   map[int64]lookup[enterprise.Enterprise]
	byCode map[string]lookup[enterprise.Enterprise]
}

func (o *onceEnterprises) Enterprise(ctx context.Context, id int64) (*enterprise.Enterprise, error) {
	if l, ok := o.byID[id]; ok {
		return l.v, l.err
	}
	e, err := o.Store.Enterprise(ctx, id)
	remember(o.byID, id, e, err)
	return e, err
}

func (o *onceEnterprises) EnterpriseByCode(ctx context.Context, code string) (*enterprise.Enterprise, error) {
	if l, ok := o.byCode[code]; ok {
		return l.v, l.err
	}
	e, err := o.Store.EnterpriseByCode(ctx, code)
	remember(o.byCode, code, e, err)
	return e, err
}

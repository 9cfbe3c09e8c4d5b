package appeal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// View is an appeal as one actor may see it.
type View struct {
	Aggregate
	Relation Relation
	Actions  []Action  // what the actor may do now
	Now      time.Time // when it was read: where the tasks' clocks stand
}

// fullContact reports whether actor sees the appellant's contact of a in
// the clear without revealing it: the system, and the officer who
// registered the appeal and took the contact down. Everyone else — the
// federation, the office and intake included — sees it masked and reveals
// it on purpose (Service.Reveal), which is recorded.
func fullContact(actor *account.Actor, a *Appeal) bool {
	return actor.System || (actor.UserID != 0 && a.CreatedBy == actor.UserID)
}

// Get returns appeal id as actor may see it. An appeal outside the actor's
// scope is reported as not found, so that its existence does not leak.
func (s *Service) Get(ctx context.Context, actor *account.Actor, id int64) (*View, error) {
	g, rel, err := s.related(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return s.view(actor, g, rel), nil
}

// View returns what actor sees of g, an aggregate the caller has (the one
// Create returned), as Get would: NotFound if g is outside actor's scope.
func (s *Service) View(actor *account.Actor, g *Aggregate) (*View, error) {
	rel := RelationOf(actor, g)
	if rel == NoRelation {
		return nil, fault.NotFoundOf("noun.appeal")
	}
	return s.view(actor, g, rel), nil
}

func (s *Service) view(actor *account.Actor, g *Aggregate, rel Relation) *View {
	v := &View{Relation: rel, Actions: s.Allowed(actor, g), Now: s.Now()}
	v.Appeal = Redact(g.Appeal, rel, fullContact(actor, &g.Appeal))
	v.Tasks = redactTasks(g.Tasks, rel, &g.Appeal)
	return v
}

// related reads appeal id whole and how actor stands to it: an appeal
// outside the actor's scope is NotFound.
func (s *Service) related(ctx context.Context, actor *account.Actor, id int64) (*Aggregate, Relation, error) {
	g, err := s.Store.Aggregate(ctx, id)
	if err != nil {
		return nil, NoRelation, err
	}
	rel := RelationOf(actor, g)
	if rel == NoRelation {
		return nil, NoRelation, fault.NotFoundOf("noun.appeal")
	}
	return g, rel, nil
}

// applies reports whether an appeal action can succeed on a beyond its
// state: what apply.go would refuse anyway is not offered.
func applies(act Action, a *Appeal) bool {
	if act == ActReportUp {
		return a.Route == RouteFromCity && a.ReportedUpAt.IsZero()
	}
	return true
}

// Allowed lists the actions actor may take on g now (ignoring versions).
func (s *Service) Allowed(actor *account.Actor, g *Aggregate) []Action {
	var out []Action
	for _, act := range Actions {
		c := Command{Action: act}
		if !Rules[act].OnTask {
			if authorize(actor, &c, g) == nil && Rules[act].allows(g.Appeal.State) && applies(act, &g.Appeal) {
				out = append(out, act)
			}
			continue
		}
		for _, t := range g.Tasks {
			c.TaskID = t.ID
			if authorize(actor, &c, g) == nil && Rules[act].allows(g.Appeal.State) && Rules[act].allowsTask(t.State) {
				out = append(out, act)
				break
			}
		}
	}
	return out
}

// Timeline returns the appeal's events as actor may see them.
func (s *Service) Timeline(ctx context.Context, actor *account.Actor, id int64) ([]Event, error) {
	g, rel, err := s.related(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	evs, err := s.Store.Timeline(ctx, id)
	if err != nil {
		return nil, err
	}
	return RedactEvents(evs, rel, &g.Appeal), nil
}

// Visits returns the return visits of an appeal, for those who see it whole.
func (s *Service) Visits(ctx context.Context, actor *account.Actor, id int64) ([]Visit, error) {
	v, err := s.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if v.Relation == AsUnit {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.Visits(ctx, id)
}

// Page sizes and the cap on exact counts.
const (
	DefaultLimit = 20
	MaxLimit     = 200
	CountCap     = 10000
	MaxKeyword   = 50
)

// List returns a page of the appeals actor may see that match f. The scope
// is the actor's, whatever f says.
func (s *Service) List(ctx context.Context, actor *account.Actor, f Filter) (Page, error) {
	f.Scope = ScopeOf(actor)
	if f.Scope.Empty() {
		return Page{}, fault.E(fault.Forbidden, "forbidden")
	}
	if err := normalizeFilter(&f); err != nil {
		return Page{}, err
	}
	p, err := s.Store.ListAppeals(ctx, f)
	if err != nil {
		return Page{}, err
	}
	for i := range p.Items {
		rel := AsDistrict
		if !f.Scope.All && !inScopeAsDistrict(actor, &p.Items[i]) {
			rel = listRelation(actor, &p.Items[i])
		}
		p.Items[i] = Redact(p.Items[i], rel, fullContact(actor, &p.Items[i]))
	}
	return p, nil
}

func inScopeAsDistrict(actor *account.Actor, a *Appeal) bool {
	return actor.HasAny(districtRoles...) && actor.InDistrict(a.DistrictID)
}

// listRelation is RelationOf for a list row, which carries no tasks: the
// store returned it, so the actor relates to it some way.
func listRelation(actor *account.Actor, a *Appeal) Relation {
	switch {
	case actor.IsEnterprise():
		return AsEnterprise
	case a.CreatedBy != 0 && a.CreatedBy == actor.UserID:
		return AsCreator
	}
	return AsUnit
}

// Tasks returns a page of tasks for a worklist: a handler's unit's, or the
// tasks of the districts an office sees.
func (s *Service) Tasks(ctx context.Context, actor *account.Actor, f TaskFilter) (TaskPage, error) {
	sc := ScopeOf(actor)
	f.Scope = Scope{All: sc.All, Districts: sc.Districts, UnitID: sc.UnitID}
	if f.Scope.Empty() {
		return TaskPage{}, fault.E(fault.Forbidden, "forbidden")
	}
	f.Limit = normalizeLimit(f.Limit)
	if err := checkTaskFilter(&f); err != nil {
		return TaskPage{}, err
	}
	f.Now = s.Now()
	p, err := s.Store.ListTasks(ctx, f)
	if err == nil {
		err = s.redactTaskItems(ctx, actor, &p)
	}
	if err != nil {
		return TaskPage{}, err
	}
	p.Now = f.Now
	return p, nil
}

// redactTaskItems takes the appellant out of the anonymous appeals' tasks
// in p that actor sees only as a unit — the title, as ForUnits does, and the
// office's note and reason. Such appeals are few, so each is read whole.
func (s *Service) redactTaskItems(ctx context.Context, actor *account.Actor, p *TaskPage) error {
	seen := map[int64]*Appeal{}
	for i := range p.Items {
		it := &p.Items[i]
		if !it.Anonymous || actor.System || inScopeAsDistrict(actor, &Appeal{DistrictID: it.DistrictID}) {
			continue
		}
		a, ok := seen[it.AppealID]
		if !ok {
			g, err := s.Store.Aggregate(ctx, it.AppealID)
			if err != nil {
				return err
			}
			a = &g.Appeal
			seen[it.AppealID] = a
		}
		it.Title = ForUnits(*a).Title
		it.Task = redactTasks([]Task{it.Task}, AsUnit, a)[0]
	}
	return nil
}

// Categories lists the categories, for officers (not the audit administrator,
// who reads the log and nothing else).
func (s *Service) Categories(ctx context.Context, actor *account.Actor) ([]Category, error) {
	if actor == nil || actor.Has(account.Auditor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return s.Store.Categories(ctx)
}

// CreateCategory adds a category; system administrators keep the list.
func (s *Service) CreateCategory(ctx context.Context, actor *account.Actor, c *Category) error {
	if actor == nil || actor.ReadOnly || !(actor.System || actor.Has(account.SysAdmin)) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	c.Name, c.Code = strings.TrimSpace(c.Name), strings.TrimSpace(c.Code)
	if c.Name == "" || utf8.RuneCountInString(c.Name) > 50 || utf8.RuneCountInString(c.Code) > 30 {
		return fault.Field("name", "category.name")
	}
	c.Active = true
	return s.Store.CreateCategory(ctx, c)
}

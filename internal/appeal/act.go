package appeal

import (
	"context"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

// Act takes the action of c on appeal id for actor, if the state machine,
// the actor's role and scope and the version the actor read all allow it.
// It returns the appeal as it is afterwards.
func (s *Service) Act(ctx context.Context, actor *account.Actor, id int64, c Command) (*Aggregate, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	e := &env{now: s.Now(), actor: actor, deadlines: s.Deadlines}
	if c.Action == ActMerge || c.Action == ActAssign || c.Action == ActRedo {
		// These name other objects in their body: the caller is held to role
		// and scope first, so that a refusal never depends on what the body
		// names. The district never changes, so the units and the target can
		// be read before the transaction, which then holds no lock meanwhile.
		g, err := s.Store.Aggregate(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := authorize(actor, &c, g); err != nil {
			return nil, err
		}
		if c.Action == ActMerge {
			t, err := s.Store.Aggregate(ctx, c.TargetID)
			if err != nil || RelationOf(actor, t) != AsDistrict {
				return nil, fault.Field("target_id", "merge.target")
			}
			e.target = &t.Appeal
		} else if err := s.checkUnits(ctx, g.Appeal.DistrictID, &c); err != nil {
			return nil, err
		}
	}
	var out *Aggregate
	err := s.Store.Mutate(ctx, id, func(g *Aggregate) (*Change, error) {
		if err := authorize(actor, &c, g); err != nil {
			return nil, err
		}
		if err := checkVersion(g, &c); err != nil {
			return nil, err
		}
		ch, err := apply(g, &c, e)
		out = g
		return ch, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ActOnTask takes a task action (accept, return, reply, approve, send_back)
// on task taskID; c.Version is the task's version.
func (s *Service) ActOnTask(ctx context.Context, actor *account.Actor, taskID int64, c Command) (*Aggregate, error) {
	if !Rules[c.Action].OnTask {
		return nil, fault.Field("action", "one_of", "action", "accept, return, reply, approve, send_back")
	}
	id, err := s.Store.AppealOfTask(ctx, taskID)
	if err != nil {
		return nil, err
	}
	c.TaskID = taskID
	return s.Act(ctx, actor, id, c)
}

func checkVersion(g *Aggregate, c *Command) error {
	have := g.Appeal.Version
	if Rules[c.Action].OnTask {
		t := g.Task(c.TaskID)
		if t == nil {
			return fault.E(fault.NotFound, "task.notfound", c.TaskID)
		}
		have = t.Version
	}
	if c.Version == 0 {
		return fault.E(fault.Invalid, "version.missing")
	}
	if c.Version != have {
		return fault.E(fault.Conflict, "stale", c.Version, have)
	}
	return nil
}

// checkUnits makes sure the units an assignment names exist, are active and
// belong to the appeal's district.
func (s *Service) checkUnits(ctx context.Context, district int64, c *Command) error {
	ids := c.CoUnitIDs
	if c.LeadUnitID > 0 {
		ids = append([]int64{c.LeadUnitID}, ids...)
	}
	for i, id := range ids {
		u, err := s.Units.Unit(ctx, id)
		if fault.Is(err, fault.NotFound) || (err == nil && (!u.Active || u.DistrictID != district || u.Kind == unit.Region)) {
			field := "co_unit_ids"
			if i == 0 && c.LeadUnitID > 0 {
				field = "lead_unit_id"
			}
			return fault.Field(field, "assign.badunit", id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

package appeal

import "zhitong/internal/fault"

// Fair satisfaction (分档分类评价, as 国办函〔2025〕66号 asks): the office may
// mark an appeal as beyond what can be granted (诉求不合理 / 超出政策范围),
// with its reason; the reports count such appeals apart and leave them out
// of the satisfaction rates, the units' included, and show the rate with
// them beside. The mark is reviewable: the office may lift it, with its
// reason; both are events of the timeline.

func markUnreasonable(g *Aggregate, c *Command, e *env, ch *Change) error {
	a := &g.Appeal
	if a.Unreasonable {
		return fault.E(fault.Conflict, "unreasonable.already")
	}
	a.Unreasonable, a.UnreasonableReason = true, c.Note
	return nil
}

func clearUnreasonable(g *Aggregate, c *Command, e *env, ch *Change) error {
	a := &g.Appeal
	if !a.Unreasonable {
		return fault.E(fault.Conflict, "unreasonable.not")
	}
	a.Unreasonable, a.UnreasonableReason = false, ""
	return nil
}

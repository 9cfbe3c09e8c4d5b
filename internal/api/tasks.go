package api

import (
	"net/http"

	"zhitong/internal/appeal"
)

// listTasks answers a worklist. The task actions are in actions.go.
func (s *server) listTasks(c *call) error {
	q := c.q
	f := appeal.TaskFilter{
		UnitID:    q.id("unit_id"),
		States:    queryEnums(q, "status", appeal.TaskStates),
		Before:    q.cursor("tasks"),
		Limit:     q.limit(appeal.MaxLimit),
		CountUpTo: appeal.CountCap,
	}
	if q.err != nil {
		return q.err
	}
	p, err := s.cfg.Appeals.Tasks(c.ctx(), c.actor, f)
	if err != nil {
		return err
	}
	out := TaskPage{Items: make([]TaskItem, len(p.Items)), NextCursor: encodeCursor("tasks", p.Next),
		Total: p.Total, TotalCapped: p.TotalCapped}
	for i := range p.Items {
		out.Items[i] = taskItemView(&p.Items[i])
	}
	return c.reply(http.StatusOK, out)
}

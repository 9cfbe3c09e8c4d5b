package api

import (
	"net/http"
	"net/url"

	"zhitong/internal/appeal"
)

// listTasks answers a worklist. The task actions are in actions.go.
func (s *server) listTasks(c *call) error {
	f, err := taskFilter(c.q)
	if err != nil {
		return err
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

func taskFilter(q *query) (appeal.TaskFilter, error) {
	f := appeal.TaskFilter{
		UnitID:    q.id("unit_id"),
		States:    queryEnums(q, "status", appeal.TaskStates),
		Due:       queryEnum(q, "due", appeal.Dues),
		Before:    q.cursor("tasks"),
		Limit:     q.limit(appeal.MaxLimit),
		CountUpTo: appeal.CountCap,
	}
	return f, q.err
}

// TaskFilter reads the filter of a worklist from a page's query values, as
// GET /api/v1/tasks reads its parameters (see AppealFilter).
func TaskFilter(values url.Values) (appeal.TaskFilter, error) {
	return taskFilter(&query{values: only(values, taskListParams)})
}

// TaskCursor is the cursor of a worklist that goes on before id.
func TaskCursor(id int64) string { return encodeCursor("tasks", id) }

package api

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zhitong/internal/fault"

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
	out := TaskPage{Items: make([]TaskItem, len(p.Items)), NextCursor: TaskCursor(f.ByDue, p),
		Total: p.Total, TotalCapped: p.TotalCapped}
	for i := range p.Items {
		out.Items[i] = taskItemView(&p.Items[i], p.Now)
	}
	return c.reply(http.StatusOK, out)
}

func taskFilter(q *query) (appeal.TaskFilter, error) {
	f := appeal.TaskFilter{
		UnitID:    q.id("unit_id"),
		States:    queryEnums(q, "status", appeal.TaskStates),
		Due:       queryEnum(q, "due", appeal.Dues),
		ByDue:     queryEnum(q, "sort", []string{"new", "due"}) == "due",
		Figure:    queryEnum(q, "figure", appeal.TaskFigures),
		Limit:     q.limit(appeal.MaxLimit),
		CountUpTo: appeal.CountCap,
	}
	from, to := q.day("from"), q.day("to")
	if err := days(q, from, to, true); err != nil {
		return f, err
	}
	if to.Before(from) {
		return f, fault.Field("from", "filter.range")
	}
	if !from.IsZero() {
		f.From, f.To = from, to.AddDate(0, 0, 1) // the store wants [From, To): the day after the last
	}
	if f.ByDue {
		f.Before, f.AfterDue = q.dueCursor()
	} else {
		f.Before = q.cursor("tasks")
	}
	return f, q.err
}

// dueCursor reads the cursor of a worklist by deadline: the last task's
// deadline key and id.
func (q *query) dueCursor() (id, due int64) {
	s := q.get("cursor")
	if s == "" {
		return 0, 0
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	rest, ok := strings.CutPrefix(string(b), "tasks.due:")
	d, i, ok2 := strings.Cut(rest, ":")
	due, derr := strconv.ParseInt(d, 10, 64)
	id, iok := parseID(i)
	if err != nil || !ok || !ok2 || derr != nil || !iok {
		q.fail(fault.Field("cursor", "cursor.bad"))
		return 0, 0
	}
	return id, due
}

// TaskFilter reads the filter of a worklist from a page's query values, as
// GET /api/v1/tasks reads its parameters (see AppealFilter).
func TaskFilter(values url.Values) (appeal.TaskFilter, error) {
	return taskFilter(&query{values: only(values, taskListParams)})
}

// TaskCursor is the cursor of the page after p of a worklist, newest first
// or by deadline.
func TaskCursor(byDue bool, p appeal.TaskPage) string {
	if !byDue || p.Next <= 0 {
		return encodeCursor("tasks", p.Next)
	}
	return base64.RawURLEncoding.EncodeToString([]byte("tasks.due:" + strconv.FormatInt(p.NextDue, 10) + ":" + strconv.FormatInt(p.Next, 10)))
}

package web

import (
	"net/http"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
)

// tile is one to-do count of the workbench, leading to its list.
type tile struct {
	Key    string
	Count  int
	Capped bool
	Href   string
	Danger bool
}

type workbenchData struct {
	Tiles  []tile
	Recent []appeal.Appeal
	Tasks  []appeal.TaskItem
}

// workbench is 我的工作台: the counts of what waits for the actor's roles,
// each one click from its list, and the newest of it.
func (s *Server) workbench(q *req) error {
	a := q.actor
	var d workbenchData
	appeals := func(key string, st appeal.State) error {
		p, err := s.cfg.Appeals.List(q.ctx(), a, appeal.Filter{States: []appeal.State{st}, Limit: 1, CountUpTo: appeal.CountCap})
		if err != nil {
			return err
		}
		d.Tiles = append(d.Tiles, tile{Key: key, Count: p.Total, Capped: p.TotalCapped, Href: "/appeals?status=" + string(st)})
		return nil
	}
	tasks := func(key string, st appeal.TaskState) error {
		p, err := s.cfg.Appeals.Tasks(q.ctx(), a, appeal.TaskFilter{States: []appeal.TaskState{st}, Limit: 1, CountUpTo: appeal.CountCap})
		if err != nil {
			return err
		}
		d.Tiles = append(d.Tiles, tile{Key: key, Count: p.Total, Capped: p.TotalCapped, Href: "/tasks?status=" + string(st)})
		return nil
	}
	clock := func(key string, due appeal.Due) error {
		p, err := s.cfg.Appeals.Tasks(q.ctx(), a, appeal.TaskFilter{Due: due, Limit: 1, CountUpTo: appeal.CountCap})
		if err != nil {
			return err
		}
		d.Tiles = append(d.Tiles, tile{Key: key, Count: p.Total, Capped: p.TotalCapped, Href: "/tasks?due=" + string(due),
			Danger: due == appeal.DueOverdue && p.Total > 0})
		return nil
	}
	type count struct {
		roles []account.Role
		do    func() error
	}
	counts := []count{
		{[]account.Role{account.Federation, account.Intake}, func() error { return appeals("wb.registered", appeal.Registered) }},
		{[]account.Role{account.Office, account.CityOffice}, func() error { return appeals("wb.unassigned", appeal.Unassigned) }},
		{[]account.Role{account.Handler, account.Office}, func() error { return tasks("wb.pending", appeal.TaskPending) }},
		{[]account.Role{account.Handler, account.Office}, func() error { return tasks("wb.handling", appeal.TaskHandling) }},
		{[]account.Role{account.Office}, func() error { return tasks("wb.replied", appeal.TaskReplied) }},
		{[]account.Role{account.Handler, account.Office}, func() error { return clock("wb.soon", appeal.DueSoon) }},
		{[]account.Role{account.Handler, account.Office}, func() error { return clock("wb.overdue", appeal.DueOverdue) }},
		{[]account.Role{account.Federation}, func() error { return appeals("wb.atcity", appeal.AtCity) }},
		{[]account.Role{account.Federation, account.Office}, func() error { return appeals("wb.awaitvisit", appeal.AwaitVisit) }},
		{[]account.Role{account.Leader, account.Discipline, account.CityOffice, account.Cadre}, func() error { return appeals("wb.inprogress", appeal.InProgress) }},
	}
	for _, c := range counts {
		if a.HasAny(c.roles...) {
			if err := c.do(); err != nil {
				return err
			}
		}
	}
	if a.Has(account.Handler) && !a.HasAny(account.Office, account.Federation) {
		p, err := s.cfg.Appeals.Tasks(q.ctx(), a, appeal.TaskFilter{States: []appeal.TaskState{appeal.TaskPending, appeal.TaskHandling}, Limit: 10})
		if err != nil {
			return err
		}
		d.Tasks = p.Items
	} else if !appeal.ScopeOf(a).Empty() {
		p, err := s.cfg.Appeals.List(q.ctx(), a, appeal.Filter{Limit: 10})
		if err != nil {
			return err
		}
		d.Recent = p.Items
	}
	return q.render(http.StatusOK, "workbench", q.lang.T("menu.workbench"), d)
}

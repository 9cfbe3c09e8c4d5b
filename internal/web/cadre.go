package web

import (
	"net/http"

	"zhitong/internal/fault"
)

// cadrePage is a liaison cadre's workbench: the entities linked to them,
// those due a visit first, with their open appeals.
func (s *Server) cadrePage(q *req) error {
	if s.cfg.Visits == nil {
		return fault.E(fault.Forbidden, "forbidden")
	}
	es, err := s.cfg.Visits.Workbench(q.ctx(), q.actor)
	if err != nil {
		return err
	}
	ids := make([]int64, len(es))
	for i, e := range es {
		ids[i] = e.TerritoryID
	}
	if err := q.lookUnits(ids...); err != nil {
		return err
	}
	return q.render(http.StatusOK, "cadre", q.lang.T("rl.mine"), es)
}

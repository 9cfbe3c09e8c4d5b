package sqlstore

import (
	"context"

	"zhitong/internal/fault"
	"zhitong/internal/report"
)

// SummaryGroups counts the appeals of a cohort — registered in [q.From,
// q.To) in q.Districts (none: every district) — by the facts the counting
// rules look at. The columns read are those of the appeals_cohort index,
// so the cohort is read from the index alone.
func (db *DB) SummaryGroups(ctx context.Context, q report.Query) ([]report.Group, error) {
	query, a := summaryQuery(q)
	rows, err := db.read.QueryContext(ctx, query, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: summary")
	}
	return collect(rows, "summary", func(r scanner, g *report.Group) error {
		return r.Scan(&g.Channel, &g.Route, &g.State, &g.Satisfaction, &g.Resolved, &g.Unreachable, &g.N)
	})
}

func summaryQuery(q report.Query) (string, args) {
	var a args
	var conds []string
	if len(q.Districts) > 0 {
		conds = append(conds, "district_id IN ("+list(&a, q.Districts)+")")
	}
	conds = append(conds, "created_at >= "+a.add(q.From.UnixMilli()), "created_at < "+a.add(q.To.UnixMilli()))
	return `SELECT channel, route, state, satisfaction, resolved, unreachable, count(*) FROM appeals` +
		whereClause(conds) + ` GROUP BY channel, route, state, satisfaction, resolved, unreachable`, a
}

package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

var _ report.BreakdownStore = (*DB)(nil)

// Breakdown returns the groups of the cohort q by type, by category and
// by township, each with the facts the counting rules look at, and the
// names of the categories and townships: the period's whole months from
// the breakdowns' month counters and the deltas not yet folded, as the
// summary reads its own (cohort.go), and the days before and after them
// from the appeals themselves, all in one snapshot.
func (db *DB) Breakdown(ctx context.Context, q report.Query) ([]report.Part, error) {
	if q.Districts != nil && len(q.Districts) == 0 {
		return nil, nil
	}
	var out []report.Part
	err := db.inRead(ctx, "breakdown", func(tx *txn) error {
		from, to, ok := aligned(q)
		m1, m2, d1, d2 := wholeMonths(from, to)
		if !ok || d1 >= d2 {
			parts, err := scanBreakdown(ctx, tx, q)
			if err != nil {
				return err
			}
			out = parts
			return nameParts(ctx, tx, out)
		}
		regions, err := regionsOf(ctx, tx, q.Districts)
		if err != nil {
			return err
		}
		query, a := partsQuery(regions, q.Districts, m1, m2, d1, d2)
		rows, err := tx.QueryContext(ctx, query, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: breakdown")
		}
		if out, err = collect(rows, "breakdown", func(r scanner, p *report.Part) error {
			return r.Scan(&p.Dim, &p.Key, &p.State, &p.Satisfaction, &p.Resolved, &p.Unreachable, &p.Unreasonable, &p.N)
		}); err != nil {
			return err
		}
		for _, edge := range [][2]int64{{from, d1}, {d2, to}} {
			if edge[0] >= edge[1] {
				continue
			}
			e := q
			e.From, e.To = time.UnixMilli(edge[0]*dayMS-cstMS), time.UnixMilli(edge[1]*dayMS-cstMS)
			parts, err := scanBreakdown(ctx, tx, e)
			if err != nil {
				return err
			}
			out = append(out, parts...)
		}
		return nameParts(ctx, tx, out)
	})
	return out, err
}

// partsQuery is the statement of the breakdowns' counters of the months
// [m1, m2) of districts (nil: all), whose types and categories are counted
// by regions and townships by the districts themselves, with the deltas of
// their days [d1, d2).
func partsQuery(regions, districts []int64, m1, m2, d1, d2 int64) (string, args) {
	var a args
	inRegions, inDistricts := cohortScope(&a, regions, districts)
	inTownships := strings.ReplaceAll(inDistricts, "district_id", "region_id")
	sel := `SELECT dim, part, ` + partColumns + `, n FROM `
	months := `month >= ` + a.add(m1) + ` AND month < ` + a.add(m2)
	parts := []string{
		sel + `cohort_parts WHERE dim IN ('type', 'category') AND ` + inRegions + months,
		sel + `cohort_parts WHERE dim = 'territory' AND ` + inTownships + months,
		sel + `cohort_deltas WHERE dim <> '' AND ` + inDistricts + `day >= ` + a.add(d1) + ` AND day < ` + a.add(d2),
	}
	return `SELECT dim, part, ` + partColumns + `, CAST(sum(n) AS BIGINT) FROM (` + strings.Join(parts, " UNION ALL ") + `) AS c
		GROUP BY dim, part, ` + partColumns + ` HAVING sum(n) <> 0`, a
}

// nameParts gives each part of a breakdown its name: the type's, or the
// category's or township's from the database.
func nameParts(ctx context.Context, tx *txn, parts []report.Part) error {
	names := map[string]map[int64]string{"category": {}, "territory": {}}
	for _, p := range parts {
		if m := names[p.Dim]; m != nil {
			id, _ := strconv.ParseInt(p.Key, 10, 64)
			m[id] = ""
		}
	}
	if err := namesOf(ctx, tx, "categories", names["category"]); err != nil {
		return err
	}
	if err := namesOf(ctx, tx, "units", names["territory"]); err != nil {
		return err
	}
	for i := range parts {
		p := &parts[i]
		if p.Dim == "type" {
			p.Name = appeal.TypeName(appeal.Type(p.Key))
		} else if id, err := strconv.ParseInt(p.Key, 10, 64); err == nil {
			p.Name = names[p.Dim][id]
		}
	}
	return nil
}

// scanBreakdown is Breakdown from the cohort's appeals, read once and
// grouped by all three dimensions.
func scanBreakdown(ctx context.Context, tx *txn, q report.Query) ([]report.Part, error) {
	var out []report.Part
	err := func() error {
		a := args{msNotNull(q.From), msNotNull(q.To)}
		query := `SELECT a.type, COALESCE(a.category_id, 0), COALESCE(a.territory_id, 0), a.channel, a.route, a.state,
				a.satisfaction, a.resolved, a.unreachable, a.unreasonable, COUNT(*)
			FROM appeals a WHERE a.created_at >= $1 AND a.created_at < $2`
		if q.Districts != nil {
			if len(q.Districts) == 0 {
				return nil
			}
			query += " AND a.district_id IN (" + list(&a, q.Districts) + ")"
		}
		query += " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
		rows, err := tx.QueryContext(ctx, query, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: breakdown")
		}
		type group struct {
			report.Group
			typ                 string
			category, territory int64
		}
		groups, err := collect(rows, "breakdown", func(r scanner, g *group) error {
			return r.Scan(&g.typ, &g.category, &g.territory, &g.Channel, &g.Route, &g.State, &g.Satisfaction, &g.Resolved,
				&g.Unreachable, &g.Unreasonable, &g.N)
		})
		if err != nil {
			return err
		}
		out = make([]report.Part, 0, 3*len(groups))
		for _, g := range groups {
			g.Channel, g.Route = "", "" // as the counters of the parts, which do not count them
			out = append(out, report.Part{Group: g.Group, Dim: "type", Key: g.typ},
				report.Part{Group: g.Group, Dim: "category", Key: strconv.FormatInt(g.category, 10)},
				report.Part{Group: g.Group, Dim: "territory", Key: strconv.FormatInt(g.territory, 10)})
		}
		return nil
	}()
	return out, err
}

// namesOf fills in the names of the rows of table (categories or units)
// whose ids are the keys of names.
func namesOf(ctx context.Context, tx *txn, table string, names map[int64]string) error {
	var a args
	ids := make([]int64, 0, len(names))
	for id := range names {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, name FROM "+table+" WHERE id IN ("+list(&a, ids)+")", a...)
	if err != nil {
		return fault.Wrap(err, "sqlstore: names of "+table)
	}
	type named struct {
		id   int64
		name string
	}
	got, err := collect(rows, "names of "+table, func(r scanner, n *named) error { return r.Scan(&n.id, &n.name) })
	for _, n := range got {
		names[n.id] = n.name
	}
	return err
}

var _ report.TrendStore = (*DB)(nil)

// Trend returns how many appeals of the cohort q were registered each day,
// merged duplicates left out, from the day counters and the deltas not yet
// folded (whole days only, as the counters count).
func (db *DB) Trend(ctx context.Context, q report.Query) ([]report.Day, error) {
	var out []report.Day
	err := db.inRead(ctx, "trend", func(tx *txn) error {
		regions, err := regionsOf(ctx, tx, q.Districts)
		if err != nil {
			return err
		}
		var a args
		inRegions, inDistricts := cohortScope(&a, regions, q.Districts)
		from, to := a.add(dayOf(q.From)), a.add(dayOf(q.To))
		rows, err := tx.QueryContext(ctx, `SELECT day, CAST(sum(n) AS BIGINT) FROM (
				SELECT day, n FROM cohort_days WHERE `+inRegions+`state <> 'merged' AND day >= `+from+` AND day < `+to+`
				UNION ALL
				SELECT day, n FROM cohort_deltas WHERE dim = '' AND `+inDistricts+`state <> 'merged' AND day >= `+from+` AND day < `+to+`) AS c
			GROUP BY day ORDER BY day`, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: trend")
		}
		out, err = collect(rows, "trend", func(r scanner, d *report.Day) error {
			var day int64
			if err := r.Scan(&day, &d.N); err != nil {
				return err
			}
			d.Date = time.UnixMilli(day * dayMS).UTC().Format(time.DateOnly) // a CST day's UTC date is its CST date
			return nil
		})
		return err
	})
	return out, err
}

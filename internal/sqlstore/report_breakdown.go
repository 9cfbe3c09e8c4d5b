package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

var _ report.BreakdownStore = (*DB)(nil)

// Breakdown returns the figures of the cohort q by type, by category and
// by township, with the names of the categories and townships: the
// period's whole months from the breakdowns' month counters and the deltas
// not yet folded, as the summary reads its own (cohort.go), and the days
// before and after them from the appeals themselves, all in one snapshot.
func (db *DB) Breakdown(ctx context.Context, q report.Query) ([]report.Part, error) {
	if q.Districts != nil && len(q.Districts) == 0 {
		return nil, nil
	}
	var out []report.Part
	err := db.inRead(ctx, "breakdown", func(tx *txn) error {
		from, to, ok := aligned(q)
		m1, m2, d1, d2 := wholeMonths(from, to)
		parts := partSums{}
		if !ok || d1 >= d2 {
			if err := scanBreakdown(ctx, tx, q, parts); err != nil {
				return err
			}
			out = parts.list()
			return nameParts(ctx, tx, out)
		}
		regions, err := regionsOf(ctx, tx, q.Districts)
		if err != nil {
			return err
		}
		// The counters of the whole months and their deltas not yet folded,
		// in one statement (one snapshot, whether or not a fold commits
		// meanwhile): a counter's figures, or a delta's facts and number.
		var a args
		inRegions, inDistricts := cohortScope(&a, regions, q.Districts)
		inTownships := strings.ReplaceAll(inDistricts, "district_id", "region_id")
		months := `month >= ` + a.add(m1) + ` AND month < ` + a.add(m2)
		noFacts := `'', '', FALSE, FALSE, FALSE, 0`
		rows, err := tx.QueryContext(ctx, `SELECT dim, part, `+partColumnsOf("CAST(sum(%s) AS BIGINT)")+`, `+noFacts+` FROM cohort_parts
			WHERE (dim IN ('type', 'category') AND `+inRegions+months+`) OR (dim = 'territory' AND `+inTownships+months+`)
			GROUP BY dim, part
			UNION ALL
			SELECT dim, part, `+partColumnsOf("0")+`, `+partColumns+`, CAST(sum(n) AS BIGINT) FROM cohort_deltas
			WHERE dim <> '' AND `+inDistricts+`day >= `+a.add(d1)+` AND day < `+a.add(d2)+` GROUP BY dim, part, `+partColumns, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: breakdown")
		}
		if _, err := collect(rows, "breakdown", func(r scanner, p *report.Part) error {
			var g report.Group
			dest := []any{&p.Dim, &p.Key}
			for _, c := range partFigures {
				dest = append(dest, c.field(&p.Figures))
			}
			if err := r.Scan(append(dest, &g.State, &g.Satisfaction, &g.Resolved, &g.Unreachable, &g.Unreasonable, &g.N)...); err != nil {
				return err
			}
			f := parts.at(p.Dim, p.Key)
			f.Plus(p.Figures)
			if g.N != 0 {
				f.Add(g)
			}
			return nil
		}); err != nil {
			return err
		}
		// The days before and after them.
		for _, edge := range [][2]int64{{from, d1}, {d2, to}} {
			if edge[0] >= edge[1] {
				continue
			}
			e := q
			e.From, e.To = time.UnixMilli(edge[0]*dayMS-cstMS), time.UnixMilli(edge[1]*dayMS-cstMS)
			if err := scanBreakdown(ctx, tx, e, parts); err != nil {
				return err
			}
		}
		out = parts.list()
		return nameParts(ctx, tx, out)
	})
	return out, err
}

// partSums are the figures of a breakdown's parts by dimension and key.
type partSums map[[2]string]*report.Figures

func (s partSums) at(dim, key string) *report.Figures {
	k := [2]string{dim, key}
	if s[k] == nil {
		s[k] = &report.Figures{}
	}
	return s[k]
}

// list returns the parts that count anything.
func (s partSums) list() []report.Part {
	out := make([]report.Part, 0, len(s))
	for k, f := range s {
		if *f != (report.Figures{}) {
			out = append(out, report.Part{Dim: k[0], Key: k[1], Figures: *f})
		}
	}
	return out
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

// scanBreakdown counts the cohort's appeals into parts, read once and
// grouped by all three dimensions.
func scanBreakdown(ctx context.Context, tx *txn, q report.Query, parts partSums) error {
	a := args{msNotNull(q.From), msNotNull(q.To)}
	query := `SELECT a.type, COALESCE(a.category_id, 0), COALESCE(a.territory_id, 0), ` + partColumns + `, COUNT(*)
		FROM appeals a WHERE a.created_at >= $1 AND a.created_at < $2`
	if q.Districts != nil {
		if len(q.Districts) == 0 {
			return nil
		}
		query += " AND a.district_id IN (" + list(&a, q.Districts) + ")"
	}
	query += " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
	rows, err := tx.QueryContext(ctx, query, a...)
	if err != nil {
		return fault.Wrap(err, "sqlstore: breakdown")
	}
	_, err = collect(rows, "breakdown", func(r scanner, g *report.Group) error {
		var typ string
		var category, territory int64
		if err := r.Scan(&typ, &category, &territory, &g.State, &g.Satisfaction, &g.Resolved, &g.Unreachable, &g.Unreasonable, &g.N); err != nil {
			return err
		}
		parts.at("type", typ).Add(*g)
		parts.at("category", strconv.FormatInt(category, 10)).Add(*g)
		parts.at("territory", strconv.FormatInt(territory, 10)).Add(*g)
		return nil
	})
	return err
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

// partKey is the counter of the figures of one part of a breakdown in a
// region and a month (cohort_parts).
type partKey struct {
	Dim    string
	Region int64
	Month  int64
	Part   string
}

// partFigures are the columns of cohort_parts after the key, each with
// the field of report.Figures it holds.
var partFigures = []struct {
	column string
	field  func(*report.Figures) *int
}{
	{"received", func(f *report.Figures) *int { return &f.Received }},
	{"closed", func(f *report.Figures) *int { return &f.Closed }},
	{"rated", func(f *report.Figures) *int { return &f.Rated }},
	{"satisfied", func(f *report.Figures) *int { return &f.Satisfied }},
	{"fair", func(f *report.Figures) *int { return &f.Fair }},
	{"dissatisfied", func(f *report.Figures) *int { return &f.Dissatisfied }},
	{"resolved", func(f *report.Figures) *int { return &f.Resolved }},
	{"unreachable", func(f *report.Figures) *int { return &f.Unreachable }},
	{"unreasonable", func(f *report.Figures) *int { return &f.Unreasonable }},
	{"unreasonable_rated", func(f *report.Figures) *int { return &f.UnreasonableRated }},
	{"unreasonable_satisfied", func(f *report.Figures) *int { return &f.UnreasonableSatisfied }},
	{"merged", func(f *report.Figures) *int { return &f.Merged }},
	{"withdrawn", func(f *report.Figures) *int { return &f.Withdrawn }},
	{"not_accepted", func(f *report.Figures) *int { return &f.NotAccepted }},
	{"transferred", func(f *report.Figures) *int { return &f.Transferred }},
}

// partColumnsOf returns the columns of cohort_parts' figures, each made by
// wrap ("%s" is the column).
func partColumnsOf(wrap string) string {
	cs := make([]string, len(partFigures))
	for i, p := range partFigures {
		cs[i] = strings.ReplaceAll(wrap, "%s", p.column)
	}
	return strings.Join(cs, ", ")
}

// upsertParts adds the figures of parts to their counters, in one order.
func upsertParts(ctx context.Context, tx *txn, parts map[partKey]*report.Figures) error {
	keys := make([]partKey, 0, len(parts))
	for k, f := range parts {
		if *f != (report.Figures{}) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b partKey) int {
		return cmp.Or(cmp.Compare(a.Dim, b.Dim), cmp.Compare(a.Region, b.Region), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Part, b.Part))
	})
	set := partColumnsOf("%s = cohort_parts.%s + excluded.%s")
	for len(keys) > 0 {
		n := min(len(keys), 100) // 19 values each
		var a args
		rows := make([]string, n)
		for i, k := range keys[:n] {
			vs := []any{k.Dim, k.Region, k.Month, k.Part}
			for _, p := range partFigures {
				vs = append(vs, *p.field(parts[k]))
			}
			rows[i] = "(" + list(&a, vs) + ")"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO cohort_parts (dim, region_id, month, part, `+partColumnsOf("%s")+`) VALUES `+
			strings.Join(rows, ", ")+` ON CONFLICT (dim, region_id, month, part) DO UPDATE SET `+set, a...); err != nil {
			return fault.Wrap(err, "sqlstore: fold cohort")
		}
		keys = keys[n:]
	}
	return nil
}

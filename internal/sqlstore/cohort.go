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

// The cohort counters of the summary report (migration 0007): how many
// appeals of a region, registered on a day or in a month, stand in each
// combination of the facts the counting rules look at. A region is a
// district or a unit above it (a city, the province): the counts are rolled
// up the unit tree as they are folded, so that a province's year is read
// from its own counters, not from those of each of its districts. Every change to an
// appeal that moves it from one combination to another writes deltas in
// its own transaction (cohortDeltas); FoldCohort moves them into the
// counters; a report reads counters and deltas together in one statement,
// so that it sees one state whether or not the folding has run. The
// breakdowns of the monthly report have month counters of their own
// (cohort_parts, migration 0019), fed by the same deltas.

// cohortKey is one counter: a combination of the facts the report counts
// (a report.Group, whose N is 0 here), in a district on a day, of the
// summary (Dim "") or of one part of a breakdown (migration 0019).
type cohortKey struct {
	District int64
	Day      int64 // days since 1970-01-01 in China Standard Time
	Dim      string
	Part     string // the type's code, or the id of the category or township ("0": none)
	report.Group
}

// The dimensions of the counters: the summary's, then the breakdowns of
// the monthly report (report.Part.Dim).
var (
	summaryDim = []string{""}
	partDims   = []string{"type", "category", "territory"}
)

const (
	dayMS = 24 * 60 * 60 * 1000
	cstMS = 8 * 60 * 60 * 1000 // China Standard Time is UTC+8, all year
)

// dayOf is the day of t in China Standard Time, counted from 1970-01-01.
func dayOf(t time.Time) int64 { return floorDiv(t.UnixMilli()+cstMS, dayMS) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// monthOf is the month of day: year * 12 + month - 1.
func monthOf(day int64) int64 {
	t := time.UnixMilli(day * dayMS).UTC() // day counts CST days, so its UTC date is the CST date
	return int64(t.Year())*12 + int64(t.Month()) - 1
}

// firstDayOf is the first day of month.
func firstDayOf(month int64) int64 {
	t := time.Date(int(month/12), time.Month(month%12+1), 1, 0, 0, 0, 0, time.UTC)
	return t.UnixMilli() / dayMS
}

// keysOf are the counters a stands in: the summary's, then one part of
// each breakdown, which counts neither the channel nor the route.
func keysOf(a *appeal.Appeal) [4]cohortKey {
	k := cohortKey{District: a.DistrictID, Day: dayOf(a.CreatedAt), Group: report.Group{Channel: a.Channel, Route: a.Route,
		State: a.State, Satisfaction: a.Satisfaction, Resolved: a.Resolved, Unreachable: a.Unreachable, Unreasonable: a.Unreasonable}}
	p := k
	p.Channel, p.Route = "", ""
	ks := [4]cohortKey{k, p, p, p}
	ks[1].Dim, ks[1].Part = "type", string(a.Type)
	ks[2].Dim, ks[2].Part = "category", strconv.FormatInt(a.CategoryID, 10)
	ks[3].Dim, ks[3].Part = "territory", strconv.FormatInt(a.TerritoryID, 10)
	return ks
}

// partOf is the SQL of the part of an appeal's counter of dim.
func partOf(dim string) string {
	switch dim {
	case "type":
		return "type"
	case "category":
		return "CAST(COALESCE(category_id, 0) AS TEXT)"
	case "territory":
		return "CAST(COALESCE(territory_id, 0) AS TEXT)"
	}
	return "''"
}

// values are k's values in the order of the deltas' columns (cohortColumns).
func (k *cohortKey) values() []any {
	return []any{k.District, k.Day, k.Dim, k.Part, k.Channel, k.Route, k.State, k.Satisfaction, k.Resolved, k.Unreachable, k.Unreasonable}
}

// dest are the places to scan the counters' columns into k.
func (k *cohortKey) dest() []any {
	return []any{&k.District, &k.Day, &k.Dim, &k.Part, &k.Channel, &k.Route, &k.State, &k.Satisfaction, &k.Resolved, &k.Unreachable, &k.Unreasonable}
}

// groupColumns are the facts of a report.Group, partColumns those a part
// counts; cohortColumns are the deltas' columns after the district and the
// day.
const (
	partColumns   = "state, satisfaction, resolved, unreachable, unreasonable"
	groupColumns  = "channel, route, " + partColumns
	cohortColumns = "dim, part, " + groupColumns
)

// cohortDeltas writes the deltas of an appeal that was before (nil: it is
// new) and is now after.
// Only the counters that change are written, in one statement.
func cohortDeltas(ctx context.Context, tx *txn, before, after *appeal.Appeal) error {
	var a args
	var rows []string
	add := func(k cohortKey, n int) { rows = append(rows, "("+list(&a, append(k.values(), n))+")") }
	next := keysOf(after)
	if before == nil {
		for _, k := range next {
			add(k, 1)
		}
	} else {
		for i, prev := range keysOf(before) {
			if prev != next[i] {
				add(prev, -1)
				add(next[i], 1)
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO cohort_deltas (district_id, day, `+cohortColumns+`, n) VALUES `+strings.Join(rows, ", "), a...)
	return fault.Wrap(err, "sqlstore: cohort delta")
}

// FoldCohort moves up to max deltas, oldest first, into the day and month
// counters, and as many of the units' (unit_counts.go), in one
// transaction, and returns how many it moved. Concurrent
// folders (several servers on one PostgreSQL) take different deltas: each
// delta is deleted, and counted, by one of them.
func (db *DB) FoldCohort(ctx context.Context, max int) (int, error) {
	n := 0
	err := db.inWrite(ctx, "fold cohort", func(ctx context.Context, tx *txn) error {
		pick := `SELECT id FROM cohort_deltas ORDER BY id LIMIT $1`
		if db.pg() {
			pick += ` FOR UPDATE SKIP LOCKED`
		}
		rows, err := tx.QueryContext(ctx, `DELETE FROM cohort_deltas WHERE id IN (`+pick+`)
			RETURNING district_id, day, `+cohortColumns+`, n`, max)
		if err != nil {
			return fault.Wrap(err, "sqlstore: fold cohort")
		}
		var sums map[cohortKey]int64
		if sums, n, err = sumCounts(rows, "fold cohort"); err != nil {
			return err
		}
		if err := addCounts(ctx, tx, sums); err != nil {
			return err
		}
		units, err := foldUnits(ctx, db, tx, max) // unit_counts.go
		n += units
		return err
	})
	return n, err
}

// addCounts adds sums (keyed by district) to the day and month counters of
// each district and of the units above it. The counters are written in one
// order, so that concurrent folders on PostgreSQL wait for each other
// instead of deadlocking.
func addCounts(ctx context.Context, tx *txn, sums map[cohortKey]int64) error {
	var districts []int64
	for k := range sums {
		districts = append(districts, k.District)
	}
	up, err := regionsAbove(ctx, tx, districts)
	if err != nil {
		return err
	}
	days, months, parts := map[cohortKey]int64{}, map[cohortKey]int64{}, map[partKey]*report.Figures{}
	for k, d := range sums {
		regions := append([]int64{k.District}, up[k.District]...)
		if k.Dim == "territory" { // a township is one district's
			regions = regions[:1]
		}
		for _, r := range regions {
			day := k
			day.District = r
			month := day
			month.Day = monthOf(k.Day)
			if k.Dim != "" {
				p := partKey{Dim: k.Dim, Region: r, Month: month.Day, Part: k.Part}
				if parts[p] == nil {
					parts[p] = &report.Figures{}
				}
				g := k.Group
				g.N = int(d)
				parts[p].Add(g)
				continue
			}
			days[day] += d
			months[month] += d
		}
	}
	for _, t := range []struct {
		table, column string
		sums          map[cohortKey]int64
	}{{"cohort_days", "day", days}, {"cohort_months", "month", months}} {
		var keys []cohortKey
		for _, k := range sortedKeys(t.sums) {
			if t.sums[k] != 0 {
				keys = append(keys, k)
			}
		}
		// Many counters a statement, for a rebuild's hundreds of thousands.
		for len(keys) > 0 {
			n := min(len(keys), upsertChunk)
			if err := upsertCounts(ctx, tx, t.table, t.column, keys[:n], t.sums); err != nil {
				return err
			}
			keys = keys[n:]
		}
	}
	return upsertParts(ctx, tx, parts)
}

// upsertChunk is how many counters one statement adds to: 10 values each,
// well under the engines' limits on a statement's parameters.
const upsertChunk = 200

// upsertCounts adds sums[k] to the counter k of table, for each of keys.
func upsertCounts(ctx context.Context, tx *txn, table, column string, keys []cohortKey, sums map[cohortKey]int64) error {
	var a args
	rows := make([]string, len(keys))
	for i, k := range keys {
		rows[i] = "(" + list(&a, []any{k.District, k.Day, k.Channel, k.Route, k.State, k.Satisfaction, k.Resolved, k.Unreachable,
			k.Unreasonable, sums[k]}) + ")"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (region_id, `+column+`, `+groupColumns+`, n) VALUES `+strings.Join(rows, ", ")+
		` ON CONFLICT (region_id, `+column+`, `+groupColumns+`) DO UPDATE SET n = `+table+`.n + excluded.n`, a...)
	return fault.Wrap(err, "sqlstore: fold cohort")
}

// regionsAbove returns the units above each of districts, from the unit
// tree's paths ("/1/4/9/": the province, the city, the district).
func regionsAbove(ctx context.Context, q querier, districts []int64) (map[int64][]int64, error) {
	up := map[int64][]int64{}
	if len(districts) == 0 {
		return up, nil
	}
	slices.Sort(districts)
	districts = slices.Compact(districts)
	var a args
	rows, err := q.QueryContext(ctx, `SELECT id, path FROM units WHERE id IN (`+list(&a, districts)+`)`, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: regions")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			return nil, fault.Wrap(err, "sqlstore: regions")
		}
		up[id] = pathAbove(path, id)
	}
	return up, fault.Wrap(rows.Err(), "sqlstore: regions")
}

// pathAbove returns the ids of a unit's path ("/1/4/9/") but its own.
func pathAbove(path string, id int64) []int64 {
	var out []int64
	for _, p := range strings.Split(strings.Trim(path, "/"), "/") {
		if r, err := strconv.ParseInt(p, 10, 64); err == nil && r != id {
			out = append(out, r)
		}
	}
	return out
}

// regionsOf returns the regions whose counters count the appeals of
// districts (nil: every district) and no other: each unit above a district
// all of whose districts are among them, in place of those districts. (A
// district is the unit of the district's government, kind region; its
// departments and townships are at its level too, but own no appeals.)
func regionsOf(ctx context.Context, q querier, districts []int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, path FROM units WHERE level = 'district' AND kind = 'region'`)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: regions")
	}
	under := map[int64][]int64{} // a unit above districts: its districts
	depth := map[int64]int{}
	known := map[int64]bool{}
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			rows.Close()
			return nil, fault.Wrap(err, "sqlstore: regions")
		}
		known[id] = true
		for i, r := range pathAbove(path, id) {
			under[r] = append(under[r], id)
			depth[r] = i
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fault.Wrap(err, "sqlstore: regions")
	}
	left := map[int64]bool{}
	if districts == nil {
		left = known
	}
	for _, d := range districts {
		left[d] = true
	}
	above := make([]int64, 0, len(under))
	for r := range under {
		above = append(above, r)
	}
	slices.SortFunc(above, func(a, b int64) int { return cmp.Or(cmp.Compare(depth[a], depth[b]), cmp.Compare(a, b)) })
	var out []int64
	for _, r := range above {
		if !allIn(under[r], left) {
			continue
		}
		out = append(out, r)
		for _, d := range under[r] {
			delete(left, d)
		}
	}
	for d := range left {
		out = append(out, d)
	}
	slices.Sort(out)
	return out, nil
}

func allIn(ids []int64, set map[int64]bool) bool {
	for _, id := range ids {
		if !set[id] {
			return false
		}
	}
	return len(ids) > 0
}

func sortedKeys(m map[cohortKey]int64) []cohortKey {
	ks := make([]cohortKey, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b cohortKey) int {
		return cmp.Or(cmp.Compare(a.Dim, b.Dim), cmp.Compare(a.District, b.District), cmp.Compare(a.Day, b.Day),
			cmp.Compare(a.Part, b.Part), cmp.Compare(a.Channel, b.Channel),
			cmp.Compare(a.Route, b.Route), cmp.Compare(a.State, b.State), cmp.Compare(a.Satisfaction, b.Satisfaction),
			compareBool(a.Resolved, b.Resolved), compareBool(a.Unreachable, b.Unreachable), compareBool(a.Unreasonable, b.Unreasonable))
	})
	return ks
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// SummaryGroups implements report.Store: the groups of the cohort of q,
// read from the counters and the deltas not yet folded, in one statement
// (one snapshot on either engine). The period's whole months are read from
// the month counters, the days before and after them from the day
// counters. A period that does not begin and end at midnight in China
// Standard Time is counted from the appeals themselves.
func (db *DB) SummaryGroups(ctx context.Context, q report.Query) ([]report.Group, error) {
	from, to := dayOf(q.From), dayOf(q.To)
	if q.From.UnixMilli() != from*dayMS-cstMS || q.To.UnixMilli() != to*dayMS-cstMS {
		sums, err := recount(ctx, db.read, q.Districts, q.From, q.To, summaryDim)
		if err != nil {
			return nil, err
		}
		return groupsOf(sums), nil
	}
	return cohortGroups(ctx, reader{db}, q.Districts, from, to)
}

// aligned tells whether the period of q begins and ends at midnight in
// China Standard Time, as the counters count, and gives its days.
func aligned(q report.Query) (from, to int64, ok bool) {
	from, to = dayOf(q.From), dayOf(q.To)
	return from, to, q.From.UnixMilli() == from*dayMS-cstMS && q.To.UnixMilli() == to*dayMS-cstMS
}

// cohortGroups returns the groups of the appeals of districts (nil: all)
// registered on the days [from, to), from the counters and the deltas.
func cohortGroups(ctx context.Context, q querier, districts []int64, from, to int64) ([]report.Group, error) {
	regions, err := regionsOf(ctx, q, districts)
	if err != nil {
		return nil, err
	}
	query, a := summaryQuery(regions, districts, from, to)
	rows, err := q.QueryContext(ctx, query, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: summary")
	}
	return collect(rows, "summary", func(r scanner, g *report.Group) error {
		return r.Scan(&g.Channel, &g.Route, &g.State, &g.Satisfaction, &g.Resolved, &g.Unreachable, &g.Unreasonable, &g.N)
	})
}

// cohortScope returns the conditions that hold the counters to regions and
// the deltas to districts (nil: all), each ending with AND.
func cohortScope(a *args, regions, districts []int64) (inRegions, inDistricts string) {
	inRegions = "1 = 0 AND " // no district at all
	if len(regions) > 0 {
		inRegions = "region_id IN (" + list(a, regions) + ") AND "
	}
	if districts != nil {
		inDistricts = "district_id IN (" + list(a, districts) + ") AND "
	}
	return inRegions, inDistricts
}

// summaryQuery is the statement of the cohort of the days [from, to) of
// districts (nil: all), whose counters are those of regions.
func summaryQuery(regions, districts []int64, from, to int64) (string, args) {
	var a args
	inRegions, inDistricts := cohortScope(&a, regions, districts)
	inDistricts = "dim = '' AND " + inDistricts
	// The whole months of the period: [m1, m2), which starts on day d1 and
	// ends before day d2; none if d1 >= d2.
	m1, m2, d1, d2 := wholeMonths(from, to)
	var parts []string
	sel := `SELECT ` + groupColumns + `, n FROM `
	if d1 < d2 {
		parts = append(parts,
			sel+`cohort_months WHERE `+inRegions+`month >= `+a.add(m1)+` AND month < `+a.add(m2),
			sel+`cohort_days WHERE `+inRegions+`((day >= `+a.add(from)+` AND day < `+a.add(d1)+`) OR (day >= `+a.add(d2)+` AND day < `+a.add(to)+`))`)
	} else {
		parts = append(parts, sel+`cohort_days WHERE `+inRegions+`day >= `+a.add(from)+` AND day < `+a.add(to))
	}
	parts = append(parts, sel+`cohort_deltas WHERE `+inDistricts+`day >= `+a.add(from)+` AND day < `+a.add(to))
	return `SELECT ` + groupColumns + `, CAST(sum(n) AS BIGINT) FROM (` + strings.Join(parts, " UNION ALL ") + `) AS c
		GROUP BY ` + groupColumns + ` HAVING sum(n) <> 0`, a
}

// wholeMonths returns the whole months of the days [from, to): [m1, m2),
// which start on day d1 and end before day d2; none if d1 >= d2.
func wholeMonths(from, to int64) (m1, m2, d1, d2 int64) {
	m1, m2 = monthOf(from), monthOf(to)
	if firstDayOf(m1) < from {
		m1++
	}
	return m1, m2, firstDayOf(m1), firstDayOf(m2)
}

// groupsOf turns counters into the groups of a report, days and districts
// summed.
func groupsOf(sums map[cohortKey]int64) []report.Group {
	merged := map[report.Group]int{}
	for k, n := range sums {
		merged[k.Group] += int(n)
	}
	out := []report.Group{}
	for g, n := range merged {
		if n != 0 {
			g.N = n
			out = append(out, g)
		}
	}
	return out
}

// PendingCohortDeltas returns how many deltas wait to be folded.
func (db *DB) PendingCohortDeltas(ctx context.Context) (int, error) {
	var n int
	err := db.readRow(ctx, `SELECT (SELECT count(*) FROM cohort_deltas) + (SELECT count(*) FROM unit_deltas)`).Scan(&n)
	return n, fault.Wrap(err, "sqlstore: pending cohort deltas")
}

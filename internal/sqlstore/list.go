package sqlstore

import (
	"context"
	"slices"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// ListAppeals returns a page of the appeals in f's scope that match f,
// newest first, and their number up to f.CountUpTo. An empty scope matches
// nothing.
func (db *DB) ListAppeals(ctx context.Context, f appeal.Filter) (appeal.Page, error) {
	p := appeal.Page{Items: []appeal.Appeal{}}
	if f.Scope.Empty() {
		return p, nil
	}
	q, err := db.appealQuery(&f)
	if err != nil {
		return p, err
	}
	err = db.inRead(ctx, "list appeals", func(tx *txn) error {
		limit := pageLimit(f.Limit)
		query, a := q.page(f.Before, limit+1, f.Oldest)
		rows, err := tx.QueryContext(ctx, query, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: list appeals")
		}
		if p.Items, err = collect(rows, "list appeals", scanAppeal); err != nil {
			return err
		}
		if len(p.Items) > limit {
			p.Items = p.Items[:limit]
			p.Next = p.Items[limit-1].ID
		}
		if c := q.counter; c != nil && f.CountUpTo > 0 {
			p.Total, p.TotalCapped, err = c.count(ctx, tx, f.CountUpTo)
			return err
		}
		query, a = q.counted()
		p.Total, p.TotalCapped, err = countUpTo(ctx, tx, query, a, f.CountUpTo)
		return err
	})
	if err != nil {
		return appeal.Page{}, err
	}
	return p, nil
}

// appealList is the query of a list: its conditions on appeals and, for a
// keyword that one lookup of the index finds in full (the reader knows the
// appellant of every appeal in scope), that lookup. On SQLite the lookup
// drives the list: the index gives its matches newest first, and the page
// stops at its end, however many there are.
type appealList struct {
	db    *DB
	conds []string
	a     args
	drive *lookup
	// whole: the lookup holds every condition of the list (the scope as
	// scope terms, no filter but district and enterprise), so the list's
	// number is the lookup's.
	whole bool
	// period: the list is of appeals registered in a period, which
	// appeals_cohort holds with the state and channel after the district.
	// SQLite, given its arguments as parameters, would rather walk a
	// district's appeals of a state newest first and read each one's date,
	// which for a period a year back reads a year of appeals; it is told
	// to read the period from appeals_cohort.
	period bool
	// counter, when the list's conditions are all facts the report's
	// counters hold, counts it from them (cohort.go) instead of reading up
	// to CountUpTo appeals.
	counter *cohortCount
}

// appealQuery returns the query of f's list.
func (db *DB) appealQuery(f *appeal.Filter) (*appealList, error) {
	q := &appealList{db: db, period: !f.From.IsZero() || !f.To.IsZero()}
	var err error
	q.conds, q.drive, err = db.appealConditions(&q.a, f)
	if err != nil {
		return nil, err
	}
	q.counter = countable(f)
	if q.drive != nil {
		_, narrow := knownTerms(f.Scope)
		q.whole = (f.Scope.All || narrow) && len(f.States) == 0 && f.Channel == "" && f.Type == "" && f.CategoryID == 0 &&
			f.Route == "" && f.TerritoryID == 0 && f.UnitID == 0 && f.From.IsZero() && f.To.IsZero()
		if db.pg() { // GIN has no order to drive by: the lookup is a condition
			q.conds = append(q.conds, "id IN ("+db.ids(&q.a, q.drive)+")")
		}
	}
	return q, nil
}

// driven reports whether the list is read in the index's order.
func (q *appealList) driven() bool { return q.drive != nil && !q.db.pg() }

// from returns the FROM clause of the list, its WHERE with conds, and the
// arguments.
func (q *appealList) from(conds []string, a args) (string, args) {
	if !q.driven() {
		if q.period && !q.db.pg() {
			return ` FROM appeals INDEXED BY appeals_cohort` + whereClause(conds), a
		}
		return ` FROM appeals` + whereClause(conds), a
	}
	conds = append([]string{`s.appeal_search MATCH ` + a.add(q.drive.match())}, conds...)
	return ` FROM appeal_search s CROSS JOIN appeals ON appeals.id = s.rowid` + whereClause(conds), a
}

// page returns the statement of a page of n appeals beyond before, newest
// first or, if oldest, oldest first.
func (q *appealList) page(before int64, n int, oldest bool) (string, args) {
	a := slices.Clone(q.a)
	conds := slices.Clip(q.conds)
	order := "id"
	if q.driven() {
		order = "s.rowid"
	}
	beyond, dir := " < ", " DESC"
	if oldest {
		beyond, dir = " > ", " ASC"
	}
	if before > 0 {
		conds = append(conds, order+beyond+a.add(before))
	}
	from, a := q.from(conds, a)
	if q.driven() { // the index gives the order: nothing is sorted
		return `SELECT ` + appealSelect("appeals.") + from + ` ORDER BY ` + order + dir + ` LIMIT ` + a.add(n), a
	}
	// The ids of the page are found and sorted first, from the indexes
	// alone; only then are the page's rows read. (Asked for whole rows,
	// SQLite would read every candidate's row before sorting: a month of a
	// busy district's appeals, to show twenty.)
	return `SELECT ` + appealSelect("") + ` FROM appeals WHERE id IN (SELECT id` + from + ` ORDER BY id` + dir + ` LIMIT ` +
		a.add(n) + `) ORDER BY id` + dir, a
}

// counted returns the statement of the rows to count.
func (q *appealList) counted() (string, args) {
	if q.whole { // the lookup alone, whose arguments are its own
		var a args
		if q.db.pg() {
			return `SELECT 1 FROM appeal_search WHERE ` + q.drive.pgCondition(&a), a
		}
		return `SELECT 1 FROM appeal_search WHERE appeal_search MATCH ` + a.add(q.drive.match()), a
	}
	from, a := q.from(slices.Clip(q.conds), slices.Clone(q.a))
	return `SELECT 1` + from, a
}

// appealConditions returns the conditions of f on appeals (ANDed), with
// their arguments added to a: the scope first, then each filter. The
// filters that could find an anonymous appeal by its appellant (the
// enterprise, a keyword) find it only where full holds: in the part of the
// scope that may know the appellant, not through a unit's task. A keyword
// that one lookup finds in full is not among the conditions: it is
// returned as that lookup, to drive the list.
func (db *DB) appealConditions(a *args, f *appeal.Filter) (conds []string, drive *lookup, err error) {
	full := "TRUE"
	if sc := f.Scope; !sc.All {
		var or, knows []string
		if len(sc.Districts) > 0 {
			knows = append(knows, "district_id IN ("+list(a, sc.Districts)+")")
		}
		if sc.CreatedBy != 0 {
			knows = append(knows, "created_by = "+a.add(sc.CreatedBy))
		}
		if sc.EnterpriseID != 0 {
			knows = append(knows, "enterprise_id = "+a.add(sc.EnterpriseID))
		}
		full = ""
		if len(knows) > 0 {
			full = "(" + strings.Join(knows, " OR ") + ")"
		}
		or = append(or, knows...)
		if sc.UnitID != 0 {
			or = append(or, "id IN (SELECT appeal_id FROM tasks WHERE unit_id = "+a.add(sc.UnitID)+")")
		}
		conds = append(conds, "("+strings.Join(or, " OR ")+")")
	}
	if len(f.States) > 0 {
		conds = append(conds, "state IN ("+list(a, f.States)+")")
	}
	eq := func(column string, v any, zero bool) {
		if !zero {
			conds = append(conds, column+" = "+a.add(v))
		}
	}
	eq("channel", f.Channel, f.Channel == "")
	eq("type", f.Type, f.Type == "")
	eq("category_id", f.CategoryID, f.CategoryID == 0)
	eq("route", f.Route, f.Route == "")
	eq("district_id", f.DistrictID, f.DistrictID == 0)
	eq("territory_id", f.TerritoryID, f.TerritoryID == 0)
	if f.EnterpriseID != 0 {
		conds = append(conds, "enterprise_id = "+a.add(f.EnterpriseID)+" AND "+anonymousOnlyIf(full))
	}
	if f.UnitID != 0 {
		conds = append(conds, "id IN (SELECT appeal_id FROM tasks WHERE unit_id = "+a.add(f.UnitID)+")")
	}
	if !f.From.IsZero() {
		conds = append(conds, "created_at >= "+a.add(f.From.UnixMilli()))
	}
	if !f.To.IsZero() {
		conds = append(conds, "created_at < "+a.add(f.To.UnixMilli()))
	}
	if f.Keyword == "" {
		return conds, nil, nil
	}
	drive, kw, err := db.keywordCondition(a, f, full)
	if err != nil {
		return nil, nil, err
	}
	if kw != "" {
		conds = append(conds, kw)
	}
	return conds, drive, nil
}

// keywordCondition returns how the list finds f's keyword: one lookup that
// drives it, when every appeal in scope is one whose appellant the reader
// may know (full is the scope's condition, or TRUE); otherwise a
// condition: the appeals in the known part of the scope that the lookup
// finds, or those through the unit's tasks that a lookup of what units see
// finds (the visible forms, of an anonymous appeal), checked one by one.
func (db *DB) keywordCondition(a *args, f *appeal.Filter, full string) (*lookup, string, error) {
	sc := f.Scope
	within, narrow := knownTerms(sc)
	if !narrow {
		within = nil
	}
	known, err := keywordLookup(f, false, within)
	if err != nil {
		return nil, "", err
	}
	if sc.UnitID == 0 {
		return known, "", nil
	}
	var or []string
	if full != "" {
		or = append(or, "("+full+" AND id IN ("+db.ids(a, known)+"))")
	}
	plain, _ := keywordLookup(f, false, nil)
	visible, _ := keywordLookup(f, true, nil)
	or = append(or, "(id IN (SELECT appeal_id FROM tasks WHERE unit_id = "+a.add(sc.UnitID)+") AND "+
		"((NOT anonymous AND "+db.probe(a, plain)+") OR (anonymous AND "+db.probe(a, visible)+")))")
	return nil, "(" + strings.Join(or, " OR ") + ")", nil
}

// anonymousOnlyIf is the condition that keeps appeals not anonymous, and
// anonymous ones only where full holds ("" for nowhere).
func anonymousOnlyIf(full string) string {
	switch full {
	case "TRUE":
		return full
	case "":
		return "NOT anonymous"
	}
	return "(NOT anonymous OR " + full + ")"
}

// ListTasks returns a page of the tasks in f's scope that match f, newest
// first, each with what a worklist shows of its appeal.
func (db *DB) ListTasks(ctx context.Context, f appeal.TaskFilter) (appeal.TaskPage, error) {
	p := appeal.TaskPage{Items: []appeal.TaskItem{}}
	if f.Scope.Empty() {
		return p, nil
	}
	if err := appeal.CheckFigure(f.Figure); err != nil {
		return p, err
	}
	var a args
	conds := db.taskConditions(&a, &f)
	err := db.inRead(ctx, "list tasks", func(tx *txn) error {
		pa := slices.Clone(a)
		pc := conds
		order := "t.id DESC"
		switch {
		case f.ByDue:
			order = dueKey + ", t.id"
			if f.Before > 0 {
				due, id := pa.add(f.AfterDue), pa.add(f.Before)
				pc = append(slices.Clip(conds), "("+dueKey+" > "+due+" OR ("+dueKey+" = "+due+" AND t.id > "+id+"))")
			}
		case f.Before > 0:
			pc = append(slices.Clip(conds), "t.id < "+pa.add(f.Before))
		}
		limit := pageLimit(f.Limit)
		// The page's tasks first, from the index; then their appeals.
		q := `SELECT ` + taskSelect("t.") + `, a.title, a.urgency, a.state, a.created_at, a.anonymous
			FROM tasks t JOIN appeals a ON a.id = t.appeal_id
			WHERE t.id IN (SELECT t.id FROM tasks t` + whereClause(pc) + ` ORDER BY ` + order + ` LIMIT ` + pa.add(limit+1) + `)
			ORDER BY ` + order
		rows, err := tx.QueryContext(ctx, q, pa...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: list tasks")
		}
		if p.Items, err = collect(rows, "list tasks", scanTaskItem); err != nil {
			return err
		}
		if len(p.Items) > limit {
			p.Items = p.Items[:limit]
			p.Next = p.Items[limit-1].ID
			if f.ByDue {
				p.NextDue = dueKeyOf(&p.Items[limit-1].Task)
			}
		}
		p.Total, p.TotalCapped, err = countUpTo(ctx, tx, `SELECT 1 FROM tasks t`+whereClause(conds), a, f.CountUpTo)
		return err
	})
	if err != nil {
		return appeal.TaskPage{}, err
	}
	return p, nil
}

// dueKey orders tasks by deadline, those without one last.
const dueKey = "COALESCE(t.reply_due, 9007199254740991)"

func dueKeyOf(t *appeal.Task) int64 {
	if t.ReplyDue.IsZero() {
		return 9007199254740991
	}
	return t.ReplyDue.UnixMilli()
}

// taskConditions returns the conditions of f on tasks t (ANDed).
func (db *DB) taskConditions(a *args, f *appeal.TaskFilter) []string {
	var conds []string
	if sc := f.Scope; !sc.All {
		var or []string
		if len(sc.Districts) > 0 {
			or = append(or, "t.district_id IN ("+list(a, sc.Districts)+")")
		}
		if sc.UnitID != 0 {
			or = append(or, "t.unit_id = "+a.add(sc.UnitID))
		}
		if len(or) == 0 {
			or = append(or, "1 = 0") // a scope of creator or enterprise sees no worklist
		}
		conds = append(conds, "("+strings.Join(or, " OR ")+")")
	}
	if f.UnitID != 0 {
		conds = append(conds, "t.unit_id = "+a.add(f.UnitID))
	}
	if len(f.States) > 0 {
		conds = append(conds, "t.state IN ("+list(a, f.States)+")")
	}
	if f.Due != appeal.DueNone {
		now := f.Now.UnixMilli()
		conds = append(conds, "t.state IN ("+list(a, appeal.Awaiting)+")", "t.reply_due IS NOT NULL", "t.paused_at IS NULL")
		switch f.Due {
		case appeal.DueOverdue:
			conds = append(conds, "t.reply_due < "+a.add(now))
		case appeal.DueSoon:
			// Four fifths of the time used, as Task.Clock counts it.
			conds = append(conds, "t.reply_due >= "+a.add(now), "4 * t.reply_due + t.assigned_at <= "+a.add(5*now))
		}
	}
	// The figure: its condition as the report counts it (figures.go), on
	// the task and, for those that ask the appeal, on the task's appeal.
	if f.Figure != appeal.FigureNone {
		asOf := ""
		cond, onAppeal, _ := figureSQL(f.Figure, func() string { // known: checked, and see figures.go's init
			if asOf == "" {
				asOf = a.add(f.Now.UnixMilli())
			}
			return asOf
		})
		if f.Figure != appeal.FigureAssigned {
			conds = append(conds, notCancelled)
		}
		if onAppeal {
			cond = "EXISTS (SELECT 1 FROM appeals a WHERE a.id = t.appeal_id AND " + cond + ")"
		}
		conds = append(conds, cond)
	}
	// The cohort: the tasks of the appeals registered in the period. Its
	// appeals are found first, from appeals_cohort in the scope's districts
	// (a task's district is its appeal's), and then their tasks, so that a
	// month a year back reads that month's tasks and not every task since.
	// PostgreSQL is given them as an array: told "IN", it would rather walk
	// the tasks newest first and look each one's appeal up, betting on
	// finding a page soon.
	if !f.From.IsZero() || !f.To.IsZero() {
		var cohort []string
		sc := f.Scope
		byDistrict := !sc.All && sc.UnitID == 0 && len(sc.Districts) > 0
		if byDistrict {
			cohort = append(cohort, "a.district_id IN ("+list(a, sc.Districts)+")")
		}
		if !f.From.IsZero() {
			cohort = append(cohort, "a.created_at >= "+a.add(f.From.UnixMilli()))
		}
		if !f.To.IsZero() {
			cohort = append(cohort, "a.created_at < "+a.add(f.To.UnixMilli()))
		}
		appeals := "SELECT a.id FROM appeals a WHERE " + strings.Join(cohort, " AND ")
		if db.pg() && (byDistrict || sc.All && f.UnitID == 0) {
			conds = append(conds, "t.appeal_id = ANY (ARRAY ("+appeals+"))")
		} else { // a unit's tasks: PostgreSQL may look each one's appeal up
			conds = append(conds, "t.appeal_id IN ("+appeals+")")
		}
	}
	return conds
}

func scanTaskItem(row scanner, it *appeal.TaskItem) error {
	dest := append(taskDest(&it.Task), &it.Title, &it.Urgency, &it.AppealState, timeOf{&it.CreatedAt}, &it.Anonymous)
	return row.Scan(dest...)
}

// pageLimit is the page size for a requested limit.
func pageLimit(limit int) int {
	if limit <= 0 {
		return appeal.DefaultLimit
	}
	return limit
}

// countUpTo counts the rows of sub (a SELECT with arguments a), reading at
// most upTo+1 of them: more than upTo is reported as upTo and capped. It
// counts nothing when upTo is 0.
func countUpTo(ctx context.Context, tx *txn, sub string, a args, upTo int) (total int, capped bool, err error) {
	if upTo <= 0 {
		return 0, false, nil
	}
	a = slices.Clone(a)
	q := `SELECT count(*) FROM (` + sub + ` LIMIT ` + a.add(upTo+1) + `) AS capped`
	if err := tx.QueryRowContext(ctx, q, a...).Scan(&total); err != nil {
		return 0, false, fault.Wrap(err, "sqlstore: count")
	}
	if total > upTo {
		return upTo, true, nil
	}
	return total, false, nil
}

// cohortCount is a list counted from the report's counters: the appeals of
// districts (nil: all) registered on the days [from, to), in states (any if
// none), of channel and route (any if "").
type cohortCount struct {
	districts []int64
	from, to  int64
	states    []appeal.State
	channel   appeal.Channel
	route     appeal.Route
}

// countable returns the count of f's list from the counters, or nil when f
// filters by what they do not hold (a keyword, a type, a unit, who
// registered it...) or its period does not begin and end at midnight.
func countable(f *appeal.Filter) *cohortCount {
	sc := f.Scope
	if sc.UnitID != 0 || sc.CreatedBy != 0 || sc.EnterpriseID != 0 || f.Keyword != "" || f.Type != "" ||
		f.CategoryID != 0 || f.UnitID != 0 || f.TerritoryID != 0 || f.EnterpriseID != 0 {
		return nil
	}
	c := &cohortCount{states: f.States, channel: f.Channel, route: f.Route, from: 0, to: dayOf(time.Date(9999, 1, 1, 0, 0, 0, 0, appeal.CST))}
	if !sc.All {
		c.districts = sc.Districts
	}
	if f.DistrictID != 0 {
		if c.districts != nil && !slices.Contains(c.districts, f.DistrictID) {
			c.districts = []int64{}
		} else {
			c.districts = []int64{f.DistrictID}
		}
	}
	for _, b := range []struct {
		t   time.Time
		day *int64
	}{{f.From, &c.from}, {f.To, &c.to}} {
		if b.t.IsZero() {
			continue
		}
		if *b.day = dayOf(b.t); b.t.UnixMilli() != *b.day*dayMS-cstMS {
			return nil
		}
	}
	return c
}

// count counts c's appeals, up to upTo.
func (c *cohortCount) count(ctx context.Context, q querier, upTo int) (int, bool, error) {
	if c.districts != nil && len(c.districts) == 0 || c.from >= c.to {
		return 0, false, nil
	}
	groups, err := cohortGroups(ctx, q, c.districts, c.from, c.to)
	if err != nil {
		return 0, false, err
	}
	n := 0
	for _, g := range groups {
		if (len(c.states) == 0 || slices.Contains(c.states, g.State)) && (c.channel == "" || g.Channel == c.channel) &&
			(c.route == "" || g.Route == c.route) {
			n += g.N
		}
	}
	if n > upTo {
		return upTo, true, nil
	}
	return n, false, nil
}

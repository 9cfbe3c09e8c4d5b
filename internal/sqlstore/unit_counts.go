package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/report"
)

// The units' counters (migration 0020): each unit's tasks of the appeals
// a district registered on a day (and in a month), counted by every figure
// of report.UnitCounts that does not depend on the moment of reading, each
// by its condition of figures.go. A change to an appeal counts the
// appeal's tasks out as they were and in as they are (unitDeltas), in its
// own transaction; FoldCohort folds these deltas with the cohort's. A
// report reads the period's whole months from the month counters, the
// other days from the day counters, and the deltas, in one snapshot, and
// adds what depends on the moment from the open tasks: those unanswered
// past their deadline.

// unitCounterColumns are the counted columns of unit_deltas, unit_days
// and unit_months, each with the SQL that counts it over tasks t of
// appeals a (figures.go).
var unitCounterColumns = []struct{ name, sum string }{
	{"assigned", count(appeal.FigureAssigned)},
	{"responded", count(appeal.FigureResponded)},
	{"replied", "SUM(CASE WHEN " + repliedSQL + " THEN 1 ELSE 0 END)"},
	{"on_time", count(appeal.FigureOnTime)},
	{"returned", count(appeal.FigureReturned)},
	{"returned_late", count(appeal.FigureReturnedLate)},
	{"redone", count(appeal.FigureRedone)},
	{"reminders", count(appeal.FigureReminded)},
	{"supervised", count(appeal.FigureSupervised)},
	{"unanswered", count(appeal.FigureUnanswered)},
	{"extended", count(appeal.FigureExtended)},
	{"rated", count(appeal.FigureRated)},
	{"satisfied", "SUM(CASE WHEN " + finalLead + " AND a.satisfaction = 'satisfied' THEN 1 ELSE 0 END)"},
	{"fair", "SUM(CASE WHEN " + finalLead + " AND a.satisfaction = 'fair' THEN 1 ELSE 0 END)"},
	{"resolved", "SUM(CASE WHEN " + finalLead + " AND a.resolved THEN 1 ELSE 0 END)"},
}

// count is the sum of one figure that does not depend on the moment.
func count(f appeal.TaskFigure) string {
	return countFigures([]appeal.TaskFigure{f}, func() string { panic("sqlstore: a unit counter depends on the moment") })
}

var (
	unitCounterNames = func() string {
		names := make([]string, len(unitCounterColumns))
		for i, c := range unitCounterColumns {
			names[i] = c.name
		}
		return strings.Join(names, ", ")
	}()
	// unitCounterSums counts the tasks t of appeals a by unit, district and
	// day; the conditions follow WHERE.
	unitCounterSums = func() string {
		sums := make([]string, len(unitCounterColumns))
		for i, c := range unitCounterColumns {
			sums[i] = c.sum
		}
		return `SELECT t.unit_id, a.district_id, (a.created_at + ` + strconv.Itoa(cstMS) + `) / ` + strconv.Itoa(dayMS) + `, ` + strings.Join(sums, ", ") + `
		FROM tasks t JOIN appeals a ON a.id = t.appeal_id WHERE ` + notCancelled
	}()
)

// unitDeltas writes the counts of the tasks of appeal id as they stand,
// times sign: -1 before a change, +1 after it.
func unitDeltas(ctx context.Context, tx *txn, id int64, sign int) error {
	sel := unitCounterSums
	if sign < 0 {
		sel = strings.Replace(sel, "SUM(", "-SUM(", -1)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO unit_deltas (unit_id, district_id, day, `+unitCounterNames+`)
		`+sel+` AND a.id = $1 GROUP BY 1, 2, 3`, id)
	return fault.Wrap(err, "sqlstore: unit deltas")
}

// unitKey is one unit's counters in a district on a day (or in a month).
type unitKey struct {
	District, Day, Unit int64
}

type unitSums map[unitKey][]int64

// add adds the counts of rows (district, day, unit, the counters) to s.
func (s unitSums) add(rows *sql.Rows, op string) (int, error) {
	defer rows.Close()
	n := 0
	for rows.Next() {
		var k unitKey
		vs := make([]int64, len(unitCounterColumns))
		dest := []any{&k.Unit, &k.District, &k.Day}
		for i := range vs {
			dest = append(dest, &vs[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return n, fault.Wrap(err, "sqlstore: "+op)
		}
		if s[k] == nil {
			s[k] = make([]int64, len(vs))
		}
		for i, v := range vs {
			s[k][i] += v
		}
		n++
	}
	return n, fault.Wrap(rows.Err(), "sqlstore: "+op)
}

// foldUnits moves up to max unit deltas, oldest first, into the day and
// month counters, and returns how many it moved.
func foldUnits(ctx context.Context, db *DB, tx *txn, max int) (int, error) {
	pick := `SELECT id FROM unit_deltas ORDER BY id LIMIT $1`
	if db.pg() {
		pick += ` FOR UPDATE SKIP LOCKED`
	}
	rows, err := tx.QueryContext(ctx, `DELETE FROM unit_deltas WHERE id IN (`+pick+`)
		RETURNING unit_id, district_id, day, `+unitCounterNames, max)
	if err != nil {
		return 0, fault.Wrap(err, "sqlstore: fold units")
	}
	sums := unitSums{}
	n, err := sums.add(rows, "fold units")
	if err != nil {
		return n, err
	}
	return n, addUnitCounts(ctx, tx, sums)
}

// addUnitCounts adds sums to the day and month counters, in one order.
func addUnitCounts(ctx context.Context, tx *txn, sums unitSums) error {
	months := unitSums{}
	for k, vs := range sums {
		m := unitKey{District: k.District, Day: monthOf(k.Day), Unit: k.Unit}
		if months[m] == nil {
			months[m] = make([]int64, len(vs))
		}
		for i, v := range vs {
			months[m][i] += v
		}
	}
	for _, t := range []struct {
		table, column string
		sums          unitSums
	}{{"unit_days", "day", sums}, {"unit_months", "month", months}} {
		keys := make([]unitKey, 0, len(t.sums))
		for k, vs := range t.sums {
			if slices.ContainsFunc(vs, func(v int64) bool { return v != 0 }) {
				keys = append(keys, k)
			}
		}
		slices.SortFunc(keys, func(a, b unitKey) int {
			return cmp.Or(cmp.Compare(a.District, b.District), cmp.Compare(a.Day, b.Day), cmp.Compare(a.Unit, b.Unit))
		})
		set := make([]string, len(unitCounterColumns))
		for i, c := range unitCounterColumns {
			set[i] = c.name + " = " + t.table + "." + c.name + " + excluded." + c.name
		}
		for len(keys) > 0 {
			n := min(len(keys), 100) // 18 values each
			var a args
			rows := make([]string, n)
			for i, k := range keys[:n] {
				vs := []any{k.District, k.Day, k.Unit}
				for _, v := range t.sums[k] {
					vs = append(vs, v)
				}
				rows[i] = "(" + list(&a, vs) + ")"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+t.table+` (district_id, `+t.column+`, unit_id, `+unitCounterNames+`)
				VALUES `+strings.Join(rows, ", ")+` ON CONFLICT (district_id, `+t.column+`, unit_id) DO UPDATE SET `+strings.Join(set, ", "), a...); err != nil {
				return fault.Wrap(err, "sqlstore: fold units")
			}
			keys = keys[n:]
		}
	}
	return nil
}

// rebuildUnits counts every task anew into the units' counters, their
// deltas dropped: the hook of migration 0020, and part of RebuildCohort.
func rebuildUnits(ctx context.Context, db *DB, tx *txn) error {
	if err := emptyCounters(ctx, db, tx, "unit_deltas", `DELETE FROM unit_deltas`, `DELETE FROM unit_days`, `DELETE FROM unit_months`); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, unitCounterSums+` GROUP BY 1, 2, 3`)
	if err != nil {
		return fault.Wrap(err, "sqlstore: rebuild units")
	}
	sums := unitSums{}
	if _, err := sums.add(rows, "rebuild units"); err != nil {
		return err
	}
	return addUnitCounts(ctx, tx, sums)
}

// countedUnits returns the counts of every unit with a task of the cohort
// q at asOf, from the counters (q's period begins and ends at midnight).
func countedUnits(ctx context.Context, tx *txn, q report.Query, asOf time.Time, from, to int64) ([]report.UnitCounts, error) {
	var a args
	inDistricts := ""
	if q.Districts != nil {
		inDistricts = "district_id IN (" + list(&a, q.Districts) + ") AND "
	}
	m1, m2, d1, d2 := wholeMonths(from, to)
	sel := `SELECT unit_id, ` + unitCounterNames + ` FROM `
	var parts []string
	if d1 < d2 {
		parts = append(parts,
			sel+`unit_months WHERE `+inDistricts+`month >= `+a.add(m1)+` AND month < `+a.add(m2),
			sel+`unit_days WHERE `+inDistricts+`((day >= `+a.add(from)+` AND day < `+a.add(d1)+`) OR (day >= `+a.add(d2)+` AND day < `+a.add(to)+`))`)
	} else {
		parts = append(parts, sel+`unit_days WHERE `+inDistricts+`day >= `+a.add(from)+` AND day < `+a.add(to))
	}
	parts = append(parts, sel+`unit_deltas WHERE `+inDistricts+`day >= `+a.add(from)+` AND day < `+a.add(to))
	sums := make([]string, len(unitCounterColumns))
	for i, c := range unitCounterColumns {
		sums[i] = "CAST(sum(" + c.name + ") AS BIGINT)"
	}
	rows, err := tx.QueryContext(ctx, `SELECT unit_id, `+strings.Join(sums, ", ")+` FROM (`+strings.Join(parts, " UNION ALL ")+`) AS c
		GROUP BY unit_id`, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: unit counts")
	}
	byUnit := map[int64]*report.UnitCounts{}
	var replied []int64
	counts, err := collect(rows, "unit counts", func(r scanner, c *report.UnitCounts) error {
		var rep int64
		err := r.Scan(&c.UnitID, &c.Assigned, &c.Responded, &rep, &c.OnTime, &c.Returned, &c.ReturnedLate, &c.Redone, &c.Reminders,
			&c.Supervised, &c.Unanswered, &c.Extended, &c.Rated, &c.Satisfied, &c.Fair, &c.Resolved)
		replied = append(replied, rep)
		return err
	})
	if err != nil {
		return nil, err
	}
	for i := range counts {
		c := &counts[i]
		c.Due, c.Overdue = int(replied[i]), int(replied[i])-c.OnTime
		byUnit[c.UnitID] = c
	}
	// What depends on the moment: the open tasks unanswered past their deadline.
	at := func() string { return "$1" }
	la := args{msNotNull(asOf), msNotNull(q.From), msNotNull(q.To)}
	live := `SELECT t.unit_id, SUM(CASE WHEN ` + dueOpenSQL(at) + ` THEN 1 ELSE 0 END), ` + countFigures([]appeal.TaskFigure{appeal.FigureOpenOverdue}, at) + `
		FROM tasks t JOIN appeals a ON a.id = t.appeal_id
		WHERE t.state IN ('pending', 'handling') AND t.reply_due < $1 AND t.paused_at IS NULL AND a.created_at >= $2 AND a.created_at < $3`
	if q.Districts != nil {
		live += " AND t.district_id IN (" + list(&la, q.Districts) + ")"
	}
	rows, err = tx.QueryContext(ctx, live+" GROUP BY t.unit_id", la...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: unit counts")
	}
	type late struct {
		unit            int64
		due, openOverdo int
	}
	lates, err := collect(rows, "unit counts", func(r scanner, l *late) error { return r.Scan(&l.unit, &l.due, &l.openOverdo) })
	if err != nil {
		return nil, err
	}
	for _, l := range lates {
		c := byUnit[l.unit]
		if c == nil { // every task is assigned, so its unit has counters
			return nil, fault.Wrap(errUnitUncounted, "sqlstore: unit counts")
		}
		c.Due += l.due
		c.Overdue += l.due
		c.OpenOverdue += l.openOverdo
	}
	out := counts[:0]
	for _, c := range counts {
		if c.Assigned != 0 { // a unit whose tasks were all cancelled has none
			out = append(out, c)
		}
	}
	return out, nameUnits(ctx, tx, out)
}

var errUnitUncounted = errors.New("a unit's open task is in no counter")

// nameUnits gives each unit of counts its name, kind and whether it is assessed.
func nameUnits(ctx context.Context, tx *txn, counts []report.UnitCounts) error {
	if len(counts) == 0 {
		return nil
	}
	ids := make([]int64, len(counts))
	for i, c := range counts {
		ids[i] = c.UnitID
	}
	var a args
	rows, err := tx.QueryContext(ctx, `SELECT id, name, kind, assessed FROM units WHERE id IN (`+list(&a, ids)+`)`, a...)
	if err != nil {
		return fault.Wrap(err, "sqlstore: unit counts")
	}
	got, err := collect(rows, "unit counts", func(r scanner, c *report.UnitCounts) error {
		return r.Scan(&c.UnitID, &c.Name, &c.Kind, &c.Assessed)
	})
	if err != nil {
		return err
	}
	byID := map[int64]report.UnitCounts{}
	for _, u := range got {
		byID[u.UnitID] = u
	}
	for i := range counts {
		u := byID[counts[i].UnitID]
		counts[i].Name, counts[i].Kind, counts[i].Assessed = u.Name, u.Kind, u.Assessed
	}
	return nil
}

package sqlstore

import (
	"context"
	"slices"
	"strings"

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
	var a args
	conds, err := db.appealConditions(&a, &f)
	if err != nil {
		return p, err
	}
	err = db.inRead(ctx, "list appeals", func(tx *txn) error {
		pa := slices.Clone(a)
		pc := conds
		if f.Before > 0 {
			pc = append(slices.Clip(conds), "id < "+pa.add(f.Before))
		}
		limit := pageLimit(f.Limit)
		q := `SELECT ` + appealSelect("") + ` FROM appeals` + whereClause(pc) + ` ORDER BY id DESC LIMIT ` + pa.add(limit+1)
		rows, err := tx.QueryContext(ctx, q, pa...)
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
		p.Total, p.TotalCapped, err = countUpTo(ctx, tx, `SELECT 1 FROM appeals`+whereClause(conds), a, f.CountUpTo)
		return err
	})
	if err != nil {
		return appeal.Page{}, err
	}
	return p, nil
}

// appealConditions returns the conditions of f on appeals (ANDed), with
// their arguments added to a: the scope first, then each filter. The
// filters that could find an anonymous appeal by its appellant (the
// enterprise, a keyword) find it only where full holds: in the part of the
// scope that may know the appellant, not through a unit's task.
func (db *DB) appealConditions(a *args, f *appeal.Filter) ([]string, error) {
	var conds []string
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
	if f.Keyword != "" {
		c, err := db.keywordCondition(a, f, full)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
	}
	return conds, nil
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
	var a args
	conds := taskConditions(&a, &f)
	err := db.inRead(ctx, "list tasks", func(tx *txn) error {
		pa := slices.Clone(a)
		pc := conds
		if f.Before > 0 {
			pc = append(slices.Clip(conds), "t.id < "+pa.add(f.Before))
		}
		limit := pageLimit(f.Limit)
		q := `SELECT ` + taskSelect("t.") + `, a.title, a.urgency, a.state, a.created_at, a.anonymous
			FROM tasks t JOIN appeals a ON a.id = t.appeal_id` + whereClause(pc) + ` ORDER BY t.id DESC LIMIT ` + pa.add(limit+1)
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
		}
		p.Total, p.TotalCapped, err = countUpTo(ctx, tx, `SELECT 1 FROM tasks t`+whereClause(conds), a, f.CountUpTo)
		return err
	})
	if err != nil {
		return appeal.TaskPage{}, err
	}
	return p, nil
}

// taskConditions returns the conditions of f on tasks t (ANDed).
func taskConditions(a *args, f *appeal.TaskFilter) []string {
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

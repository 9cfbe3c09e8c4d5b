package sqlstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhitong/internal/appeal"
)

// The indexes the issue asks for are used: the report reads its cohort's
// months by their counters' key, and a keyword is looked up in the keyword
// index. On
// PostgreSQL, where an empty table makes any plan cheap, sequential scans
// are switched off to see whether an index can serve the query at all.

func TestPlans(t *testing.T) {
	t.Parallel()
	for _, engine := range testEngines() {
		t.Run(engine, func(t *testing.T) {
			db := openForPlan(t, engine)
			q, a := summaryQuery([]int64{1, 2}, []int64{1, 2}, dayOf(time.Date(2026, 1, 15, 0, 0, 0, 0, appeal.CST)), dayOf(time.Date(2026, 7, 1, 0, 0, 0, 0, appeal.CST)))
			wantPlan(t, db, q, a, map[string]string{SQLite: "sqlite_autoindex_cohort_months_1", Postgres: "cohort_months_pkey"}[engine])

			// A unit's keyword search checks each appeal of its tasks against
			// the index.
			unit, err := db.appealQuery(&appeal.Filter{Keyword: "退税", Scope: appeal.Scope{UnitID: 3}})
			if err != nil {
				t.Fatal(err)
			}
			q, a = unit.page(0, 21, false)
			want := map[string]string{SQLite: "VIRTUAL TABLE INDEX", Postgres: "appeal_search"}[engine]
			wantPlan(t, db, q, a, want)
			// A district's is read from the index newest first, and stops at
			// the page's end (SQLite): no sort of every match.
			district, err := db.appealQuery(&appeal.Filter{Keyword: "退税", Scope: appeal.Scope{Districts: []int64{1}}})
			if err != nil {
				t.Fatal(err)
			}
			q, a = district.page(0, 21, false)
			wantPlan(t, db, q, a, want, "TEMP B-TREE")
			if !district.whole {
				t.Error("a district's keyword search is not counted in the index")
			}

			list, err := db.appealQuery(&appeal.Filter{Scope: appeal.Scope{Districts: []int64{1}}, States: []appeal.State{appeal.Registered}})
			if err != nil {
				t.Fatal(err)
			}
			q, a = list.page(0, 21, false)
			wantPlan(t, db, q, a, "appeals_district")
			// A period is read from appeals_cohort, whatever the state (on
			// SQLite; PostgreSQL plans with the values, and an empty table).
			period, err := db.appealQuery(&appeal.Filter{Scope: appeal.Scope{Districts: []int64{1}}, States: []appeal.State{appeal.Closed},
				From: time.Date(2025, 6, 1, 0, 0, 0, 0, appeal.CST), To: time.Date(2025, 7, 1, 0, 0, 0, 0, appeal.CST)})
			if err != nil {
				t.Fatal(err)
			}
			q, a = period.page(0, 21, false)
			wantPlan(t, db, q, a, map[string]string{SQLite: "appeals_cohort", Postgres: "appeals_"}[engine])

			// A worklist of a report's figure finds the cohort's appeals in
			// appeals_cohort, and then their tasks.
			var ta args
			figure := appeal.TaskFilter{Scope: appeal.Scope{Districts: []int64{1, 2}}, UnitID: 3, Figure: appeal.FigureOverdue,
				Now: time.Date(2026, 1, 15, 0, 0, 0, 0, appeal.CST), From: time.Date(2025, 6, 1, 0, 0, 0, 0, appeal.CST),
				To: time.Date(2025, 7, 1, 0, 0, 0, 0, appeal.CST)}
			q = `SELECT t.id FROM tasks t` + whereClause(db.taskConditions(&ta, &figure)) + ` ORDER BY t.id DESC LIMIT 21`
			wantPlan(t, db, q, ta, "appeals_cohort")
		})
	}
}

// wantPlan checks that the plan of query uses index, and none of forbid.
func wantPlan(t *testing.T, db *DB, query string, a args, index string, forbid ...string) {
	t.Helper()
	ctx := context.Background()
	err := db.inWrite(ctx, "explain", func(ctx context.Context, tx *txn) error {
		explain := "EXPLAIN QUERY PLAN "
		if db.pg() {
			explain = "EXPLAIN "
			if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, explain+query, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var plan []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			for _, v := range vals {
				if s, ok := v.(string); ok {
					plan = append(plan, s)
				} else if b, ok := v.([]byte); ok {
					plan = append(plan, string(b))
				}
			}
		}
		p := strings.Join(plan, "\n")
		if !strings.Contains(p, index) {
			t.Errorf("the plan of\n%s\ndoes not use %s:\n%s", query, index, p)
		}
		for _, f := range forbid {
			if !db.pg() && strings.Contains(p, f) {
				t.Errorf("the plan of\n%s\nuses %s:\n%s", query, f, p)
			}
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

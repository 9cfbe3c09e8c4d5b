package sqlstore

import (
	"context"
	"slices"
	"testing"
	"time"

	"zhitong/internal/appeal"
)

// An anonymous appeal indexed before the private index existed has its
// appellant's terms in appeal_search; the migration that adds the private
// index moves them there.
func TestReindexAnonymous(t *testing.T) {
	t.Parallel()
	for _, engine := range testEngines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := openForPlan(t, engine)
			now := time.Date(2026, 3, 2, 9, 0, 0, 0, appeal.CST)
			var district int64
			err := db.inWrite(ctx, "seed", func(ctx context.Context, tx *txn) error {
				return tx.QueryRowContext(ctx, `INSERT INTO units (name, level, kind, path) VALUES ('娄星区', 'district', 'region', '/')
					RETURNING id`).Scan(&district)
			})
			if err != nil {
				t.Fatal(err)
			}
			a := &appeal.Appeal{Channel: appeal.Hotline12345, Type: appeal.Report, Urgency: appeal.Normal, Title: "检查人员吃拿卡要",
				Content: "电话13912345678", EnterpriseName: "湖南利钢金属制品有限公司", Anonymous: true, DistrictID: district,
				State: appeal.Registered, CreatedAt: now, UpdatedAt: now, Version: 1}
			if err := db.CreateAppeal(ctx, a, nil); err != nil {
				t.Fatal(err)
			}
			// As the index was before: every term in appeal_search, no private row.
			err = db.inWrite(ctx, "legacy index", func(ctx context.Context, tx *txn) error {
				if err := db.writeTerms(ctx, tx, "appeal_search_private", a.ID, nil, true); err != nil {
					return err
				}
				return db.writeTerms(ctx, tx, "appeal_search", a.ID, appealTerms(a), true)
			})
			if err != nil {
				t.Fatal(err)
			}
			// How many appeals a table of the index finds by q.
			count := func(table, q string) int {
				var a args
				var n int
				err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM appeals WHERE `+db.termsMatch(&a, table, []string{q}, nil), a...).Scan(&n)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			if count("appeal_search", "利钢") != 1 || count("appeal_search_private", "利钢") != 0 {
				t.Fatal("the legacy index is not as it was")
			}
			if err := db.inWrite(ctx, "hook", func(ctx context.Context, tx *txn) error { return reindexAnonymous(ctx, db, tx) }); err != nil {
				t.Fatal(err)
			}
			if count("appeal_search", "利钢") != 0 || count("appeal_search", "13912345678") != 0 || count("appeal_search", "吃拿") != 1 {
				t.Error("appeal_search still holds the appellant, or lost the matter")
			}
			if count("appeal_search_private", "利钢") != 1 || count("appeal_search_private", "13912345678") != 1 {
				t.Error("appeal_search_private lacks the appellant")
			}
		})
	}
}

// 0006_search_scope gives every appeal's index rows its scope terms: on
// SQLite by making the index anew, on PostgreSQL in SQL; the appeals are
// then found by them.
func TestSearchScopeMigration(t *testing.T) {
	t.Parallel()
	for _, engine := range testEngines() {
		t.Run(engine, func(t *testing.T) { testSearchScopeMigration(t, engine) })
	}
}

func testSearchScopeMigration(t *testing.T, engine string) {
	ctx := context.Background()
	db := openForPlan(t, engine)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, appeal.CST)
	var d1, d2 int64
	err := db.inWrite(ctx, "seed", func(ctx context.Context, tx *txn) error {
		for _, d := range []*int64{&d1, &d2} {
			if err := tx.QueryRowContext(ctx, `INSERT INTO units (name, level, kind, path) VALUES ('区', 'district', 'region', '/')
				RETURNING id`).Scan(d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(district int64, title string, anonymous bool) int64 {
		a := &appeal.Appeal{Channel: appeal.Hotline12345, Type: appeal.Help, Urgency: appeal.Normal, Title: title,
			Content: "企业反映" + title, EnterpriseName: "湖南利钢金属制品有限公司", Anonymous: anonymous, DistrictID: district,
			State: appeal.Registered, CreatedAt: now, UpdatedAt: now, Version: 1}
		if err := db.CreateAppeal(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	a1, a2, a3 := mk(d1, "出口退税迟迟未到账", false), mk(d2, "出口退税申报系统故障", false), mk(d1, "退税窗口吃拿卡要", true)
	find := func(f appeal.Filter) []int64 {
		t.Helper()
		f.Scope = appeal.Scope{Districts: f.Scope.Districts, All: len(f.Scope.Districts) == 0}
		p, err := db.ListAppeals(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, a := range p.Items {
			ids = append(ids, a.ID)
		}
		return ids
	}
	// As the index was before: no scope terms (PostgreSQL), or nothing at
	// all in the new tables (SQLite).
	legacy := []string{`DELETE FROM appeal_search`, `DELETE FROM appeal_search_private`}
	if db.pg() {
		legacy = []string{
			`UPDATE appeal_search SET terms = ARRAY(SELECT t FROM unnest(terms) t WHERE t NOT LIKE '\_%')`,
			`UPDATE appeal_search_private SET terms = ARRAY(SELECT t FROM unnest(terms) t WHERE t NOT LIKE '\_%')`,
		}
	}
	err = db.inWrite(ctx, "legacy index", func(ctx context.Context, tx *txn) error {
		for _, q := range legacy {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := find(appeal.Filter{Keyword: "退税", DistrictID: d1}); len(got) != 0 {
		t.Fatalf("the legacy index already finds %v by scope", got)
	}
	ms, err := migrationsFor(engine)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ms, func(m migration) bool { return m.name == "0006_search_scope" })
	if i < 0 {
		t.Fatal("no migration 0006_search_scope")
	}
	err = db.inWriteAlone(ctx, "0006 again", func(ctx context.Context, tx *txn) error {
		if db.pg() {
			_, err := tx.ExecContext(ctx, ms[i].sql)
			return err
		}
		return reindexAll(ctx, db, tx) // its SQL makes the tables anew, which the test emptied
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    appeal.Filter
		want []int64
	}{
		{"all", appeal.Filter{Keyword: "退税"}, []int64{a3, a2, a1}},
		{"district scope", appeal.Filter{Keyword: "退税", Scope: appeal.Scope{Districts: []int64{d1}}}, []int64{a3, a1}},
		{"district filter", appeal.Filter{Keyword: "退税", DistrictID: d2}, []int64{a2}},
		{"appellant of an anonymous appeal", appeal.Filter{Keyword: "利钢", Scope: appeal.Scope{Districts: []int64{d1}}}, []int64{a3, a1}},
	} {
		if got := find(c.f); !slices.Equal(got, c.want) {
			t.Errorf("%s: found %v; want %v", c.name, got, c.want)
		}
	}
}

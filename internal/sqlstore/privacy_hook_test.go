package sqlstore

import (
	"context"
	"slices"
	"testing"
	"time"

	"zhitong/internal/appeal"
)

// 0006_search_scope indexes every appeal anew: found by its keyword terms,
// its scope terms, and (of an anonymous appeal) its appellant's private
// terms.
func TestSearchScopeMigration(t *testing.T) {
	t.Parallel()
	for _, engine := range testEngines() {
		t.Run(engine, func(t *testing.T) { testSearchScopeMigration(t, engine) })
	}
}

func testSearchScopeMigration(t *testing.T, engine string) {
	t.Helper()
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
	// The migration's SQL leaves the index empty.
	err = db.inWrite(ctx, "empty index", func(ctx context.Context, tx *txn) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM appeal_search`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := find(appeal.Filter{Keyword: "退税"}); len(got) != 0 {
		t.Fatalf("the emptied index finds %v", got)
	}
	err = db.inWriteAlone(ctx, "0006's hook", func(ctx context.Context, tx *txn) error { return reindexAll(ctx, db, tx) })
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

package sqlstore

import (
	"context"
	"database/sql"
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
			err := db.inWrite(ctx, "seed", func(tx *sql.Tx) error {
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
			err = db.inWrite(ctx, "legacy index", func(tx *sql.Tx) error {
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
				err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM appeals WHERE `+db.termsMatch(&a, table, []string{q}), a...).Scan(&n)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			if count("appeal_search", "利钢") != 1 || count("appeal_search_private", "利钢") != 0 {
				t.Fatal("the legacy index is not as it was")
			}
			if err := db.inWrite(ctx, "hook", func(tx *sql.Tx) error { return reindexAnonymous(ctx, db, tx) }); err != nil {
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

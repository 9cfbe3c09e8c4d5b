package sqlstore_test

import (
	"testing"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestCategories(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cs := []*appeal.Category{
			{Code: "finance", Name: "融资", Active: true},
			{Code: "", Name: "其他", Active: false},
			{Code: "", Name: "未分类", Active: true},
		}
		for _, c := range cs {
			if err := db.CreateCategory(ctx, c); err != nil {
				t.Fatal(err)
			}
			got, err := db.Category(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			same(t, "category", *got, *c)
		}
		all, err := db.Categories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "categories", all, []appeal.Category{*cs[0], *cs[1], *cs[2]})
		err = db.CreateCategory(ctx, &appeal.Category{Code: "finance", Name: "融资2"})
		wantKind(t, err, fault.Conflict, "CreateCategory with a code in use")
		_, err = db.Category(ctx, 404)
		wantKind(t, err, fault.NotFound, "Category(404)")
	})
}

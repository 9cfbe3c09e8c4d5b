package sqlstore_test

import (
	"testing"
	"time"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestEnterprises(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		full := &enterprise.Enterprise{CreditCode: "91431300MA4L8AB12X", Name: "湖南娄星机械有限公司", DistrictID: tr.district.ID,
			TerritoryID: tr.township.ID, Industry: "装备制造", Address: "娄星区乐坪大道1号", ContactName: "赵总",
			ContactPhone: "0738-8888888", CreatedAt: ms(2026, 1, 5, 6, 7, 8, 9)}
		if err := db.CreateEnterprise(ctx, full); err != nil {
			t.Fatal(err)
		}
		got, err := db.Enterprise(ctx, full.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "enterprise by id", *got, *full)
		got, err = db.EnterpriseByCode(ctx, full.CreditCode)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "enterprise by code", *got, *full)

		// Two enterprises without a code: the empty code is not unique.
		noCode1 := mkEnterprise(t, db, "张记米粉店", "", 0)
		noCode2 := mkEnterprise(t, db, "100%_纯净水厂", "", tr.district2.ID)
		got, err = db.Enterprise(ctx, noCode1.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "enterprise without code or district", *got, *noCode1)
		_, err = db.EnterpriseByCode(ctx, "")
		wantKind(t, err, fault.NotFound, "EnterpriseByCode(\"\")")
		_, err = db.EnterpriseByCode(ctx, "91431300MA4L8AB99X")
		wantKind(t, err, fault.NotFound, "EnterpriseByCode of an unknown code")
		_, err = db.Enterprise(ctx, 404)
		wantKind(t, err, fault.NotFound, "Enterprise(404)")
		err = db.CreateEnterprise(ctx, &enterprise.Enterprise{CreditCode: full.CreditCode, Name: "冒名公司", CreatedAt: time.Now()})
		wantKind(t, err, fault.Conflict, "CreateEnterprise with a registered code")
		err = db.CreateEnterprise(ctx, &enterprise.Enterprise{Name: "无区公司", DistrictID: 404, CreatedAt: time.Now()})
		wantKind(t, err, fault.Invalid, "CreateEnterprise in no district")

		list := func(f enterprise.Filter) []int64 {
			t.Helper()
			es, err := db.Enterprises(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return ids(es, func(e enterprise.Enterprise) int64 { return e.ID })
		}
		for _, c := range []struct {
			name string
			f    enterprise.Filter
			want []int64
		}{
			{"all, newest first", enterprise.Filter{}, []int64{noCode2.ID, noCode1.ID, full.ID}},
			{"name fragment", enterprise.Filter{Query: "机械"}, []int64{full.ID}},
			{"code prefix", enterprise.Filter{Query: "91431300"}, []int64{full.ID}},
			{"code prefix, lower case", enterprise.Filter{Query: "91431300ma"}, []int64{full.ID}},
			{"code inside is no prefix", enterprise.Filter{Query: "MA4L8"}, []int64{}},
			{"percent is literal", enterprise.Filter{Query: "%"}, []int64{noCode2.ID}},
			{"underscore is literal", enterprise.Filter{Query: "_"}, []int64{noCode2.ID}},
			{"district", enterprise.Filter{DistrictID: tr.district.ID}, []int64{full.ID}},
			{"after", enterprise.Filter{AfterID: noCode2.ID}, []int64{noCode1.ID, full.ID}},
			{"limit", enterprise.Filter{Limit: 1}, []int64{noCode2.ID}},
			{"after and limit", enterprise.Filter{AfterID: noCode2.ID, Limit: 1}, []int64{noCode1.ID}},
		} {
			if got := list(c.f); !equalIDs(got, c.want) {
				t.Errorf("%s: Enterprises = %v, want %v", c.name, got, c.want)
			}
		}
	})
}

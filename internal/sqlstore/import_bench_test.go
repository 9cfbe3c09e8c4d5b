package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"zhitong/internal/enterprise"
	"zhitong/internal/sqlstore/sqltest"
)

// BenchmarkImportEnterprises writes a registry of 20,000 entities in one
// import, then the same file again (every entity updated), as
// 'zhitong enterprise import' does. Run it with
//
//	go test ./internal/sqlstore -run '^$' -bench ImportEnterprises -benchtime 1x
//
// It asserts nothing about time; it does check that every row was written.
func BenchmarkImportEnterprises(b *testing.B) {
	const n = 20000
	for _, engine := range sqltest.Engines() {
		b.Run(engine, func(b *testing.B) {
			db := sqltest.Open(b, engine)
			tr := newTree(b, db)
			rows := func() []enterprise.Enterprise {
				es := make([]enterprise.Enterprise, n)
				for i := range es {
					base := fmt.Sprintf("91431302MA8B%05d", i)
					es[i] = enterprise.Enterprise{CreditCode: base + string(enterprise.CreditCheckChar(base)), Name: fmt.Sprintf("基准测试企业%05d有限公司", i),
						DistrictID: tr.district.ID, IndustryCode: "33", Size: enterprise.Small, ContactName: "联系人", ContactPhone: "13900000000"}
				}
				return es
			}
			for b.Loop() {
				b.StopTimer()
				es := rows()
				b.StartTimer()
				created, updated, err := db.ImportEnterprises(context.Background(), es, time.Now())
				if err != nil || created+updated != n {
					b.Fatalf("import: %d new, %d updated, %v", created, updated, err)
				}
			}
		})
	}
}

package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/enterprise"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
	"zhitong/internal/policy"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

// A policy for the small entities of one township of a district of 6,000
// entities (loaded in bulk): its 1,500 targets are recorded by one
// statement and told through the outbox in a few, within the one
// transaction of publishing — quickly (the time is logged: under 0.1 s on
// SQLite). Landlines get no message, and the 1,000 targets with a mobile
// number, two to a number, get one message a number: 500.
func TestPublishThousands(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		b := &sqlstore.BulkBatch{
			Units: []unit.Unit{
				{ID: 1, Name: "湖南省", Level: unit.Province, Kind: unit.Region, Path: "/1/", Active: true},
				{ID: 2, ParentID: 1, Name: "娄底市", Level: unit.City, Kind: unit.Region, Path: "/1/2/", Active: true},
				{ID: 3, ParentID: 2, Name: "娄星区", Level: unit.District, Kind: unit.Region, DistrictID: 3, Path: "/1/2/3/", Active: true},
				{ID: 4, ParentID: 3, Name: "乐坪街道", Level: unit.Township, Kind: unit.TownshipK, DistrictID: 3, Path: "/1/2/3/4/", Active: true},
				{ID: 5, ParentID: 3, Name: "大科街道", Level: unit.Township, Kind: unit.TownshipK, DistrictID: 3, Path: "/1/2/3/5/", Active: true},
				{ID: 6, ParentID: 3, Name: "区优化办", Level: unit.District, Kind: unit.Department, Capabilities: []unit.Capability{unit.Office},
					DistrictID: 3, Path: "/1/2/3/6/", Active: true},
			},
			Users: []account.User{{ID: 1, Username: "office", Name: "优化办", UnitID: 6, Roles: []account.Role{account.Office}, Active: true, CreatedAt: now}},
		}
		sizes := []enterprise.Size{enterprise.Small, enterprise.Micro}
		for i := range 6000 {
			phone := fmt.Sprintf("139%08d", i%2000) // every number is shared by three entities
			if i%3 == 0 {
				phone = "0738-8312345"
			}
			b.Enterprises = append(b.Enterprises, enterprise.Enterprise{ID: int64(i + 1), Name: fmt.Sprintf("企业%04d", i), DistrictID: 3,
				TerritoryID: int64(4 + i%2), IndustryCode: "13", Size: sizes[i/2%2], ContactPhone: phone, CreatedAt: now})
		}
		bulk, err := db.StartBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := bulk.Write(ctx, b); err != nil {
			bulk.Close()
			t.Fatal(err)
		}
		if err := bulk.Finish(ctx); err != nil {
			t.Fatal(err)
		}
		db.SetNotices(sqlstore.Notices{SMS: true})
		svc := &policy.Service{Store: db, Now: func() time.Time { return now }}
		office := &account.Actor{UserID: 1, UnitID: 6, Roles: []account.Role{account.Office}, Districts: []int64{3}}
		p := &policy.Policy{IssuerID: 6, Title: "小微企业贷款贴息", Body: "正文", EffectiveFrom: now,
			Tags: policy.Tags{Territories: []int64{4}, Sizes: []enterprise.Size{enterprise.Small}}}
		start := time.Now()
		if err := svc.Publish(ctx, office, p, nil); err != nil {
			t.Fatal(err)
		}
		t.Logf("published to %d targets in %v", p.Targets, time.Since(start))
		// Township 4 holds the even entities; of them, small are those
		// with i/2 even: i ≡ 0 (mod 4), 1,500 of 6,000.
		if p.Targets != 1500 {
			t.Fatalf("targets %d, want 1500", p.Targets)
		}
		log, err := db.DeliveryLog(ctx, outbox.LogFilter{Channel: notify.ChannelSMS, Limit: 5000})
		if err != nil {
			t.Fatal(err)
		}
		// i ≡ 0 (mod 4) and not ≡ 0 (mod 3): 1,000 entities; i, i+2000 and
		// i+4000 have one number, and one of the three a landline.
		want := map[string]bool{}
		for i := 0; i < 6000; i += 4 {
			if i%3 != 0 {
				want[fmt.Sprintf("139%08d", i%2000)] = true
			}
		}
		if len(want) != 500 {
			t.Fatalf("the test's own count: %d numbers", len(want))
		}
		got := map[string]bool{}
		for _, r := range log {
			if r.Message.Kind == notify.PolicyPublished {
				got[r.Message.To] = true
			}
		}
		if len(log) != len(want) || len(got) != len(want) {
			t.Fatalf("%d messages to %d numbers, want one to each of %d", len(log), len(got), len(want))
		}
		reach, err := db.PolicyReach(ctx, p.ID)
		if err != nil || len(reach) != 1 || reach[0] != (policy.Township{TerritoryID: 4, Targets: 1500}) {
			t.Fatalf("the reach: %+v %v", reach, err)
		}
	})
}

package sqlstore_test

import (
	"crypto/sha256"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/outbox"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// A code is written with its SMS; another is refused within the resend
// wait; a new one retires the old; wrong tries count and the last retires
// it; the right one works once; an expired one never.
func TestOneTimeCodes(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := ms(2026, 6, 1, 9, 0, 0, 0)
		h := func(s string) []byte { x := sha256.Sum256([]byte(s)); return x[:] }
		issue := func(code string, at time.Time) error {
			return db.IssueCode(ctx, &account.OneTimeCode{Purpose: account.CodeLogin, Subject: 7, Phone: "13800001111",
				Hash: h(code), CreatedAt: at, ExpiresAt: at.Add(account.CodeTTL)}, code, account.CodeResend)
		}
		use := func(code string, at time.Time) bool {
			t.Helper()
			ok, err := db.UseCode(ctx, account.CodeLogin, 7, h(code), at, 3)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if err := issue("123456", now); err != nil {
			t.Fatal(err)
		}
		log, err := db.DeliveryLog(ctx, outbox.LogFilter{})
		if err != nil || len(log) != 1 || log[0].Message.Params["code"] != "123456" || log[0].Message.Params["minutes"] != "5" || log[0].Message.To != "13800001111" {
			t.Fatalf("the code's SMS: %+v, %v", log, err)
		}
		if err := issue("654321", now.Add(30*time.Second)); !fault.Is(err, fault.Conflict) {
			t.Fatalf("a second code within the resend wait: %v", err)
		}
		if err := issue("222222", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		at := now.Add(2 * time.Minute)
		if use("123456", at) {
			t.Fatal("the retired code worked")
		}
		if use("999999", at) || !use("222222", at) || use("222222", at) {
			t.Fatal("the live code: a wrong try worked, the right one did not, or it worked twice")
		}
		if err := issue("333333", now.Add(3*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if use("000000", at) || use("000001", at) || use("000002", at) || use("333333", at) {
			t.Fatal("the code worked after its tries were spent")
		}
		if err := issue("444444", now.Add(5*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if use("444444", now.Add(5*time.Minute+account.CodeTTL)) {
			t.Fatal("an expired code worked")
		}
	})
}

// A proven phone that is the registry's contact number confirms the
// account; any other is only marked proven, for the federation to decide.
func TestVerifyEnterprisePhone(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		now := ms(2026, 6, 1, 9, 0, 0, 0)
		e := &enterprise.Enterprise{Name: "娄底某某科技有限公司", DistrictID: tr.district.ID, ContactPhone: "138-0000-1111", CreatedAt: now}
		if err := db.CreateEnterprise(ctx, e); err != nil {
			t.Fatal(err)
		}
		own := &account.EnterpriseAccount{EnterpriseID: e.ID, Name: "张三", Phone: "13800001111", CreatedAt: now}
		other := &account.EnterpriseAccount{EnterpriseID: e.ID, Name: "李四", Phone: "13900002222", CreatedAt: now}
		for _, a := range []*account.EnterpriseAccount{own, other} {
			if err := db.CreateEnterpriseAccount(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := db.VerifyEnterprisePhone(ctx, own.ID, now); err != nil || !ok {
			t.Fatalf("the registry's number: confirmed %v, %v", ok, err)
		}
		if ok, err := db.VerifyEnterprisePhone(ctx, other.ID, now); err != nil || ok {
			t.Fatalf("another number: confirmed %v, %v", ok, err)
		}
		got, err := db.EnterpriseAccount(ctx, other.ID)
		if err != nil || got.Confirmed || !got.PhoneVerifiedAt.Equal(now) {
			t.Fatalf("the other account: %+v, %v", got, err)
		}
		got, err = db.EnterpriseAccount(ctx, own.ID)
		if err != nil || !got.Confirmed || !got.ConfirmedAt.Equal(now) || got.ConfirmedBy != 0 {
			t.Fatalf("the confirmed account: %+v, %v", got, err)
		}
	})
}

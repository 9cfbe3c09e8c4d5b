package sqlstore_test

import (
	"bytes"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

func TestUsers(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		u := mkUser(t, db, tr.office, "zhang", account.Office, account.Leader, account.Federation)
		got, err := db.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "user by id", *got, *u)
		got, err = db.UserByUsername(ctx, "zhang")
		if err != nil {
			t.Fatal(err)
		}
		same(t, "user by name", *got, *u)

		inactive := &account.User{Username: "li", Name: "李四", UnitID: tr.township.ID, CreatedAt: ms(2026, 5, 1, 0, 0, 0, 1)}
		if err := db.CreateUser(ctx, inactive); err != nil {
			t.Fatal(err)
		}
		got, err = db.User(ctx, inactive.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "user without roles", *got, *inactive)

		err = db.CreateUser(ctx, &account.User{Username: "zhang", Name: "另一个张", UnitID: tr.dept.ID, Roles: []account.Role{account.Handler}, CreatedAt: time.Now()})
		wantKind(t, err, fault.Conflict, "CreateUser with a taken name")
		err = db.CreateUser(ctx, &account.User{Username: "wang", Name: "王五", UnitID: 404, CreatedAt: time.Now()})
		wantKind(t, err, fault.Invalid, "CreateUser in no unit")
		_, err = db.User(ctx, 404)
		wantKind(t, err, fault.NotFound, "User(404)")
		_, err = db.UserByUsername(ctx, "nobody")
		wantKind(t, err, fault.NotFound, "UserByUsername(nobody)")

		cityUser := mkUser(t, db, tr.cityOffice, "city", account.CityOffice)
		all, err := db.Users(ctx, 0)
		if err != nil || !equalIDs(ids(all, userID), []int64{u.ID, inactive.ID, cityUser.ID}) {
			t.Errorf("Users(0) = %v, %v", ids(all, userID), err)
		}
		district, err := db.Users(ctx, tr.district.ID)
		if err != nil || !equalIDs(ids(district, userID), []int64{u.ID, inactive.ID}) {
			t.Errorf("Users(district) = %v, %v", ids(district, userID), err)
		}
		township, err := db.Users(ctx, tr.township.ID)
		if err != nil || !equalIDs(ids(township, userID), []int64{inactive.ID}) {
			t.Errorf("Users(township) = %v, %v", ids(township, userID), err)
		}
	})
}

func userID(u account.User) int64 { return u.ID }

func equalIDs(a, b []int64) bool { return len(a) == len(b) && (len(a) == 0 || sameOrder(a, b)) }

func sameOrder(a, b []int64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestEnterpriseAccounts(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		e := mkEnterprise(t, db, "娄底某某科技有限公司", "", tr.district.ID)
		a := &account.EnterpriseAccount{EnterpriseID: e.ID, Name: "刘经理", Phone: "13912345678", Confirmed: true, CreatedAt: ms(2026, 2, 3, 4, 5, 6, 7)}
		if err := db.CreateEnterpriseAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		got, err := db.EnterpriseAccount(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "enterprise account", *got, *a)
		_, err = db.EnterpriseAccount(ctx, 404)
		wantKind(t, err, fault.NotFound, "EnterpriseAccount(404)")
		err = db.CreateEnterpriseAccount(ctx, &account.EnterpriseAccount{EnterpriseID: 404, Name: "x", CreatedAt: time.Now()})
		wantKind(t, err, fault.Invalid, "CreateEnterpriseAccount of no enterprise")
	})
}

func TestTokens(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		u := mkUser(t, db, tr.office, "zhang", account.Office)
		full := &account.Token{UserID: u.ID, Name: "大屏", Scope: account.ScopeDisplay, Hash: hash("secret-1"),
			CreatedAt: ms(2026, 1, 1, 0, 0, 0, 1), ExpiresAt: ms(2027, 1, 1, 0, 0, 0, 2), RevokedAt: ms(2026, 6, 1, 0, 0, 0, 3),
			LastUsed: ms(2026, 5, 1, 0, 0, 0, 4)}
		plain := &account.Token{UserID: u.ID, Scope: account.ScopeFull, Hash: hash("secret-2"), CreatedAt: ms(2026, 1, 2, 0, 0, 0, 0)}
		for _, tok := range []*account.Token{full, plain} {
			if err := db.CreateToken(ctx, tok); err != nil {
				t.Fatal(err)
			}
			got, err := db.TokenByHash(ctx, hash(map[int64]string{full.ID: "secret-1", plain.ID: "secret-2"}[tok.ID]))
			if err != nil {
				t.Fatal(err)
			}
			same(t, "token by hash", *got, *tok)
		}
		_, err := db.TokenByHash(ctx, hash("secret-3"))
		wantKind(t, err, fault.NotFound, "TokenByHash of an unknown secret")
		err = db.CreateToken(ctx, &account.Token{UserID: u.ID, Scope: account.ScopeRead, Hash: hash("secret-2"), CreatedAt: time.Now()})
		wantKind(t, err, fault.Conflict, "CreateToken with a hash in use")

		before := time.Now().Add(-time.Second)
		if err := db.RevokeToken(ctx, plain.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.TokenByHash(ctx, plain.Hash)
		if err != nil || got.RevokedAt.Before(before) || got.Active(time.Now()) {
			t.Errorf("revoked token: %+v, %v", got, err)
		}
		if err := db.RevokeToken(ctx, full.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.TokenByHash(ctx, full.Hash); !got.RevokedAt.Equal(full.RevokedAt) {
			t.Errorf("revoking again moved the time from %v to %v", full.RevokedAt, got.RevokedAt)
		}
		wantKind(t, db.RevokeToken(ctx, 404), fault.NotFound, "RevokeToken(404)")
		if !bytes.Equal(got.Hash, plain.Hash) {
			t.Errorf("hash read back as %x, want %x", got.Hash, plain.Hash)
		}
	})
}

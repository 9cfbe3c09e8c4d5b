package account_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

func world(t *testing.T, db *sqlstore.DB, now *time.Time) (*account.Service, *unit.Unit, *unit.Unit) {
	t.Helper()
	ctx := context.Background()
	units := &unit.Service{Store: db}
	sys := account.SystemActor()
	city := &unit.Unit{Name: "娄底市", Level: unit.City, Kind: unit.Region}
	if err := units.Create(ctx, sys, city); err != nil {
		t.Fatal(err)
	}
	district := &unit.Unit{Name: "娄星区", Level: unit.District, Kind: unit.Region, ParentID: city.ID}
	if err := units.Create(ctx, sys, district); err != nil {
		t.Fatal(err)
	}
	town := &unit.Unit{Name: "乐坪街道", Level: unit.Township, Kind: unit.TownshipK, ParentID: district.ID}
	if err := units.Create(ctx, sys, town); err != nil {
		t.Fatal(err)
	}
	return &account.Service{Store: db, Units: db, Now: func() time.Time { return *now }}, district, town
}

func TestUsersAndTokens(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		svc, district, town := world(t, db, &now)

		bad := []struct {
			name  string
			u     account.User
			field string
		}{
			{"no username", account.User{Name: "张三", UnitID: town.ID, Roles: []account.Role{account.Handler}}, "username"},
			{"no roles", account.User{Username: "a", Name: "张三", UnitID: town.ID}, "roles"},
			{"unknown role", account.User{Username: "a", Name: "张三", UnitID: town.ID, Roles: []account.Role{"king"}}, "roles"},
			{"unknown unit", account.User{Username: "a", Name: "张三", UnitID: 9999, Roles: []account.Role{account.Handler}}, "unit_id"},
			{"bad phone", account.User{Username: "a", Name: "张三", UnitID: town.ID, Phone: "call me", Roles: []account.Role{account.Handler}}, "phone"},
		}
		for _, c := range bad {
			err := svc.CreateUser(ctx, &c.u)
			if fe, ok := err.(*fault.Error); !ok || fe.Kind != fault.Invalid || fe.Field != c.field {
				t.Errorf("%s: got %v, want invalid %s", c.name, err, c.field)
			}
		}

		u := &account.User{Username: "lp_handler", Name: "张三", UnitID: town.ID, Roles: []account.Role{account.Handler}}
		if err := svc.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := svc.CreateUser(ctx, &account.User{Username: "lp_handler", Name: "李四", UnitID: town.ID, Roles: []account.Role{account.Handler}}); !fault.Is(err, fault.Conflict) {
			t.Fatalf("a taken user name: %v", err)
		}

		secret, tok, err := svc.CreateToken(ctx, u.ID, "cli", account.ScopeFull, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "zt_") || strings.Contains(string(tok.Hash), secret) {
			t.Fatalf("secret %q / stored hash %x", secret, tok.Hash)
		}
		actor, err := svc.Authenticate(ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		if actor.UserID != u.ID || actor.ReadOnly || len(actor.Districts) != 1 || actor.Districts[0] != district.ID {
			t.Fatalf("actor %+v: want the town's district %d in scope, writable", actor, district.ID)
		}

		ro, _, _ := svc.CreateToken(ctx, u.ID, "wall", account.ScopeDisplay, 0)
		if a, err := svc.Authenticate(ctx, ro); err != nil || !a.ReadOnly {
			t.Fatalf("display token: %+v %v, want read-only", a, err)
		}

		for name, s := range map[string]string{"unknown": "zt_nope", "no prefix": "abc", "empty": "", "too long": "zt_" + strings.Repeat("x", 200)} {
			if _, err := svc.Authenticate(ctx, s); !fault.Is(err, fault.Unauthenticated) {
				t.Errorf("%s token: %v", name, err)
			}
		}
		now = now.Add(2 * time.Hour)
		if _, err := svc.Authenticate(ctx, secret); !fault.Is(err, fault.Unauthenticated) {
			t.Fatalf("an expired token was accepted: %v", err)
		}
		gone, goneTok, _ := svc.CreateToken(ctx, u.ID, "old", account.ScopeFull, 0)
		if err := db.RevokeToken(ctx, goneTok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Authenticate(ctx, gone); !fault.Is(err, fault.Unauthenticated) {
			t.Fatalf("a revoked token was accepted: %v", err)
		}
		if _, err := svc.Authenticate(ctx, ro); err != nil {
			t.Fatalf("revoking one token revoked another: %v", err)
		}
		if _, _, err := svc.CreateToken(ctx, u.ID, "x", "root", 0); !fault.Is(err, fault.Invalid) {
			t.Fatalf("unknown scope: %v", err)
		}
	})
}

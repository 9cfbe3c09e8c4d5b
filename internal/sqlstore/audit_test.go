package sqlstore_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// entries returns the whole audit log, oldest first.
func entries(t testing.TB, db *sqlstore.DB) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	q := audit.Query{Limit: 1000}
	for {
		es, err := db.SearchAudit(ctx, q)
		if err != nil {
			t.Fatalf("SearchAudit: %v", err)
		}
		out = append(es, out...)
		if len(es) < q.Limit {
			break
		}
		q.Before = es[len(es)-1].ID
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Every state change of an appeal is audited in the transaction that makes
// it: with the request's client and id, never with the appeal's personal
// data or text; a change that is rolled back leaves no entry.
func TestAuditOfAppealsIsInTheirTransaction(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		rctx := audit.WithMeta(ctx, audit.Meta{ClientIP: "10.1.2.3", RequestID: "req-1"})
		a := newAppeal(tr.district.ID, "厂房漏水", "内容含隐私：联系人张三", ms(2026, 4, 1, 9, 0, 0, 0))
		a.ContactName, a.ContactPhone = "张三", "13912345678"
		ev := &appeal.Event{At: a.CreatedAt, ActorID: 0, ActorName: "企业联系人张三", Action: appeal.ActRegister, ToState: appeal.Registered}
		if err := db.CreateAppeal(rctx, a, ev); err != nil {
			t.Fatal(err)
		}
		officer := mkUser(t, db, tr.office, "office1")
		err := db.Mutate(audit.WithMeta(ctx, audit.Meta{ClientIP: "10.9.9.9", RequestID: "req-2"}), a.ID, step(func(g *appeal.Aggregate, ch *appeal.Change) {
			g.Appeal.State = appeal.Unassigned
			ch.Events = []appeal.Event{{AppealID: a.ID, At: g.Appeal.UpdatedAt, ActorID: officer.ID, ActorName: "区优化办赵强",
				UnitID: tr.office.ID, Action: appeal.ActReferDistrict, FromState: appeal.Registered, ToState: appeal.Unassigned,
				TaskID: 0, Note: "请联系 13912345678", Told: "已受理"}}
		}))
		if err != nil {
			t.Fatal(err)
		}
		es := entries(t, db)
		if len(es) != 2 {
			t.Fatalf("%d entries, want 2: %+v", len(es), es)
		}
		obj := fmt.Sprintf("appeal:%d", a.ID)
		want := []audit.Entry{
			{Action: "appeal.register", Object: obj, Outcome: audit.OK, Detail: "→registered", ClientIP: "10.1.2.3", RequestID: "req-1", At: a.CreatedAt},
			{Action: "appeal.refer_district", Object: obj, Outcome: audit.OK, Detail: "registered→unassigned", ClientIP: "10.9.9.9",
				RequestID: "req-2", ActorID: officer.ID, ActorName: "区优化办赵强", UnitID: tr.office.ID},
		}
		for i, w := range want {
			e := es[i]
			if e.Action != w.Action || e.Object != w.Object || e.Outcome != w.Outcome || e.Detail != w.Detail ||
				e.ClientIP != w.ClientIP || e.RequestID != w.RequestID || e.ActorID != w.ActorID || e.ActorName != w.ActorName ||
				e.UnitID != w.UnitID || e.Seq != 0 || e.Hash != nil {
				t.Errorf("entry %d:\n got %+v\nwant %+v", i, e, w)
			}
		}
		if !es[0].At.Equal(a.CreatedAt) {
			t.Errorf("the register entry is at %v, want %v", es[0].At, a.CreatedAt)
		}
		for _, e := range es {
			for _, secret := range []string{"13912345678", "张三", "隐私", "已受理"} {
				if strings.Contains(fmt.Sprintf("%+v", e), secret) {
					t.Errorf("entry %d carries %q: %+v", e.ID, secret, e)
				}
			}
		}

		// A change refused by the domain, one that is stale, and one whose
		// last write fails after the entries were written: none leaves any.
		refused := errors.New("refused")
		if err := db.Mutate(ctx, a.ID, func(*appeal.Aggregate) (*appeal.Change, error) { return nil, refused }); !errors.Is(err, refused) {
			t.Fatalf("refused Mutate: %v", err)
		}
		err = db.Mutate(ctx, a.ID, func(g *appeal.Aggregate) (*appeal.Change, error) {
			return &appeal.Change{Appeal: g.Appeal, PrevVersion: g.Appeal.Version - 1,
				Events: []appeal.Event{{AppealID: a.ID, At: g.Appeal.UpdatedAt, Action: appeal.ActAssign}}}, nil
		})
		if !fault.Is(err, fault.Conflict) {
			t.Fatalf("stale Mutate: %v", err)
		}
		err = db.Mutate(ctx, a.ID, step(func(g *appeal.Aggregate, ch *appeal.Change) {
			ch.Events = []appeal.Event{{AppealID: a.ID, At: g.Appeal.UpdatedAt, Action: appeal.ActVisit}}
			ch.Visit = &appeal.Visit{AppealID: a.ID + 1000, Round: 1, At: g.Appeal.UpdatedAt}
		}))
		if err == nil {
			t.Fatal("a Mutate whose visit names no appeal succeeded")
		}
		if n := len(entries(t, db)); n != 2 {
			t.Errorf("%d entries after three failed changes, want 2", n)
		}
	})
}

func TestAuditRecordAndSearch(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		base := ms(2026, 5, 1, 8, 0, 0, 0)
		rctx := audit.WithMeta(ctx, audit.Meta{ClientIP: "192.0.2.7", RequestID: "r-7"})
		for i, e := range []audit.Entry{
			{ActorID: 3, ActorName: "zhou", Action: "login.ok", Object: "user:3"},
			{ActorID: 3, ActorName: "zhou", Action: "login.fail", Object: "user:3", Outcome: audit.Denied},
			{ActorID: 4, ActorName: "li", Action: "reveal.phone", Object: "appeal:12"},
			{ActorID: 4, ActorName: "li", Action: "login_x", Object: "user:4"},
			{Action: "export.appeals", Object: "appeals", Outcome: audit.Failed, Detail: strings.Repeat("长", 3000)},
		} {
			e.At = base.Add(time.Duration(i) * 24 * time.Hour)
			if err := db.Record(rctx, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Record(ctx, audit.Entry{}); err == nil {
			t.Error("an entry without an action was recorded")
		}
		search := func(q audit.Query) []string {
			t.Helper()
			q.Limit = max(q.Limit, 50)
			es, err := db.SearchAudit(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var acts []string
			for _, e := range es {
				acts = append(acts, e.Action)
			}
			return acts
		}
		for name, tc := range map[string]struct {
			q    audit.Query
			want string
		}{
			"all, newest first": {audit.Query{}, "export.appeals login_x reveal.phone login.fail login.ok"},
			"actor":             {audit.Query{ActorID: 3}, "login.fail login.ok"},
			"action prefix":     {audit.Query{Action: "login."}, "login.fail login.ok"},
			"prefix is literal": {audit.Query{Action: "login_"}, "login_x"},
			"object":            {audit.Query{Object: "appeal:12"}, "reveal.phone"},
			"outcome":           {audit.Query{Outcome: audit.Denied}, "login.fail"},
			"days":              {audit.Query{From: base.Add(24 * time.Hour), To: base.Add(3 * 24 * time.Hour)}, "reveal.phone login.fail"},
			"before":            {audit.Query{Before: 3}, "login.fail login.ok"},
		} {
			if got := strings.Join(search(tc.q), " "); got != tc.want {
				t.Errorf("%s: %q, want %q", name, got, tc.want)
			}
		}
		es := entries(t, db)
		if e := es[0]; e.ClientIP != "192.0.2.7" || e.RequestID != "r-7" || e.Outcome != audit.OK {
			t.Errorf("the request's meta and the default outcome: %+v", e)
		}
		if n := len([]rune(es[4].Detail)); n != 2000 {
			t.Errorf("a detail of 3000 characters is kept as %d", n)
		}
	})
}

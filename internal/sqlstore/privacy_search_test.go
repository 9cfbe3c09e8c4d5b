package sqlstore_test

import (
	"slices"
	"testing"

	"zhitong/internal/appeal"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// A unit finds an anonymous appeal of its own by the matter, never by who
// filed it: not by the enterprise's name, a phone or ID number in its text,
// nor by filtering on the enterprise. Those who may know the appellant find
// it by all of them.
func TestAnonymousSearch(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		ent := mkEnterprise(t, db, "湖南利钢金属制品有限公司", "", tr.district.ID)
		at := ms(2026, 3, 2, 9, 0, 0, 0)
		anon := newAppeal(tr.district.ID, "检查人员吃拿卡要", "利钢反映：执法检查时被索要好处。联系电话13912345678，身份证11010519491231002X。", at)
		anon.Anonymous, anon.EnterpriseID, anon.EnterpriseName = true, ent.ID, ent.Name
		anon.ContactName, anon.ContactPhone = "钱多多", "13912345678"
		create(t, db, anon)
		open := newAppeal(tr.district.ID, "利钢用地审批慢", "用地审批超期。", at)
		open.EnterpriseID, open.EnterpriseName = ent.ID, ent.Name
		create(t, db, open)
		addTask(t, db, anon.ID, tr.dept, appeal.TaskPending)
		addTask(t, db, open.ID, tr.dept, appeal.TaskPending)

		unitScope := appeal.Scope{UnitID: tr.dept.ID}
		office := appeal.Scope{Districts: []int64{tr.district.ID}}
		find := func(sc appeal.Scope, f appeal.Filter) []int64 {
			t.Helper()
			f.Scope, f.CountUpTo = sc, 100
			p, err := db.ListAppeals(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != len(p.Items) {
				t.Errorf("%+v: total %d for %d items", f, p.Total, len(p.Items))
			}
			ids := []int64{}
			for _, a := range p.Items {
				ids = append(ids, a.ID)
			}
			return ids
		}
		both, onlyOpen := []int64{open.ID, anon.ID}, []int64{open.ID}
		for _, c := range []struct {
			name      string
			f         appeal.Filter
			unit, all []int64
		}{
			{"the matter", appeal.Filter{Keyword: "吃拿卡要"}, []int64{anon.ID}, []int64{anon.ID}},
			{"the enterprise's name", appeal.Filter{Keyword: "利钢金属"}, onlyOpen, both},
			// What the text itself shows, the unit reads and finds: only the
			// appellant's fields are taken out of it.
			{"a short name the text shows", appeal.Filter{Keyword: "利钢"}, both, both},
			{"the phone", appeal.Filter{Keyword: "13912345678"}, []int64{}, []int64{anon.ID}},
			{"the ID number", appeal.Filter{Keyword: "11010519491231002X"}, []int64{}, []int64{anon.ID}},
			{"the enterprise", appeal.Filter{EnterpriseID: ent.ID}, onlyOpen, both},
			{"no filter", appeal.Filter{}, both, both},
		} {
			if got := find(unitScope, c.f); !slices.Equal(got, c.unit) {
				t.Errorf("%s: the unit finds %v, want %v", c.name, got, c.unit)
			}
			if got := find(office, c.f); !slices.Equal(got, c.all) {
				t.Errorf("%s: the office finds %v, want %v", c.name, got, c.all)
			}
			if got := find(appeal.Scope{All: true}, c.f); !slices.Equal(got, c.all) {
				t.Errorf("%s: the system finds %v, want %v", c.name, got, c.all)
			}
			// An officer who is both a handler and in the office's scope
			// relates to it as the office.
			if got := find(appeal.Scope{UnitID: tr.dept.ID, Districts: []int64{tr.district.ID}}, c.f); !slices.Equal(got, c.all) {
				t.Errorf("%s: the office-and-unit finds %v, want %v", c.name, got, c.all)
			}
		}
		// Dispatched openly later, the appellant's terms are the unit's to search.
		err := db.Mutate(ctx, anon.ID, func(g *appeal.Aggregate) (*appeal.Change, error) {
			a := g.Appeal
			a.Anonymous, a.Version = false, a.Version+1
			return &appeal.Change{Appeal: a, PrevVersion: g.Appeal.Version}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := find(unitScope, appeal.Filter{Keyword: "13912345678"}); !slices.Equal(got, []int64{anon.ID}) {
			t.Errorf("after it was made open the unit finds %v", got)
		}
	})
}

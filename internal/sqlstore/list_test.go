package sqlstore_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// listWorld is a handful of appeals that differ in every filtered field.
type listWorld struct {
	tr                 *tree
	creator            *account.User
	cat                *appeal.Category
	ent                int64
	a1, a2, a3, a4, a5 *appeal.Appeal
	t2, t3, t4         appeal.Task // the tasks of a2 (dept), a3 (dept2), a4 (township)
}

func newListWorld(t *testing.T, db *sqlstore.DB) *listWorld {
	t.Helper()
	w := &listWorld{tr: newTree(t, db)}
	tr := w.tr
	w.creator = mkUser(t, db, tr.federation, "intake", account.Intake)
	w.cat = &appeal.Category{Code: "land", Name: "用地", Active: true}
	if err := db.CreateCategory(ctx, w.cat); err != nil {
		t.Fatal(err)
	}
	w.ent = mkEnterprise(t, db, "湖南某某建材有限公司", "", tr.district.ID).ID

	a := newAppeal(tr.district.ID, "退税款迟迟未到账", "企业出口退税款三个月未到账。", ms(2026, 3, 1, 10, 0, 0, 0))
	a.CreatedBy = w.creator.ID
	w.a1 = create(t, db, a)

	a = newAppeal(tr.district.ID, "厂房用地审批", "用地手续办理缓慢。", ms(2026, 3, 15, 0, 0, 0, 0))
	a.Channel, a.Type, a.CategoryID, a.EnterpriseID, a.TerritoryID = appeal.Portal, appeal.Complaint, w.cat.ID, w.ent, tr.township.ID
	a.Route, a.State = appeal.RouteDistrict, appeal.InProgress
	w.a2 = create(t, db, a)
	w.t2 = addTask(t, db, w.a2.ID, tr.dept, appeal.TaskPending)

	a = newAppeal(tr.district2.ID, "融资贷款", "申请贷款用于退税垫资。", ms(2026, 4, 1, 0, 0, 0, 0))
	a.Channel, a.Type, a.Route, a.State = appeal.VisitCh, appeal.Consult, appeal.RouteDirect, appeal.Closed
	w.a3 = create(t, db, a)
	w.t3 = addTask(t, db, w.a3.ID, tr.dept2, appeal.TaskDone)

	a = newAppeal(tr.district.ID, "水电气报装", "City ticket 报装周期长。", ms(2026, 3, 31, 23, 59, 59, 999))
	a.Channel, a.Route, a.State, a.ExternalNo, a.Anonymous, a.Urgency = appeal.CityAssigned, appeal.RouteFromCity, appeal.Unassigned, "SJB-2026-77", true, appeal.Urgent
	w.a4 = create(t, db, a)
	w.t4 = addTask(t, db, w.a4.ID, tr.township, appeal.TaskHandling)

	a = newAppeal(tr.district3.ID, "押金退款", "押金退款无人处理。", ms(2026, 2, 1, 0, 0, 0, 0))
	a.EnterpriseID, a.State = w.ent, appeal.AwaitVisit
	w.a5 = create(t, db, a)
	return w
}

func list(t *testing.T, db *sqlstore.DB, f appeal.Filter) appeal.Page {
	t.Helper()
	p, err := db.ListAppeals(ctx, f)
	if err != nil {
		t.Fatalf("ListAppeals(%+v): %v", f, err)
	}
	return p
}

func TestListAppealsFilters(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newListWorld(t, db)
		tr := w.tr
		all := appeal.Scope{All: true}
		ids := func(as ...*appeal.Appeal) []int64 {
			out := []int64{}
			for _, a := range as {
				out = append(out, a.ID)
			}
			slices.Sort(out)
			slices.Reverse(out) // newest first
			return out
		}
		cases := []struct {
			name string
			f    appeal.Filter
			want []int64
		}{
			{"no filter", appeal.Filter{}, ids(w.a1, w.a2, w.a3, w.a4, w.a5)},
			{"states", appeal.Filter{States: []appeal.State{appeal.Registered, appeal.Closed}}, ids(w.a1, w.a3)},
			{"channel", appeal.Filter{Channel: appeal.Portal}, ids(w.a2)},
			{"type", appeal.Filter{Type: appeal.Consult}, ids(w.a3)},
			{"category", appeal.Filter{CategoryID: w.cat.ID}, ids(w.a2)},
			{"route", appeal.Filter{Route: appeal.RouteFromCity}, ids(w.a4)},
			{"unit", appeal.Filter{UnitID: tr.township.ID}, ids(w.a4)},
			{"district", appeal.Filter{DistrictID: tr.district.ID}, ids(w.a1, w.a2, w.a4)},
			{"territory", appeal.Filter{TerritoryID: tr.township.ID}, ids(w.a2)},
			{"enterprise", appeal.Filter{EnterpriseID: w.ent}, ids(w.a2, w.a5)},
			{"from is inclusive", appeal.Filter{From: w.a2.CreatedAt}, ids(w.a2, w.a3, w.a4)},
			{"to is exclusive", appeal.Filter{To: w.a4.CreatedAt}, ids(w.a1, w.a2, w.a5)},
			{"to a millisecond later", appeal.Filter{To: w.a4.CreatedAt.Add(1e6)}, ids(w.a1, w.a2, w.a4, w.a5)},
			{"a month", appeal.Filter{From: ms(2026, 3, 1, 0, 0, 0, 0), To: ms(2026, 4, 1, 0, 0, 0, 0)}, ids(w.a1, w.a2, w.a4)},
			{"keyword of two characters", appeal.Filter{Keyword: "退税"}, ids(w.a1, w.a3)},
			{"keyword inside a word", appeal.Filter{Keyword: "税款"}, ids(w.a1)},
			{"keyword not adjacent in the text", appeal.Filter{Keyword: "退款"}, ids(w.a5)},
			{"keyword of two terms", appeal.Filter{Keyword: "退税 贷款"}, ids(w.a3)},
			{"keyword in the external number", appeal.Filter{Keyword: "sjb"}, ids(w.a4)},
			{"keyword in upper case", appeal.Filter{Keyword: "CITY"}, ids(w.a4)},
			{"keyword in the enterprise name", appeal.Filter{Keyword: "机械"}, ids(w.a1, w.a2, w.a3, w.a4, w.a5)},
			{"keyword found nowhere", appeal.Filter{Keyword: "骆驼"}, ids()},
			{"district and state", appeal.Filter{DistrictID: tr.district.ID, States: []appeal.State{appeal.InProgress, appeal.Unassigned}}, ids(w.a2, w.a4)},
			{"keyword and district", appeal.Filter{Keyword: "退税", DistrictID: tr.district.ID}, ids(w.a1)},
			{"channel and month", appeal.Filter{Channel: appeal.CityAssigned, From: ms(2026, 4, 1, 0, 0, 0, 0)}, ids()},
			{"enterprise and unit", appeal.Filter{EnterpriseID: w.ent, UnitID: tr.dept.ID}, ids(w.a2)},
		}
		for _, c := range cases {
			c.f.Scope, c.f.CountUpTo = all, 100
			p := list(t, db, c.f)
			if got := appealIDs(p); !equalIDs(got, c.want) || p.Total != len(c.want) || p.TotalCapped || p.Next != 0 {
				t.Errorf("%s: got %v (total %d, capped %v, next %d), want %v", c.name, got, p.Total, p.TotalCapped, p.Next, c.want)
			}
		}

		// The rows come back whole.
		p := list(t, db, appeal.Filter{Scope: all, Keyword: "报装"})
		if len(p.Items) != 1 {
			t.Fatalf("keyword 报装: %d appeals", len(p.Items))
		}
		same(t, "listed appeal", p.Items[0], aggregate(t, db, w.a4.ID).Appeal)

		// A lone character, or punctuation, has no term the index can find.
		for _, kw := range []string{"退", "，。"} {
			_, err := db.ListAppeals(ctx, appeal.Filter{Scope: all, Keyword: kw})
			var fe *fault.Error
			if !asFault(err, &fe) || fe.Kind != fault.Invalid || fe.Key != "search.short" || fe.Field != "q" {
				t.Errorf("keyword %q: %v, want Invalid search.short on q", kw, err)
			}
		}
	})
}

func TestListAppealsScope(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newListWorld(t, db)
		tr := w.tr
		set := func(as ...*appeal.Appeal) []int64 {
			return ids(as, func(a *appeal.Appeal) int64 { return a.ID })
		}
		for _, c := range []struct {
			name  string
			scope appeal.Scope
			want  []int64
		}{
			{"empty scope", appeal.Scope{}, set()},
			{"all", appeal.Scope{All: true}, set(w.a1, w.a2, w.a3, w.a4, w.a5)},
			{"district", appeal.Scope{Districts: []int64{tr.district.ID}}, set(w.a1, w.a2, w.a4)},
			{"districts", appeal.Scope{Districts: []int64{tr.district2.ID, tr.district3.ID}}, set(w.a3, w.a5)},
			{"unit's tasks", appeal.Scope{UnitID: tr.dept.ID}, set(w.a2)},
			{"unit without tasks", appeal.Scope{UnitID: tr.tax.ID}, set()},
			{"creator", appeal.Scope{CreatedBy: w.creator.ID}, set(w.a1)},
			{"enterprise", appeal.Scope{EnterpriseID: w.ent}, set(w.a2, w.a5)},
			{"district or unit", appeal.Scope{Districts: []int64{tr.district3.ID}, UnitID: tr.dept2.ID}, set(w.a3, w.a5)},
			{"unit or creator", appeal.Scope{UnitID: tr.township.ID, CreatedBy: w.creator.ID}, set(w.a1, w.a4)},
			{"district or enterprise", appeal.Scope{Districts: []int64{tr.district2.ID}, EnterpriseID: w.ent}, set(w.a2, w.a3, w.a5)},
		} {
			p := list(t, db, appeal.Filter{Scope: c.scope, CountUpTo: 10})
			if p.Items == nil {
				t.Errorf("%s: Items is nil, want an empty list", c.name)
			}
			if got := appealIDs(p); !sameSet(got, c.want) || p.Total != len(c.want) {
				t.Errorf("%s: got %v (total %d), want %v", c.name, got, p.Total, c.want)
			}
			// A keyword every appeal holds (the enterprise's name) finds the
			// same: the scope's terms in the index narrow, and lose nothing.
			// (Not a4, where the scope reaches it through the township's task
			// alone: it is anonymous, and a unit does not know who filed it.)
			want := c.want
			if c.scope.UnitID == tr.township.ID {
				want = slices.DeleteFunc(slices.Clone(want), func(id int64) bool { return id == w.a4.ID })
			}
			p = list(t, db, appeal.Filter{Scope: c.scope, Keyword: "机械", CountUpTo: 10})
			if got := appealIDs(p); !sameSet(got, want) || p.Total != len(want) {
				t.Errorf("%s, keyword 机械: got %v (total %d), want %v", c.name, got, p.Total, want)
			}
		}
		// The scope narrows the filters, never widens them.
		p := list(t, db, appeal.Filter{Scope: appeal.Scope{CreatedBy: w.creator.ID, UnitID: tr.dept.ID}, Keyword: "退税"})
		if got := appealIDs(p); !equalIDs(got, []int64{w.a1.ID}) {
			t.Errorf("creator or unit, keyword 退税: %v, want [%d]", got, w.a1.ID)
		}
	})
}

func TestListAppealsPaging(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		const n = 55
		var want []int64
		for i := range n {
			a := newAppeal(tr.district.ID, fmt.Sprintf("第%d号诉求", i), "营商环境问题", ms(2026, 5, 1, 0, 0, i, 0))
			want = append(want, create(t, db, a).ID)
		}
		slices.Reverse(want)
		f := appeal.Filter{Scope: appeal.Scope{Districts: []int64{tr.district.ID}}, Limit: 20, CountUpTo: 1000}
		var got []int64
		var sizes []int
		for page := 0; ; page++ {
			if page > 5 {
				t.Fatal("paging does not end")
			}
			p := list(t, db, f)
			if p.Total != n || p.TotalCapped {
				t.Errorf("page %d: total %d (capped %v), want %d", page, p.Total, p.TotalCapped, n)
			}
			got = append(got, appealIDs(p)...)
			sizes = append(sizes, len(p.Items))
			if p.Next == 0 {
				break
			}
			if p.Next != p.Items[len(p.Items)-1].ID {
				t.Errorf("page %d: Next %d is not the last id %d", page, p.Next, p.Items[len(p.Items)-1].ID)
			}
			f.Before = p.Next
		}
		if !equalIDs(got, want) || !slices.Equal(sizes, []int{20, 20, 15}) {
			t.Errorf("pages of sizes %v gave %v, want every id once, newest first: %v", sizes, got, want)
		}

		// A page that ends exactly at the end has no Next.
		p := list(t, db, appeal.Filter{Scope: appeal.Scope{All: true}, Limit: 55})
		if len(p.Items) != 55 || p.Next != 0 {
			t.Errorf("limit 55 of 55: %d items, next %d; want 55 and 0", len(p.Items), p.Next)
		}

		for _, c := range []struct {
			upTo, total int
			capped      bool
		}{{0, 0, false}, {10, 10, true}, {54, 54, true}, {55, 55, false}, {1000, 55, false}} {
			p := list(t, db, appeal.Filter{Scope: appeal.Scope{All: true}, Limit: 5, CountUpTo: c.upTo})
			if p.Total != c.total || p.TotalCapped != c.capped || len(p.Items) != 5 {
				t.Errorf("CountUpTo %d: total %d capped %v (%d items), want %d %v", c.upTo, p.Total, p.TotalCapped, len(p.Items), c.total, c.capped)
			}
		}
		p = list(t, db, appeal.Filter{Scope: appeal.Scope{All: true}, Keyword: "诉求", CountUpTo: 3})
		if p.Total != 3 || !p.TotalCapped {
			t.Errorf("keyword with a cap of 3: total %d capped %v", p.Total, p.TotalCapped)
		}

		// Oldest first, by district and by keyword (the index's order), paged.
		oldest := slices.Clone(want)
		slices.Reverse(oldest)
		for _, f := range []appeal.Filter{
			{Scope: appeal.Scope{Districts: []int64{tr.district.ID}}, Limit: 20, Oldest: true},
			{Scope: appeal.Scope{All: true}, Keyword: "诉求", Limit: 20, Oldest: true},
		} {
			var got []int64
			for page := 0; page < 5; page++ {
				p := list(t, db, f)
				got = append(got, appealIDs(p)...)
				if p.Next == 0 {
					break
				}
				f.Before = p.Next
			}
			if !equalIDs(got, oldest) {
				t.Errorf("oldest first (keyword %q) gave %v, want %v", f.Keyword, got, oldest)
			}
		}
	})
}

func TestListTasks(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newListWorld(t, db)
		tr := w.tr
		taskIDs := func(p appeal.TaskPage) []int64 {
			return ids(p.Items, func(it appeal.TaskItem) int64 { return it.ID })
		}
		for _, c := range []struct {
			name string
			f    appeal.TaskFilter
			want []int64
		}{
			{"empty scope", appeal.TaskFilter{}, []int64{}},
			{"creator scope is no worklist", appeal.TaskFilter{Scope: appeal.Scope{CreatedBy: w.creator.ID}}, []int64{}},
			{"all", appeal.TaskFilter{Scope: appeal.Scope{All: true}}, []int64{w.t4.ID, w.t3.ID, w.t2.ID}},
			{"district", appeal.TaskFilter{Scope: appeal.Scope{Districts: []int64{tr.district.ID}}}, []int64{w.t4.ID, w.t2.ID}},
			{"unit", appeal.TaskFilter{Scope: appeal.Scope{UnitID: tr.dept.ID}}, []int64{w.t2.ID}},
			{"district or unit", appeal.TaskFilter{Scope: appeal.Scope{Districts: []int64{tr.district2.ID}, UnitID: tr.township.ID}}, []int64{w.t4.ID, w.t3.ID}},
			{"unit filter", appeal.TaskFilter{Scope: appeal.Scope{All: true}, UnitID: tr.dept2.ID}, []int64{w.t3.ID}},
			{"states", appeal.TaskFilter{Scope: appeal.Scope{All: true}, States: []appeal.TaskState{appeal.TaskPending, appeal.TaskHandling}}, []int64{w.t4.ID, w.t2.ID}},
			{"district and state", appeal.TaskFilter{Scope: appeal.Scope{Districts: []int64{tr.district.ID}}, States: []appeal.TaskState{appeal.TaskDone, appeal.TaskPending}}, []int64{w.t2.ID}},
			{"unit scope, other unit", appeal.TaskFilter{Scope: appeal.Scope{UnitID: tr.dept.ID}, UnitID: tr.township.ID}, []int64{}},
		} {
			c.f.CountUpTo = 10
			p, err := db.ListTasks(ctx, c.f)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if got := taskIDs(p); !equalIDs(got, c.want) || p.Total != len(c.want) || p.Next != 0 {
				t.Errorf("%s: got %v (total %d, next %d), want %v", c.name, got, p.Total, p.Next, c.want)
			}
		}

		// The clock filter answers as Task.Clock does, at the moments
		// where a task turns yellow and red, and either side of them.
		tasks := []appeal.Task{w.t4, w.t3, w.t2}
		for _, tk := range []appeal.Task{w.t2, w.t4} {
			span := tk.ReplyDue.Sub(tk.AssignedAt)
			warn := tk.AssignedAt.Add(span * 4 / 5)
			for _, now := range []time.Time{tk.AssignedAt, warn.Add(-time.Millisecond), warn, tk.ReplyDue, tk.ReplyDue.Add(time.Millisecond)} {
				for _, due := range appeal.Dues {
					want := []int64{}
					for _, x := range tasks {
						if x.Clock(now) == due {
							want = append(want, x.ID)
						}
					}
					p, err := db.ListTasks(ctx, appeal.TaskFilter{Scope: appeal.Scope{All: true}, Due: due, Now: now, CountUpTo: 10})
					if err != nil {
						t.Fatalf("due %s at %v: %v", due, now, err)
					}
					if got := taskIDs(p); !equalIDs(got, want) || p.Total != len(want) {
						t.Errorf("due %s at %v: got %v (total %d), want %v", due, now, got, p.Total, want)
					}
				}
			}
		}
		if w.t2.Clock(w.t2.ReplyDue.Add(time.Millisecond)) != appeal.DueOverdue || w.t3.Clock(w.t3.ReplyDue.Add(time.Hour)) != appeal.DueNone {
			t.Errorf("a pending task past its deadline is overdue, a done one is not")
		}

		p, err := db.ListTasks(ctx, appeal.TaskFilter{Scope: appeal.Scope{UnitID: tr.township.ID}})
		if err != nil || len(p.Items) != 1 {
			t.Fatalf("township's worklist: %+v, %v", p, err)
		}
		a4 := aggregate(t, db, w.a4.ID)
		it := p.Items[0]
		same(t, "task of the worklist", it.Task, a4.Tasks[0])
		if it.Title != a4.Appeal.Title || it.Urgency != appeal.Urgent || it.AppealState != a4.Appeal.State ||
			!it.CreatedAt.Equal(a4.Appeal.CreatedAt) || !it.Anonymous {
			t.Errorf("worklist item %+v does not show its appeal %+v", it, a4.Appeal)
		}

		// Paging and the cap.
		f := appeal.TaskFilter{Scope: appeal.Scope{All: true}, Limit: 2, CountUpTo: 2}
		p, err = db.ListTasks(ctx, f)
		if err != nil || !equalIDs(taskIDs(p), []int64{w.t4.ID, w.t3.ID}) || p.Next != w.t3.ID || p.Total != 2 || !p.TotalCapped {
			t.Fatalf("first page: %v next %d total %d capped %v, %v", taskIDs(p), p.Next, p.Total, p.TotalCapped, err)
		}
		f.Before, f.CountUpTo = p.Next, 3
		p, err = db.ListTasks(ctx, f)
		if err != nil || !equalIDs(taskIDs(p), []int64{w.t2.ID}) || p.Next != 0 || p.Total != 3 || p.TotalCapped {
			t.Fatalf("second page: %v next %d total %d capped %v, %v", taskIDs(p), p.Next, p.Total, p.TotalCapped, err)
		}
	})
}

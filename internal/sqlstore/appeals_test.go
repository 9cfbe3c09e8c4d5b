package sqlstore_test

import (
	"testing"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// fullAppeal returns an appeal with every field set to something other
// than its zero value.
func fullAppeal(tr *tree, cat, ent, user int64) *appeal.Appeal {
	return &appeal.Appeal{
		ExternalNo: "LD-2026-0042", Channel: appeal.CityAssigned, Type: appeal.Complaint, CategoryID: cat,
		Urgency: appeal.Urgent, Title: "厂房用电增容迟迟未批", Content: "三月申请用电增容，至今未见答复。",
		EnterpriseID: ent, EnterpriseName: "湖南某某新材料有限公司", CreditCode: "91431300MA4L8XXXXX",
		ContactName: "王经理", ContactPhone: "0738-1234567", ContactIDNo: "11010519491231002X", Anonymous: true, DistrictID: tr.district.ID,
		TerritoryID: tr.township.ID, Route: appeal.RouteFromCity, State: appeal.AwaitVisit, Round: 2, MergedInto: 0,
		CreatedBy: user, CreatedAt: ms(2026, 3, 1, 9, 30, 0, 123), UpdatedAt: ms(2026, 3, 5, 10, 0, 0, 456),
		DueAt: ms(2026, 3, 20, 0, 0, 0, 0), Version: 7, ResultOutcome: appeal.PartlySolved, ResultText: "已协调供电公司",
		ResultAt: ms(2026, 3, 4, 8, 0, 0, 1), FeedbackAt: ms(2026, 3, 4, 9, 0, 0, 2), ReportedUpAt: ms(2026, 3, 4, 10, 0, 0, 3),
		VisitAttempts: 2, Satisfaction: appeal.FairlySatisfied, Resolved: true, Unreachable: true,
		ClosedAt: ms(2026, 3, 5, 10, 0, 0, 456), QueryCodeHash: hash("ABCD2345"),
	}
}

func TestAppealRoundTrip(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		cat := &appeal.Category{Code: "power", Name: "水电气", Active: true}
		if err := db.CreateCategory(ctx, cat); err != nil {
			t.Fatal(err)
		}
		ent := mkEnterprise(t, db, "湖南某某新材料有限公司", "", tr.district.ID)
		user := mkUser(t, db, tr.office, "office1", account.Office)

		a := fullAppeal(tr, cat.ID, ent.ID, user.ID)
		want := *a
		ev := &appeal.Event{At: a.CreatedAt, ActorID: user.ID, ActorName: "张三", UnitID: tr.office.ID,
			Action: appeal.ActRegister, FromState: "", ToState: a.State, Note: "登记", Told: "已受理"}
		if err := db.CreateAppeal(ctx, a, ev); err != nil {
			t.Fatal(err)
		}
		want.ID = a.ID
		g := aggregate(t, db, a.ID)
		same(t, "appeal read back", g.Appeal, want)
		if len(g.Tasks) != 0 {
			t.Errorf("new appeal has tasks %+v", g.Tasks)
		}
		evs, err := db.Timeline(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantEv := *ev
		wantEv.AppealID = a.ID
		same(t, "timeline", evs, []appeal.Event{wantEv})
		if ev.ID == 0 {
			t.Error("CreateAppeal did not set the event's ID")
		}

		// The zero values: no category, enterprise, territory, creator, times or hash.
		b := create(t, db, newAppeal(tr.district.ID, "融资难", "贷款审批慢", ms(2026, 3, 2, 0, 0, 0, 0)))
		wantB := *b
		same(t, "appeal with zero fields", aggregate(t, db, b.ID).Appeal, wantB)
	})
}

func TestAppealNotFoundAndInvalid(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		_, err := db.Aggregate(ctx, 404)
		wantKind(t, err, fault.NotFound, "Aggregate of no appeal")
		var fe *fault.Error
		if !asFault(err, &fe) || fe.Key != "not_found" || len(fe.Args) != 1 || fe.Args[0] != fault.Noun("noun.appeal") {
			t.Errorf("Aggregate of no appeal: %#v, want not_found of 诉求", fe)
		}
		_, err = db.Timeline(ctx, 404)
		wantKind(t, err, fault.NotFound, "Timeline of no appeal")
		_, err = db.Visits(ctx, 404)
		wantKind(t, err, fault.NotFound, "Visits of no appeal")
		_, err = db.AppealOfTask(ctx, 404)
		wantKind(t, err, fault.NotFound, "AppealOfTask of no task")
		err = db.Mutate(ctx, 404, func(*appeal.Aggregate) (*appeal.Change, error) {
			t.Error("Mutate called fn for no appeal")
			return nil, nil
		})
		wantKind(t, err, fault.NotFound, "Mutate of no appeal")

		// A category that does not exist breaks a foreign key: Invalid, and nothing written.
		a := newAppeal(tr.district.ID, "用地", "用地指标", ms(2026, 3, 2, 0, 0, 0, 0))
		a.CategoryID = 999
		err = db.CreateAppeal(ctx, a, &appeal.Event{At: a.CreatedAt, Action: appeal.ActRegister, ToState: a.State})
		wantKind(t, err, fault.Invalid, "CreateAppeal with no such category")
		p, err := db.ListAppeals(ctx, appeal.Filter{Scope: appeal.Scope{All: true}, Keyword: "用地", CountUpTo: 10})
		if err != nil || p.Total != 0 || len(p.Items) != 0 {
			t.Errorf("after a failed CreateAppeal the list has %d appeals (total %d), %v", len(p.Items), p.Total, err)
		}

	})
}

func TestAppealOfTaskTimelineVisits(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		a := create(t, db, newAppeal(tr.district.ID, "拖欠账款", "工程款拖欠两年", ms(2026, 4, 1, 8, 0, 0, 0)))
		task := addTask(t, db, a.ID, tr.dept, appeal.TaskPending)
		got, err := db.AppealOfTask(ctx, task.ID)
		if err != nil || got != a.ID {
			t.Fatalf("AppealOfTask(%d) = %d, %v; want %d", task.ID, got, err, a.ID)
		}
		vs, err := db.Visits(ctx, a.ID)
		if err != nil || len(vs) != 0 {
			t.Fatalf("Visits of an appeal never visited = %+v, %v; want none", vs, err)
		}
		evs, err := db.Timeline(ctx, a.ID)
		if err != nil || len(evs) != 1 || evs[0].Action != appeal.ActRegister {
			t.Fatalf("Timeline = %+v, %v; want the registration", evs, err)
		}
	})
}

package sqlstore_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// TestNotices follows the messages an appeal's loop writes into the
// outbox: the enterprise is told by SMS of its number and query code, of
// the answer and asked to rate; every active officer of an assigned unit
// finds the task in the inbox, and by email who has an address; a task
// due soon warns its unit once, an overdue one warns it and the office.
func TestNotices(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		db.SetNotices(sqlstore.Notices{SMS: true, Email: true, PortalURL: "https://zt.example.gov.cn/portal"})
		tr := newTree(t, db)
		now := ms(2026, 6, 1, 9, 0, 0, 0) // a Monday
		svc := &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{},
			Now: func() time.Time { return now }}
		actor := func(u *account.User) *account.Actor { return actorOf(t, db, u) }
		fed := actor(mkUser(t, db, tr.federation, "fed", account.Federation, account.Intake))
		officeUser := mkUser(t, db, tr.office, "office", account.Office)
		office := actor(officeUser)
		handler := mkUser(t, db, tr.dept, "dept", account.Handler)
		mailed := &account.User{Username: "dept2", Name: "王五", UnitID: tr.dept.ID, Roles: []account.Role{account.Handler},
			Email: "wangwu@zj.example.gov.cn", Active: true, CreatedAt: now}
		if err := db.CreateUser(ctx, mailed); err != nil {
			t.Fatal(err)
		}
		gone := mkUser(t, db, tr.dept, "gone", account.Handler)
		if err := db.SetActive(ctx, gone.ID, false, now); err != nil {
			t.Fatal(err)
		}
		other := mkUser(t, db, tr.township, "town", account.Handler)

		created, err := svc.Create(ctx, fed, appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Consult, Title: "厂区道路破损",
			Content: "园区道路破损影响运输。", EnterpriseName: "娄底某某物流有限公司", ContactPhone: "138 0000 1111", DistrictID: tr.district.ID})
		if err != nil {
			t.Fatal(err)
		}
		a := created.Aggregate.Appeal
		log := func() []outbox.Record {
			t.Helper()
			rs, err := db.DeliveryLog(ctx, outbox.LogFilter{AppealID: a.ID, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			slices.Reverse(rs)
			return rs
		}
		rs := log()
		if len(rs) != 1 {
			t.Fatalf("after registration the outbox holds %+v, want the SMS to the enterprise", rs)
		}
		m := rs[0].Message
		if m.Kind != notify.AppealRegistered || m.Channel != notify.ChannelSMS || m.To != "13800001111" ||
			m.Params["number"] != a.Number() || m.Params["code"] != created.QueryCode || m.Params["url"] != "https://zt.example.gov.cn/portal" {
			t.Fatalf("registration message %+v; want an SMS to 13800001111 with %s, code %s", m, a.Number(), created.QueryCode)
		}

		g, err := svc.Act(ctx, fed, a.ID, appeal.Command{Action: appeal.ActReferDistrict, Version: 1})
		if err != nil {
			t.Fatal(err)
		}
		g, err = svc.Act(ctx, office, a.ID, appeal.Command{Action: appeal.ActAssign, Version: g.Appeal.Version, LeadUnitID: tr.dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		task := g.Tasks[0]
		var assigned []string
		for _, r := range log()[1:] {
			if r.Message.Kind != notify.TaskAssigned || r.Message.Params["title"] != "厂区道路破损" || r.Message.Params["deadline"] != "2026-06-06" {
				t.Errorf("assignment message %+v", r.Message)
			}
			assigned = append(assigned, string(r.Message.Channel)+":"+r.Message.To)
		}
		want := []string{"inapp:" + itoa(handler.ID), "inapp:" + itoa(mailed.ID), "email:wangwu@zj.example.gov.cn"}
		if !slices.Equal(assigned, want) {
			t.Fatalf("the assignment went to %v, want %v (not the inactive officer %d, nor the township's %d)", assigned, want, gone.ID, other.ID)
		}

		// The deadline is the end of 6 June; four fifths of the time are
		// used at 21:00 on the 5th: the unit hears at once, and once.
		now = ms(2026, 6, 5, 21, 0, 0, 0)
		if w, err := db.WarnTasks(ctx, now.Add(-time.Minute), 100); err != nil || w != (sqlstore.Warned{}) {
			t.Fatalf("warned early: %+v, %v", w, err)
		}
		w, err := db.WarnTasks(ctx, now, 100)
		if err != nil || w.DueSoon != 1 || w.Overdue != 0 {
			t.Fatalf("warn at %v: %+v, %v; want one due soon", now, w, err)
		}
		if w, err := db.WarnTasks(ctx, now.Add(time.Hour), 100); err != nil || w != (sqlstore.Warned{}) {
			t.Fatalf("warned again: %+v, %v", w, err)
		}
		now = ms(2026, 6, 7, 0, 0, 1, 0)
		if w, err := db.WarnTasks(ctx, now, 100); err != nil || w.Overdue != 1 {
			t.Fatalf("overdue: %+v, %v", w, err)
		}
		kinds := map[notify.Kind][]string{}
		for _, r := range log() {
			kinds[r.Message.Kind] = append(kinds[r.Message.Kind], string(r.Message.Channel)+":"+r.Message.To)
		}
		if got := kinds[notify.TaskDueSoon]; !slices.Equal(got, want) {
			t.Errorf("due soon went to %v, want %v", got, want)
		}
		if got, w := kinds[notify.TaskOverdue], append(slices.Clone(want), "inapp:"+itoa(officeUser.ID)); !slices.Equal(got, w) {
			t.Errorf("overdue went to %v, want %v (the unit and the office)", got, w)
		}

		g, err = svc.ActOnTask(ctx, actor(handler), task.ID, appeal.Command{Action: appeal.ActAccept, Version: task.Version})
		if err != nil {
			t.Fatal(err)
		}
		g, err = svc.ActOnTask(ctx, actor(handler), task.ID, appeal.Command{Action: appeal.ActReply, Version: g.Task(task.ID).Version,
			Outcome: appeal.Solved, Text: "已修复"})
		if err != nil {
			t.Fatal(err)
		}
		g, err = svc.ActOnTask(ctx, office, task.ID, appeal.Command{Action: appeal.ActApprove, Version: g.Task(task.ID).Version})
		if err != nil {
			t.Fatal(err)
		}
		if _, err = svc.Act(ctx, fed, a.ID, appeal.Command{Action: appeal.ActFeedback, Version: g.Appeal.Version, Told: "已电话告知"}); err != nil {
			t.Fatal(err)
		}
		var last []string
		for _, r := range log() {
			if r.Message.Channel == notify.ChannelSMS {
				last = append(last, string(r.Message.Kind))
			}
		}
		if w := []string{"appeal.registered", "appeal.answered", "appeal.rate"}; !slices.Equal(last, w) {
			t.Fatalf("the enterprise's SMS: %v, want %v", last, w)
		}

		// Without an SMS gateway nothing is queued for one.
		db.SetNotices(sqlstore.Notices{})
		c2, err := svc.Create(ctx, fed, appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Help, Title: "用电报装慢",
			Content: "报装两个月未通电。", EnterpriseName: "某公司", ContactPhone: "13900002222", DistrictID: tr.district.ID})
		if err != nil {
			t.Fatal(err)
		}
		if rs, err := db.DeliveryLog(ctx, outbox.LogFilter{AppealID: c2.Aggregate.Appeal.ID}); err != nil || len(rs) != 0 {
			t.Fatalf("with no gateway: %+v, %v", rs, err)
		}
		for _, r := range log() {
			if strings.Contains(r.Message.ID, "wangwu") {
				t.Errorf("a message id holds an email address: %s", r.Message.ID)
			}
		}
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

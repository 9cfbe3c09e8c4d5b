package sqlstore_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/calendar"
	"zhitong/internal/deadline"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// A task assigned at 17:30 on the eve of 国庆 2026 is given its working
// days after the holiday; when an administrator corrects 2026 with one
// more day off, the open task's deadline moves by a working day on this
// instance and the next assignment of another instance counts the new
// calendar, while a task with a date for a deadline and a finished task stay
// as they were.
func TestDeadlinesRecounted(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		tr := newTree(t, db)
		at := ms(2026, 9, 30, 17, 30, 0, 0)
		now := at
		clock := func() time.Time { return now }
		dl := &deadline.Service{Store: db, Now: clock}
		other := &deadline.Service{Store: db, Now: clock} // another instance
		for _, s := range []*deadline.Service{dl, other} {
			if err := s.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
		}
		consult := newAppeal(tr.district.ID, "咨询退税", "咨询出口退税办理时限。", at)
		consult.Type = appeal.Consult
		create(t, db, consult)
		accept, acceptDays := dl.Accept(at)
		reply, replyDays := dl.Reply(at, consult)
		// Starts Thursday 10-08; 1 working day: Friday 10-09; 5: 10-09, the
		// working Saturday 10-10, 10-12, 10-13, 10-14.
		if !accept.Equal(ms(2026, 10, 10, 0, 0, 0, 0)) || acceptDays != 1 || !reply.Equal(ms(2026, 10, 15, 0, 0, 0, 0)) || replyDays != 5 {
			t.Fatalf("assigned %v: accept by %v (%d days), answer by %v (%d days)", at, accept, acceptDays, reply, replyDays)
		}
		open := putTask(t, db, consult.ID, tr.dept.ID, appeal.TaskHandling, at, accept, reply, acceptDays, replyDays)
		fixed := putTask(t, db, consult.ID, tr.tax.ID, appeal.TaskHandling, at, accept, ms(2026, 10, 20, 0, 0, 0, 0), 0, 0)
		done := putTask(t, db, consult.ID, tr.township.ID, appeal.TaskDone, at, accept, reply, acceptDays, replyDays)

		// Not an administrator: refused, nothing changes.
		leader := &account.Actor{UserID: 7, Roles: []account.Role{account.Leader}}
		corrected := correct2026(t, "2026-10-12")
		if _, err := dl.LoadYear(ctx, leader, corrected, false, ""); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("a leader loaded a year: %v", err)
		}
		// A bad file: refused by the date it names.
		_, err := dl.LoadYear(ctx, account.SystemActor(), bytes.Replace(corrected, []byte(`"2026-10-12"`), []byte(`"2026-10-32"`), 1), false, "")
		var fe *fault.Error
		if !errors.As(err, &fe) || fe.Kind != fault.Invalid || !strings.Contains(fe.Message("zh"), "2026-10-32") {
			t.Fatalf("a file with 2026-10-32 loaded: %v", err)
		}

		info, err := dl.LoadYear(ctx, account.SystemActor(), corrected, false, "更正：10 月 12 日放假")
		if err != nil {
			t.Fatal(err)
		}
		if !info.Loaded || info.Provisional || info.Year != 2026 {
			t.Errorf("loaded year: %+v", info)
		}
		g := aggregate(t, db, consult.ID)
		want := map[int64]time.Time{open: ms(2026, 10, 16, 0, 0, 0, 0), fixed: ms(2026, 10, 20, 0, 0, 0, 0), done: reply}
		for _, tk := range g.Tasks {
			if !tk.ReplyDue.Equal(want[tk.ID]) {
				t.Errorf("task %d (%s, %d days) due %v after the correction, want %v", tk.ID, tk.State, tk.ReplyDays, tk.ReplyDue, want[tk.ID])
			}
			if tk.Version != 1 {
				t.Errorf("task %d's version moved to %d: its unit's open form would be refused", tk.ID, tk.Version)
			}
		}
		// The other instance reads the change at its next refresh.
		if _, n := other.Reply(at, consult); n != 5 {
			t.Fatalf("other instance gives %d days", n)
		}
		if due, _ := other.Reply(at, consult); !due.Equal(reply) {
			t.Fatalf("before its refresh the other instance still counts the old calendar: %v", due)
		}
		if err := other.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if due, _ := other.Reply(at, consult); !due.Equal(ms(2026, 10, 16, 0, 0, 0, 0)) {
			t.Errorf("after its refresh the other instance counts %v", due)
		}

		// 2027 is provisional until confirmed, and confirmed once.
		years, err := dl.Years(ctx, leader)
		if err != nil {
			t.Fatal(err)
		}
		if last := years[len(years)-1]; last.Year != 2027 || !last.Provisional || last.Loaded {
			t.Errorf("2027 as built in: %+v", last)
		}
		if _, err := dl.ConfirmYear(ctx, account.SystemActor(), 2027, "已核对国办发明电"); err != nil {
			t.Fatal(err)
		}
		if _, err := dl.ConfirmYear(ctx, account.SystemActor(), 2027, ""); !fault.Is(err, fault.Conflict) {
			t.Errorf("2027 confirmed twice: %v", err)
		}
		if _, err := dl.ConfirmYear(ctx, account.SystemActor(), 2031, ""); !fault.Is(err, fault.NotFound) {
			t.Errorf("2031 confirmed: %v", err)
		}
		if dl.Calendar().Provisional(2027) {
			t.Errorf("2027 still provisional after confirmation")
		}

		// The policy gives new tasks their days; open tasks keep theirs.
		p := appeal.DefaultPolicy()
		p.ConsultDays = 3
		p.Categories = map[int64]int{}
		if _, err := dl.SetPolicy(ctx, account.SystemActor(), p); err != nil {
			t.Fatal(err)
		}
		if _, n := dl.Reply(at, consult); n != 3 {
			t.Errorf("a consultation gets %d days after the policy gave 3", n)
		}
		if got := aggregate(t, db, consult.ID).Tasks[0]; got.ReplyDays != 5 || !got.ReplyDue.Equal(ms(2026, 10, 16, 0, 0, 0, 0)) {
			t.Errorf("an open task changed with the policy: %d days, due %v", got.ReplyDays, got.ReplyDue)
		}
		p.OtherDays = 0
		if _, err := dl.SetPolicy(ctx, account.SystemActor(), p); !fault.Is(err, fault.Invalid) {
			t.Errorf("0 days to handle a matter: %v", err)
		}
	})
}

// putTask gives appeal id a task with the deadlines given, and returns its id.
func putTask(t *testing.T, db *sqlstore.DB, id, unitID int64, state appeal.TaskState, at, accept, reply time.Time, acceptDays, replyDays int) int64 {
	t.Helper()
	err := db.Mutate(ctx, id, func(g *appeal.Aggregate) (*appeal.Change, error) {
		a := g.Appeal
		ch := &appeal.Change{PrevVersion: a.Version}
		a.Version++
		a.Round = 1
		ch.Appeal = a
		ch.NewTasks = []appeal.Task{{AppealID: id, DistrictID: a.DistrictID, Round: 1, UnitID: unitID, Role: appeal.Co,
			State: state, AssignedAt: at, AcceptDue: accept, ReplyDue: reply, AcceptDays: acceptDays, ReplyDays: replyDays, Version: 1}}
		return ch, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	g := aggregate(t, db, id)
	return g.Tasks[len(g.Tasks)-1].ID
}

// correct2026 is the built-in 2026 with day (a weekday) made a day off.
func correct2026(t *testing.T, day string) []byte {
	t.Helper()
	for _, y := range calendar.Builtin() {
		if y.Year == 2026 {
			y.Days = append(y.Days, calendar.Day{Date: day, Name: "国庆节", Off: true})
			return y.JSON()
		}
	}
	t.Fatal("no 2026 built in")
	return nil
}

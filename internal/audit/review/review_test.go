package review

import (
	"context"
	"errors"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// memLog is a log in memory: entries by id, 1 upwards.
type memLog struct {
	entries []audit.Entry
	fail    error
}

func (m *memLog) Record(_ context.Context, e audit.Entry) error {
	e.ID = int64(len(m.entries) + 1)
	m.entries = append(m.entries, e)
	return m.fail
}

func (m *memLog) SearchAudit(_ context.Context, q audit.Query) ([]audit.Entry, error) {
	var out []audit.Entry
	for i := len(m.entries) - 1; i >= 0 && len(out) < q.Limit; i-- {
		e := m.entries[i]
		if (q.Before == 0 || e.ID < q.Before) && (q.Action == "" || e.Action == q.Action) {
			out = append(out, e)
		}
	}
	return out, nil
}

var (
	auditor  = &account.Actor{UserID: 9, Username: "shen", UnitID: 2, Roles: []account.Role{account.Auditor}}
	sysadmin = &account.Actor{UserID: 1, Username: "lin", Roles: []account.Role{account.SysAdmin, account.SecAdmin}}
)

func newService(m *memLog) *Service {
	return &Service{Log: m, Audit: &audit.Service{Store: m, Now: func() time.Time { return time.UnixMilli(1) }}}
}

func TestMayRead(t *testing.T) {
	for _, tc := range []struct {
		actor *account.Actor
		want  bool
	}{
		{auditor, true},
		{sysadmin, false},
		{&account.Actor{Roles: []account.Role{account.Leader, account.Office, account.Discipline}}, false},
		{&account.Actor{System: true, Roles: []account.Role{account.Auditor}}, false},
		{&account.Actor{EnterpriseID: 3, Roles: []account.Role{account.Auditor}}, false},
		{nil, false},
	} {
		if got := MayRead(tc.actor); got != tc.want {
			t.Errorf("MayRead(%+v) = %v", tc.actor, got)
		}
	}
}

func TestSearchPagesAndIsRecorded(t *testing.T) {
	m := &memLog{}
	for range 5 {
		m.Record(context.Background(), audit.Entry{Action: "login.ok"})
	}
	s := newService(m)
	p, err := s.Search(context.Background(), auditor, audit.Query{Action: "login.ok", Limit: 3})
	if err != nil || len(p.Entries) != 3 || p.Entries[0].ID != 5 || p.Next != 3 {
		t.Fatalf("first page %+v, %v", p, err)
	}
	p, err = s.Search(context.Background(), auditor, audit.Query{Action: "login.ok", Limit: 3, Before: p.Next})
	if err != nil || len(p.Entries) != 2 || p.Next != 0 {
		t.Fatalf("last page %+v, %v", p, err)
	}
	rec := m.entries[5]
	if rec.Action != "audit.search" || rec.ActorID != 9 || rec.ActorName != "shen" || rec.Outcome != audit.OK ||
		rec.Detail != "action=login.ok" || !rec.At.Equal(time.UnixMilli(1)) {
		t.Errorf("the search recorded as %+v", rec)
	}
}

func TestRefusalsAreRecorded(t *testing.T) {
	m := &memLog{}
	s := newService(m)
	if _, err := s.Search(context.Background(), sysadmin, audit.Query{}); !fault.Is(err, fault.Forbidden) {
		t.Fatalf("the system administrator searches: %v", err)
	}
	if _, err := s.Export(context.Background(), sysadmin, audit.Query{}); !fault.Is(err, fault.Forbidden) {
		t.Fatalf("the system administrator exports: %v", err)
	}
	if len(m.entries) != 2 || m.entries[0].Outcome != audit.Denied || m.entries[1].Action != "audit.export" || m.entries[1].ActorID != 1 {
		t.Errorf("refusals recorded as %+v", m.entries)
	}
	// What cannot be recorded is not done.
	m.fail = errors.New("disk full")
	if _, err := s.Search(context.Background(), auditor, audit.Query{}); err == nil {
		t.Error("a search that could not be recorded went ahead")
	}
}

func TestExportReadsEveryPage(t *testing.T) {
	m := &memLog{}
	for range 2*exportPage + 7 {
		m.Record(context.Background(), audit.Entry{Action: "appeal.assign"})
	}
	s := newService(m)
	entries, err := s.Export(context.Background(), auditor, audit.Query{Action: "appeal.assign", Before: 5, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	n, last := 0, int64(1<<62)
	for e, err := range entries {
		if err != nil {
			t.Fatal(err)
		}
		if e.ID >= last {
			t.Fatalf("entry %d after %d", e.ID, last)
		}
		last = e.ID
		n++
	}
	if n != 2*exportPage+7 {
		t.Errorf("exported %d of %d", n, 2*exportPage+7)
	}
	if rec := m.entries[len(m.entries)-1]; rec.Action != "audit.export" || rec.Detail != "action=appeal.assign" {
		t.Errorf("the export recorded as %+v", rec)
	}
}

package appeal

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// oneAppeal is a store that holds one aggregate; any other method panics.
type oneAppeal struct {
	Store
	g *Aggregate
}

func (s oneAppeal) Aggregate(_ context.Context, id int64) (*Aggregate, error) {
	if id != s.g.Appeal.ID {
		return nil, fault.NotFoundOf("noun.appeal")
	}
	g := *s.g
	return &g, nil
}

// memoryLog is an audit.Recorder that keeps what it is given; failing makes
// it refuse.
type memoryLog struct {
	mu      sync.Mutex
	entries []audit.Entry
	failing bool
}

func (m *memoryLog) Record(_ context.Context, e audit.Entry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failing {
		return errors.New("the log is down")
	}
	m.entries = append(m.entries, e)
	return nil
}

func TestReveal(t *testing.T) {
	g := fixture(InProgress) // tasks of unit A (lead) and B (co)
	a := &g.Appeal
	a.CreatedBy = 99
	a.ContactName, a.ContactPhone, a.ContactIDNo = "王建国", "13812345678", "11010519491231002X"
	s := &Service{Store: oneAppeal{g: g}, Now: func() time.Time { return t0 }}
	in := func(roles ...account.Role) *account.Actor {
		return &account.Actor{UserID: 5, Username: "u5", Roles: roles, Districts: []int64{district}}
	}
	elsewhere := &account.Actor{UserID: 6, Roles: []account.Role{account.Office}, Districts: []int64{district + 1}}
	unitOf := func(u int64) *account.Actor {
		return &account.Actor{UserID: 7, UnitID: u, Roles: []account.Role{account.Handler}}
	}
	readOnly := in(account.Federation)
	readOnly.ReadOnly = true
	cases := []struct {
		name      string
		actor     *account.Actor
		anonymous bool
		want      string // the error key; "" revealed
	}{
		{"federation", in(account.Federation), false, ""},
		{"office", in(account.Office), false, ""},
		{"intake", in(account.Intake), false, ""},
		{"federation, anonymous", in(account.Federation), true, ""},
		{"lead unit", unitOf(unitA), false, ""},
		{"co-unit", unitOf(unitB), false, ""},
		{"lead unit, anonymous", unitOf(unitA), true, "reveal.anonymous"},
		{"unit without a task", unitOf(unitC), false, "not_found"},
		{"leader", in(account.Leader), false, "reveal.forbidden"},
		{"discipline", in(account.Discipline), false, "reveal.forbidden"},
		{"city office", in(account.CityOffice), false, "reveal.forbidden"},
		{"office of another district", elsewhere, false, "not_found"},
		{"read-only token", readOnly, false, "forbidden"},
		{"the officer who registered it", &account.Actor{UserID: 99, Roles: []account.Role{account.Cadre}}, false, ""},
		{"the enterprise", &account.Actor{EnterpriseID: 42, AccountID: 3}, true, ""},
		{"another enterprise", &account.Actor{EnterpriseID: 43, AccountID: 4}, false, "not_found"},
		{"the system", account.SystemActor(), true, ""},
	}
	a.EnterpriseID = 42
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a.Anonymous = c.anonymous
			log := &memoryLog{}
			r, err := s.Reveal(context.Background(), c.actor, log, a.ID, DetailPhone, "回访需要联系企业")
			if c.want == "" {
				if err != nil || r.Value != a.ContactPhone {
					t.Fatalf("refused: %v", err)
				}
			} else if key := errorKey(err); key != c.want {
				t.Fatalf("got %v (%s), want %s", err, key, c.want)
			}
			if len(log.entries) != 1 {
				t.Fatalf("recorded %d entries", len(log.entries))
			}
			e := log.entries[0]
			wantOutcome := audit.OK
			if c.want != "" {
				wantOutcome = audit.Denied
			}
			if e.Action != "reveal.phone" || e.Object != "appeal:1" || e.Outcome != wantOutcome || e.ActorID != c.actor.UserID {
				t.Errorf("recorded %+v", e)
			}
			if strings.Contains(e.Detail, a.ContactPhone) || !strings.Contains(e.Detail, "回访需要联系企业") {
				t.Errorf("the detail %q", e.Detail)
			}
		})
	}
	a.Anonymous = false
	fed := in(account.Federation)
	for d, want := range map[Detail]string{DetailName: "王建国", DetailIDNo: "11010519491231002X", DetailPhone: "13812345678"} {
		if r, err := s.Reveal(context.Background(), fed, &memoryLog{}, a.ID, d, "核实身份"); err != nil || r.Value != want {
			t.Errorf("%s: %+v %v", d, r, err)
		}
	}
	// Bad requests are refused before anything is read or recorded.
	log := &memoryLog{}
	for _, c := range []struct {
		d      Detail
		reason string
		field  string
	}{{"email", "x", "field"}, {"", "x", "field"}, {DetailPhone, "  ", "reason"}, {DetailPhone, strings.Repeat("因", MaxRevealReason+1), "reason"}} {
		_, err := s.Reveal(context.Background(), fed, log, a.ID, c.d, c.reason)
		var fe *fault.Error
		if !errors.As(err, &fe) || fe.Kind != fault.Invalid || fe.Field != c.field {
			t.Errorf("%q %q: %v", c.d, c.reason, err)
		}
	}
	if len(log.entries) != 0 {
		t.Errorf("bad requests were recorded: %+v", log.entries)
	}
	// An unknown appeal is a refused attempt on record; without a working log
	// nothing is revealed.
	if _, err := s.Reveal(context.Background(), fed, log, 999, DetailPhone, "x"); !fault.Is(err, fault.NotFound) || len(log.entries) != 1 || log.entries[0].Outcome != audit.Denied {
		t.Errorf("unknown appeal: %v %+v", err, log.entries)
	}
	if _, err := s.Reveal(context.Background(), fed, &memoryLog{failing: true}, a.ID, DetailPhone, "x"); !fault.Is(err, fault.Internal) {
		t.Errorf("revealed without a record: %v", err)
	}
	if _, err := s.Reveal(context.Background(), fed, nil, a.ID, DetailPhone, "x"); !fault.Is(err, fault.Internal) {
		t.Errorf("revealed without a recorder: %v", err)
	}
}

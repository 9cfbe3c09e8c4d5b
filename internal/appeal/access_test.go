package appeal

import (
	"slices"
	"testing"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// TestRolesPerAction checks, for every action and every role held alone by an
// officer of the right district and unit, that exactly the roles DOMAIN.md
// gives the action may take it (written out here apart from machine.go).
func TestRolesPerAction(t *testing.T) {
	want := map[Action][]account.Role{
		ActAnswer: {account.Federation}, ActReferDistrict: {account.Federation}, ActReferCity: {account.Federation},
		ActReject: {account.Federation}, ActTransfer: {account.Federation},
		ActAssign: {account.Office}, ActApprove: {account.Office}, ActSendBack: {account.Office},
		ActRedo: {account.Office}, ActReportUp: {account.Office},
		ActAccept: {account.Handler}, ActReturn: {account.Handler}, ActReply: {account.Handler},
		ActCityResult: {account.Federation, account.CityOffice},
		ActFeedback:   {account.Federation, account.Office}, ActVisit: {account.Federation, account.Office},
		ActWithdraw: {account.Federation, account.Intake}, ActMerge: {account.Federation, account.Office},
		ActExtend: {account.Handler}, ActPause: {account.Handler}, ActResume: {account.Handler}, ActRespond: {account.Handler},
		ActGrant: {account.Office}, ActRefuse: {account.Office}, ActRemind: {account.Office}, ActSupervise: {account.Office},
		ActInstruct: {account.Leader}, ActUnreasonable: {account.Office}, ActReasonable: {account.Office},
	}
	g := fixture(InProgress)
	for _, act := range Actions {
		for _, r := range account.Roles {
			actor := &account.Actor{UserID: 7, UnitID: unitA, Districts: []int64{district}, Roles: []account.Role{r}}
			c := command(act, g)
			err := authorize(actor, &c, g)
			allowed := slices.Contains(want[act], r)
			if allowed && err != nil {
				t.Errorf("%s by %s: refused: %v", act, r, err)
			}
			if !allowed && err == nil {
				t.Errorf("%s by %s: allowed", act, r)
			}
		}
	}
}

func TestScope(t *testing.T) {
	g := fixture(InProgress)
	handlerOf := func(u int64) *account.Actor {
		return &account.Actor{UserID: 8, UnitID: u, Roles: []account.Role{account.Handler}, Districts: []int64{district}}
	}
	accept := Command{Action: ActAccept, TaskID: 100}
	if err := authorize(handlerOf(unitA), &accept, g); err != nil {
		t.Fatalf("the lead unit's handler may accept its task: %v", err)
	}
	if err := authorize(handlerOf(unitB), &accept, g); !fault.Is(err, fault.Forbidden) {
		t.Fatalf("the co-unit's handler accepted the lead's task: %v", err)
	}
	if err := authorize(handlerOf(unitC), &accept, g); !fault.Is(err, fault.NotFound) {
		t.Fatalf("a unit with no task learned the appeal exists: %v", err)
	}

	other := &account.Actor{UserID: 9, Roles: []account.Role{account.Office, account.Federation}, Districts: []int64{99}}
	assign := Command{Action: ActAssign, CoUnitIDs: []int64{unitC}}
	if err := authorize(other, &assign, g); !fault.Is(err, fault.NotFound) {
		t.Fatalf("the office of another district: %v, want not found", err)
	}
	ro := &account.Actor{UserID: 10, Roles: []account.Role{account.Office}, Districts: []int64{district}, ReadOnly: true}
	if err := authorize(ro, &assign, g); !fault.Is(err, fault.Forbidden) {
		t.Fatalf("a read-only token wrote: %v", err)
	}
}

func TestEnterpriseScope(t *testing.T) {
	g := fixture(Registered)
	g.Appeal.EnterpriseID = 42
	own := &account.Actor{EnterpriseID: 42, AccountID: 3}
	stranger := &account.Actor{EnterpriseID: 43, AccountID: 4}
	withdraw := Command{Action: ActWithdraw, Note: "已解决"}
	if err := authorize(own, &withdraw, g); err != nil {
		t.Fatalf("an enterprise may withdraw its own appeal: %v", err)
	}
	answer := Command{Action: ActAnswer, Outcome: Solved, Text: "x"}
	if err := authorize(own, &answer, g); !fault.Is(err, fault.Forbidden) {
		t.Fatalf("an enterprise answered its own appeal: %v", err)
	}
	if err := authorize(stranger, &withdraw, g); !fault.Is(err, fault.NotFound) {
		t.Fatalf("another enterprise reached the appeal: %v", err)
	}
	if s := ScopeOf(own); s.EnterpriseID != 42 || len(s.Districts) != 0 || s.All {
		t.Fatalf("enterprise list scope %+v", s)
	}
}

func TestRelationsAndRedaction(t *testing.T) {
	g := fixture(InProgress)
	g.Appeal.Anonymous = true
	g.Appeal.EnterpriseID, g.Appeal.EnterpriseName, g.Appeal.CreditCode = 5, "娄底海特科技发展有限公司", "91431302MA4L0001X0"
	g.Appeal.ContactName, g.Appeal.ContactPhone = "王建国", "13812345678"

	unit := &account.Actor{UserID: 8, UnitID: unitB, Roles: []account.Role{account.Handler}}
	if r := RelationOf(unit, g); r != AsUnit {
		t.Fatalf("co-unit relation %v", r)
	}
	seen := Redact(g.Appeal, AsUnit, false)
	for _, leaked := range []string{seen.EnterpriseName, seen.CreditCode, seen.ContactName, seen.ContactPhone} {
		if leaked != "" && leaked != Anonymous {
			t.Fatalf("an anonymous appeal shows %q to a unit", leaked)
		}
	}
	if seen.EnterpriseID != 0 {
		t.Fatal("an anonymous appeal shows its enterprise id to a unit")
	}

	g.Appeal.Anonymous = false
	seen = Redact(g.Appeal, AsUnit, false)
	if seen.ContactPhone != "138****5678" || seen.ContactName != "王**" {
		t.Fatalf("a unit sees the contact %q %q, want it masked", seen.ContactName, seen.ContactPhone)
	}
	fed := &account.Actor{UserID: 2, Roles: []account.Role{account.Federation}, Districts: []int64{district}}
	if fullContact(fed, &g.Appeal) {
		t.Fatal("the federation sees the contact in the clear without revealing it")
	}
	leader := &account.Actor{UserID: 3, Roles: []account.Role{account.Leader}, Districts: []int64{district}}
	if fullContact(leader, &g.Appeal) {
		t.Fatal("a leader sees the contact in the clear without revealing it")
	}
	mine := g.Appeal
	mine.CreatedBy = 7
	if !fullContact(&account.Actor{UserID: 7, Roles: []account.Role{account.Intake}}, &mine) {
		t.Fatal("the officer who registered it must see the contact they took down")
	}
	if Redact(g.Appeal, AsDistrict, true).QueryCodeHash != nil {
		t.Fatal("the query code hash left the domain")
	}

	evs := RedactEvents([]Event{{Action: ActFeedback, Told: "王总您好", ActorName: "工商联"}}, AsUnit, &g.Appeal)
	if evs[0].Told != "" {
		t.Fatal("a unit reads what the enterprise was told")
	}
}

func TestMayCreate(t *testing.T) {
	cases := []struct {
		roles []account.Role
		ch    Channel
		want  bool
	}{
		{[]account.Role{account.Intake}, Hotline12345, true},
		{[]account.Role{account.Cadre}, VisitCh, true},
		{[]account.Role{account.Handler}, Hotline12345, false},
		{[]account.Role{account.Intake}, CityAssigned, false},
		{[]account.Role{account.CityOffice}, CityAssigned, true},
		{[]account.Role{account.Leader}, OnSite, true},
		{[]account.Role{account.Auditor}, Portal, false},
	}
	for _, c := range cases {
		if got := MayCreate(&account.Actor{UserID: 1, Roles: c.roles}, c.ch); got != c.want {
			t.Errorf("%v creating %s: %v, want %v", c.roles, c.ch, got, c.want)
		}
	}
	if !MayCreate(&account.Actor{EnterpriseID: 1}, Portal) || MayCreate(&account.Actor{EnterpriseID: 1}, Hotline12345) {
		t.Error("an enterprise files on the portal only")
	}
}

package appeal

import (
	"strings"
	"testing"

	"zhitong/internal/account"
)

// What a unit reads of an anonymous appeal names nobody: the fields are
// gone, and the text has the enterprise, the contact and their numbers
// taken out.
func TestForUnits(t *testing.T) {
	a := Appeal{ID: 1, Anonymous: true, Title: "举报湖南利钢金属制品有限公司的检查人员",
		Content:      "我是利钢的钱多多，电话13912345678，身份证11010519491231002X，座机0738-8123456；钱多多要求保密。",
		EnterpriseID: 5, EnterpriseName: "湖南利钢金属制品有限公司", CreditCode: "91431302MA4L000010",
		ContactName: "钱多多", ContactPhone: "13912345678", ContactIDNo: "11010519491231002X", CreatedBy: 9,
		ResultText: "已向湖南利钢金属制品有限公司反馈", QueryCodeHash: []byte{1}}
	u := ForUnits(a)
	all := strings.Join([]string{u.Title, u.Content, u.ResultText, u.EnterpriseName, u.CreditCode, u.ContactName,
		u.ContactPhone, u.ContactIDNo}, "|")
	for _, secret := range []string{"湖南利钢金属制品有限公司", "钱多多", "13912345678", "11010519491231002X", "8123456", "91431302MA4L000010"} {
		if strings.Contains(all, secret) {
			t.Errorf("a unit reads %q in %q", secret, all)
		}
	}
	if u.EnterpriseID != 0 || u.CreatedBy != 0 || u.EnterpriseName != Anonymous || u.QueryCodeHash != nil {
		t.Errorf("ForUnits left %+v", u)
	}
	if !strings.Contains(u.Content, "检查") && !strings.Contains(u.Title, "检查人员") {
		t.Errorf("the matter itself is gone: %q", u.Title)
	}
	a.Anonymous = false
	if got := ForUnits(a); got.Content != a.Content || got.EnterpriseName != a.EnterpriseName {
		t.Error("ForUnits changed an appeal that is not anonymous")
	}

	// The timeline and the tasks, as a unit reads them.
	a.Anonymous = true
	evs := RedactEvents([]Event{
		{Action: ActRegister, ActorID: 3, ActorName: "联企干部许诺", UnitID: 8},
		{Action: ActAssign, ActorID: 4, ActorName: "优化办赵强", Note: "钱多多反映的问题请核实，电话13912345678"},
		{Action: ActFeedback, ActorID: 2, Told: "钱总您好"},
	}, AsUnit, &a)
	if e := evs[0]; e.ActorID != 0 || e.ActorName != "" || e.UnitID != 0 {
		t.Errorf("the unit learns who registered it: %+v", e)
	}
	if e := evs[1]; e.ActorName != "优化办赵强" || strings.Contains(e.Note, "钱多多") || strings.Contains(e.Note, "13912345678") {
		t.Errorf("the office's note reads %+v", e)
	}
	if evs[2].Told != "" {
		t.Error("a unit reads what the enterprise was told")
	}
	if got := RedactEvents(evs, AsDistrict, &a); got[1].Note != evs[1].Note {
		t.Error("the office's own view is changed")
	}
	ts := redactTasks([]Task{{Note: "请联系钱多多", Reason: "13912345678"}}, AsUnit, &a)
	if strings.Contains(ts[0].Note+ts[0].Reason, "钱多多") || strings.Contains(ts[0].Reason, "13912345678") {
		t.Errorf("a task reads %+v", ts[0])
	}

	// Everyone else sees the contact masked unless they took it down.
	seen := Redact(a, AsDistrict, false)
	if seen.ContactPhone != "139****5678" || seen.ContactName != "钱**" || seen.ContactIDNo != "110105********002X" {
		t.Errorf("the office sees %q %q %q", seen.ContactName, seen.ContactPhone, seen.ContactIDNo)
	}
	if full := Redact(a, AsDistrict, fullContact(&account.Actor{UserID: 9}, &a)); full.ContactIDNo != a.ContactIDNo {
		t.Errorf("the officer who registered it sees %q", full.ContactIDNo)
	}
}

func TestIdempotencyKeys(t *testing.T) {
	for k, want := range map[string]bool{"a": true, "3f2c0b9e-7d7e-4a4e-9b1e-0c1d2e3f4a5b": true, "with space": true,
		"": false, strings.Repeat("k", MaxIdempotencyKey): true, strings.Repeat("k", MaxIdempotencyKey+1): false,
		"tab\tkey": false, "键": false, "nul\x00": false, "del\x7f": false} {
		if ValidIdempotencyKey(k) != want {
			t.Errorf("ValidIdempotencyKey(%q) = %v", k, !want)
		}
	}
	in, other := goodIntake(), goodIntake()
	other.Title = "  " + other.Title + " "
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := other.Validate(); err != nil {
		t.Fatal(err)
	}
	if in.digest() != other.digest() {
		t.Error("the same request, trimmed differently, hashes differently")
	}
	other.Content += "。"
	if in.digest() == other.digest() {
		t.Error("different requests hash the same")
	}
	if actorKey(&account.Actor{UserID: 3}) != "user:3" || actorKey(&account.Actor{EnterpriseID: 2, AccountID: 5}) != "account:5" {
		t.Error("actor keys")
	}
}

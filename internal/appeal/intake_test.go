package appeal

import (
	"strings"
	"testing"
	"time"

	"zhitong/internal/fault"
)

func goodIntake() Intake {
	return Intake{Channel: Hotline12345, Type: Consult, Title: "留抵退税政策咨询", Content: "企业询问是否符合增值税留抵退税条件。",
		EnterpriseName: "湖南利钢金属制品有限公司", ContactName: "李会计", ContactPhone: "138 1234-5678", DistrictID: 3}
}

func TestIntakeValidate(t *testing.T) {
	in := goodIntake()
	in.Title = "  " + in.Title + "\n"
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	if in.Urgency != Normal || in.Title != "留抵退税政策咨询" {
		t.Fatalf("not normalized: %q %q", in.Urgency, in.Title)
	}
	cases := []struct {
		name  string
		edit  func(*Intake)
		field string
	}{
		{"no title", func(in *Intake) { in.Title = " " }, "title"},
		{"long title", func(in *Intake) { in.Title = strings.Repeat("题", MaxTitle+1) }, "title"},
		{"huge content", func(in *Intake) { in.Content = strings.Repeat("字", MaxContent+1) }, "content"},
		{"letters in phone", func(in *Intake) { in.ContactPhone = "138abc45678" }, "contact_phone"},
		{"bad credit code", func(in *Intake) { in.CreditCode = "91350100M000100Y44" }, "credit_code"},
		{"no enterprise", func(in *Intake) { in.EnterpriseName = "" }, "enterprise_name"},
		{"bad channel", func(in *Intake) { in.Channel = "fax" }, "channel"},
		{"bad type", func(in *Intake) { in.Type = "" }, "type"},
		{"bad urgency", func(in *Intake) { in.Urgency = "now" }, "urgency"},
		{"no district", func(in *Intake) { in.DistrictID = 0 }, "district_id"},
		{"city without deadline", func(in *Intake) { in.Channel = CityAssigned }, "due_at"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := goodIntake()
			c.edit(&in)
			err := in.Validate()
			fe, ok := err.(*fault.Error)
			if !ok || fe.Kind != fault.Invalid || fe.Field != c.field {
				t.Fatalf("got %v, want an invalid %s", err, c.field)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	a := Appeal{ID: 42, CreatedAt: time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC)} // 01:30 on the 25th in Beijing
	if n := a.Number(); n != "ZT20261125000042" {
		t.Fatalf("number %s", n)
	}
	for s, want := range map[string]int64{"ZT20261125000042": 42, "zt20261125000042": 42, "42": 42, "ZT202611251234567": 1234567} {
		if id, ok := ParseNumber(s); !ok || id != want {
			t.Errorf("ParseNumber(%q) = %d, %v", s, id, ok)
		}
	}
	for _, s := range []string{"", "ZT2026", "abc", "-3", "0"} {
		if _, ok := ParseNumber(s); ok {
			t.Errorf("ParseNumber(%q) accepted", s)
		}
	}
}

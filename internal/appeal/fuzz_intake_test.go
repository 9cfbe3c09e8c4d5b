package appeal

import (
	"errors"
	"testing"
	"unicode/utf8"

	"zhitong/internal/fault"
)

func TestIntakeIDNo(t *testing.T) {
	in := goodIntake()
	in.ContactIDNo = " 11010519491231002x "
	if err := in.Validate(); err != nil || in.ContactIDNo != "11010519491231002X" {
		t.Fatalf("%q: %v", in.ContactIDNo, err)
	}
	in.ContactIDNo = "110105194912310021"
	var fe *fault.Error
	if err := in.Validate(); !errors.As(err, &fe) || fe.Field != "contact_id_no" || fe.Key != "id.check" {
		t.Fatalf("a wrong check character: %v", err)
	}
}

// The intake validator takes what a person typed: it never panics, refuses
// only with Invalid errors that name a field and have a message, and what
// it accepts stays accepted and unchanged when validated again.
func FuzzIntake(f *testing.F) {
	g := goodIntake()
	f.Add(string(g.Channel), string(g.Type), "", g.Title, g.Content, g.EnterpriseName, g.CreditCode, g.ContactName,
		g.ContactPhone, "11010519491231002X", g.ExternalNo, g.DistrictID, int64(0), int64(0), false)
	f.Add("city_assigned", "help", "urgent", "<script>alert(1)</script>", "\x00", "", "91350100M000100Y44", "李",
		"+86 138", "110105194912310021", "A-1", int64(-1), int64(7), int64(-5), true)
	f.Add("portal", "report", "now", "  ", "\xff\xfe", "湖南", "", "", "138abc45678", "x", "", int64(1), int64(0), int64(0), false)
	f.Fuzz(func(t *testing.T, channel, typ, urgency, title, content, ent, code, name, phone, idNo, ext string,
		district, category, territory int64, anonymous bool) {
		in := Intake{Channel: Channel(channel), Type: Type(typ), Urgency: Urgency(urgency), Title: title, Content: content,
			EnterpriseName: ent, CreditCode: code, ContactName: name, ContactPhone: phone, ContactIDNo: idNo,
			ExternalNo: ext, DistrictID: district, CategoryID: category, TerritoryID: territory, Anonymous: anonymous}
		err := in.Validate()
		if err != nil {
			var fe *fault.Error
			if !errors.As(err, &fe) || fe.Kind != fault.Invalid || fe.Field == "" || !fault.Known(fe.Key) {
				t.Fatalf("refused with %#v", err)
			}
			return
		}
		if in.Title == "" || utf8.RuneCountInString(in.Title) > MaxTitle || utf8.RuneCountInString(in.Content) > MaxContent {
			t.Fatalf("accepted %+v", in)
		}
		again := in
		if err := again.Validate(); err != nil || again != in {
			t.Fatalf("validated twice: %v, %+v", err, again)
		}
	})
}

package personal

import (
	"testing"

	"zhitong/internal/fault"
)

// idNo returns a valid ID number with the first 17 characters given.
func idNo(first17 string) string { return first17 + string(IDCheckChar(first17)) }

func TestCheckIDNo(t *testing.T) {
	// The standard's own example (GB 11643-1999, appendix): 11010519491231002X.
	if err := CheckIDNo("11010519491231002X"); err != nil {
		t.Fatalf("the standard's example is refused: %v", err)
	}
	if c := IDCheckChar("43010219900101123"); c != '8' {
		t.Fatalf("check character %c", c)
	}
	cases := []struct {
		name, id, key string
	}{
		{"valid", idNo("43010219900101123"), ""},
		{"valid with X", "11010519491231002X", ""},
		{"short", "4301021990010112", "id.length"},
		{"long", idNo("43010219900101123") + "1", "id.length"},
		{"empty", "", "id.length"},
		{"letter inside", "43010219900A011234", "id.char"},
		{"X not last", "X30102199001011234", "id.char"},
		{"lower-case x unnormalized", "11010519491231002x", "id.char"},
		{"full-width digits", "４３０１０２１９９００１０１１２３４", "id.length"},
		{"no such day", idNo("43010219900230123"), "id.birth"},
		{"before 1900", idNo("43010218991231123"), "id.birth"},
		{"wrong check", "430102199001011235", "id.check"},
		{"wrong check X", "43010219900101123X", "id.check"},
	}
	for _, c := range cases {
		err := CheckIDNo(c.id)
		switch {
		case c.key == "" && err != nil:
			t.Errorf("%s: %q refused: %v", c.name, c.id, err)
		case c.key != "" && err == nil:
			t.Errorf("%s: %q accepted", c.name, c.id)
		case c.key != "":
			var fe *fault.Error
			if !fault.Is(err, fault.Invalid) || !asFault(err, &fe) || fe.Key != c.key || fe.Field != "contact_id_no" {
				t.Errorf("%s: %q: %v, want %s on contact_id_no", c.name, c.id, err, c.key)
			}
		}
	}
	if !ValidIDNo(" 11010519491231002x ") {
		t.Error("ValidIDNo does not normalize")
	}
	if got := MaskID(idNo("43010219900101123")); got != "430102********1238" {
		t.Errorf("masked as %q", got)
	}
}

func asFault(err error, fe **fault.Error) bool {
	e, ok := err.(*fault.Error)
	*fe = e
	return ok
}

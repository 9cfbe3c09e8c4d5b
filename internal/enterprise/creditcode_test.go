package enterprise

import (
	"strings"
	"testing"

	"zhitong/internal/fault"
)

func TestCheckCreditCode(t *testing.T) {
	valid := []string{
		"91350100M000100Y43", // the example printed with GB 32100-2015 explanations
		"91110000802100433B", // a published code of a large state-owned company
	}
	for _, c := range valid {
		if err := CheckCreditCode(c); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
	cases := []struct {
		code, key string
	}{
		{"91350100M000100Y4", "credit.length"},
		{"91350100M000100Y44", "credit.check"},
		{"9135010OM000100Y43", "credit.char"}, // the letter O
		{"91350I00M000100Y43", "credit.char"}, // the letter I
		{"9135A100M000100Y43", "credit.division"},
		{"", "credit.length"},
	}
	for _, c := range cases {
		err := CheckCreditCode(c.code)
		fe, ok := err.(*fault.Error)
		if !ok || fe.Key != c.key || fe.Kind != fault.Invalid || fe.Field != "credit_code" {
			t.Errorf("%q: got %v, want %s", c.code, err, c.key)
		}
	}
}

func TestCheckCharMakesValidCodes(t *testing.T) {
	for _, first := range []string{"91431302MA4L0001", "92431302MA4P7Q2", "12431300006012345"} {
		if len(first) != 17 {
			first = (first + "00000000000000000")[:17]
		}
		code := first + string(CreditCheckChar(first))
		if err := CheckCreditCode(code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
}

func TestEnterpriseValidateNormalizes(t *testing.T) {
	e := Enterprise{Name: "  湖南利钢金属制品有限公司 ", CreditCode: " 91350100m000100y43 "}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Name != "湖南利钢金属制品有限公司" || e.CreditCode != "91350100M000100Y43" {
		t.Fatalf("not normalized: %q %q", e.Name, e.CreditCode)
	}
	if err := (&Enterprise{Name: strings.Repeat("企", 101)}).Validate(); !fault.Is(err, fault.Invalid) {
		t.Fatalf("over-long name: %v", err)
	}
	if !(&Enterprise{CreditCode: "92431302MA4P7Q2X1A"}).SoleProprietor() {
		t.Fatal("a code beginning 92 is a 个体工商户")
	}
}

func FuzzCheckCreditCode(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "", "\xff\xfe", strings.Repeat("9", 18), "91350100M000100Y4３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckCreditCode(s)
		if err != nil && !fault.Is(err, fault.Invalid) {
			t.Fatalf("%q: %v is not an invalid-input error", s, err)
		}
		if err == nil && (len(s) != 18 || s[17] != CreditCheckChar(s[:17])) {
			t.Fatalf("%q accepted", s)
		}
	})
}

func TestOrgCodeCheckChar(t *testing.T) {
	// Places 9–17 of published credit codes are organisation codes with their check character.
	for _, code := range []string{"91350100M000100Y43", "91110000802100433B"} {
		org := code[8:17]
		if got := OrgCodeCheckChar(org[:8]); got != org[8] {
			t.Errorf("%s: check %c, want %c", org, got, org[8])
		}
	}
}

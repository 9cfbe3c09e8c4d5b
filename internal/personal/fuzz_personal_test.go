package personal

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"zhitong/internal/fault"
)

// The ID number validator takes outside input: it never panics, and refuses
// with an Invalid error on contact_id_no, never anything else; what it
// accepts is 18 characters with the right check character.
func FuzzIDNo(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "430102199001011238", "", "x", "４３０１０２", "43010219900230123X",
		"\x00\xff", "110105194912310021", " 11010519491231002x "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeIDNo(s)
		err := CheckIDNo(n)
		if err == nil {
			if len(n) != IDLength || IDCheckChar(n[:17]) != n[17] {
				t.Fatalf("accepted %q", n)
			}
			if !ValidIDNo(s) {
				t.Fatalf("CheckIDNo and ValidIDNo disagree on %q", s)
			}
			return
		}
		var fe *fault.Error
		if !asFault(err, &fe) || fe.Kind != fault.Invalid || fe.Field != "contact_id_no" || !fault.Known(fe.Key) {
			t.Fatalf("%q: %#v", s, err)
		}
		if msg := fe.Message("en"); msg == "" || strings.Contains(msg, "%!") {
			t.Fatalf("%q: message %q", s, msg)
		}
	})
}

// isolatedMobile finds an unmasked mobile number standing alone.
var isolatedMobile = regexp.MustCompile(`(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)`)

// Scrub never panics, keeps valid text valid, never lengthens it, leaves
// text without digits alone, and leaves no mobile number standing alone.
func FuzzScrub(f *testing.F) {
	for _, s := range []string{"联系电话13912345678，请回电", "+86 139 1234 5678", "(0738)8123456", "11010519491231002X",
		"１３９１２３４５６７８", "13912345678 2026", "A13912345678B", "1", "+", "(", "\xff", "139123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Scrub(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Scrub(%q) = %q is not valid UTF-8", s, out)
		}
		if utf8.RuneCountInString(out) > utf8.RuneCountInString(s) {
			t.Fatalf("Scrub(%q) = %q is longer", s, out)
		}
		if !strings.ContainsFunc(s, isDigit) && out != s {
			t.Fatalf("Scrub(%q) = %q changed text without digits", s, out)
		}
		if utf8.ValidString(s) && isolatedMobile.MatchString(out) {
			t.Fatalf("Scrub(%q) = %q leaves a mobile number", s, out)
		}
	})
}

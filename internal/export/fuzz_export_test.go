package export

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Cell never panics; what it returns never begins a formula, and is the
// input itself or the input behind one apostrophe.
func FuzzCell(f *testing.F) {
	for _, s := range []string{"=1+1", "+", "-", "@", "\t", "\r", " =x", "＝", "正常文本", "", "\xff=", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Cell(s)
		if out != s && out != "'"+s {
			t.Fatalf("Cell(%q) = %q", s, out)
		}
		t0 := strings.TrimLeft(out, " \u00a0\u3000")
		if r, _ := utf8.DecodeRuneInString(t0); t0 != "" && strings.ContainsRune(triggers, r) {
			t.Fatalf("Cell(%q) = %q begins a formula", s, out)
		}
	})
}

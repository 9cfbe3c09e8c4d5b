package search

import (
	"reflect"
	"testing"
)

func TestTerms(t *testing.T) {
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"bigrams", []string{"留抵退税"}, []string{"留抵", "抵退", "退税"}},
		{"two chars", []string{"退税"}, []string{"退税"}},
		{"lone char finds nothing", []string{"税"}, nil},
		{"mixed text", []string{"申请VAT退税，编号A12"}, []string{"申请", "vat", "退税", "编号", "a12"}},
		{"distinct across texts", []string{"退税", "退税问题"}, []string{"退税", "税问", "问题"}},
		{"punctuation only", []string{"，。！"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Terms(c.in...); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Terms(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestTermsCapped(t *testing.T) {
	long := make([]rune, 0, 10000)
	for i := 0; i < 10000; i++ {
		long = append(long, rune(0x4e00+i))
	}
	if n := len(Terms(string(long))); n != MaxTerms {
		t.Fatalf("got %d terms, want the cap %d", n, MaxTerms)
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{"留抵退税", "VAT退税", "", "\x00\xff", "a b c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, term := range Terms(s) {
			if term == "" {
				t.Fatalf("empty term from %q", s)
			}
		}
	})
}

package notify

import "testing"

func TestMobile(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"13812345678", "13812345678"},
		{"+8613812345678", "13812345678"},
		{"+86 138-1234-5678", "13812345678"},
		{"008619912345678", "19912345678"},
		{" 138 1234 5678 ", "13812345678"},
		{"1381234567", ""},   // ten digits
		{"138123456789", ""}, // twelve
		{"12812345678", ""},  // no such network
		{"0738-8312345", ""}, // a landline
		{"+85291234567", ""}, // Hong Kong
		{"1381234567a", ""},  // a letter
		{"+86+13812345678", ""},
		{"", ""},
	} {
		got, err := Mobile(c.in)
		if got != c.want || (err == nil) != (c.want != "") {
			t.Errorf("Mobile(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
		if err != nil && !Permanent(err) {
			t.Errorf("Mobile(%q): a bad number is not permanent", c.in)
		}
	}
}

func TestAddress(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"lisi@example.cn", "lisi@example.cn"},
		{"李四 <lisi@example.cn>", "lisi@example.cn"},
		{"lisi", ""},
		{"lisi@", ""},
		{"a@b.cn, c@d.cn", ""},
		{"", ""},
	} {
		got, err := Address(c.in)
		if got != c.want || (err == nil) != (c.want != "") {
			t.Errorf("Address(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

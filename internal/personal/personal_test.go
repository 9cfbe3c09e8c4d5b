package personal

import "testing"

func TestMask(t *testing.T) {
	cases := []struct{ got, want string }{
		{MaskPhone("13812345678"), "138****5678"},
		{MaskPhone("0738-8123456"), "073*****3456"},
		{MaskPhone("12345"), "*****"},
		{MaskName("王建国"), "王**"},
		{MaskName("李"), "*"},
		{MaskName(""), ""},
		{MaskID("430102199001011234"), "430102********1234"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestValidPhone(t *testing.T) {
	for _, p := range []string{"13812345678", "0738-8123456", "+86 138 1234 5678"} {
		if !ValidPhone(p) {
			t.Errorf("%q refused", p)
		}
	}
	for _, p := range []string{"138abc45678", "12", "", "+", "1381234567812345678901"} {
		if ValidPhone(p) {
			t.Errorf("%q accepted", p)
		}
	}
}

package account

import (
	"strings"
	"testing"

	"zhitong/internal/fault"
)

func TestArgon2idHashes(t *testing.T) {
	const pw = "Correct-Horse-7-Battery"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Count(h, "$") != 5 || strings.Contains(h, pw) {
		t.Fatalf("hash %q is not the PHC string of argon2id with our parameters", h)
	}
	h2, _ := HashPassword(pw)
	if h2 == h {
		t.Fatal("two hashes of one password are equal: no salt?")
	}
	for _, c := range []struct {
		hash, pw string
		ok       bool
	}{
		{h, pw, true}, {h2, pw, true}, {h, "correct-horse-7-battery", false}, {h, pw + " ", false}, {h, "", false},
	} {
		if ok, err := VerifyPassword(c.hash, c.pw); err != nil || ok != c.ok {
			t.Errorf("verify %q: %v, %v; want %v", c.pw, ok, err, c.ok)
		}
	}
	// Chinese passwords of any length work (bcrypt's 72-byte limit would cut them).
	long := strings.Repeat("营商环境直通车", 12) + "A1"
	hl, _ := HashPassword(long)
	if ok, _ := VerifyPassword(hl, long); !ok {
		t.Error("a long Chinese password does not verify")
	}
	if ok, _ := VerifyPassword(hl, strings.Repeat("营商环境直通车", 12)+"A2"); ok {
		t.Error("a long password verifies with its last character changed")
	}
	parts := strings.Split(h, "$")
	for name, bad := range map[string]string{
		"empty":       "",
		"bcrypt":      "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
		"argon2i":     strings.Replace(h, "argon2id", "argon2i", 1),
		"version":     strings.Replace(h, "v=19", "v=16", 1),
		"huge memory": strings.Replace(h, "m=19456", "m=99999999", 1),
		"zero time":   strings.Replace(h, "t=2", "t=0", 1),
		"bad salt":    strings.Join([]string{"", parts[1], parts[2], parts[3], "!!!", parts[5]}, "$"),
		"short key":   strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$"),
	} {
		if ok, err := VerifyPassword(bad, pw); ok || err == nil {
			t.Errorf("%s hash: %v, %v; want an error", name, ok, err)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	cases := []struct {
		name, user, pw, key string // key "" is accepted
	}{
		{"good passphrase", "zhang_wei", "Correct-Horse-7-Battery", ""},
		{"three kinds without symbols", "zhang_wei", "Xk9mPq2vLr7w", ""},
		{"Chinese counts as a kind", "zhang_wei", "娄星区营商环境直通车Tl7k", ""},
		{"random with symbols", "zhang_wei", "Kz8#mP2!qW9$", ""},
		{"eleven characters", "zhang_wei", "Xk9mPq2vLr7", "password.short"},
		{"twelve Chinese characters are twelve", "zhang_wei", "营商环境直通车娄星区工商", "password.kinds"},
		{"too long", "zhang_wei", strings.Repeat("Ab1!", 33), "password.long"},
		{"two kinds", "zhang_wei", "xkqmpqzvlrtwsd99", "password.kinds"},
		{"lower and digits only", "zhang_wei", "correcthorse7battery", "password.kinds"},
		{"contains the user name", "zhang_wei", "My-zhang_wei-2026!", "password.username"},
		{"contains it in capitals", "zhang_wei", "My-ZHANG_WEI-2026!", "password.username"},
		{"short user names are not searched", "li", "Correct-Horse-7-Battery-li", ""},
		{"Password123!", "zhang_wei", "Password123!", "password.common"},
		{"Password2026!!", "zhang_wei", "Password2026!!", "password.common"},
		{"P@ssw0rd2024!", "zhang_wei", "P@ssw0rd2024!", "password.common"},
		{"Woaini1314!!", "zhang_wei", "Woaini1314!!", "password.common"},
		{"Woaini5201314", "zhang_wei", "Woaini5201314", "password.common"},
		{"Admin@123456", "zhang_wei", "Admin@123456", "password.common"},
		{"Administrator1", "zhang_wei", "Administrator1", "password.common"},
		{"Qwerty123456!", "zhang_wei", "Qwerty123456!", "password.common"},
		{"Qwertyuiop12", "zhang_wei", "Qwertyuiop12", "password.common"},
		{"1qaz2wsx keyboard walk", "zhang_wei", "1Qaz2wsx3edc", "password.common"},
		{"Asdfghjkl;12", "zhang_wei", "Asdfghjkl;12", "password.common"},
		{"alphabet run", "zhang_wei", "Abcdefgh1234!", "password.common"},
		{"reversed walk", "zhang_wei", "Poiuytrewq1!", "password.common"},
		{"repeated characters", "zhang_wei", "Aaaaaaaa1111!", "password.common"},
		{"repeated unit", "zhang_wei", "Ab1!Ab1!Ab1!", "password.common"},
		{"word repeated", "zhang_wei", "Monkey1Monkey1", "password.common"},
		{"pinyin name with a year", "li_si", "Zhangwei1990!", "password.common"},
		{"Zhongguo1949!", "zhang_wei", "Zhongguo1949!", "password.common"},
		{"office words", "zhang_wei", "Zhitong12345!", "password.common"},
		{"a short word among digits", "zhang_wei", "Ab!12345678901", "password.common"},
		{"digits before a common word", "zhang_wei", "2026#Password", "password.common"},
		{"Iloveyou520!", "zhang_wei", "Iloveyou520!", "password.common"},
		{"Huawei@2026", "zhang_wei", "Huawei@2026xx", ""},
		{"Huawei@2026 alone", "zhang_wei", "Huawei@20266", "password.common"},
	}
	for _, c := range cases {
		err := CheckPassword(c.user, c.pw)
		if c.key == "" {
			if err != nil {
				t.Errorf("%s: %q refused: %v", c.name, c.pw, err)
			}
			continue
		}
		fe, ok := err.(*fault.Error)
		if !ok || fe.Key != c.key || fe.Field != "password" || fe.Kind != fault.Invalid {
			t.Errorf("%s: %q: %v, want %s", c.name, c.pw, err, c.key)
		}
	}
	if n := len(commonPasswords()); n < 300 {
		t.Errorf("only %d common passwords", n)
	}
}

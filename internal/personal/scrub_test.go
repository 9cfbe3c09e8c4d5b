package personal

import "testing"

func TestScrub(t *testing.T) {
	id := idNo("43010219900101123")
	cases := []struct{ name, in, want string }{
		{"no number", "企业反映用地审批慢", "企业反映用地审批慢"},
		{"mobile", "联系电话13912345678，请回电", "联系电话139****5678，请回电"},
		{"mobile at the ends", "13912345678", "139****5678"},
		{"mobile with spaces", "电话 139 1234 5678 王", "电话 139****5678 王"},
		{"mobile with hyphens", "139-1234-5678", "139****5678"},
		{"mobile with country code", "+86 139 1234 5678。", "139****5678。"},
		{"mobile with 86", "8613912345678", "139****5678"},
		{"full-width mobile", "电话１３９１２３４５６７８", "电话139****5678"},
		{"landline", "座机0738-8123456转", "座机073****3456转"},
		{"landline in parentheses", "(0738)8123456", "073****3456"},
		{"landline run together", "07388123456", "073****3456"},
		{"ID number", "身份证" + id + "。", "身份证430102********1238。"},
		{"ID number with X", "11010519491231002X", "110105********002X"},
		{"ID number lower-case x", "11010519491231002x", "110105********002X"},
		{"old ID number", "430102900101123", "430102*****1123"},
		{"two numbers", "13912345678和13812345678", "139****5678和138****5678"},
		{"mobile then a year", "13912345678 2026年", "139****5678 2026年"},
		{"an amount", "欠款1234567元", "欠款1234567元"},
		{"a date", "2026-03-02到期", "2026-03-02到期"},
		{"a longer number", "账号139123456781", "账号139123456781"},
		{"a number in a code", "编号A13912345678B", "编号A139****5678B"},
		{"not a mobile", "12912345678", "12912345678"},
		{"empty", "", ""},
	}
	for _, c := range cases {
		if got := Scrub(c.in); got != c.want {
			t.Errorf("%s: Scrub(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

package enterprise

import (
	"strings"

	"zhitong/internal/fault"
)

// The 31 characters of a unified social credit code (GB 32100-2015): digits
// and capital letters without I, O, Z, S and V.
const codeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var codeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeCreditCode trims and upper-cases a code as people type it.
func NormalizeCreditCode(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

// CheckCreditCode validates a normalized unified social credit code: 18
// characters of the standard's set, a six-digit division code in places 3–8,
// and the check character in place 18.
func CheckCreditCode(code string) error {
	if len(code) != 18 {
		return fault.Field("credit_code", "credit.length", len([]rune(code)))
	}
	sum := 0
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(codeChars, code[i])
		if v < 0 {
			return fault.Field("credit_code", "credit.char", i+1, string(code[i]))
		}
		if i >= 2 && i < 8 && v > 9 {
			return fault.Field("credit_code", "credit.division")
		}
		if i < 17 {
			sum += v * codeWeights[i]
		}
	}
	if want := CreditCheckChar(code[:17]); code[17] != want {
		return fault.Field("credit_code", "credit.check", string(want))
	}
	return nil
}

// CreditCheckChar computes the check character for the first 17 characters
// of a code, which must be from the standard's set.
func CreditCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(codeChars, first17[i]) * codeWeights[i]
	}
	c := (31 - sum%31) % 31
	return codeChars[c]
}

// OrgCodeCheckChar is the check character of an organisation code's first
// eight characters (GB 11714-1997), which places 9–17 of a credit code carry:
// digits count as themselves, letters A–Z as 10–35.
func OrgCodeCheckChar(first8 string) byte {
	w := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		c := first8[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * w[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

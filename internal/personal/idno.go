package personal

import (
	"strings"
	"time"

	"zhitong/internal/fault"
)

// The resident identity card number (居民身份证号码, GB 11643-1999): six
// digits of the division of registration, eight of the date of birth
// (YYYYMMDD), three of the sequence and one check character, computed from
// the first seventeen with these weights, modulo 11, into idCheckCodes.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckCodes = "10X98765432"

// IDLength is the length of an identity card number.
const IDLength = 18

// NormalizeIDNo trims an ID number as people type it and upper-cases its
// check character (x → X).
func NormalizeIDNo(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// CheckIDNo validates a normalized ID number: 18 characters, digits but for
// a check character that may be X, a real date of birth from 1900 on, and
// the right check character. Errors concern the field "contact_id_no".
func CheckIDNo(id string) error {
	const field = "contact_id_no"
	if n := len([]rune(id)); n != IDLength || len(id) != IDLength {
		return fault.Field(field, "id.length", n)
	}
	for i := 0; i < IDLength; i++ {
		c := id[i]
		if (c < '0' || c > '9') && !(i == IDLength-1 && c == 'X') {
			return fault.Field(field, "id.char", i+1, string(c))
		}
	}
	if !validBirth(id[6:14]) {
		return fault.Field(field, "id.birth")
	}
	if want := IDCheckChar(id[:17]); id[17] != want {
		return fault.Field(field, "id.check", string(want))
	}
	return nil
}

// ValidIDNo reports whether s (normalized) is a valid ID number.
func ValidIDNo(s string) bool { return CheckIDNo(NormalizeIDNo(s)) == nil }

// IDCheckChar computes the check character of the first 17 characters of an
// ID number, which must be digits.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckCodes[sum%11]
}

// validBirth reports whether s (YYYYMMDD, digits) is a calendar date from
// 1900-01-01 to 2099-12-31.
func validBirth(s string) bool {
	d, err := time.Parse("20060102", s)
	return err == nil && d.Year() >= 1900 && d.Year() < 2100
}

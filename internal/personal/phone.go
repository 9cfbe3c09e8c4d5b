package personal

import (
	"regexp"
	"strings"
)

// phonePattern accepts mobile and landline numbers as people write them:
// digits with spaces or hyphens, an optional leading +, 7 to 20 characters.
var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,18}[0-9]$`)

// ValidPhone reports whether p (trimmed) looks like a phone number.
func ValidPhone(p string) bool { return phonePattern.MatchString(strings.TrimSpace(p)) }

// mobilePattern is a mainland mobile number: 11 digits beginning 1[3-9].
var mobilePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// ValidMobile reports whether p is a mainland mobile number, as SMS need,
// written with or without spaces and hyphens.
func ValidMobile(p string) bool {
	return mobilePattern.MatchString(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(p)))
}

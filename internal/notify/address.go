package notify

import (
	"net/mail"
	"regexp"
	"strings"

	"zhitong/internal/fault"
)

// mobilePattern is a mainland mobile number: 11 digits, 1 then 3 to 9.
var mobilePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// Mobile returns the mainland mobile number in s as its 11 digits. It takes
// spaces and hyphens between the digits and a leading +86 or 0086, and refuses
// anything else: landlines, numbers abroad, too few or too many digits.
func Mobile(s string) (string, error) {
	n := strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s))
	for _, prefix := range []string{"+86", "0086"} {
		if rest, ok := strings.CutPrefix(n, prefix); ok {
			n = rest
			break
		}
	}
	if !mobilePattern.MatchString(n) {
		return "", fault.Field("to", "notify.mobile")
	}
	return n, nil
}

// Address returns the bare email address in s ("a@b.cn" out of
// "Name <a@b.cn>" too), or an error if s is not one address (net/mail's rules).
func Address(s string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || !strings.Contains(a.Address, "@") {
		return "", fault.Field("to", "notify.email")
	}
	return a.Address, nil
}

// maskAddress keeps the first character of an address's local part and its
// domain: z***@example.cn.
func maskAddress(a string) string {
	local, domain, ok := strings.Cut(a, "@")
	if !ok || local == "" {
		return "***"
	}
	r := []rune(local)
	return string(r[:1]) + "***@" + domain
}

// hidden is an error whose text has the receiver masked; it unwraps to the
// original.
type hidden struct {
	err  error
	text string
}

func (h *hidden) Error() string { return h.text }
func (h *hidden) Unwrap() error { return h.err }

// hide masks every mention of the receiver in err's text, since error texts
// end up in logs and in the outbox, where personal data has no place.
func hide(err error, receiver, masked string) error {
	if err == nil || receiver == "" || !strings.Contains(err.Error(), receiver) {
		return err
	}
	return &hidden{err: err, text: strings.ReplaceAll(err.Error(), receiver, masked)}
}

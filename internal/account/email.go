package account

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// ValidEmail reports whether s is one plain address, a@b.cn, of at most
// 100 characters: what the notifications can be sent to.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s && strings.Contains(s, "@") && utf8.RuneCountInString(s) <= 100
}

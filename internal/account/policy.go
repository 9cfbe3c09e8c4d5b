package account

import (
	"bufio"
	"context"
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"zhitong/internal/fault"
)

// The password policy of 等保 2.0 level 3 and OWASP ASVS L2.
const (
	MinPasswordLength = 12  // runes
	MaxPasswordLength = 128 // runes: a passphrase fits, a megabyte does not
	MinPasswordKinds  = 3   // of upper case, lower case, digits, others
	// DefaultPasswordMaxAge is the maximum password age until the security
	// administrator sets another.
	DefaultPasswordMaxAge = 90 * 24 * time.Hour
	// maxPasswordAgeDays bounds what may be set: ten years.
	maxPasswordAgeDays = 3650
)

// settingPasswordMaxAge is the setting of the maximum password age, in days.
const settingPasswordMaxAge = "password.max_age_days"

// CheckPassword returns why password may not be the password of username,
// or nil. The checks: length from 12 to 128 characters; at least three of
// upper-case letters, lower-case letters, digits and other characters
// (symbols, or letters without case such as Chinese characters); not
// containing the user name (from three characters, ignoring case); and not
// a common password (see commonPassword).
func CheckPassword(username, password string) error {
	return checkPasswordField("password", username, password)
}

// checkPasswordField is CheckPassword naming the input field at fault.
func checkPasswordField(field, username, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return fault.Field(field, "password.short", MinPasswordLength)
	case n > MaxPasswordLength:
		return fault.Field(field, "password.long", MaxPasswordLength)
	case !utf8.ValidString(password):
		return fault.Field(field, "password.utf8")
	case passwordKinds(password) < MinPasswordKinds:
		return fault.Field(field, "password.kinds", MinPasswordKinds)
	}
	lower := strings.ToLower(password)
	if u := strings.ToLower(strings.TrimSpace(username)); utf8.RuneCountInString(u) >= 3 && strings.Contains(lower, u) {
		return fault.Field(field, "password.username")
	}
	if commonPassword(password) {
		return fault.Field(field, "password.common")
	}
	return nil
}

// passwordKinds counts the kinds of character in s.
func passwordKinds(s string) int {
	var upper, lower, digit, other bool
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	n := 0
	for _, b := range []bool{upper, lower, digit, other} {
		if b {
			n++
		}
	}
	return n
}

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the list of common_passwords.txt as a set.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonPasswordsText))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		for _, w := range strings.Fields(line) {
			set[strings.ToLower(w)] = true
		}
	}
	return set
})

// walks are the runs of keys and characters people type in order; any
// stretch of three or more of them, forwards or backwards, is guessable.
var walks = []string{
	"abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "1q2w3e4r5t6y7u8i9o0p",
	"!@#$%^&*()", "qweasdzxc", "147258369", "159357", "159753",
}

// commonPassword reports whether password is, once normalized, common or
// a pattern: lower-cased, with the digits and symbols at either end
// stripped (Password123! is password), with the usual substitutions undone
// (p@ssw0rd is password), or reduced to what it repeats; a core of fewer
// than four characters between digits and symbols (Ab!123456789) counts too.
func commonPassword(password string) bool {
	lower := strings.ToLower(password)
	core := strings.TrimFunc(lower, notLetter)
	if utf8.RuneCountInString(core) < 4 {
		return true
	}
	for _, c := range []string{lower, core, strings.TrimRightFunc(lower, notLetter), unleet(lower), unleet(core)} {
		if guessable(c) {
			return true
		}
		if unit := repeated(c); unit != "" && (guessable(unit) || utf8.RuneCountInString(unit) <= 4) {
			return true
		}
	}
	return false
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// guessable reports whether s is in the list or a walk, as it is or with
// the digits and symbols at its ends stripped, with or without the
// substitutions undone.
func guessable(s string) bool {
	trimmed := strings.TrimFunc(s, notLetter)
	for _, c := range []string{s, trimmed, unleet(s), strings.TrimFunc(unleet(s), notLetter)} {
		if c == "" || commonPasswords()[c] {
			return true
		}
	}
	return utf8.RuneCountInString(s) >= 3 && isWalk(s) || utf8.RuneCountInString(trimmed) >= 3 && isWalk(trimmed)
}

// isWalk reports whether s is one character repeated, or a stretch of a
// walk forwards or backwards.
func isWalk(s string) bool {
	if strings.Count(s, s[:1]) == len(s) {
		return true
	}
	rev := reverse(s)
	for _, w := range walks {
		if strings.Contains(w, s) || strings.Contains(w, rev) {
			return true
		}
	}
	return false
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// repeated returns the shortest unit that s is two or more copies of, or "".
func repeated(s string) string {
	for n := 1; n <= len(s)/2; n++ {
		if len(s)%n == 0 && strings.Repeat(s[:n], len(s)/n) == s {
			return s[:n]
		}
	}
	return ""
}

// leet undoes the substitutions people make to satisfy a policy.
var leet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t", "+", "t", "8", "b", "9", "g")

func unleet(s string) string { return leet.Replace(s) }

// PasswordPolicy is the policy in force, as the security administrator set it.
type PasswordPolicy struct {
	MinLength  int
	MinKinds   int
	MaxAgeDays int // 0: passwords do not expire
}

// PasswordPolicy returns the policy in force.
func (s *Service) PasswordPolicy(ctx context.Context) (PasswordPolicy, error) {
	age, err := s.passwordMaxAge(ctx)
	if err != nil {
		return PasswordPolicy{}, err
	}
	return PasswordPolicy{MinLength: MinPasswordLength, MinKinds: MinPasswordKinds, MaxAgeDays: int(age / (24 * time.Hour))}, nil
}

// passwordMaxAge returns the maximum password age; 0 is none.
func (s *Service) passwordMaxAge(ctx context.Context) (time.Duration, error) {
	v, err := s.Store.Setting(ctx, settingPasswordMaxAge)
	if fault.Is(err, fault.NotFound) {
		return DefaultPasswordMaxAge, nil
	} else if err != nil {
		return 0, err
	}
	days, err := strconv.Atoi(v)
	if err != nil || days < 0 {
		return DefaultPasswordMaxAge, nil
	}
	return time.Duration(days) * 24 * time.Hour, nil
}

// passwordExpired reports whether a password set at changed has outlived maxAge at now.
func passwordExpired(changed time.Time, maxAge time.Duration, now time.Time) bool {
	return maxAge > 0 && !changed.IsZero() && !now.Before(changed.Add(maxAge))
}

package personal

import "strings"

// Scrub masks the phone numbers and ID numbers written inside free text, as
// people write them: mobiles (13812345678, 138 1234 5678, +86-138-1234-5678),
// landlines with their area code (0738-8123456, (0738)8123456) and ID
// numbers of 18 characters (and the old ones of 15 digits), in ASCII or
// full-width digits. Each is masked as MaskPhone and MaskID would mask it;
// the rest of the text is left alone. A number is only taken whole: digits
// right before or after it make it something else (an amount, a code).
func Scrub(text string) string {
	rs := []rune(text)
	var b strings.Builder
	done := 0 // rs[:done] is written to b
	for i := 0; i < len(rs); {
		if !startsNumber(rs, i) {
			i++
			continue
		}
		end, masked, ok := matchNumber(rs, i)
		if !ok {
			i = skipDigits(rs, i)
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(text))
		}
		b.WriteString(string(rs[done:i]))
		b.WriteString(masked)
		done, i = end, end
	}
	if done == 0 {
		return text
	}
	b.WriteString(string(rs[done:]))
	return b.String()
}

// digitOf returns the value of an ASCII or full-width digit.
func digitOf(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r >= '０' && r <= '９':
		return byte(r-'０') + '0', true
	}
	return 0, false
}

func isDigit(r rune) bool { _, ok := digitOf(r); return ok }

// isSeparator reports whether r may stand between the groups of a number.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '-', '－', '—', '‐', '\u00a0', '\u3000':
		return true
	}
	return false
}

// startsNumber reports whether a number may begin at rs[i]: a digit, a plus
// or an opening parenthesis before a digit, not in the middle of digits.
func startsNumber(rs []rune, i int) bool {
	if i > 0 && isDigit(rs[i-1]) {
		return false
	}
	switch r := rs[i]; {
	case isDigit(r):
		return true
	case r == '+' || r == '＋' || r == '(' || r == '（':
		return i+1 < len(rs) && isDigit(rs[i+1])
	}
	return false
}

func skipDigits(rs []rune, i int) int {
	i++
	for i < len(rs) && isDigit(rs[i]) {
		i++
	}
	return i
}

// group is a prefix of the number being read: its digits (ASCII) and the
// index in the text just after its last character.
type group struct {
	digits string
	end    int
}

// readGroups reads a number from rs[i]: groups of digits joined by single
// separators (or a closing parenthesis), and returns the prefixes that end
// at the end of a group, at most 20 digits in all. Seventeen digits and an
// X (an ID number's check character) are a prefix too.
func readGroups(rs []rune, i int) []group {
	var ds []byte
	var out []group
	j := i
	if r := rs[j]; r == '+' || r == '＋' || r == '(' || r == '（' {
		j++
	}
	for len(ds) < 20 {
		start := j
		for j < len(rs) && isDigit(rs[j]) && len(ds) < 20 {
			d, _ := digitOf(rs[j])
			ds = append(ds, d)
			j++
		}
		if j == start {
			break
		}
		end := j
		if len(ds) == 17 && j < len(rs) && (rs[j] == 'X' || rs[j] == 'x' || rs[j] == 'Ｘ' || rs[j] == 'ｘ') {
			out = append(out, group{digits: string(ds) + "X", end: j + 1})
		}
		out = append(out, group{digits: string(ds), end: end})
		if j+1 < len(rs) && (isSeparator(rs[j]) || rs[j] == ')' || rs[j] == '）') && isDigit(rs[j+1]) {
			j++
			continue
		}
		if j+2 < len(rs) && (rs[j] == ')' || rs[j] == '）') && isSeparator(rs[j+1]) && isDigit(rs[j+2]) {
			j += 2
			continue
		}
		break
	}
	return out
}

// matchNumber decides whether a phone or ID number begins at rs[i] and
// returns where it ends and its masked form. Of the prefixes that end where
// no digit follows, an ID number of 18 is taken first, then a mobile, a
// landline, an old ID number of 15; the shortest match of a kind wins, so
// that "13812345678 2026" masks the mobile and leaves the year.
func matchNumber(rs []rune, i int) (end int, masked string, ok bool) {
	gs := readGroups(rs, i)
	whole := func(g group) bool { return g.end >= len(rs) || !isDigit(rs[g.end]) }
	for _, kind := range []func(string) (string, bool){idMask, mobileMask, landlineMask, oldIDMask} {
		for _, g := range gs {
			if m, ok := kind(g.digits); ok && whole(g) {
				return g.end, m, true
			}
		}
	}
	return 0, "", false
}

func idMask(d string) (string, bool) {
	if len(d) != 18 || d[0] == '0' || !allDigits(d[:17]) || !(isASCIIDigit(d[17]) || d[17] == 'X') {
		return "", false
	}
	return MaskID(d), true
}

func oldIDMask(d string) (string, bool) {
	if len(d) != 15 || d[0] == '0' || !allDigits(d) {
		return "", false
	}
	return MaskID(d), true
}

// mobileMask takes a mobile number of 11 digits beginning 13 to 19, after
// an optional country code 86.
func mobileMask(d string) (string, bool) {
	if len(d) == 13 && strings.HasPrefix(d, "86") {
		d = d[2:]
	}
	if len(d) != 11 || d[0] != '1' || d[1] < '3' || !allDigits(d) {
		return "", false
	}
	return MaskPhone(d), true
}

// landlineMask takes a landline with its area code: 0, then 9 to 11 digits.
func landlineMask(d string) (string, bool) {
	if len(d) < 10 || len(d) > 12 || d[0] != '0' || !allDigits(d) {
		return "", false
	}
	return MaskPhone(d), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// Package personal protects personal information (个人信息保护法): phone
// numbers, ID numbers and names are masked wherever they are not needed.
package personal

import "strings"

// MaskPhone keeps the first three and last four digits: 138****5678.
func MaskPhone(p string) string {
	r := []rune(strings.TrimSpace(p))
	if len(r) <= 7 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// MaskEmail keeps the first character of the mailbox and the domain:
// z***@example.cn.
func MaskEmail(e string) string {
	e = strings.TrimSpace(e)
	at := strings.LastIndex(e, "@")
	if at <= 0 {
		return MaskName(e)
	}
	return MaskName(e[:at]) + e[at:]
}

// MaskName keeps the first character of a name: 张**.
func MaskName(n string) string {
	r := []rune(strings.TrimSpace(n))
	if len(r) == 0 {
		return ""
	}
	if len(r) == 1 {
		return "*"
	}
	return string(r[:1]) + strings.Repeat("*", len(r)-1)
}

// MaskID keeps the first six and last four characters of an ID number.
func MaskID(id string) string {
	r := []rune(strings.TrimSpace(id))
	if len(r) <= 10 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:6]) + strings.Repeat("*", len(r)-10) + string(r[len(r)-4:])
}

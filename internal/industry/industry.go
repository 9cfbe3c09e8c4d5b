// Package industry is the national industry classification GB/T 4754-2017
// (国民经济行业分类) down to its divisions: the 20 sections (门类, A–T) and the
// 97 divisions (大类, 01–97). The table is a fact of the standard, compiled
// into the binary, so that an enterprise's industry can be checked and shown
// the same way everywhere without a database table or a network call.
package industry

import (
	"slices"
	"strings"
	"unicode"
)

// Section is one of the 20 sections (门类) of GB/T 4754-2017.
type Section struct {
	Code string // a capital letter, "A" to "T"
	Name string // the official name, e.g. "制造业"
}

// Division is one of the 97 divisions (大类) of GB/T 4754-2017.
type Division struct {
	Code    string // two digits, "01" to "97"
	Name    string // the official name, e.g. "农副食品加工业"
	Section string // the letter of the section it belongs to, e.g. "C"
}

// The indexes are built once from the tables and never change.
var (
	sectionIndex  = indexBy(sections[:], func(s Section) string { return s.Code })
	divisionIndex = indexBy(divisions[:], func(d Division) string { return d.Code })
	nameIndex     = indexBy(divisions[:], func(d Division) string { return d.Name })
)

func indexBy[T any](items []T, key func(T) string) map[string]int {
	m := make(map[string]int, len(items))
	for i, it := range items {
		m[key(it)] = i
	}
	return m
}

// Sections returns the 20 sections in code order. The slice is a copy the
// caller may keep or change.
func Sections() []Section {
	return slices.Clone(sections[:])
}

// Divisions returns the 97 divisions in code order. The slice is a copy the
// caller may keep or change.
func Divisions() []Division {
	return slices.Clone(divisions[:])
}

// Find returns the division a person most likely meant by s, as typed in a
// form or a spreadsheet cell: a division code ("13", "C13", "c13"), its
// official name ("农副食品加工业"), or the Label of a division
// ("C13 农副食品加工业"), each with surrounding spaces, full-width spaces
// included, ignored. Full-width letters and digits count as their ASCII forms,
// and a one-digit code counts as its two-digit form ("1" is "01"), since a
// spreadsheet drops the leading zero of a number. A code prefixed with the
// wrong section letter ("A13") is not found.
func Find(s string) (Division, bool) {
	t := trim(s)
	if i, ok := nameIndex[t]; ok {
		return divisions[i], true
	}
	if d, ok := divisionByCode(t); ok {
		return d, true
	}
	// The Label form: a code and the same division's name.
	if f := strings.Fields(t); len(f) == 2 {
		if d, ok := divisionByCode(f[0]); ok && d.Name == f[1] {
			return d, true
		}
	}
	return Division{}, false
}

// SectionOf returns the section of a division code, in any form Find accepts
// for a code, or of a section letter ("C" or "c").
func SectionOf(code string) (Section, bool) {
	t := fold(trim(code))
	if i, ok := sectionIndex[t]; ok {
		return sections[i], true
	}
	if d, ok := divisionByCode(t); ok {
		return sections[sectionIndex[d.Section]], true
	}
	return Section{}, false
}

// Label returns how a division or a section is shown to a person: its letter
// and code, a space and its name, as in "C13 农副食品加工业" or "C 制造业".
// code is a division code in any form Find accepts for a code, or a section
// letter. Label returns "" for anything else, so that an unknown code shows
// as blank rather than as a made-up name.
func Label(code string) string {
	t := fold(trim(code))
	if i, ok := sectionIndex[t]; ok {
		s := sections[i]
		return s.Code + " " + s.Name
	}
	if d, ok := divisionByCode(t); ok {
		return d.Section + d.Code + " " + d.Name
	}
	return ""
}

// divisionByCode looks up a division code: one or two digits, optionally
// after the letter of the division's own section.
func divisionByCode(s string) (Division, bool) {
	s = fold(s)
	letter := ""
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		letter, s = s[:1], s[1:]
	}
	if len(s) == 1 {
		s = "0" + s
	}
	if len(s) != 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return Division{}, false
	}
	i, ok := divisionIndex[s]
	if !ok || (letter != "" && letter != divisions[i].Section) {
		return Division{}, false
	}
	return divisions[i], true
}

// trim removes surrounding white space, the full-width space U+3000 among
// it, and a byte order mark, which a CSV file's first cell may carry.
func trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
}

// fold turns full-width ASCII forms (U+FF01–U+FF5E) into ASCII and lower-case
// letters into capitals, for codes typed with a Chinese input method on.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			r -= '！' - '!'
		}
		return unicode.ToUpper(r)
	}, s)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

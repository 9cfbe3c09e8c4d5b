// Package search turns Chinese and mixed text into the terms of zhitong's
// keyword index: overlapping two-character tokens (bigrams) for Chinese, so
// that a two-character query such as 退税 is one index lookup on either
// engine, and whole lower-cased words for Latin letters and digits.
package search

import (
	"strings"
	"unicode"
)

// MaxTerms caps the terms kept for one text, so that a pasted novel cannot
// bloat the index.
const MaxTerms = 2000

// Terms returns the distinct index terms of the texts.
func Terms(texts ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range texts {
		for _, term := range tokens(t) {
			if !seen[term] && len(out) < MaxTerms {
				seen[term] = true
				out = append(out, term)
			}
		}
	}
	return out
}

// QueryTerms returns the terms that a keyword's matches must all contain,
// or nil if the keyword has none that the index can find (a lone Chinese
// character, punctuation only).
func QueryTerms(keyword string) []string { return Terms(keyword) }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isWord(r rune) bool { return r < 0x3000 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// tokens splits s into runs: a run of Han characters gives its bigrams, a run
// of letters and digits gives itself, lower-cased; anything else separates.
func tokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		switch {
		case isHan(rs[i]):
			j := i
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
			for k := i; k+1 < j; k++ {
				out = append(out, string(rs[k:k+2]))
			}
			i = j
		case isWord(rs[i]):
			j := i
			for j < len(rs) && isWord(rs[j]) {
				j++
			}
			if w := strings.ToLower(string(rs[i:j])); len(w) <= 40 {
				out = append(out, w)
			}
			i = j
		default:
			i++
		}
	}
	return out
}

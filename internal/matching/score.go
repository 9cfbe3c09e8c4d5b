// Package matching links the appeals registered against a name alone to the
// registry of market entities (suggested by credit code and name, confirmed
// by an officer), and merges an entity registered twice into the one the
// officer keeps.
package matching

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reason says why an entity is suggested for an appeal.
type Reason string

// The reasons, strongest first.
const (
	ByCode      Reason = "code"      // the same unified social credit code
	ByName      Reason = "name"      // the same name
	BySameCore  Reason = "same_core" // the same name but for suffix (有限公司…), brackets, width and spaces
	ByContains  Reason = "contains"  // the registry's name contains the appeal's
	ByContained Reason = "contained" // the appeal's name contains the registry's
	BySimilar   Reason = "similar"   // many of the same pairs of characters
)

// Reasons lists the reasons.
var Reasons = []Reason{ByCode, ByName, BySameCore, ByContains, ByContained, BySimilar}

// The scores of each reason (out of 100). Containment and similarity
// scale within their band by how much of the names they share, so that a
// near match ranks above a loose one; a code that differs costs codePenalty.
const (
	scoreCode       = 100
	scoreName       = 95
	scoreSameCore   = 90
	containsBase    = 60 // + up to 25 by the share of the longer name the shorter covers
	containsSpan    = 25
	similarBase     = 30 // + up to 40 by the Dice coefficient of the pairs of characters
	similarSpan     = 40
	similarAtLeast  = 0.5 // Dice coefficient below which names are not similar
	codePenalty     = 30  // both codes known and different: two legal entities, likely
	MinScore        = 40  // a candidate scoring less is not suggested
	MaxSuggestions  = 10
	minContainRunes = 2 // a name shorter than this contains nothing worth suggesting
)

// suffixes are the legal forms that end a name and say nothing of which
// entity it is, the longest first so that 股份有限公司 goes whole.
var suffixes = []string{"股份有限公司", "有限责任公司", "有限公司", "个体工商户", "公司"}

// brackets are dropped, full- and half-width alike (full width is folded
// first), keeping what they enclose: 湖南利钢（娄底）… reads as 湖南利钢娄底….
var brackets = strings.NewReplacer("(", "", ")", "", "[", "", "]", "", "【", "", "】", "", "〔", "", "〕", "", "《", "", "》", "", "<", "", ">", "")

// Normalize folds full-width letters, digits and punctuation to half width,
// drops spaces and brackets and lower-cases Latin letters: the forms a
// name is typed in that do not make it another name.
func Normalize(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r >= '\uFF01' && r <= '\uFF5E':
			r -= 0xFEE0
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return brackets.Replace(b.String())
}

// Core is a name normalized, without its legal form (有限公司…).
func Core(name string) string {
	c := Normalize(name)
	for {
		cut := false
		for _, s := range suffixes {
			if c == s {
				return c // the form alone is all the name there is
			}
			if rest, ok := strings.CutSuffix(c, s); ok {
				c, cut = rest, true
				break
			}
		}
		if !cut {
			return c
		}
	}
}

// RegionWords are the words a name may begin with that say only where the
// entity is: each unit's name (湖南省, 娄底市, 娄星区) and the same without
// its level (湖南, 娄底, 娄星), longest first.
func RegionWords(units ...string) []string {
	var out []string
	for _, u := range units {
		u = Normalize(u)
		if u == "" {
			continue
		}
		out = append(out, u)
		for _, level := range []string{"自治州", "自治县", "街道", "省", "市", "区", "县", "镇", "乡"} {
			if rest, ok := strings.CutSuffix(u, level); ok && utf8.RuneCountInString(rest) >= 2 {
				out = append(out, rest)
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return slices.Compact(out)
}

// stripRegions drops the region words a core begins with (湖南省娄底市…).
func stripRegions(core string, regions []string) string {
	for {
		cut := false
		for _, w := range regions {
			if rest, ok := strings.CutPrefix(core, w); ok && utf8.RuneCountInString(rest) >= minContainRunes {
				core, cut = rest, true
				break
			}
		}
		if !cut {
			return core
		}
	}
}

// Query is what an appeal says of its entity, read once to score many.
type Query struct {
	Name, Code string
	name       string // trimmed
	core       string // Core(Name)
	key        string // the core without its region words
	pairs      map[string]bool
	regions    []string
}

// NewQuery reads an appeal's name and code; regions are the region words
// of its district (RegionWords).
func NewQuery(name, code string, regions []string) *Query {
	q := &Query{Name: name, Code: strings.ToUpper(strings.TrimSpace(code)), name: strings.TrimSpace(name), regions: regions}
	q.core = Core(q.name)
	q.key = stripRegions(q.core, regions)
	q.pairs = pairs(q.key)
	return q
}

// Empty reports whether the query names nothing to look for.
func (q *Query) Empty() bool { return q.Code == "" && q.core == "" }

// Score is how well an entity of the registry with that name and code
// matches the query, and why; ok is false when it does not match at all.
func (q *Query) Score(name, code string) (score int, why Reason, codeDiffers bool, ok bool) {
	code = strings.TrimSpace(code)
	if q.Code != "" && code == q.Code {
		return scoreCode, ByCode, false, true
	}
	score, why = q.byName(name)
	if why == "" {
		return 0, "", false, false
	}
	if q.Code != "" && code != "" {
		score, codeDiffers = score-codePenalty, true
	}
	return score, why, codeDiffers, score >= MinScore
}

// byName scores a registry name against the query's name alone.
func (q *Query) byName(name string) (int, Reason) {
	name = strings.TrimSpace(name)
	if q.core == "" || name == "" {
		return 0, ""
	}
	if name == q.name {
		return scoreName, ByName
	}
	core := Core(name)
	if core == q.core {
		return scoreSameCore, BySameCore
	}
	key := stripRegions(core, q.regions)
	if key == q.key {
		// The same but for where it says it is: 娄底利钢 and 湖南利钢.
		return containsBase + containsSpan - 1, ByContains
	}
	// Contained the one in the other, the name or the name without its
	// region words: the more of the longer the shorter covers, the closer.
	for _, p := range [][2]string{{q.core, core}, {q.key, key}} {
		mine, theirs := utf8.RuneCountInString(p[0]), utf8.RuneCountInString(p[1])
		switch {
		case mine >= minContainRunes && strings.Contains(p[1], p[0]):
			return containsBase + containsSpan*mine/theirs, ByContains
		case theirs >= minContainRunes && strings.Contains(p[0], p[1]):
			return containsBase + containsSpan*theirs/mine, ByContained
		}
	}
	if d := dice(q.pairs, pairs(key)); d >= similarAtLeast {
		return similarBase + int(similarSpan*d), BySimilar
	}
	return 0, ""
}

// pairs are the distinct pairs of adjacent characters of s (its bigrams).
func pairs(s string) map[string]bool {
	rs := []rune(s)
	out := make(map[string]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		out[string(rs[i:i+2])] = true
	}
	return out
}

// dice is the Dice coefficient of two sets of pairs: twice what they share
// over how many they have.
func dice(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for p := range a {
		if b[p] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// Candidate is an entity suggested for an appeal.
type Candidate struct {
	ID          int64
	Name        string
	Code        string
	Score       int
	Reason      Reason
	CodeDiffers bool // both codes known and different: likely another legal entity
}

// Rank scores the entities es against q and returns the matches, the best
// first (then the oldest entry), at most limit.
func Rank(q *Query, es []Candidate, limit int) []Candidate {
	var out []Candidate
	seen := map[int64]bool{}
	for _, e := range es {
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		s, why, differs, ok := q.Score(e.Name, e.Code)
		if !ok {
			continue
		}
		e.Score, e.Reason, e.CodeDiffers = s, why, differs
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

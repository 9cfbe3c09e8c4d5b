// Package policy holds the policies for enterprises (惠企政策) a district
// publishes: who issued them, when they hold, their text and files, and
// the market entities they concern — by industry, township and size. A
// published policy goes to the entities its tags match (its targets): in
// the portal, and by SMS where that is configured. Who has read it there or
// had it explained at a liaison cadre's visit, and the share of its targets
// it so reached (知晓率), are known.
package policy

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/industry"
	"zhitong/internal/report"
)

// Policy is one published policy of a district.
type Policy struct {
	ID         int64
	DistrictID int64
	IssuerID   int64 // the issuing unit (发文单位), a unit of the district
	Title      string
	DocNo      string // the document number (文号); "" if none
	// EffectiveFrom and EffectiveTo are days (midnight, China Standard
	// Time); a zero EffectiveTo holds until further notice.
	EffectiveFrom time.Time
	EffectiveTo   time.Time
	Body          string
	Tags          Tags
	PublishedBy   int64 // 0: the system (the demo)
	PublishedAt   time.Time
	Targets       int // the entities targeted when it was published
	Reads         int // of them, those it reached: read on the portal or explained at a visit
}

// Reach is the policy's 知晓率: its targets that read it.
func (p *Policy) Reach() report.Rate { return report.RateOf(p.Reads, p.Targets) }

// Tags say which of a district's entities a policy concerns. Each kind
// left empty is all: no tags at all is every entity of the district.
type Tags struct {
	Industries  []string // GB/T 4754-2017 section letters ("C") or division codes ("13")
	Territories []int64  // township unit ids
	Sizes       []enterprise.Size
}

// Limits on a policy.
const (
	MaxTitle = 200
	MaxDocNo = 50
	MaxBody  = 50000
	MaxTags  = 100 // of each kind: every division of a section fits
	MaxFiles = 10
)

// normalize trims and checks p's own facts and tags; the issuer and the
// townships, which need the unit tree, are checked by the service.
func (p *Policy) normalize() error {
	p.Title, p.DocNo, p.Body = strings.TrimSpace(p.Title), strings.TrimSpace(p.DocNo), strings.TrimSpace(p.Body)
	switch {
	case p.Title == "":
		return fault.Field("title", "required", "title")
	case utf8.RuneCountInString(p.Title) > MaxTitle:
		return fault.Field("title", "too_long", "title", MaxTitle)
	case utf8.RuneCountInString(p.DocNo) > MaxDocNo:
		return fault.Field("doc_no", "too_long", "doc_no", MaxDocNo)
	case p.Body == "":
		return fault.Field("body", "required", "body")
	case utf8.RuneCountInString(p.Body) > MaxBody:
		return fault.Field("body", "too_long", "body", MaxBody)
	case p.IssuerID <= 0:
		return fault.Field("issuer_id", "required", "issuer_id")
	case p.EffectiveFrom.IsZero():
		return fault.Field("effective_from", "required", "effective_from")
	case !p.EffectiveTo.IsZero() && p.EffectiveTo.Before(p.EffectiveFrom):
		return fault.Field("effective_to", "policy.dates")
	}
	return p.Tags.normalize()
}

// normalize checks the tags and writes each industry as the standard
// writes it: a section's capital letter or a division's two digits.
// Repeats are dropped; the order is kept.
func (t *Tags) normalize() error {
	if len(t.Industries) > MaxTags || len(t.Territories) > MaxTags || len(t.Sizes) > MaxTags {
		return fault.Field("tags", "policy.tags", MaxTags)
	}
	var inds []string
	for _, s := range t.Industries {
		code, ok := industryTag(s)
		if !ok {
			return fault.Field("industries", "policy.industry", strings.TrimSpace(s))
		}
		if !slices.Contains(inds, code) {
			inds = append(inds, code)
		}
	}
	t.Industries = inds
	var sizes []enterprise.Size
	for _, s := range t.Sizes {
		if !slices.Contains(enterprise.Sizes, s) {
			return fault.Field("sizes", "enterprise.size")
		}
		if !slices.Contains(sizes, s) {
			sizes = append(sizes, s)
		}
	}
	t.Sizes = sizes
	var ts []int64
	for _, id := range t.Territories {
		if id <= 0 {
			return fault.Field("territories", "policy.territory")
		}
		if !slices.Contains(ts, id) {
			ts = append(ts, id)
		}
	}
	t.Territories = ts
	return nil
}

// industryTag reads s as a section letter ("C", "c") or a division code
// ("13", "C13", as industry.Find reads a code). A division's name is not a
// tag: names are long and a section's name is not a division's.
func industryTag(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'z' {
		if sec, ok := industry.SectionOf(s); ok {
			return sec.Code, true
		}
		return "", false
	}
	if d, ok := industry.Find(s); ok && strings.ContainsAny(s, "0123456789") {
		return d.Code, true
	}
	return "", false
}

// Divisions are the division codes the industry tags cover: a section's
// every division, a division itself; nil when there are no industry tags
// (every entity, including those whose industry is unknown).
func (t *Tags) Divisions() []string {
	if len(t.Industries) == 0 {
		return nil
	}
	var out []string
	for _, code := range t.Industries {
		if len(code) == 1 {
			for _, d := range industry.Divisions() {
				if d.Section == code {
					out = append(out, d.Code)
				}
			}
		} else {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Matches reports whether an entity lying in territory, of division code
// and size, is one the tags concern. The store selects targets with the
// same conditions in SQL; this is their statement in Go.
func (t *Tags) Matches(territory int64, code string, size enterprise.Size) bool {
	return (len(t.Territories) == 0 || slices.Contains(t.Territories, territory)) &&
		(len(t.Industries) == 0 || slices.Contains(t.Divisions(), code)) &&
		(len(t.Sizes) == 0 || slices.Contains(t.Sizes, size))
}

// JoinIDs writes ids comma-separated, as the store keeps a policy's townships.
func JoinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// SplitIDs reads ids written by JoinIDs.
func SplitIDs(s string) []int64 {
	var out []int64
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

package registry

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/personal"
)

// rowParser checks the rows of one file.
type rowParser struct {
	head       *heading
	look       Lookups
	seen       map[string]int // the line of each credit code met so far
	industries map[string]found[string]
	townships  map[string]found[int64]
}

// found is a lookup's answer, kept so that each value is asked about once.
type found[T any] struct {
	v  T
	ok bool
}

func newRowParser(h *heading, look Lookups) *rowParser {
	return &rowParser{head: h, look: look, seen: map[string]int{},
		industries: map[string]found[string]{}, townships: map[string]found[int64]{}}
}

// rowCheck gathers the problems of one row.
type rowCheck struct {
	line  int
	head  *heading
	probs []Problem
}

func (rc *rowCheck) bad(c int, key string, args ...any) {
	rc.probs = append(rc.probs, Problem{Line: rc.line, Column: rc.head.names[c], Key: key, Args: args})
}

// row checks one data row; each cell on its own, so that a row reports all
// its bad cells.
func (p *rowParser) row(line int, v *[nColumns]string) (Row, []Problem) {
	rc := &rowCheck{line: line, head: p.head}
	r := Row{Line: line}
	r.CreditCode = p.code(rc, v[colCode])
	r.Name = text(rc, colName, v[colName], MaxName)
	r.Industry = p.industry(rc, v[colIndustry])
	r.TerritoryID = p.township(rc, v[colTownship])
	r.Size = size(rc, v[colSize])
	r.Address = text(rc, colAddress, v[colAddress], MaxAddress)
	r.ContactName = text(rc, colContact, v[colContact], MaxContact)
	r.ContactPhone = phone(rc, v[colPhone])
	r.Tags = tags(rc, v[colTags])
	if len(rc.probs) > 0 {
		return Row{}, rc.probs
	}
	return r, nil
}

// code reads 统一社会信用代码: required, valid, and not in an earlier row.
func (p *rowParser) code(rc *rowCheck, s string) string {
	if s == "" {
		rc.bad(colCode, "required", columns[colCode].label())
		return ""
	}
	code := enterprise.NormalizeCreditCode(strings.Join(strings.Fields(width.Narrow.String(s)), ""))
	if scientific(code) {
		rc.bad(colCode, "registry.credit_number", quoted(s))
		return ""
	}
	if err := enterprise.CheckCreditCode(code); err != nil {
		var fe *fault.Error
		if !errors.As(err, &fe) {
			fe = fault.E(fault.Invalid, "credit.length", utf8.RuneCountInString(code))
		}
		rc.bad(colCode, fe.Key, fe.Args...)
		return ""
	}
	if first, dup := p.seen[code]; dup {
		rc.bad(colCode, "registry.dup_code", code, first)
		return ""
	}
	p.seen[code] = rc.line
	return code
}

// scientific reports whether s is a number in the form Excel gives a long
// number it keeps as a number, such as 9.14313E+17: the digits after the
// fifteenth are lost.
func scientific(s string) bool {
	i := strings.Index(s, "E+")
	if i <= 0 || i+2 == len(s) {
		return false
	}
	for _, r := range s[:i] + s[i+2:] {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// text reads a cell of free text of at most max characters, required when
// its column is.
func text(rc *rowCheck, c int, s string, max int) string {
	if s == "" && columns[c].required {
		rc.bad(c, "required", columns[c].label())
		return ""
	}
	if utf8.RuneCountInString(s) > max {
		rc.bad(c, "too_long", columns[c].label(), max)
		return ""
	}
	return s
}

// industry reads 行业: blank, or an industry the lookup knows.
func (p *rowParser) industry(rc *rowCheck, s string) string {
	if s == "" {
		return ""
	}
	f, asked := p.industries[s]
	if !asked {
		f.v, f.ok = p.look.Industry(s)
		f.ok = f.ok && f.v != ""
		p.industries[s] = f
	}
	if !f.ok {
		rc.bad(colIndustry, "registry.industry", quoted(s))
		return ""
	}
	return f.v
}

// township reads 所属镇街: blank, or a township the lookup knows.
func (p *rowParser) township(rc *rowCheck, s string) int64 {
	if s == "" {
		return 0
	}
	f, asked := p.townships[s]
	if !asked {
		f.v, f.ok = p.look.Township(s)
		f.ok = f.ok && f.v > 0
		p.townships[s] = f
	}
	if !f.ok {
		rc.bad(colTownship, "registry.township", quoted(s))
		return 0
	}
	return f.v
}

// sizeNames are the ways a file may write each size.
var sizeNames = map[string]string{
	SizeLarge: SizeLarge, SizeLarge + "企业": SizeLarge,
	SizeMedium: SizeMedium, SizeMedium + "企业": SizeMedium,
	SizeSmall: SizeSmall, SizeSmall + "企业": SizeSmall,
	SizeMicro: SizeMicro, SizeMicro + "企业": SizeMicro,
	SizeSole: SizeSole, "个体户": SizeSole, "个体工商户": SizeSole,
}

// size reads 规模: blank, or one of the sizes.
func size(rc *rowCheck, s string) string {
	if s == "" {
		return ""
	}
	v, ok := sizeNames[strings.Join(strings.Fields(s), "")]
	if !ok {
		rc.bad(colSize, "registry.size", quoted(s))
	}
	return v
}

// phone reads 联系电话: blank, or a phone number, full-width digits read as
// digits.
func phone(rc *rowCheck, s string) string {
	if s == "" {
		return ""
	}
	s = strings.TrimSpace(width.Narrow.String(s))
	if !personal.ValidPhone(s) {
		rc.bad(colPhone, "bad_phone")
		return ""
	}
	return s
}

// isTagSeparator reports whether r separates tags: 、，,;； or a space.
func isTagSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("、，,;；", r)
}

// tags reads 标签: at most MaxTags tags of at most MaxTag characters each;
// a tag given twice counts once.
func tags(rc *rowCheck, s string) []string {
	var out []string
	for t := range strings.FieldsFuncSeq(s, isTagSeparator) {
		if utf8.RuneCountInString(t) > MaxTag {
			rc.bad(colTags, "registry.tag_long", quoted(t), MaxTag)
			return nil
		}
		if contains(out, t) {
			continue
		}
		if len(out) == MaxTags {
			rc.bad(colTags, "registry.tags_many", MaxTags)
			return nil
		}
		out = append(out, t)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

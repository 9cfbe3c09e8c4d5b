package matching

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The look-ups a query asks of the registry's indexes: beginnings of names
// (Prefixes), names the typed one begins with (Heads), and the pairs of
// characters similar names share (Pairs, NamePairs).

// commonPairs are pairs of characters that half a district's names hold
// (lines of business, legal forms): looking similar names up by them would
// read most of the registry for nothing.
var commonPairs = map[string]bool{}

func init() {
	for _, w := range []string{"科技", "发展", "实业", "贸易", "商贸", "建筑", "工程", "建设", "机械", "制造", "有限", "公司", "责任", "股份",
		"金属", "制品", "服务", "管理", "咨询", "信息", "技术", "电子", "食品", "商行", "商店", "经营", "集团", "开发", "投资", "农业",
		"湖南", "娄底", "物流", "运输", "餐饮", "装饰", "材料", "销售", "批发", "零售", "超市", "门市", "工作", "合作", "专业", "个体", "工商"} {
		commonPairs[w] = true
	}
}

// Prefixes are the beginnings a registry name of the same entity likely
// has: the query's name without its legal form, and the same after each
// region word (湖南利钢 for 利钢), for lookups on the name's index.
func (q *Query) Prefixes() []string {
	base := strings.TrimSpace(q.name)
	for _, s := range suffixes {
		if rest, ok := strings.CutSuffix(base, s); ok && rest != "" {
			base = rest
			break
		}
	}
	if utf8.RuneCountInString(base) < minContainRunes {
		return nil
	}
	out := []string{base}
	if k := q.key; k != "" && k != q.core {
		out = append(out, k)
		base = k
	}
	for _, r := range q.regions {
		if !strings.HasPrefix(base, r) {
			out = append(out, r+base)
		}
	}
	return slices.Compact(out)
}

// Heads are the names the query's name begins with, from minHead
// characters on (湖南利钢金属制品有限公司 in 湖南利钢金属制品有限公司娄星分厂):
// registry names the appeal's contains, looked up by equality.
func (q *Query) Heads() []string {
	const minHead, maxHeads = 4, 40
	rs := []rune(q.name)
	var out []string
	for n := len(rs); n >= minHead && len(out) < maxHeads; n-- {
		out = append(out, string(rs[:n]))
	}
	return out
}

// Pairs are the query's distinct pairs of characters that are not common
// to half the registry (those NamePairs indexes), to find similar names by:
// at most maxPairs, taken from both ends of the name inwards, so that a
// character mistyped anywhere leaves some of them whole.
func (q *Query) Pairs() []string {
	const maxPairs = 12
	all := distinctPairs(q.key)
	var out []string
	for i, j := 0, len(all)-1; i <= j && len(out) < maxPairs; i, j = i+1, j-1 {
		out = append(out, all[i])
		if j != i && len(out) < maxPairs {
			out = append(out, all[j])
		}
	}
	return out
}

// NamePairs are the pairs of characters a registry name is found by when a
// similar name is typed: those of its core (Core), but the common ones.
func NamePairs(name string) []string { return distinctPairs(Core(name)) }

// distinctPairs are the distinct pairs of adjacent characters of s, in
// order, but the common ones.
func distinctPairs(s string) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i+1 < len(rs); i++ {
		if p := string(rs[i : i+2]); !commonPairs[p] && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

package matching

import (
	"slices"
	"testing"
)

var regions = RegionWords("湖南省", "娄底市", "娄星区")

func TestNormalizeAndCore(t *testing.T) {
	for _, c := range []struct{ in, norm, core string }{
		{"湖南利钢金属制品有限公司", "湖南利钢金属制品有限公司", "湖南利钢金属制品"},
		{" 湖南利钢 金属制品（有限公司） ", "湖南利钢金属制品有限公司", "湖南利钢金属制品"},
		{"湖南利钢(娄底)金属制品有限责任公司", "湖南利钢娄底金属制品有限责任公司", "湖南利钢娄底金属制品"},
		{"娄底ＡＢＣ科技股份有限公司", "娄底abc科技股份有限公司", "娄底abc科技"},
		{"李记小吃店（个体工商户）", "李记小吃店个体工商户", "李记小吃店"},
		{"【娄星】海特公司", "娄星海特公司", "娄星海特"},
		{"有限公司", "有限公司", "有限公司"}, // nothing left: the form is the name
		{"", "", ""},
	} {
		if got := Normalize(c.in); got != c.norm {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.norm)
		}
		if got := Core(c.in); got != c.core {
			t.Errorf("Core(%q) = %q, want %q", c.in, got, c.core)
		}
	}
}

func TestRegionWords(t *testing.T) {
	want := []string{"湖南省", "娄底市", "娄星区", "湖南", "娄底", "娄星"}
	if !slices.Equal(regions, want) {
		t.Errorf("RegionWords = %v, want %v", regions, want)
	}
}

// Each registry name against an appeal's name (and code): the score and
// why, or no match.
func TestScore(t *testing.T) {
	const code, other = "91431302MA4L000013", "91431302MA4L000021"
	for _, c := range []struct {
		appeal, appealCode string
		name, regCode      string
		score              int
		why                Reason
		differs            bool
	}{
		{"随便什么名字", code, "湖南利钢金属制品有限公司", code, 100, ByCode, false},
		{"湖南利钢金属制品有限公司", "", "湖南利钢金属制品有限公司", code, 95, ByName, false},
		{"湖南利钢金属制品", "", "湖南利钢金属制品有限公司", "", 90, BySameCore, false},
		{"湖南利钢金属制品有限责任公司", "", "湖南利钢金属制品有限公司", "", 90, BySameCore, false},
		{"湖南利钢金属制品（有限公司）", "", "湖南 利钢金属制品有限公司", "", 90, BySameCore, false},
		{"娄底利钢金属制品有限公司", "", "湖南利钢金属制品有限公司", "", 84, ByContains, false},
		{"利钢金属", "", "湖南利钢金属制品有限公司", "", 72, ByContains, false},              // 60 + 25·4/8
		{"湖南利钢", "", "湖南利钢金属制品有限公司", "", 72, ByContains, false},              // 60 + 25·4/8
		{"湖南利钢金属制品有限公司娄星分厂", "", "湖南利钢金属制品有限公司", "", 72, ByContained, false}, // 60 + 25·8/16
		{"湖南利刚金属制品有限公司", "", "湖南利钢金属制品有限公司", "", 54, BySimilar, false},       // 30 + 40·0.6: 3 of 5 pairs of 利刚金属制品 and 利钢金属制品
		{"湖南利钢金属制品有限公司", other, "湖南利钢金属制品有限公司", code, 65, ByName, true},
		{"湖南利钢金属制品", other, "湖南利钢金属制品有限公司", "", 90, BySameCore, false}, // the registry's code unknown: no conflict
		{"娄底海特科技", "", "湖南利钢金属制品有限公司", "", 0, "", false},
		{"钢", "", "湖南利钢金属制品有限公司", "", 0, "", false}, // one character contains nothing worth suggesting
		{"", "", "湖南利钢金属制品有限公司", "", 0, "", false},
	} {
		q := NewQuery(c.appeal, c.appealCode, regions)
		score, why, differs, ok := q.Score(c.name, c.regCode)
		if !ok {
			score, why, differs = 0, "", false
		}
		if score != c.score || why != c.why || differs != c.differs {
			t.Errorf("%q (%s) against %q (%s): %d %s %v, want %d %s %v", c.appeal, c.appealCode, c.name, c.regCode,
				score, why, differs, c.score, c.why, c.differs)
		}
	}
}

// Rank puts the code first, then names by score, leaves out what does not
// match and keeps at most the limit.
func TestRank(t *testing.T) {
	q := NewQuery("湖南利钢金属制品", "91431302MA4L000013", regions)
	got := Rank(q, []Candidate{
		{ID: 1, Name: "娄底海特科技发展有限公司"},
		{ID: 2, Name: "湖南利钢金属"},
		{ID: 3, Name: "湖南利钢金属制品有限公司"},
		{ID: 4, Name: "某某公司", Code: "91431302MA4L000013"},
		{ID: 3, Name: "湖南利钢金属制品有限公司"}, // found twice: listed once
		{ID: 5, Name: "湖南利钢金属制品厂"},
	}, 3)
	var ids []int64
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []int64{4, 3, 5}) {
		t.Errorf("ranked %v, want [4 3 5]: %+v", ids, got)
	}
}

func TestLookups(t *testing.T) {
	q := NewQuery("利钢金属制品有限公司", "", regions)
	if got := q.Prefixes(); !slices.Equal(got, []string{"利钢金属制品", "湖南省利钢金属制品", "娄底市利钢金属制品", "娄星区利钢金属制品",
		"湖南利钢金属制品", "娄底利钢金属制品", "娄星利钢金属制品"}) {
		t.Errorf("prefixes %v", got)
	}
	if got := NamePairs("湖南利钢（娄底）金属制品有限公司"); !slices.Equal(got, []string{"南利", "利钢", "钢娄", "底金", "属制"}) {
		t.Errorf("name pairs %v", got)
	}
	if got := q.Heads(); got[0] != "利钢金属制品有限公司" || got[len(got)-1] != "利钢金属" {
		t.Errorf("heads %v", got)
	}
	// Common pairs (金属, 制品) left out; from both ends inwards.
	if got := q.Pairs(); !slices.Equal(got, []string{"利钢", "属制", "钢金"}) {
		t.Errorf("pairs %v", got)
	}
	if got := NewQuery("娄底海特天元电子科技", "", regions).Pairs(); !slices.Equal(got, []string{"海特", "子科", "特天", "元电", "天元"}) {
		t.Errorf("pairs %v", got)
	}
}

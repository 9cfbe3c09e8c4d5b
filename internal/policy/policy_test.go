package policy

import (
	"errors"
	"slices"
	"testing"
	"time"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
)

// Tags read as the standard writes them: a section letter in either case,
// a division code with or without its letter; repeats go. A section covers
// its divisions: C is 13 to 43.
func TestTagsNormalize(t *testing.T) {
	tags := Tags{Industries: []string{" c", "I65", "65", "C"}, Territories: []int64{7, 7, 9}, Sizes: []enterprise.Size{"small", "small"}}
	if err := tags.normalize(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tags.Industries, []string{"C", "65"}) || !slices.Equal(tags.Territories, []int64{7, 9}) || len(tags.Sizes) != 1 {
		t.Fatalf("normalized: %+v", tags)
	}
	d := tags.Divisions()
	if len(d) != 32 || d[0] != "13" || d[30] != "43" || d[31] != "65" {
		t.Fatalf("the divisions of C and 65: %v", d)
	}
	for _, bad := range []string{"Z", "制造业", "农副食品加工业", "99", "A13", ""} {
		tg := Tags{Industries: []string{bad}}
		if err := tg.normalize(); !fault.Is(err, fault.Invalid) {
			t.Errorf("industry tag %q: %v", bad, err)
		}
	}
	if tg := (Tags{Sizes: []enterprise.Size{"huge"}}); tg.normalize() == nil {
		t.Error("a size that is none")
	}
}

// Matches is the targets' condition: each kind of tag left empty is all.
func TestTagsMatch(t *testing.T) {
	tags := Tags{Industries: []string{"C"}, Territories: []int64{7}, Sizes: []enterprise.Size{enterprise.Small, enterprise.Micro}}
	for _, c := range []struct {
		territory int64
		code      string
		size      enterprise.Size
		want      bool
	}{
		{7, "13", enterprise.Small, true},
		{7, "43", enterprise.Micro, true},
		{8, "13", enterprise.Small, false},
		{7, "51", enterprise.Small, false},
		{7, "13", enterprise.Large, false},
		{7, "", enterprise.Small, false},
	} {
		if got := tags.Matches(c.territory, c.code, c.size); got != c.want {
			t.Errorf("%+v: %v", c, got)
		}
	}
	if all := (Tags{}); !all.Matches(0, "", "") {
		t.Error("no tags must match every entity")
	}
}

// A policy needs a title, a text, an issuer and a first day; it cannot end
// before it begins.
func TestPolicyNormalize(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ok := Policy{IssuerID: 1, Title: " 贴息 ", Body: "正文", EffectiveFrom: day}
	if err := ok.normalize(); err != nil || ok.Title != "贴息" {
		t.Fatalf("%v %q", err, ok.Title)
	}
	for name, edit := range map[string]func(p *Policy){
		"title":          func(p *Policy) { p.Title = " " },
		"body":           func(p *Policy) { p.Body = "" },
		"issuer_id":      func(p *Policy) { p.IssuerID = 0 },
		"effective_from": func(p *Policy) { p.EffectiveFrom = time.Time{} },
		"effective_to":   func(p *Policy) { p.EffectiveTo = day.AddDate(0, 0, -1) },
	} {
		p := Policy{IssuerID: 1, Title: "贴息", Body: "正文", EffectiveFrom: day}
		edit(&p)
		var fe *fault.Error
		if err := p.normalize(); !errors.As(err, &fe) || fe.Field != name {
			t.Errorf("%s: %v", name, err)
		}
	}
	same := Policy{IssuerID: 1, Title: "贴息", Body: "正文", EffectiveFrom: day, EffectiveTo: day}
	if err := same.normalize(); err != nil {
		t.Errorf("a policy of one day: %v", err)
	}
}

package notify

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// sample holds a value for every parameter any kind needs.
var sample = map[string]string{
	"number":   "20260302-0042",
	"code":     "K7P9QX",
	"url":      "https://zt.example.gov.cn/portal",
	"title":    "厂区门前道路破损影响货车通行",
	"deadline": "2026-03-09 17:00",
	"doc_no":   "娄星优化督〔2026〕3号",
	"minutes":  "5",
	"body":     "系统将于今晚 22:00 至 23:00 维护。",
	"issuer":   "娄星区发改局",
}

func TestEveryKindRendersInBothLanguages(t *testing.T) {
	for _, k := range Kinds() {
		for _, lang := range []string{"zh", "en"} {
			t.Run(string(k)+"/"+lang, func(t *testing.T) {
				r, err := Render(Message{Kind: k, Lang: lang, Params: sample})
				if err != nil {
					t.Fatal(err)
				}
				all := r.Subject + r.Body + r.Short
				if strings.ContainsAny(all, "{}") {
					t.Errorf("a placeholder is left: %q", all)
				}
				for _, name := range Needs(k) {
					if !strings.Contains(all, sample[name]) {
						t.Errorf("parameter %s does not appear", name)
					}
				}
				if r.Subject == "" || r.Body == "" || r.Short == "" || r.Log == "" {
					t.Errorf("a text is empty: %+v", r)
				}
				if han := strings.ContainsFunc(r.Subject+r.Body, isHan); han != (lang == "zh") {
					t.Errorf("Chinese characters in %s text: %v", lang, han)
				}
			})
		}
	}
}

// isHan reports a Chinese character that is not part of a sample value.
func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) && !strings.ContainsRune(sample["title"]+sample["doc_no"]+sample["body"]+sample["issuer"], r)
}

func TestBothLanguagesNeedTheSameParameters(t *testing.T) {
	for _, k := range Kinds() {
		c := catalog[k]
		zh := placeholders(c.zh.subject, c.zh.body, c.zh.short)
		en := placeholders(c.en.subject, c.en.body, c.en.short)
		if !slices.Equal(zh, en) {
			t.Errorf("%s: zh needs %v, en needs %v", k, zh, en)
		}
	}
	if len(catalog) != len(Kinds()) {
		t.Errorf("the catalog has %d kinds, Kinds lists %d", len(catalog), len(Kinds()))
	}
}

func TestRenderNamesTheMissingParameter(t *testing.T) {
	params := map[string]string{"number": "20260302-0042", "title": "道路破损", "deadline": " "}
	_, err := Render(Message{Kind: TaskAssigned, Params: params})
	if err == nil || !strings.Contains(err.Error(), "deadline") || !Permanent(err) {
		t.Fatalf("got %v", err)
	}
	_, err = Render(Message{Kind: TaskSupervised, Params: params})
	if err == nil || !strings.Contains(err.Error(), "deadline, doc_no") {
		t.Fatalf("got %v", err)
	}
}

func TestRenderRefusesUnknownKindAndLanguage(t *testing.T) {
	if _, err := Render(Message{Kind: "appeal.lost", Params: sample}); err == nil || !strings.Contains(err.Error(), "appeal.lost") {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := Render(Message{Kind: Notice, Lang: "fr", Params: sample}); err == nil || !strings.Contains(err.Error(), "fr") {
		t.Errorf("unknown language: %v", err)
	}
	if r, err := Render(Message{Kind: Notice, Params: sample}); err != nil || r.Lang != "zh" {
		t.Errorf("no language: %v %q", err, r.Lang)
	}
}

func TestLogMasksCodes(t *testing.T) {
	for _, k := range []Kind{LoginCode, AccountCode, AppealRegistered} {
		r, err := Render(Message{Kind: k, Params: sample})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.Log, sample["code"]) || !strings.Contains(r.Short, sample["code"]) {
			t.Errorf("%s: log %q, short %q", k, r.Log, r.Short)
		}
	}
}

func TestValuesAreNotExpandedAgain(t *testing.T) {
	r, err := Render(Message{Kind: Notice, Params: map[string]string{"title": "{body}", "body": "正文"}})
	if err != nil || r.Subject != "{body}" {
		t.Fatalf("got %q, %v", r.Subject, err)
	}
}

func TestTemplateParamsSendsOnlyWhatTheKindNeeds(t *testing.T) {
	got := templateParams(Message{Kind: LoginCode, Params: map[string]string{"code": "123456", "minutes": "5", "user": "zhou"}})
	if len(got) != 2 || got["code"] != "123456" || got["minutes"] != "5" {
		t.Fatalf("got %v", got)
	}
}

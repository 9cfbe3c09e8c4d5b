package web

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
)

// TestTextsComplete finds every key the templates and the Go code of the
// pages ask the catalog for, and checks it is there: no person ever reads
// a key instead of a text.
func TestTextsComplete(t *testing.T) {
	uses := regexp.MustCompile(`(?:\.L\.T|lang\.T|\.T\(|menuItem\{Key: |\badd\(|\bappeals\(|\btasks\()\s*\(?"([a-z0-9_]+\.[a-z0-9_.]+)"`)
	// The flash after a form is the text of what it did: ?done=x shows done.x.
	done := regexp.MustCompile(`[?&]done=([a-z_]+(?:\.[a-z_]+)?)"`)
	found := 0
	check := func(name, text string) {
		for _, m := range uses.FindAllStringSubmatch(text, -1) {
			found++
			if !knownText(m[1]) {
				t.Errorf("%s: text key %q is not in the catalog", name, m[1])
			}
		}
		for _, m := range done.FindAllStringSubmatch(text, -1) {
			if !knownText("done." + m[1]) {
				t.Errorf("%s: the flash done.%s is not in the catalog", name, m[1])
			}
		}
	}
	err := fs.WalkDir(files, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		check(p, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	gos, _ := fs.Glob(os.DirFS("."), "*.go")
	for _, p := range gos {
		if strings.HasSuffix(p, "_test.go") || strings.HasPrefix(p, "texts") { // the catalog itself
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		check(p, string(b))
	}
	if found < 200 {
		t.Fatalf("found only %d uses of text keys; the pattern no longer matches the templates", found)
	}
}

// TestTextsLabelEveryCode checks that every code of the domain a page shows
// has its label in both languages.
func TestTextsLabelEveryCode(t *testing.T) {
	var keys []string
	add := func(prefix string, codes ...string) {
		for _, c := range codes {
			keys = append(keys, prefix+"."+c)
		}
	}
	for _, s := range appeal.States {
		add("state", string(s))
	}
	for _, s := range appeal.TaskStates {
		add("task", string(s))
	}
	for _, c := range appeal.Channels {
		add("channel", string(c))
	}
	for _, c := range appeal.Types {
		add("type", string(c))
	}
	for _, c := range appeal.Routes {
		add("route", string(c))
	}
	for _, c := range appeal.Outcomes {
		add("outcome", string(c))
	}
	for _, c := range appeal.Satisfactions {
		add("sat", string(c))
	}
	for _, c := range appeal.Actions {
		add("act", string(c))
		add("done", string(c))
	}
	for _, r := range account.Roles {
		add("urole", string(r))
	}
	for _, l := range unitLevels {
		add("level", string(l))
	}
	for _, k := range unitKinds {
		add("kind", string(k))
	}
	for _, c := range unitCaps {
		add("cap", string(c))
	}
	for _, k := range keys {
		if !knownText(k) {
			t.Errorf("no label for %s", k)
		}
	}
}

// TestTextsBilingual checks each text has both languages, with the same
// arguments and placeholders.
func TestTextsBilingual(t *testing.T) {
	args := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]|\{[a-z]+\}`)
	for k, m := range texts {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: a language is missing", k)
		}
		if a, b := args.FindAllString(m[0], -1), args.FindAllString(m[1], -1); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: the languages take different arguments: %q / %q", k, m[0], m[1])
		}
	}
}

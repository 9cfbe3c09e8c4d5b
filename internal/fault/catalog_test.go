package fault

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCatalogComplete finds every message key the code passes to E and Field
// and checks that the catalog has it, so that no person ever reads a key.
func TestCatalogComplete(t *testing.T) {
	uses := regexp.MustCompile(`fault\.(?:E\([^,()]+|Field\("[^"]*"),\s*"([^"]+)"`)
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			found++
			if !Known(m[1]) {
				t.Errorf("%s: message key %q is not in the catalog", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 20 {
		t.Fatalf("found only %d uses of message keys; the pattern no longer matches the code", found)
	}
}

// TestCatalogBilingual checks that each message has both languages with the
// same arguments.
func TestCatalogBilingual(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	for k, m := range catalog {
		if m.zh == "" || m.en == "" {
			t.Errorf("%s: a language is missing", k)
		}
		if len(verbs.FindAllString(m.zh, -1)) != len(verbs.FindAllString(m.en, -1)) {
			t.Errorf("%s: the languages take different arguments: %q / %q", k, m.zh, m.en)
		}
	}
}

func TestTextPicksLanguage(t *testing.T) {
	if got := Text("en", "state.action", Both{"待分办", "registered"}, Both{"交办", "assign"}); got != "The appeal is registered; assign is not possible now" {
		t.Fatalf("en: %s", got)
	}
	if got := Text("zh", "too_long", "title", 100); got != "title 过长：最多 100 个字符" {
		t.Fatalf("zh: %s", got)
	}
	if got := Text("zh", "no.such.key"); got != catalog["internal"].zh {
		t.Fatalf("unknown key: %s", got)
	}
}

func TestNotFoundSpeaksTheReadersLanguage(t *testing.T) {
	err := NotFoundOf("noun.appeal")
	if got := err.Message("en"); got != "No such appeal, or you may not see it" {
		t.Fatalf("en: %s", got)
	}
	if got := err.Message("zh"); got != "未找到该诉求，或您无权查看" {
		t.Fatalf("zh: %s", got)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An administrator exports 2026, corrects a day, loads it back with a
// mistake (refused, naming it) and then right; confirms 2027; and sets the
// policy — all from the command line, each visible in 'calendar show'.
func TestCalendarCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "z.db")
	code, out, errs := zhitong(t, "calendar", "show", "--db", db)
	if code != 0 || !strings.Contains(out, "2027  provisional  built in") || !strings.Contains(out, "2026  confirmed    built in") {
		t.Fatalf("calendar show: exit %d\n%s%s", code, out, errs)
	}
	code, exported, errs := zhitong(t, "calendar", "export", "--db", db, "--year", "2026")
	if code != 0 || !strings.Contains(exported, `"date": "2026-10-07"`) {
		t.Fatalf("calendar export: exit %d, %s", code, errs)
	}
	// 10-08 off → a working day; a typo elsewhere first.
	fixed := strings.Replace(exported, `"date": "2026-10-07",
            "isOffDay": true`, `"date": "2026-10-07",
            "isOffDay": false`, 1)
	if fixed == exported {
		t.Fatalf("the export does not list 2026-10-07 as the test expects:\n%s", exported)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(fixed, `"2026-10-01"`, `"2026-13-01"`, 1)), 0o600)
	if code, _, errs := zhitong(t, "calendar", "load", "--db", db, "--file", bad); code == 0 || !strings.Contains(errs, "2026-13-01") {
		t.Fatalf("a file with 2026-13-01 loaded: exit %d, %q", code, errs)
	}
	good := filepath.Join(t.TempDir(), "good.json")
	os.WriteFile(good, []byte(fixed), 0o600)
	if code, out, errs := zhitong(t, "calendar", "load", "--db", db, "--note", "更正", "--file", good); code != 0 || !strings.Contains(out, "2026 loaded (confirmed)") {
		t.Fatalf("calendar load: exit %d, %q, %q", code, out, errs)
	}
	code, out, _ = zhitong(t, "calendar", "show", "--db", db, "--year", "2026")
	if code != 0 || !strings.Contains(out, "2026-10-07  working") || !strings.Contains(out, "loaded") {
		t.Fatalf("2026 after the correction:\n%s", out)
	}
	if code, _, errs := zhitong(t, "calendar", "confirm", "--db", db, "--year", "2027"); code != 0 {
		t.Fatalf("confirm 2027: %s", errs)
	}
	if code, _, errs := zhitong(t, "calendar", "confirm", "--db", db, "--year", "2027"); code == 0 || !strings.Contains(errs, "already confirmed") {
		t.Fatalf("2027 confirmed twice: exit %d, %q", code, errs)
	}
	if _, out, _ := zhitong(t, "calendar", "show", "--db", db); !strings.Contains(out, "2027  confirmed") {
		t.Fatalf("2027 after confirmation:\n%s", out)
	}
	if code, out, errs := zhitong(t, "deadline", "policy", "--db", db, "--consult", "3"); code != 0 || !strings.Contains(out, "consultation within 3") {
		t.Fatalf("deadline policy: exit %d, %q, %q", code, out, errs)
	}
	if code, _, errs := zhitong(t, "deadline", "policy", "--db", db, "--other", "99"); code == 0 || !strings.Contains(errs, "between 1 and 60") {
		t.Fatalf("99 working days accepted: exit %d, %q", code, errs)
	}
	if _, out, _ := zhitong(t, "deadline", "policy", "--db", db); !strings.Contains(out, "accept within 1 working days; answer a consultation within 3, any other appeal within 15") {
		t.Fatalf("the policy read back: %q", out)
	}
}

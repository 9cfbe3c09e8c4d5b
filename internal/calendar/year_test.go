package calendar

import (
	"reflect"
	"strings"
	"testing"

	"zhitong/internal/fault"
)

func TestBuiltinYears(t *testing.T) {
	years := Builtin()
	if len(years) != 8 {
		t.Fatalf("%d built-in years, want 8 (2020–2027)", len(years))
	}
	for i, y := range years {
		if want := 2020 + i; y.Year != want {
			t.Errorf("year %d is %d, want %d", i, y.Year, want)
		}
		if y.Provisional != (y.Year == 2027) {
			t.Errorf("%d: Provisional = %v", y.Year, y.Provisional)
		}
		if y.Year < 2027 && len(y.Papers) == 0 {
			t.Errorf("%d is confirmed but cites no notice", y.Year)
		}
	}
}

func TestBuiltinIsACopy(t *testing.T) {
	a := Builtin()
	a[0].Days[0].Off = !a[0].Days[0].Off
	if b := Builtin(); b[0].Days[0].Off == a[0].Days[0].Off {
		t.Fatal("changing what Builtin returned changed the built-in years")
	}
}

func TestRoundTrip(t *testing.T) {
	for _, y := range Builtin() {
		back, err := ParseYear(y.JSON())
		if err != nil {
			t.Fatalf("%d: reading its own JSON: %v", y.Year, err)
		}
		back.Provisional = y.Provisional
		if !reflect.DeepEqual(back, y) {
			t.Errorf("%d: round trip changed the year:\n got %+v\nwant %+v", y.Year, back, y)
		}
	}
}

func TestJSONForm(t *testing.T) {
	y := Year{Year: 2026, Days: []Day{{Date: "2026-10-01", Name: "国庆节", Off: true}}}
	want := `{
    "year": 2026,
    "papers": [],
    "days": [
        {
            "name": "国庆节",
            "date": "2026-10-01",
            "isOffDay": true
        }
    ]
}
`
	if got := string(y.JSON()); got != want {
		t.Errorf("JSON() =\n%s\nwant\n%s", got, want)
	}
}

func TestParseYearAccepts(t *testing.T) {
	cases := []struct {
		name string
		json string
		days int
	}{
		{"the New Year holiday may start the December before", `{"year":2023,"days":[
			{"name":"元旦","date":"2022-12-31","isOffDay":true},{"name":"元旦","date":"2023-01-02","isOffDay":true}]}`, 2},
		{"holiday-cn's $schema and $id", `{"$schema":"s","$id":"i","year":2026,"papers":["p"],"days":[]}`, 0},
		{"no papers", `{"year":2026,"days":[{"name":"国庆节","date":"2026-10-01","isOffDay":true}]}`, 1},
		{"a weekday listed as working", `{"year":2026,"days":[{"name":"x","date":"2026-10-12","isOffDay":false}]}`, 1},
		{"a weekend listed as off", `{"year":2026,"days":[{"name":"x","date":"2026-10-03","isOffDay":true}]}`, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			y, err := ParseYear([]byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			if len(y.Days) != tc.days {
				t.Errorf("%d days, want %d", len(y.Days), tc.days)
			}
		})
	}
}

func TestParseYearSortsDays(t *testing.T) {
	y, err := ParseYear([]byte(`{"year":2026,"days":[
		{"name":"国庆节","date":"2026-10-02","isOffDay":true},{"name":"国庆节","date":"2026-10-01","isOffDay":true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if y.Days[0].Date != "2026-10-01" {
		t.Errorf("days not in date order: %+v", y.Days)
	}
}

// TestParseYearRefuses checks that each kind of bad input is refused as
// Invalid with a message, in both languages, that names what is wrong.
func TestParseYearRefuses(t *testing.T) {
	day := func(s string) string { return `{"year":2026,"papers":[],"days":[` + s + `]}` }
	cases := []struct {
		name  string
		json  string
		names string // what both messages must mention
	}{
		{"not JSON", `{"year":2026,`, "13"},
		{"a syntax error", `{"year":2026,,}`, "14"},
		{"not an object", `[2026]`, "year"},
		{"empty", ``, "year"},
		{"two objects", `{"year":2026,"days":[]} {}`, "JSON"},
		{"an unknown field", `{"year":2026,"days":[],"note":"x"}`, `"note"`},
		{"no year", `{"days":[]}`, "year"},
		{"no days", `{"year":2026}`, "days"},
		{"year as a string", `{"year":"2026","days":[]}`, "year"},
		{"year before 2000", `{"year":1999,"days":[]}`, "1999"},
		{"year after 2100", `{"year":2101,"days":[]}`, "2101"},
		{"a misspelt isOffDay", day(`{"name":"春节","date":"2026-02-16","isOffday2":true}`), "2026-02-16"},
		{"isOffDay as a string", day(`{"name":"春节","date":"2026-02-16","isOffDay":"true"}`), "2026-02-16"},
		{"no isOffDay", day(`{"name":"春节","date":"2026-02-16"}`), "2026-02-16"},
		{"no name", day(`{"date":"2026-02-16","isOffDay":true}`), "2026-02-16"},
		{"a blank name", day(`{"name":" ","date":"2026-02-16","isOffDay":true}`), "2026-02-16"},
		{"no date", day(`{"name":"春节","isOffDay":true}`), "1"},
		{"a date that does not exist", day(`{"name":"春节","date":"2026-02-30","isOffDay":true}`), "2026-02-30"},
		{"a date in another form", day(`{"name":"春节","date":"2026/02/16","isOffDay":true}`), "2026/02/16"},
		{"a date without zeros", day(`{"name":"春节","date":"2026-2-16","isOffDay":true}`), "2026-2-16"},
		{"a date of another year", day(`{"name":"春节","date":"2025-06-01","isOffDay":true}`), "2025-06-01"},
		{"a date of the next year", day(`{"name":"元旦","date":"2027-01-01","isOffDay":true}`), "2027-01-01"},
		{"December before but too early", day(`{"name":"元旦","date":"2025-12-24","isOffDay":true}`), "2025-12-24"},
		{"a date listed twice", day(`{"name":"国庆节","date":"2026-10-01","isOffDay":true},
			{"name":"国庆节","date":"2026-10-01","isOffDay":true}`), "2026-10-01"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseYear([]byte(tc.json))
			if err == nil {
				t.Fatal("accepted")
			}
			if !fault.Is(err, fault.Invalid) {
				t.Fatalf("kind %v, want invalid: %v", fault.KindOf(err), err)
			}
			fe := err.(*fault.Error)
			for _, lang := range []string{"zh", "en"} {
				msg := fe.Message(lang)
				if !strings.Contains(msg, tc.names) {
					t.Errorf("%s message does not name %s: %s", lang, tc.names, msg)
				}
				if !fault.Known(fe.Key) {
					t.Errorf("message key %s is not in the catalog", fe.Key)
				}
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	byYear := map[int]Year{}
	for _, y := range Builtin() {
		byYear[y.Year] = y
	}
	cases := []struct {
		year  int
		names []string // what the warnings must mention, in order
	}{
		{2020, []string{"2020-02-03"}},
		{2026, nil},
		{2027, []string{"2027"}},
	}
	for _, tc := range cases {
		ws := byYear[tc.year].Warnings()
		if len(ws) != len(tc.names) {
			t.Errorf("%d: %d warnings, want %d: %v", tc.year, len(ws), len(tc.names), ws)
			continue
		}
		for i, w := range ws {
			if !strings.Contains(w.Error(), tc.names[i]) {
				t.Errorf("%d: warning %q does not name %s", tc.year, w, tc.names[i])
			}
		}
	}
	if ws := byYear[2020].Warnings(); len(ws) > 0 {
		if got := ws[0].(*fault.Error).Message("zh"); got != "2020-02-03 是星期一，本来就是工作日：列为调休上班不改变任何安排" {
			t.Errorf("zh: %s", got)
		}
	}
	if ws := (Year{Year: 2026, Papers: []string{"p"}}).Warnings(); len(ws) != 1 || !strings.Contains(ws[0].Error(), "no weekday off") {
		t.Errorf("an empty schedule: %v", ws)
	}
}

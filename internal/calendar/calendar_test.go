package calendar

import (
	"reflect"
	"testing"
	"time"
)

func TestWorking(t *testing.T) {
	c := builtinCalendar(t)
	cases := []struct {
		day  string
		want bool
	}{
		{"2026-03-02", true},  // an ordinary Monday
		{"2026-03-07", false}, // an ordinary Saturday
		{"2026-02-14", true},  // Saturday, adjusted working day before 春节
		{"2026-02-16", false}, // Monday in 春节
		{"2026-02-23", false}, // the last day of 春节, a Monday
		{"2026-02-28", true},  // Saturday, adjusted working day after 春节
		{"2026-09-20", true},  // Sunday, adjusted working day before 国庆
		{"2026-09-25", false}, // Friday, 中秋
		{"2026-10-07", false}, // Wednesday in 国庆
		{"2026-10-10", true},  // Saturday, adjusted working day after 国庆
		{"2022-12-31", false}, // in 2023's schedule, a Saturday anyway
		{"2020-02-03", true},  // listed as working on a Monday
		{"2030-10-01", true},  // a year not loaded: Tuesday works
		{"2019-10-01", true},  // a year not loaded: Tuesday works
	}
	for _, tc := range cases {
		for _, clock := range []string{"00:00", "12:00", "23:59"} {
			if got := c.Working(at(t, tc.day+" "+clock)); got != tc.want {
				t.Errorf("Working(%s %s) = %v, want %v", tc.day, clock, got, tc.want)
			}
		}
	}
}

func TestZeroCalendar(t *testing.T) {
	var c Calendar
	if !c.Working(at(t, "2026-10-01 10:00")) || c.Working(at(t, "2026-10-03 10:00")) {
		t.Error("the zero calendar is not Monday to Friday")
	}
	if got, want := c.Due(at(t, "2026-09-30 17:30"), 1), endOf(t, "2026-10-02"); !got.Equal(want) {
		t.Errorf("Due = %s, want %s", show(got), show(want))
	}
	if c.Known(2026) || len(c.Years()) != 0 {
		t.Error("the zero calendar knows a year")
	}
}

func TestKnownProvisional(t *testing.T) {
	c := builtinCalendar(t)
	cases := []struct {
		year               int
		known, provisional bool
	}{
		{2019, false, false}, {2020, true, false}, {2026, true, false}, {2027, true, true}, {2028, false, false},
	}
	for _, tc := range cases {
		if c.Known(tc.year) != tc.known || c.Provisional(tc.year) != tc.provisional {
			t.Errorf("%d: Known %v Provisional %v, want %v %v", tc.year, c.Known(tc.year), c.Provisional(tc.year), tc.known, tc.provisional)
		}
	}
}

func TestYears(t *testing.T) {
	infos := builtinCalendar(t).Years()
	if len(infos) != 8 {
		t.Fatalf("%d years, want 8", len(infos))
	}
	// 2026 lists 33 days off and 6 adjusted working days (4 January, 14
	// and 28 February, 9 May, 20 September, 10 October). Of its 365 days 104
	// are weekend days, and 19 weekdays are off (元旦 2, 春节 6, 清明 1,
	// 劳动节 3, 端午 1, 中秋 1, 国庆 5): 365 − 104 − 19 + 6 = 248.
	got := infos[6]
	want := YearInfo{Year: 2026, Off: 33, Adjusted: 6, WorkingDays: 248}
	if got != want {
		t.Errorf("2026: %+v, want %+v", got, want)
	}
	if !infos[7].Provisional || infos[7].Year != 2027 {
		t.Errorf("2027: %+v", infos[7])
	}
}

func TestNewLastYearWins(t *testing.T) {
	own := Year{Year: 2026, Papers: []string{"p"}, Days: []Day{{Date: "2026-03-02", Name: "测试", Off: true}}}
	c := New(append(Builtin(), own))
	if c.Working(at(t, "2026-03-02 10:00")) {
		t.Error("the later 2026 did not apply")
	}
	if !c.Working(at(t, "2026-10-01 10:00")) {
		t.Error("the built-in 2026 still applies: a year must be replaced whole")
	}
	if c.Working(at(t, "2027-01-01 10:00")) {
		t.Error("2027 lost")
	}
}

func TestNewKeepsNoReference(t *testing.T) {
	years := Builtin()
	c := New(years)
	years[6].Days[0].Off = false // 2026-01-01
	years[6].Provisional = true
	if c.Working(at(t, "2026-01-01 10:00")) || c.Provisional(2026) {
		t.Error("changing the years after New changed the calendar")
	}
}

func TestLoaded(t *testing.T) {
	own := Year{Year: 2026, Papers: []string{"p"}, Days: []Day{{Date: "2026-03-02", Name: "测试", Off: true}}}
	c := New(append(Builtin(), own))
	loaded := c.Loaded()
	if len(loaded) != 8 || loaded[0].Year != 2020 || loaded[7].Year != 2027 {
		t.Fatalf("Loaded() has %d years", len(loaded))
	}
	if !reflect.DeepEqual(loaded[6], own) {
		t.Errorf("2026 is %+v, want the last given", loaded[6])
	}
	if !loaded[7].Provisional {
		t.Error("2027 lost Provisional")
	}
	loaded[6].Days[0].Off = false
	if !c.Loaded()[6].Days[0].Off {
		t.Error("changing what Loaded returned changed the calendar")
	}
}

func TestGapsAndMissing(t *testing.T) {
	builtin := Builtin()
	confirmed := Builtin()
	confirmed[7].Provisional = false
	cases := []struct {
		name  string
		years []Year
		now   string
		want  []Gap
	}{
		{"October: nothing yet", builtin, "2026-10-31 23:59", nil},
		{"November: 2027 is provisional", builtin, "2026-11-15 10:00", []Gap{{Year: 2027, Provisional: true}}},
		{"1 November at midnight", builtin, "2026-11-01 00:00", []Gap{{Year: 2027, Provisional: true}}},
		{"2027 confirmed", confirmed, "2026-11-15 10:00", nil},
		{"2028 missing", confirmed, "2027-11-01 00:00", []Gap{{Year: 2028}}},
		{"2028 missing in December", confirmed, "2027-12-31 23:59", []Gap{{Year: 2028}}},
		{"2027 provisional and 2028 missing", builtin, "2027-11-01 09:00", []Gap{{Year: 2027, Provisional: true}, {Year: 2028}}},
		{"the current year provisional at any time", builtin, "2027-03-01 09:00", []Gap{{Year: 2027, Provisional: true}}},
		{"the current year missing", builtin, "2029-05-01 09:00", []Gap{{Year: 2029}}},
		{"nothing loaded", nil, "2026-06-01 09:00", []Gap{{Year: 2026}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tc.years)
			now := at(t, tc.now)
			if got := c.Gaps(now); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Gaps(%s) = %+v, want %+v", tc.now, got, tc.want)
			}
			year, provisional, warn := c.Missing(now)
			if warn != (len(tc.want) > 0) {
				t.Fatalf("Missing(%s) warn = %v", tc.now, warn)
			}
			if warn && (year != tc.want[0].Year || provisional != tc.want[0].Provisional) {
				t.Errorf("Missing(%s) = %d, %v, want %+v", tc.now, year, provisional, tc.want[0])
			}
		})
	}
	// 2026-10-31 16:30 UTC is 1 November 00:30 CST.
	if _, _, warn := New(builtin).Missing(time.Date(2026, 10, 31, 16, 30, 0, 0, time.UTC)); !warn {
		t.Error("1 November in CST, still October in UTC: no warning")
	}
}

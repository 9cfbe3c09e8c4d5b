package calendar

import (
	"testing"
	"time"
)

func TestDue(t *testing.T) {
	c := builtinCalendar(t)
	cases := []struct {
		name  string
		start string
		n     int
		end   string // the last day counted; the deadline is its end
	}{
		{"Monday 10:00, one day: end of Tuesday", "2026-03-02 10:00", 1, "2026-03-03"},
		{"Monday 17:30, one day: end of Wednesday", "2026-03-02 17:30", 1, "2026-03-04"},
		{"Monday 16:59 is before the close", "2026-03-02 16:59", 1, "2026-03-03"},
		{"Monday 17:00 is after the close", "2026-03-02 17:00", 1, "2026-03-04"},
		{"Friday 16:00, one day: end of Monday", "2026-03-06 16:00", 1, "2026-03-09"},
		{"Friday 17:30, one day: end of Tuesday", "2026-03-06 17:30", 1, "2026-03-10"},
		{"n = 0: the end of the starting day", "2026-03-02 10:00", 0, "2026-03-02"},
		{"n = 0 after 17:00: the end of the next working day", "2026-03-02 17:30", 0, "2026-03-03"},
		{"ordinary Saturday: starts Monday", "2026-03-07 10:00", 0, "2026-03-09"},
		{"ordinary Saturday, one day: end of Tuesday", "2026-03-07 10:00", 1, "2026-03-10"},
		{"midnight starts that day", "2026-03-03 00:00", 1, "2026-03-04"},
		{"negative n counts as 0", "2026-03-02 10:00", -3, "2026-03-02"},

		// 春节 2026: Saturday 14 and Saturday 28 February work; 15–23 February are off.
		{"Spring Festival: the working Saturday 14th counts", "2026-02-13 10:00", 1, "2026-02-14"},
		{"Spring Festival: Monday 16th–Monday 23rd do not count", "2026-02-13 10:00", 2, "2026-02-24"},
		{"Spring Festival: five days across it", "2026-02-12 10:00", 5, "2026-02-26"},
		{"Spring Festival: the working Saturday 28th counts", "2026-02-12 10:00", 7, "2026-02-28"},
		{"Spring Festival: assigned on the working Saturday starts that day", "2026-02-14 09:00", 0, "2026-02-14"},
		{"Spring Festival: assigned in the holiday starts on the 24th", "2026-02-18 10:00", 1, "2026-02-25"},
		{"eve of the Spring Festival, 17:30 on the working Saturday", "2026-02-14 17:30", 1, "2026-02-25"},

		// 国庆 2026: Sunday 20 September works; 25 September (中秋) and 1–7 October are off; Saturday 10 October works.
		{"National Day: ten days across 中秋 and the golden week", "2026-09-21 09:00", 10, "2026-10-12"},
		{"National Day: the working Sunday 20 September starts that day", "2026-09-20 10:00", 0, "2026-09-20"},
		{"eve of National Day, 17:30: starts on 8 October", "2026-09-30 17:30", 0, "2026-10-08"},
		{"eve of National Day, 17:30, one day", "2026-09-30 17:30", 1, "2026-10-09"},
		{"eve of National Day, 17:30, two days: the working Saturday", "2026-09-30 17:30", 2, "2026-10-10"},
		{"eve of National Day, 17:30, three days", "2026-09-30 17:30", 3, "2026-10-12"},
		{"eve of National Day, 16:00, one day", "2026-09-30 16:00", 1, "2026-10-08"},

		{"into the next year's New Year holiday", "2026-12-31 10:00", 1, "2027-01-04"},
		{"a year not loaded: Monday to Friday", "2030-09-30 17:30", 1, "2030-10-02"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Due(at(t, tc.start), tc.n)
			if want := endOf(t, tc.end); !got.Equal(want) {
				t.Errorf("Due(%s, %d) = %s, want %s (end of %s)", tc.start, tc.n, show(got), show(want), tc.end)
			}
			if got.Location() != CST {
				t.Errorf("Due returned %s, not in CST", got.Location())
			}
		})
	}
}

func TestDueFromAnotherZone(t *testing.T) {
	c := builtinCalendar(t)
	// 2026-03-02 08:30 UTC is 16:30 CST, before the close; 09:30 UTC is 17:30 CST, after it.
	if got, want := c.Due(time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC), 1), endOf(t, "2026-03-03"); !got.Equal(want) {
		t.Errorf("16:30 CST: %s, want %s", show(got), show(want))
	}
	if got, want := c.Due(time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), 1), endOf(t, "2026-03-04"); !got.Equal(want) {
		t.Errorf("17:30 CST: %s, want %s", show(got), show(want))
	}
	// 2026-03-01 20:00 UTC is Monday 2 March 04:00 CST.
	if got, want := c.Due(time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC), 0), endOf(t, "2026-03-02"); !got.Equal(want) {
		t.Errorf("04:00 CST: %s, want %s", show(got), show(want))
	}
}

func TestShift(t *testing.T) {
	c := builtinCalendar(t)
	cases := []struct {
		name string
		due  time.Time
		n    int
		end  string
	}{
		{"no extension", endOf(t, "2026-09-30"), 0, "2026-09-30"},
		{"one day across the golden week", endOf(t, "2026-09-30"), 1, "2026-10-08"},
		{"three days: the working Saturday counts", endOf(t, "2026-09-30"), 3, "2026-10-10"},
		{"withdrawn across the golden week", endOf(t, "2026-10-08"), -1, "2026-09-30"},
		{"across the Spring Festival", endOf(t, "2026-02-13"), 2, "2026-02-24"},
		{"an instant in the day is the end of that day", at(t, "2026-09-30 18:00"), 1, "2026-10-08"},
		{"rounded up with no extension", at(t, "2026-09-30 18:00"), 0, "2026-09-30"},
		{"a deadline on a day off", endOf(t, "2026-10-03"), 1, "2026-10-08"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := c.Shift(tc.due, tc.n), endOf(t, tc.end); !got.Equal(want) {
				t.Errorf("Shift(%s, %d) = %s, want %s", show(tc.due), tc.n, show(got), show(want))
			}
		})
	}
}

// TestShiftAddsToDue checks that an extension of m days gives the deadline
// of n+m days, every day of 2026 at two times of day.
func TestShiftAddsToDue(t *testing.T) {
	c := builtinCalendar(t)
	for d := at(t, "2026-01-01 10:00"); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		for _, start := range []time.Time{d, d.Add(8 * time.Hour)} {
			for _, nm := range [][2]int{{0, 1}, {1, 0}, {5, 3}, {15, 10}} {
				n, m := nm[0], nm[1]
				if got, want := c.Shift(c.Due(start, n), m), c.Due(start, n+m); !got.Equal(want) {
					t.Fatalf("Shift(Due(%s, %d), %d) = %s, want %s", show(start), n, m, show(got), show(want))
				}
				if m > 0 {
					if got, want := c.Shift(c.Due(start, n+m), -m), c.Due(start, n); !got.Equal(want) {
						t.Fatalf("Shift(Due(%s, %d), %d) = %s, want %s", show(start), n+m, -m, show(got), show(want))
					}
				}
			}
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := builtinCalendar(t)
	cases := []struct {
		name string
		a, b string
		want int
	}{
		{"same day", "2026-03-02 09:00", "2026-03-02 18:00", 0},
		{"Monday to Tuesday", "2026-03-02 18:00", "2026-03-03 09:00", 1},
		{"Friday to Monday", "2026-03-06 10:00", "2026-03-09 10:00", 1},
		{"backwards", "2026-03-09 10:00", "2026-03-06 10:00", -1},
		{"across the golden week", "2026-09-30 10:00", "2026-10-09 10:00", 2},
		{"backwards across the golden week", "2026-10-09 10:00", "2026-09-30 10:00", -2},
		{"中秋 and the golden week with both adjusted days", "2026-09-18 10:00", "2026-10-10 10:00", 11},
		{"across the Spring Festival", "2026-02-13 10:00", "2026-02-28 10:00", 6},
		{"a pause inside the holiday", "2026-10-02 10:00", "2026-10-06 10:00", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.WorkingDaysBetween(at(t, tc.a), at(t, tc.b)); got != tc.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	c := builtinCalendar(t)
	due := endOf(t, "2026-09-30")
	cases := []struct {
		name string
		at   string
		want int
	}{
		{"on time", "2026-09-30 23:59", 0},
		{"at the deadline", "2026-10-01 00:00", 0},
		{"late in the holiday", "2026-10-05 10:00", 0},
		{"first working day after", "2026-10-08 09:00", 1},
		{"the working Saturday", "2026-10-10 09:00", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Overdue(due, at(t, tc.at)); got != tc.want {
				t.Errorf("Overdue(end of 2026-09-30, %s) = %d, want %d", tc.at, got, tc.want)
			}
		})
	}
}

func TestNextWorkingDay(t *testing.T) {
	c := builtinCalendar(t)
	cases := []struct{ day, want string }{
		{"2026-03-02 10:00", "2026-03-03"},
		{"2026-03-06 10:00", "2026-03-09"},
		{"2026-09-30 09:00", "2026-10-08"},
		{"2026-02-13 23:59", "2026-02-14"},
		{"2026-02-14 10:00", "2026-02-24"},
		{"2026-09-19 10:00", "2026-09-20"},
	}
	for _, tc := range cases {
		if got, want := c.NextWorkingDay(at(t, tc.day)), at(t, tc.want+" 00:00"); !got.Equal(want) {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tc.day, show(got), show(want))
		}
	}
}

func BenchmarkDue(b *testing.B) {
	c := New(Builtin())
	start := at(b, "2026-09-21 09:00")
	for b.Loop() {
		c.Due(start, 15)
	}
}

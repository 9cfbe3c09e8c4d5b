package calendar

import (
	"testing"
	"time"
)

// at reads "2006-01-02 15:04" as a CST instant.
func at(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, CST)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// endOf returns the end of the CST date s (YYYY-MM-DD): 00:00 of the day after.
func endOf(tb testing.TB, s string) time.Time {
	tb.Helper()
	return at(tb, s+" 00:00").AddDate(0, 0, 1)
}

// builtinCalendar is the calendar of the built-in years.
func builtinCalendar(tb testing.TB) *Calendar {
	tb.Helper()
	return New(Builtin())
}

func show(t time.Time) string { return t.In(CST).Format("2006-01-02 15:04 Mon") }

package citybatch

import (
	"strconv"
	"testing"
	"time"

	"zhitong/internal/appeal"
)

func TestCellTime(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Time
		bare bool
	}{
		{"2026-12-15", cst(2026, 12, 15, 0, 0), true},
		{"2026/12/15", cst(2026, 12, 15, 0, 0), true},
		{"2026/1/5", cst(2026, 1, 5, 0, 0), true},
		{"2026.12.15", cst(2026, 12, 15, 0, 0), true},
		{"2026年12月15日", cst(2026, 12, 15, 0, 0), true},
		{"2026年1月5号", cst(2026, 1, 5, 0, 0), true},
		{"2026-12-15 17:00", cst(2026, 12, 15, 17, 0), false},
		{"2026-12-15  9:05", cst(2026, 12, 15, 9, 5), false},
		{"2026年12月15日17:00", cst(2026, 12, 15, 17, 0), false},
		{"2026/12/15 17：00", cst(2026, 12, 15, 17, 0), false},
		{"2026-12-15 17:00:30", time.Date(2026, 12, 15, 17, 0, 30, 0, appeal.CST), false},
		{"46371", cst(2026, 12, 15, 0, 0), true},
		{"46371.708333333336", cst(2026, 12, 15, 17, 0), false},
		{"46371.99999999", cst(2026, 12, 16, 0, 0), true}, // rounds to the second
	} {
		got, bare, ok := cellTime(c.in, false)
		if !ok || !got.Equal(c.want) || bare != c.bare {
			t.Errorf("%q: %v bare %v ok %v, want %v bare %v", c.in, got, bare, ok, c.want, c.bare)
		}
	}
	for _, bad := range []string{"", "abc", "2026-02-30", "2026-13-01", "2026-12-15 24:00", "12/15/2026", "1e5", "0x1p4", "-1", "0", ".", "1.2.3", "99999999", "NaN", "下周五"} {
		if got, _, ok := cellTime(bad, false); ok {
			t.Errorf("%q read as %v", bad, got)
		}
	}
}

func TestDeadlineBareDateIsTheEndOfTheDay(t *testing.T) {
	for _, in := range []string{"2026-12-15", "46371", "2026年12月15日"} {
		got, ok := dueTime(in, false)
		if !ok || !got.Equal(cst(2026, 12, 16, 0, 0)) {
			t.Errorf("%q: %v, want 2026-12-16 00:00 CST", in, got)
		}
	}
	if got, _ := dueTime("2026-12-15 17:00", false); !got.Equal(cst(2026, 12, 15, 17, 0)) {
		t.Errorf("with a time: %v", got)
	}
}

func TestExportedCellsReadBack(t *testing.T) {
	for _, due := range []time.Time{cst(2026, 12, 16, 0, 0), cst(2026, 12, 15, 17, 0), cst(2027, 3, 1, 0, 0), time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC)} {
		serial, bare := dueCell(due)
		if h, m, _ := due.In(appeal.CST).Clock(); bare != (h == 0 && m == 0) {
			t.Errorf("deadline %v: bare %v", due, bare)
		}
		got, ok := dueTime(strconv.FormatFloat(serial, 'f', -1, 64), false)
		if !ok || !got.Equal(due) {
			t.Errorf("deadline %v: exported %v (bare %v), read back %v", due, serial, bare, got)
		}
	}
	for _, at := range []time.Time{cst(2026, 11, 30, 0, 0), cst(2026, 11, 30, 9, 30)} {
		serial, _ := timeCell(at)
		got, _, ok := cellTime(strconv.FormatFloat(serial, 'f', -1, 64), false)
		if !ok || !got.Equal(at) {
			t.Errorf("time %v: exported %v, read back %v", at, serial, got)
		}
	}
}

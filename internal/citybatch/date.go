package citybatch

import (
	"math"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/appeal"
)

// Excel counts days from an epoch: 30 December 1899 (the 1900 date system,
// whose false 29 February 1900 only matters before March 1900), or 1 January
// 1904 in workbooks made with the 1904 system.
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// maxSerial is the serial of 1 January 10000, past Excel's last date.
const maxSerial = 2958466

// textLayouts are the forms of a date in text, after normalize.
var textLayouts = []struct {
	layout string
	bare   bool
}{{"2006-1-2", true}, {"2006-1-2 15:04", false}, {"2006-1-2 15:04:05", false}}

// cellTime reads a date cell, in China Standard Time: an Excel serial number
// (as a date cell holds it) or text in one of the forms of textLayouts,
// where the date may also be written 2026/12/15, 2026.12.15 or 2026年12月15日.
// bare reports that the cell gave a date and no time of day: a whole serial
// number or text without a time.
func cellTime(s string, date1904 bool) (t time.Time, bare, ok bool) {
	if isSerial(s) {
		return serialTime(s, date1904)
	}
	s = normalizeDate(s)
	for _, l := range textLayouts {
		if t, err := time.ParseInLocation(l.layout, s, appeal.CST); err == nil {
			return t, l.bare, true
		}
	}
	return time.Time{}, false, false
}

// isSerial reports whether s is a plain decimal number: digits with at most
// one point, which is how a worksheet stores a date cell.
func isSerial(s string) bool {
	if s == "" || strings.Count(s, ".") > 1 || s == "." {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// serialTime converts an Excel serial number to the time it shows, read as
// China Standard Time, to the second.
func serialTime(s string, date1904 bool) (t time.Time, bare, ok bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v >= maxSerial {
		return time.Time{}, false, false
	}
	secs := int64(math.Round(v * 86400))
	epoch := epoch1900
	if date1904 {
		epoch = epoch1904
	}
	w := epoch.Add(time.Duration(secs) * time.Second)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, appeal.CST), secs%86400 == 0, true
}

// excelSerial is the serial number Excel stores for the time t shows in China
// Standard Time, in the 1900 date system.
func excelSerial(t time.Time) float64 {
	y, m, d := t.In(appeal.CST).Date()
	h, mi, sec := t.In(appeal.CST).Clock()
	w := time.Date(y, m, d, h, mi, sec, 0, time.UTC)
	return float64(w.Sub(epoch1900)/time.Second) / 86400
}

// dateReplacer turns the other ways of writing a date into 2026-12-15.
var dateReplacer = strings.NewReplacer("年", "-", "月", "-", "日", " ", "号", " ", "/", "-", ".", "-", "：", ":", "\u3000", " ")

// normalizeDate rewrites a date in text to the forms of textLayouts.
func normalizeDate(s string) string {
	return strings.Join(strings.Fields(dateReplacer.Replace(s)), " ")
}

// dueTime reads a deadline: a bare date means the end of that day, that is
// midnight starting the next day.
func dueTime(s string, date1904 bool) (time.Time, bool) {
	t, bare, ok := cellTime(s, date1904)
	if ok && bare {
		t = t.AddDate(0, 0, 1)
	}
	return t, ok
}

// dueCell is the cell Export writes for a deadline: a deadline at midnight is
// the end of the day before, written as that bare date, so that Parse reads
// it back the same.
func dueCell(t time.Time) (serial float64, bare bool) {
	t = t.In(appeal.CST)
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 {
		return excelSerial(t.AddDate(0, 0, -1)), true
	}
	return excelSerial(t), false
}

// timeCell is the cell Export writes for another time: midnight is written
// as a bare date, which Parse reads as the start of the day.
func timeCell(t time.Time) (serial float64, bare bool) {
	t = t.In(appeal.CST)
	h, m, s := t.Clock()
	return excelSerial(t), h == 0 && m == 0 && s == 0
}

// formatTime is t for messages.
func formatTime(t time.Time) string { return t.In(appeal.CST).Format("2006-01-02 15:04") }

package calendar

import "time"

// CST is China Standard Time, UTC+8. It is a fixed zone rather than
// Asia/Shanghai from the zone database (or time/tzdata): China has kept
// UTC+8 without daylight saving since 1991, so a fixed zone gives the same
// answers for every date this calendar knows, works on machines without
// zoneinfo, adds nothing to the binary, and lets the day arithmetic below be
// plain integer division. It matches appeal.CST, so instants from both print
// alike.
var CST = time.FixedZone("CST", offset)

const (
	offset        = 8 * 60 * 60  // CST's offset from UTC, in seconds
	secondsPerDay = 24 * 60 * 60 // every CST day has as many: no daylight saving
	closeOfDay    = 17 * 60 * 60 // 17:00: work given later starts the next working day
)

// dayNum is a CST date as the number of days since 1970-01-01.
type dayNum int64

// dayOf returns the CST date of t.
func dayOf(t time.Time) dayNum { return dayNum(floorDiv(t.Unix()+offset, secondsPerDay)) }

// secondOfDay returns the seconds since CST midnight of t.
func secondOfDay(t time.Time) int64 { return floorMod(t.Unix()+offset, secondsPerDay) }

// lastDayOf returns the date that a deadline at t closes: the day before t's
// if t is exactly midnight (24:00 of that day), else t's own.
func lastDayOf(t time.Time) dayNum {
	d := dayOf(t)
	if secondOfDay(t) == 0 && t.Nanosecond() == 0 {
		d--
	}
	return d
}

// dateOf returns the CST date y-m-d.
func dateOf(y int, m time.Month, d int) dayNum { return dayOf(time.Date(y, m, d, 0, 0, 0, 0, CST)) }

// start returns 00:00 CST of d.
func (d dayNum) start() time.Time { return time.Unix(int64(d)*secondsPerDay-offset, 0).In(CST) }

// end returns 24:00 CST of d, which is the start of the day after.
func (d dayNum) end() time.Time { return (d + 1).start() }

// weekday returns d's day of the week; 1970-01-01 was a Thursday.
func (d dayNum) weekday() time.Weekday { return time.Weekday(floorMod(int64(d)+4, 7)) }

// weekend reports whether d is a Saturday or a Sunday.
func (d dayNum) weekend() bool { w := d.weekday(); return w == time.Saturday || w == time.Sunday }

// String returns d as YYYY-MM-DD.
func (d dayNum) String() string { return d.start().Format(time.DateOnly) }

// parseDate reads a YYYY-MM-DD date; it refuses any other form and dates
// that do not exist, such as 2026-02-30.
func parseDate(s string) (dayNum, bool) {
	t, err := time.ParseInLocation(time.DateOnly, s, CST)
	if err != nil || t.Format(time.DateOnly) != s {
		return 0, false
	}
	return dayOf(t), true
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

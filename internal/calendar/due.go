package calendar

import "time"

// Due returns the deadline of n working days from start, by the package's
// counting rule: the clock starts on start's CST date if that is a working
// day and start is before 17:00 CST, else on the next working day; the
// deadline is the end of the n-th working day after the starting day (n = 0:
// the end of the starting day), returned as 00:00 CST of the calendar day
// after it. A negative n counts as 0.
func (c *Calendar) Due(start time.Time, n int) time.Time {
	d := dayOf(start)
	if !c.working(d) || secondOfDay(start) >= closeOfDay {
		d = c.next(d)
	}
	for ; n > 0; n-- {
		d = c.next(d)
	}
	return d.end()
}

// Shift moves the deadline due, an end-of-day instant as Due returns it, by
// n working days: to the end of the n-th working day after the day it
// closes (an extension), or before it when n is negative (an extension
// withdrawn). So Shift(Due(start, n), m) = Due(start, n+m) for m ≥ 0. An
// instant that is not 00:00 CST is taken as the end of its own day, so
// Shift(due, 0) rounds it up to the end of its day and changes nothing else.
func (c *Calendar) Shift(due time.Time, n int) time.Time {
	d := lastDayOf(due)
	for ; n > 0; n-- {
		d = c.next(d)
	}
	for ; n < 0; n++ {
		d = c.prev(d)
	}
	return d.end()
}

// NextWorkingDay returns the start (00:00 CST) of the first working day
// after day's CST date.
func (c *Calendar) NextWorkingDay(day time.Time) time.Time { return c.next(dayOf(day)).start() }

// WorkingDaysBetween returns the number of working days d with a's CST date
// < d ≤ b's CST date: the working days a pause from a to b took, or that
// passed from a to b. It is 0 when both are on the same date, and when b's
// date is before a's it is minus WorkingDaysBetween(b, a). To measure how
// late something was against a deadline returned by Due, use Overdue: the
// deadline is the midnight that begins the day after its last day.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	da, db := dayOf(a), dayOf(b)
	if db < da {
		return -c.count(db, da)
	}
	return c.count(da, db)
}

// Overdue returns by how many working days at is past the deadline due (an
// end-of-day instant as Due returns it): the working days after the day due
// closes, up to and including at's CST date; 0 when at is not after due.
// Work done late on a day off (a Saturday after a Friday deadline) is late
// by 0 working days; compare at with due to know whether it is late at all.
func (c *Calendar) Overdue(due, at time.Time) int {
	if !at.After(due) {
		return 0
	}
	return c.count(lastDayOf(due), dayOf(at))
}

// next returns the first working day after d.
func (c *Calendar) next(d dayNum) dayNum {
	for d++; !c.working(d); d++ {
	}
	return d
}

// prev returns the last working day before d.
func (c *Calendar) prev(d dayNum) dayNum {
	for d--; !c.working(d); d-- {
	}
	return d
}

// count returns the number of working days d with from < d ≤ to.
func (c *Calendar) count(from, to dayNum) int {
	n := 0
	for d := from + 1; d <= to; d++ {
		if c.working(d) {
			n++
		}
	}
	return n
}

package calendar

import (
	"sort"
	"time"
)

// Calendar says which CST dates are working days. It is immutable and safe
// for concurrent use. The zero Calendar knows no year: every date falls back
// to Monday to Friday.
type Calendar struct {
	lo, hi dayNum       // the dates bits covers: lo ≤ d < hi
	bits   []uint64     // bit i: whether date lo+i is a working day
	years  map[int]bool // the loaded years, and whether each is provisional
	loaded []Year       // the loaded years in year order, copied
	info   []YearInfo   // in year order
}

// YearInfo sums up a loaded year.
type YearInfo struct {
	Year        int
	Provisional bool
	Off         int // days listed as off, weekends included
	Adjusted    int // days listed as adjusted working days (调休上班)
	WorkingDays int // working days of the year as the calendar counts them
}

// New builds a calendar from the years' schedules, which should come from
// ParseYear or Builtin: a date that does not parse is ignored. When a year
// is given more than once the last one wins, so New(append(Builtin(),
// loaded...)) lets an administrator's years replace the built-in ones whole.
// A date listed by two years (the New Year holiday may start in December of
// the year before) takes the later year's word, the more recent notice.
func New(years []Year) *Calendar {
	byYear := make(map[int]Year, len(years))
	for _, y := range years {
		byYear[y.Year] = y
	}
	order := make([]int, 0, len(byYear))
	c := &Calendar{years: make(map[int]bool, len(byYear))}
	for y := range byYear {
		order = append(order, y)
		c.years[y] = byYear[y].Provisional
	}
	if len(order) == 0 {
		return c
	}
	sort.Ints(order)
	c.fill(dateOf(order[0]-1, time.December, 1), dateOf(order[len(order)-1]+1, time.January, 1))
	for _, y := range order {
		for _, d := range byYear[y].Days {
			if n, ok := parseDate(d.Date); ok {
				c.set(n, !d.Off)
			}
		}
	}
	for _, y := range order {
		c.loaded = append(c.loaded, byYear[y].clone())
		c.info = append(c.info, c.sum(byYear[y]))
	}
	return c
}

// fill covers the dates from lo up to hi with Monday to Friday.
func (c *Calendar) fill(lo, hi dayNum) {
	c.lo, c.hi = lo, hi
	c.bits = make([]uint64, (hi-lo+63)/64)
	for d := lo; d < hi; d++ {
		c.set(d, !d.weekend())
	}
}

// set marks the date d, which the bits cover, working or not.
func (c *Calendar) set(d dayNum, working bool) {
	if d < c.lo || d >= c.hi {
		return
	}
	i := d - c.lo
	if working {
		c.bits[i/64] |= 1 << (i % 64)
	} else {
		c.bits[i/64] &^= 1 << (i % 64)
	}
}

// sum counts y's entries and its working days.
func (c *Calendar) sum(y Year) YearInfo {
	info := YearInfo{Year: y.Year, Provisional: y.Provisional}
	for _, d := range y.Days {
		if d.Off {
			info.Off++
		} else {
			info.Adjusted++
		}
	}
	for d, end := dateOf(y.Year, time.January, 1), dateOf(y.Year+1, time.January, 1); d < end; d++ {
		if c.working(d) {
			info.WorkingDays++
		}
	}
	return info
}

// working reports whether the date d is a working day, in constant time.
func (c *Calendar) working(d dayNum) bool {
	if d >= c.lo && d < c.hi {
		i := d - c.lo
		return c.bits[i/64]&(1<<(i%64)) != 0
	}
	return !d.weekend()
}

// Working reports whether the CST date of day is a working day. A date of a
// year that is not loaded is a working day from Monday to Friday.
func (c *Calendar) Working(day time.Time) bool { return c.working(dayOf(day)) }

// Known reports whether the schedule of year is loaded, provisional or not.
func (c *Calendar) Known(year int) bool { _, ok := c.years[year]; return ok }

// Provisional reports whether the schedule of year is loaded but not yet
// checked against the State Council's notice.
func (c *Calendar) Provisional(year int) bool { return c.years[year] }

// Years sums up the loaded years, in year order.
func (c *Calendar) Years() []YearInfo { return append([]YearInfo(nil), c.info...) }

// Loaded returns the schedules the calendar was built from, one a year (the
// last given for each), in year order; each call returns a fresh copy.
func (c *Calendar) Loaded() []Year {
	years := make([]Year, len(c.loaded))
	for i, y := range c.loaded {
		years[i] = y.clone()
	}
	return years
}

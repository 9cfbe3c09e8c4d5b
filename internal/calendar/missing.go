package calendar

import "time"

// Gap is a year whose schedule deadlines need but the calendar lacks.
type Gap struct {
	Year        int
	Provisional bool // true: loaded but not checked against the notice; false: not loaded at all
}

// Gaps returns the years an administrator should load or confirm at now,
// so that deadlines are not counted Monday to Friday across a holiday, or on
// an unchecked schedule: the current year (CST) whenever its schedule is
// missing or provisional, then, from 1 November on (the State Council
// publishes the coming year's schedule around then), the next year while
// its schedule is missing or provisional. It returns nil when there is
// nothing to do.
func (c *Calendar) Gaps(now time.Time) []Gap {
	t := now.In(CST)
	years := []int{t.Year()}
	if t.Month() >= time.November {
		years = append(years, t.Year()+1)
	}
	var gaps []Gap
	for _, y := range years {
		switch {
		case !c.Known(y):
			gaps = append(gaps, Gap{Year: y})
		case c.Provisional(y):
			gaps = append(gaps, Gap{Year: y, Provisional: true})
		}
	}
	return gaps
}

// Missing reports the first of Gaps(now), the most pressing: warn is true
// when there is one, and then year is the year to load or confirm and
// provisional says which (true: loaded but unchecked; false: not loaded).
// From 1 November it warns about the next year while the current one is in
// order; a current year that is missing or provisional comes first, at any
// time of the year, since deadlines counted today depend on it.
func (c *Calendar) Missing(now time.Time) (year int, provisional, warn bool) {
	gaps := c.Gaps(now)
	if len(gaps) == 0 {
		return 0, false, false
	}
	return gaps[0].Year, gaps[0].Provisional, true
}

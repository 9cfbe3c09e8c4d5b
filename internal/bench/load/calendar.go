package load

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"zhitong/internal/appeal"
)

// When appeals come in, and when officers act on them. Appeals are
// registered over the years before the load's end, more in later years
// (the system is taken up), fewer at weekends and in the Spring Festival
// and National Day holidays, more in the weeks after the Spring Festival
// and in March, June and September, mostly in office hours. Officers act in
// office hours on working days.

// springFestival is the first day of the lunar new year (春节).
var springFestival = map[int]string{
	2015: "02-19", 2016: "02-08", 2017: "01-28", 2018: "02-16", 2019: "02-05", 2020: "01-25", 2021: "02-12",
	2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17", 2027: "02-06", 2028: "01-26",
	2029: "02-13", 2030: "02-03", 2031: "01-23", 2032: "02-11", 2033: "01-31", 2034: "02-19", 2035: "02-08",
}

func springFestivalOf(year int) time.Time {
	md, ok := springFestival[year]
	if !ok {
		md = "02-05"
	}
	t, _ := time.ParseInLocation("2006-01-02", fmt.Sprintf("%04d-%s", year, md), appeal.CST)
	return t
}

// hourWeights are the shares of the hours of a day (China Standard Time)
// in which appeals are registered.
var hourWeights = [24]float64{0.04, 0.03, 0.02, 0.02, 0.02, 0.04, 0.1, 0.3, 1.0, 1.6, 1.7, 1.4, 0.6, 0.8, 1.4, 1.5, 1.4, 1.0,
	0.5, 0.4, 0.35, 0.25, 0.12, 0.08}

// calendar spreads the appeals over the days of the load.
type calendar struct {
	now    time.Time
	days   []time.Time // midnight (CST) of each day, oldest first
	counts []int       // how many appeals are registered each day
}

// newCalendar spreads n appeals over the years before now.
func newCalendar(r *rand.Rand, now time.Time, years float64, n int) *calendar {
	c := &calendar{now: now}
	first := midnight(now.Add(-time.Duration(years * 365.25 * 24 * float64(time.Hour))))
	var ws []float64
	for d := first; d.Before(now); d = d.AddDate(0, 0, 1) {
		w := dayWeight(d, first) * math.Exp(0.15*r.NormFloat64())
		if end := d.AddDate(0, 0, 1); end.After(now) {
			w *= dayFraction(d, now)
		}
		c.days = append(c.days, d)
		ws = append(ws, w)
	}
	total := 0.0
	for _, w := range ws {
		total += w
	}
	c.counts = make([]int, len(ws))
	cum, given := 0.0, 0
	for i, w := range ws {
		cum += w
		upTo := int(math.Round(float64(n) * cum / total))
		c.counts[i] = upTo - given
		given = upTo
	}
	return c
}

func midnight(t time.Time) time.Time {
	y, m, d := t.In(appeal.CST).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, appeal.CST)
}

// dayFraction is the share of a day's appeals registered before now.
func dayFraction(day, now time.Time) float64 {
	total, before := 0.0, 0.0
	for h, w := range hourWeights {
		total += w
		start := day.Add(time.Duration(h) * time.Hour)
		switch {
		case !start.Add(time.Hour).After(now):
			before += w
		case start.Before(now):
			before += w * float64(now.Sub(start)) / float64(time.Hour)
		}
	}
	return before / total
}

// dayWeight is how busy a day is, before noise.
func dayWeight(d, first time.Time) float64 {
	w := [7]float64{0.3, 1.15, 1.05, 1.05, 1.05, 0.95, 0.35}[d.Weekday()]
	sf := springFestivalOf(d.Year())
	switch days := int(d.Sub(sf).Hours() / 24); {
	case days >= -3 && days <= 6:
		w *= 0.25 // 春节
	case days > 6 && days <= 28:
		w *= 1.45 // the rush after it
	}
	switch m, day := d.Month(), d.Day(); {
	case m == time.October && day <= 7:
		w *= 0.3 // 国庆
	case m == time.March || m == time.June || m == time.September:
		w *= 1.25
	case m == time.December:
		w *= 1.1
	case m == time.July || m == time.August:
		w *= 0.95
	}
	years := d.Sub(first).Hours() / (24 * 365.25)
	return w * math.Pow(1.2, years) // taken up by more enterprises each year
}

// times returns k registration times on day i, in order, before now.
func (c *calendar) times(r *rand.Rand, i, k int, out []time.Time) []time.Time {
	out = out[:0]
	day := c.days[i]
	for len(out) < k {
		t := day.Add(time.Duration(pickHour(r))*time.Hour + time.Duration(r.Int64N(int64(time.Hour))))
		t = t.Truncate(time.Millisecond)
		if t.Before(c.now) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

var hourCum = func() [24]float64 {
	var c [24]float64
	s := 0.0
	for i, w := range hourWeights {
		s += w
		c[i] = s
	}
	return c
}()

func pickHour(r *rand.Rand) int {
	x := r.Float64() * hourCum[23]
	for h, c := range hourCum {
		if x < c {
			return h
		}
	}
	return 23
}

// Office hours, in minutes after midnight (CST).
const (
	officeOpens  = 8*60 + 30
	officeCloses = 18 * 60
)

// work returns the first moment of office hours at or after t: t itself
// in office hours on a working day, otherwise the next opening and up to an
// hour after it.
func work(r *rand.Rand, t time.Time) time.Time {
	l := t.In(appeal.CST)
	mins := l.Hour()*60 + l.Minute()
	wd := l.Weekday()
	if wd != time.Saturday && wd != time.Sunday && mins >= officeOpens && mins < officeCloses {
		return t
	}
	day := midnight(t)
	if mins >= officeCloses || wd == time.Saturday || wd == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	return day.Add(officeOpens*time.Minute + time.Duration(r.IntN(3600))*time.Second)
}

// hours is a duration of h hours and a random part of one more.
func hours(r *rand.Rand, h float64) time.Duration {
	return time.Duration((h + r.Float64()) * float64(time.Hour))
}

// days is a duration of d days and a random part of one more.
func days(r *rand.Rand, d float64) time.Duration {
	return time.Duration((d + r.Float64()) * 24 * float64(time.Hour))
}

// lognormal draws a duration around median, spread by sigma.
func lognormal(r *rand.Rand, median time.Duration, sigma float64) time.Duration {
	return time.Duration(float64(median) * math.Exp(sigma*r.NormFloat64()))
}

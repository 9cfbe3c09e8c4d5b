package calendar

import (
	"time"

	"zhitong/internal/fault"
)

// Warnings returns what in y is allowed but worth a second look before an
// administrator relies on it, each as a *fault.Error naming the entry:
// a schedule that cites no State Council notice (keep it provisional until
// checked), one with no day off on a weekday, and an adjusted working day
// listed on a weekday, where it changes nothing (holiday-cn's 2020 lists
// Monday 2020-02-03, the day work resumed after the extended Spring
// Festival). None of these stops ParseYear.
func (y Year) Warnings() []error {
	var ws []error
	if len(y.Papers) == 0 {
		ws = append(ws, fault.E(fault.Invalid, "calendar.warn.papers", y.Year))
	}
	holiday := false
	for _, d := range y.Days {
		n, ok := parseDate(d.Date)
		if !ok {
			continue
		}
		switch {
		case d.Off && !n.weekend():
			holiday = true
		case !d.Off && !n.weekend():
			ws = append(ws, fault.E(fault.Invalid, "calendar.warn.weekday", d.Date, weekdayName(n.weekday())))
		}
	}
	if !holiday {
		ws = append(ws, fault.E(fault.Invalid, "calendar.warn.empty", y.Year))
	}
	return ws
}

var weekdayNames = [...]fault.Both{
	{Zh: "星期日", En: "Sunday"}, {Zh: "星期一", En: "Monday"}, {Zh: "星期二", En: "Tuesday"},
	{Zh: "星期三", En: "Wednesday"}, {Zh: "星期四", En: "Thursday"}, {Zh: "星期五", En: "Friday"},
	{Zh: "星期六", En: "Saturday"},
}

// weekdayName returns the day of the week in both languages, as a message argument.
func weekdayName(w time.Weekday) fault.Both { return weekdayNames[w] }

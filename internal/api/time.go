package api

import (
	"encoding/json"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// Time is an instant as the API writes it: RFC 3339 in China Standard Time
// (2026-03-10T09:30:00+08:00). Fields of this type are tagged omitzero, so
// that an instant that has not happened yet is left out; were one written
// zero it would be null.
type Time struct{ time.Time }

// at wraps t for a view.
func at(t time.Time) Time { return Time{t} }

// MarshalJSON implements json.Marshaler.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.In(appeal.CST).Format(time.RFC3339))
}

// dateLayout is the form of every date the API reads: a day in China
// Standard Time.
const dateLayout = "2006-01-02"

// parseDay reads a date YYYY-MM-DD as the midnight that begins it in China
// Standard Time; field names the input for the error.
func parseDay(field, s string) (time.Time, error) {
	d, err := time.ParseInLocation(dateLayout, s, appeal.CST)
	if err != nil {
		return time.Time{}, fault.Field(field, "bad_date", field)
	}
	return d, nil
}

// parseDeadline reads a deadline: a date YYYY-MM-DD means the end of that day
// in China Standard Time (the midnight that ends it, as the domain counts
// deadlines), and an RFC 3339 time means itself. Empty is no deadline.
func parseDeadline(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return time.Time{}, nil
	case len(s) == len(dateLayout):
		d, err := time.ParseInLocation(dateLayout, s, appeal.CST)
		if err != nil {
			return time.Time{}, fault.Field(field, "api.bad_time", field)
		}
		return d.AddDate(0, 0, 1), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fault.Field(field, "api.bad_time", field)
	}
	return t, nil
}

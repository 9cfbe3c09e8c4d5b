package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
	"time"

	"zhitong/internal/fault"
)

// The years a schedule may be for.
const (
	MinYear = 2000
	MaxYear = 2100
)

// Day is one date of a year's schedule.
type Day struct {
	Date string // YYYY-MM-DD
	Name string // the holiday, as the State Council names it: 春节, 国庆节…
	Off  bool   // true: a day off (放假), even on a weekday; false: an adjusted working day (调休上班)
}

// Year is the State Council's holiday schedule of one year: the dates that
// differ from Monday-to-Friday, or that the notice lists with its holidays.
type Year struct {
	Year        int
	Days        []Day    // in date order
	Provisional bool     // not yet checked against the State Council's notice
	Papers      []string // the addresses of the notices it was taken from
}

// clone returns a copy of y that shares no slice with it.
func (y Year) clone() Year {
	y.Days = append([]Day(nil), y.Days...)
	y.Papers = append([]string(nil), y.Papers...)
	return y
}

// The holiday-cn JSON form. $schema and $id are accepted and dropped; every
// other field is refused, so that a misspelt one is never read as "absent".
type jsonYear struct {
	Schema string             `json:"$schema,omitempty"`
	ID     string             `json:"$id,omitempty"`
	Year   *int               `json:"year"`
	Papers []string           `json:"papers"`
	Days   *[]json.RawMessage `json:"days"`
}

type jsonDay struct {
	Name     *string `json:"name"`
	Date     *string `json:"date"`
	IsOffDay *bool   `json:"isOffDay"`
}

// ParseYear reads a year's schedule in the holiday-cn JSON form:
//
//	{"year": 2026, "papers": ["https://www.gov.cn/…"],
//	 "days": [{"name": "春节", "date": "2026-02-15", "isOffDay": true}, …]}
//
// It refuses, with a message naming the entry at fault (a *fault.Error of
// kind Invalid): anything but one JSON object of that form; an unknown field
// (a misspelt isOffDay must not read as a working day); a year outside
// MinYear–MaxYear; an entry without its date, name or isOffDay; a date not
// written YYYY-MM-DD or that does not exist; a date outside the year, except
// 25–31 December of the year before, which a New Year holiday may take (the
// 2023 notice lists 2022-12-31); and a date listed twice.
//
// It accepts days off on a weekend: the notices list each holiday whole,
// weekends included (春节 2026 runs from Sunday 15 to Monday 23 February).
// An adjusted working day on a weekday changes nothing and is accepted too;
// Warnings reports it. The days are returned in date order; the year is not
// Provisional, which is for the caller to decide.
func ParseYear(data []byte) (Year, error) {
	var f jsonYear
	if err := decodeStrict(data, &f); err != nil {
		return Year{}, fileError(data, err)
	}
	if f.Year == nil {
		return Year{}, fault.E(fault.Invalid, "calendar.missing", "year")
	}
	if f.Days == nil {
		return Year{}, fault.E(fault.Invalid, "calendar.missing", "days")
	}
	y := Year{Year: *f.Year}
	if len(f.Papers) > 0 {
		y.Papers = f.Papers
	}
	if y.Year < MinYear || y.Year > MaxYear {
		return Year{}, fault.E(fault.Invalid, "calendar.year", y.Year, MinYear, MaxYear)
	}
	seen := make(map[dayNum]bool, len(*f.Days))
	for i, raw := range *f.Days {
		var jd jsonDay
		if err := decodeStrict(raw, &jd); err != nil {
			return Year{}, entryError(i+1, raw, err)
		}
		d, err := y.readDay(i+1, jd, seen)
		if err != nil {
			return Year{}, err
		}
		y.Days = append(y.Days, d)
	}
	sort.Slice(y.Days, func(i, j int) bool { return y.Days[i].Date < y.Days[j].Date })
	return y, nil
}

// readDay checks the n-th entry of y's days against y and the dates seen.
func (y Year) readDay(n int, jd jsonDay, seen map[dayNum]bool) (Day, error) {
	if jd.Date == nil {
		return Day{}, fault.E(fault.Invalid, "calendar.date.missing", n)
	}
	d, ok := parseDate(*jd.Date)
	if !ok {
		return Day{}, fault.E(fault.Invalid, "calendar.date", n, *jd.Date)
	}
	switch {
	case !y.covers(d):
		return Day{}, fault.E(fault.Invalid, "calendar.outside", *jd.Date, y.Year)
	case seen[d]:
		return Day{}, fault.E(fault.Invalid, "calendar.dup", *jd.Date)
	case jd.IsOffDay == nil:
		return Day{}, fault.E(fault.Invalid, "calendar.day.missing", *jd.Date, "isOffDay")
	case jd.Name == nil || strings.TrimSpace(*jd.Name) == "":
		return Day{}, fault.E(fault.Invalid, "calendar.name", *jd.Date)
	}
	seen[d] = true
	return Day{Date: *jd.Date, Name: strings.TrimSpace(*jd.Name), Off: *jd.IsOffDay}, nil
}

// covers reports whether d may appear in y's schedule: a date of the year,
// or of the last week of the year before (a New Year holiday's start).
func (y Year) covers(d dayNum) bool {
	return d >= dateOf(y.Year-1, time.December, 25) && d < dateOf(y.Year+1, time.January, 1)
}

// errTrailing reports data after the one JSON value expected.
var errTrailing = errors.New("data after the JSON value")

// decodeStrict reads exactly one JSON value into v, refusing unknown
// fields. It returns the decoder's own errors, or errTrailing.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}

// unknownField returns the field an error of decodeStrict names as
// unknown, quoted, if that is what it reports.
func unknownField(err error) (string, bool) {
	return strings.CutPrefix(err.Error(), "json: unknown field ")
}

// fileError turns an error of decodeStrict on a whole file into a message
// a person can act on.
func fileError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var e *fault.Error
	field, unknown := unknownField(err)
	switch {
	case errors.Is(err, errTrailing):
		e = fault.E(fault.Invalid, "calendar.trailing")
	case errors.Is(err, io.ErrUnexpectedEOF):
		e = fault.E(fault.Invalid, "calendar.json", len(data))
	case errors.As(err, &syntax):
		e = fault.E(fault.Invalid, "calendar.json", syntax.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		e = fault.E(fault.Invalid, "calendar.type", typ.Field)
	case unknown:
		e = fault.E(fault.Invalid, "calendar.unknown_field", field)
	default:
		e = fault.E(fault.Invalid, "calendar.form")
	}
	e.Err = err
	return e
}

// entryError turns an error of decodeStrict on raw, the n-th entry of days,
// into a message that names the entry, and its date if that can be read.
func entryError(n int, raw []byte, err error) error {
	var dated struct{ Date string }
	label := fault.Both{}
	if json.Unmarshal(raw, &dated) == nil && dated.Date != "" {
		label = fault.Both{Zh: "（" + dated.Date + "）", En: " (" + dated.Date + ")"}
	}
	var typ *json.UnmarshalTypeError
	var e *fault.Error
	field, unknown := unknownField(err)
	switch {
	case errors.As(err, &typ) && typ.Field != "":
		e = fault.E(fault.Invalid, "calendar.entry.type", n, label, typ.Field)
	case unknown:
		e = fault.E(fault.Invalid, "calendar.entry.unknown_field", n, label, field)
	default:
		e = fault.E(fault.Invalid, "calendar.entry.form", n, label)
	}
	e.Err = err
	return e
}

// JSON writes y in the holiday-cn form that ParseYear reads, indented as
// the published files are. Provisional is not part of the form; whoever
// stores the year keeps it beside.
func (y Year) JSON() []byte {
	f := struct {
		Year   int        `json:"year"`
		Papers []string   `json:"papers"`
		Days   []jsonDayW `json:"days"`
	}{Year: y.Year, Papers: y.Papers, Days: make([]jsonDayW, len(y.Days))}
	if f.Papers == nil {
		f.Papers = []string{}
	}
	for i, d := range y.Days {
		f.Days[i] = jsonDayW{Name: d.Name, Date: d.Date, IsOffDay: d.Off}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(f); err != nil {
		panic("calendar: encoding a year: " + err.Error()) // strings, ints and bools always encode
	}
	return b.Bytes()
}

// jsonDayW is a day as JSON writes it, every field present.
type jsonDayW struct {
	Name     string `json:"name"`
	Date     string `json:"date"`
	IsOffDay bool   `json:"isOffDay"`
}

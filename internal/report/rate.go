package report

import (
	"encoding/json"
	"fmt"
)

// Rate is a share computed from integer counts and shown as a percentage
// with one decimal, rounded half up (14/15 → 93.3%). A rate with no
// denominator is shown as "-", never as 0 or 100.
type Rate struct {
	Num, Den int
}

// RateOf returns num ÷ den.
func RateOf(num, den int) Rate { return Rate{num, den} }

// Tenths returns the rate in tenths of a percent, rounded half up, and
// whether it is defined.
func (r Rate) Tenths() (int, bool) {
	if r.Den <= 0 {
		return 0, false
	}
	return (r.Num*2000 + r.Den) / (2 * r.Den), true
}

// String shows the rate as "93.3%", or "-" when undefined.
func (r Rate) String() string {
	t, ok := r.Tenths()
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%d.%d%%", t/10, t%10)
}

// MarshalJSON writes {"num":14,"den":15,"percent":"93.3%"}.
func (r Rate) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Num     int    `json:"num"`
		Den     int    `json:"den"`
		Percent string `json:"percent"`
	}{r.Num, r.Den, r.String()})
}

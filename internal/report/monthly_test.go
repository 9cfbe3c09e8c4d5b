package report

import (
	"testing"

	"zhitong/internal/appeal"
)

// A breakdown applies the counting rules to each township: merged
// duplicates are left out of the received, withdrawn and unreachable ones
// out of the rates; the largest township comes first, the unnamed last.
func TestBreakdownByTownship(t *testing.T) {
	part := func(key, name string, s appeal.State, sat appeal.Satisfaction, resolved, unreachable bool, n int) Part {
		p := Part{Dim: "territory", Key: key, Name: name}
		p.Add(Group{Channel: appeal.Hotline12345, Route: appeal.RouteDistrict, State: s, Satisfaction: sat, Resolved: resolved, Unreachable: unreachable, N: n})
		return p
	}
	parts := []Part{
		part("7", "乐坪街道", appeal.Closed, appeal.Satisfied, true, false, 12),
		part("7", "乐坪街道", appeal.Closed, appeal.Dissatisfied, false, false, 1),
		part("7", "乐坪街道", appeal.Closed, appeal.SatNone, false, true, 2),
		part("7", "乐坪街道", appeal.Merged, appeal.SatNone, false, false, 3),
		part("7", "乐坪街道", appeal.Withdrawn, appeal.SatNone, false, false, 1),
		part("9", "大科街道", appeal.InProgress, appeal.SatNone, false, false, 4),
		part("0", "", appeal.Closed, appeal.FairlySatisfied, true, false, 20),
		{Dim: "type", Key: "consult", Name: "咨询", Figures: Figures{Received: 99, Closed: 99}},
	}
	rows := breakdown(parts, "territory")
	if len(rows) != 3 || rows[0].Name != "乐坪街道" || rows[1].Name != "大科街道" || rows[2].Key != "0" {
		t.Fatalf("rows: %+v", rows)
	}
	lp := rows[0]
	if lp.Received != 16 || lp.Merged != 3 || lp.Withdrawn != 1 || lp.Closed != 15 || lp.Rated != 13 || lp.Unreachable != 2 {
		t.Fatalf("乐坪街道: %+v", lp.Figures)
	}
	if lp.Satisfaction.String() != "92.3%" || lp.Resolution.String() != "92.3%" || lp.ClosedRate.String() != "100.0%" {
		t.Fatalf("乐坪街道's rates: satisfaction %s, resolution %s, closed %s", lp.Satisfaction, lp.Resolution, lp.ClosedRate)
	}
	if rows[1].Satisfaction.String() != "-" || rows[1].ClosedRate.String() != "0.0%" {
		t.Fatalf("大科街道, nothing rated: %+v", rows[1].Figures)
	}
}

package report

import (
	"testing"

	"zhitong/internal/appeal"
)

func g(ch appeal.Channel, r appeal.Route, s appeal.State, sat appeal.Satisfaction, resolved bool, n int) Group {
	return Group{Channel: ch, Route: r, State: s, Satisfaction: sat, Resolved: resolved, N: n}
}

// The worked example of DOMAIN.md, which reproduces the seed's figures.
func workedExample() []Group {
	const (
		c   = appeal.Closed
		ok  = appeal.Satisfied
		fr  = appeal.FairlySatisfied
		bad = appeal.Dissatisfied
	)
	return []Group{
		// hotline: 24 received, 24 closed, 20 + 4 → 100.0%
		g(appeal.Hotline12345, appeal.RouteDirect, c, ok, true, 14),
		g(appeal.HotlinePriv, appeal.RouteDirect, c, ok, true, 6),
		g(appeal.Hotline12345, appeal.RouteDirect, c, fr, true, 4),
		// referred to the city: 15, 12 + 2 + 1 不满意 → 93.3%
		g(appeal.Portal, appeal.RouteCity, c, ok, true, 12),
		g(appeal.Portal, appeal.RouteCity, c, fr, true, 2),
		g(appeal.Portal, appeal.RouteCity, c, bad, false, 1),
		// referred to the district office: 34, 30 + 4 → 100.0%
		g(appeal.VisitCh, appeal.RouteDistrict, c, ok, true, 30),
		g(appeal.VisitCh, appeal.RouteDistrict, c, fr, false, 4),
		// assigned by the city: 50, 45 + 4 + 1 → 98.0%
		g(appeal.CityAssigned, appeal.RouteFromCity, c, ok, true, 45),
		g(appeal.CityAssigned, appeal.RouteFromCity, c, fr, true, 4),
		g(appeal.CityAssigned, appeal.RouteFromCity, c, bad, false, 1),
	}
}

func route(s *Summary, r appeal.Route) Figures {
	for _, row := range s.ByRoute {
		if row.Key == string(r) {
			return row.Figures
		}
	}
	return Figures{}
}

func TestWorkedExample(t *testing.T) {
	s := Tally(workedExample())
	check := func(name string, f Figures, received, closed, rated int, pct string) {
		t.Helper()
		if f.Received != received || f.Closed != closed || f.Rated != rated || f.Satisfaction.String() != pct {
			t.Errorf("%s: received %d closed %d rated %d satisfaction %s; want %d %d %d %s",
				name, f.Received, f.Closed, f.Rated, f.Satisfaction, received, closed, rated, pct)
		}
	}
	check("hotline", s.Hotline, 24, 24, 24, "100.0%")
	check("city", route(s, appeal.RouteCity), 15, 15, 15, "93.3%")
	check("district", route(s, appeal.RouteDistrict), 34, 34, 34, "100.0%")
	check("from city", route(s, appeal.RouteFromCity), 50, 50, 50, "98.0%")
	check("total", s.Total, 123, 123, 123, "98.4%")                            // 121 of 123
	if r := route(s, appeal.RouteDistrict).Resolution.String(); r != "88.2%" { // 30 of 34
		t.Errorf("district resolution %s, want 88.2%%", r)
	}
}

func TestExclusions(t *testing.T) {
	groups := append(workedExample(),
		g(appeal.Hotline12345, appeal.RouteDirect, appeal.Merged, "", false, 3),
		g(appeal.Hotline12345, appeal.RouteNone, appeal.Withdrawn, "", false, 2),
		g(appeal.Hotline12345, appeal.RouteNone, appeal.NotAccepted, "", false, 1),
		g(appeal.Hotline12345, appeal.RouteNone, appeal.Transferred, "", false, 1),
		Group{Channel: appeal.HotlinePriv, Route: appeal.RouteDirect, State: appeal.Closed, Unreachable: true, N: 2},
		g(appeal.HotlinePriv, appeal.RouteDirect, appeal.AwaitVisit, "", false, 5),
	)
	h := Tally(groups).Hotline
	// Merged are counted once, as the survivor: not received again.
	if h.Received != 24+2+1+1+2+5 || h.Merged != 3 || h.Withdrawn != 2 || h.NotAccepted != 1 || h.Transferred != 1 {
		t.Fatalf("received %d merged %d withdrawn %d not accepted %d transferred %d", h.Received, h.Merged, h.Withdrawn, h.NotAccepted, h.Transferred)
	}
	if h.Closed != 26 || h.Unreachable != 2 || h.Rated != 24 || h.Satisfaction.String() != "100.0%" {
		t.Fatalf("closed %d unreachable %d rated %d satisfaction %s", h.Closed, h.Unreachable, h.Rated, h.Satisfaction)
	}
	// 26 closed of 24+2+5 that could close.
	if h.ClosedRate.String() != "83.9%" {
		t.Fatalf("closed rate %s, want 83.9%%", h.ClosedRate)
	}
}

func TestRateRoundsHalfUp(t *testing.T) {
	cases := []struct {
		num, den int
		want     string
	}{
		{14, 15, "93.3%"}, {49, 50, "98.0%"}, {1, 8, "12.5%"}, {1, 16, "6.3%"}, {2, 3, "66.7%"},
		{0, 5, "0.0%"}, {5, 5, "100.0%"}, {0, 0, "-"}, {1, 2000, "0.1%"}, {1, 2001, "0.0%"},
	}
	for _, c := range cases {
		if got := RateOf(c.num, c.den).String(); got != c.want {
			t.Errorf("%d/%d = %s, want %s", c.num, c.den, got, c.want)
		}
	}
}

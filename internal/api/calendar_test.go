package api_test

import (
	"strings"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// The system administrator loads next year's schedule through the API,
// provisional; the calendar shows it and warns of it until it is
// confirmed; a bad schedule is refused by the date it names; the policy is
// set and read back; the office may read but not change either.
func TestCalendarAPI(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorldOn(t, db)
		admin, office := w.as(t, "sysadmin"), w.as(t, "office")
		w.clock.Set(cst(2026, 11, 16, 9, 0)) // from November, next year wants attention

		var cal api.Calendar
		office.get("/api/v1/calendar").want(200).into(&cal)
		if !hasGap(cal, 2027, true) {
			t.Fatalf("in November 2026 the calendar should warn of 2027 (provisional): %+v", cal.Gaps)
		}
		year := map[string]any{"provisional": true, "papers": []string{"国办发明电〔2027〕7号"}, "days": []map[string]any{
			{"date": "2028-01-01", "name": "元旦", "off": true},
			{"date": "2028-01-26", "name": "春节", "off": true},
			{"date": "2028-01-29", "name": "春节", "off": false},
		}}
		office.do("PUT", "/api/v1/calendar/2028", year).want(403)
		bad := map[string]any{"days": []map[string]any{{"date": "2028-02-30", "name": "春节", "off": true}}}
		if e := admin.do("PUT", "/api/v1/calendar/2028", bad).apiError(400); !strings.Contains(e.Message, "2028-02-30") {
			t.Errorf("a schedule with 2028-02-30: %q", e.Message)
		}
		admin.do("PUT", "/api/v1/calendar/1999", year).want(400)

		var y api.CalendarYear
		admin.do("PUT", "/api/v1/calendar/2028", year).want(200).into(&y)
		if y.Year != 2028 || !y.Provisional || !y.Loaded || y.OffDays != 2 || y.AdjustedDays != 1 {
			t.Fatalf("loaded 2028: %+v", y)
		}
		admin.post("/api/v1/calendar/2028/confirm", map[string]any{"note": "已核对"}).want(200).into(&y)
		if y.Provisional {
			t.Fatalf("2028 still provisional after confirmation")
		}
		admin.post("/api/v1/calendar/2028/confirm", nil).wantError(409, "calendar.confirmed")
		admin.post("/api/v1/calendar/2027/confirm", map[string]any{"note": "已核对国办发明电"}).want(200)
		office.get("/api/v1/calendar").want(200).into(&cal)
		if len(cal.Gaps) != 0 {
			t.Errorf("warned of %+v once 2027 was confirmed", cal.Gaps)
		}

		var p api.DeadlinePolicy
		office.do("PUT", "/api/v1/deadline-policy", map[string]any{"accept_days": 2, "consult_days": 5, "other_days": 15}).want(403)
		admin.do("PUT", "/api/v1/deadline-policy", map[string]any{"accept_days": 2, "consult_days": 4, "other_days": 20,
			"categories": map[string]int{}}).want(200).into(&p)
		office.get("/api/v1/deadline-policy").want(200).into(&p)
		if p.AcceptDays != 2 || p.ConsultDays != 4 || p.OtherDays != 20 {
			t.Errorf("the policy read back: %+v", p)
		}
		admin.do("PUT", "/api/v1/deadline-policy", map[string]any{"accept_days": 0, "consult_days": 4, "other_days": 20}).wantError(400, "deadline.days")
	})
}

func hasGap(c api.Calendar, year int, provisional bool) bool {
	for _, g := range c.Gaps {
		if g.Year == year && g.Provisional == provisional {
			return true
		}
	}
	return false
}

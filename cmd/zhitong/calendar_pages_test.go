package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhitong/internal/calendar"
)

// The system administrator keeps the calendar from its page: a file that
// is not a schedule is refused with a message and changes nothing; a
// corrected 2026 is loaded; 2027 is confirmed and its warning goes; the
// policy is saved. The office reads the same page without its forms.
func TestCalendarPage(t *testing.T) {
	w := newPageWorldAt(t, func() time.Time { return time.Date(2026, 11, 20, 10, 0, 0, 0, calendar.CST) })
	admin, office := w.signInHTTP("admin_sys_sunhao"), w.signInHTTP("yhb_zhouzhiqiang")

	page := w.page(office, "/admin/calendar")
	if !strings.Contains(page, `data-gap="2027"`) || strings.Contains(page, `enctype="multipart/form-data"`) || !strings.Contains(page, "data-policy") {
		t.Fatalf("the office's calendar page: a warning of 2027, no forms, the policy as text")
	}
	if res := w.post(office, "/admin/deadlines", url.Values{"accept_days": {"2"}, "consult_days": {"5"}, "other_days": {"15"}}, true); res.StatusCode != http.StatusForbidden {
		t.Fatalf("the office set the policy: %d", res.StatusCode)
	}

	status, _, body := w.uploadTo(admin, "/admin/calendar", "2026.json", []byte(`{"year": 2026, "days": [{"date": "2026-02-30"`), true)
	if status != http.StatusBadRequest || !strings.Contains(body, "flash-error") {
		t.Fatalf("a broken file: %d", status)
	}
	var y2026 calendar.Year
	for _, y := range calendar.Builtin() {
		if y.Year == 2026 {
			y2026 = y
		}
	}
	y2026.Days = append(y2026.Days, calendar.Day{Date: "2026-12-31", Name: "元旦", Off: true})
	status, loc, _ := w.uploadTo(admin, "/admin/calendar", "2026.json", y2026.JSON(), true)
	if status != http.StatusSeeOther || loc != "/admin/calendar?done=calendar" {
		t.Fatalf("loading a corrected 2026: %d to %q", status, loc)
	}
	if w.a.deadlines.Calendar().Working(time.Date(2026, 12, 31, 12, 0, 0, 0, calendar.CST)) {
		t.Errorf("2026-12-31 is still a working day after the correction")
	}
	res := w.post(admin, "/admin/calendar/2027/confirm", url.Values{}, true)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirming 2027: %d", res.StatusCode)
	}
	res = w.post(admin, "/admin/deadlines", url.Values{"accept_days": {"1"}, "consult_days": {"4"}, "other_days": {"15"}}, true)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the policy: %d", res.StatusCode)
	}
	page = w.page(admin, "/admin/calendar")
	if strings.Contains(page, `data-gap="2027"`) || !strings.Contains(page, `name="consult_days" type="number" min="1" max="60" required value="4"`) {
		t.Errorf("after confirming 2027 and saving 4 days the page still warns, or shows another policy")
	}
	if !strings.Contains(page, "管理员载入") {
		t.Errorf("2026 is not shown as loaded")
	}
}

package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/audit"
)

// auditLog is an audit.Recorder that keeps the entries in memory.
type auditLog struct {
	mu      sync.Mutex
	entries []audit.Entry
}

func (l *auditLog) Record(_ context.Context, e audit.Entry) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
	return nil
}

func (l *auditLog) all() []audit.Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]audit.Entry(nil), l.entries...)
}

// withAuditLog serves the world again with an audit log in memory, which
// the reveal needs, and returns the log.
func (w *world) withAuditLog(t testing.TB) *auditLog {
	t.Helper()
	log := &auditLog{}
	cfg := w.cfg
	cfg.Audit = log
	w.srv = httptest.NewServer(api.New(cfg))
	t.Cleanup(w.srv.Close)
	return log
}

// A valid ID number (GB 11643) that the tests give the appellant.
const testIDNo = "43010219900101123" + "8"

// revealBody asks for one detail of the appellant.
func revealBody(field string) map[string]any {
	return map[string]any{"field": field, "reason": "回访需要核实联系人"}
}

// Officers see the appellant masked; the federation, the office and intake
// of the district, and a unit of an open appeal, reveal a detail on purpose,
// each time on record; nobody else does.
func TestReveal(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		log := w.withAuditLog(t)
		const phone, name = "13912345678", "财务经理张敏"
		body := w.newAppeal("hotline_12345", "help", "厂房用电增容", "ligang")
		body["contact_phone"], body["contact_name"], body["contact_id_no"] = phone, name, testIDNo
		seat, fed, office := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office")
		created := seat.create(body)
		if created.ContactPhone != phone || created.ContactIDNo != testIDNo || created.ContactName != name {
			t.Errorf("the seat that took it down sees %q %q %q", created.ContactName, created.ContactPhone, created.ContactIDNo)
		}
		id := created.ID
		d := fed.act(id, "refer-district", 1, nil).detail()
		d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).detail()
		for _, who := range []string{"fed", "office", "leader", "fagai"} {
			a := w.as(t, who).appeal(id)
			if a.ContactPhone != "139****5678" || a.ContactName != "财*****" || a.ContactIDNo != "430102********1238" {
				t.Errorf("%s sees %q %q %q", who, a.ContactName, a.ContactPhone, a.ContactIDNo)
			}
		}
		path := fmt.Sprintf("/api/v1/appeals/%d/reveal", id)
		for _, c := range []struct {
			who, field, want string
		}{{"fed", "phone", phone}, {"office", "name", name}, {"intake", "id_no", testIDNo}, {"fagai", "phone", phone}} {
			r := w.as(t, c.who).post(path, revealBody(c.field)).want(200)
			var got api.Revealed
			r.into(&got)
			if got.Value != c.want || got.AppealID != id || string(got.Field) != c.field {
				t.Errorf("%s revealed %+v", c.who, got)
			}
			if cc := r.header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("a reveal is cached: %q", cc)
			}
		}
		w.as(t, "leader").post(path, revealBody("phone")).wantError(403, "reveal.forbidden")
		w.as(t, "city").post(path, revealBody("phone")).wantError(403, "reveal.forbidden")
		w.as(t, "zhujian").post(path, revealBody("phone")).wantError(404, "not_found")
		w.as(t, "sfOffice").post(path, revealBody("phone")).wantError(404, "not_found")
		w.asRead(t, "fed").post(path, revealBody("phone")).wantError(403, "forbidden")
		fed.post(path, map[string]any{"field": "email", "reason": "x"}).wantError(400, "one_of")
		fed.post(path, map[string]any{"field": "phone", "reason": " "}).wantError(400, "reveal.reason")
		fed.post(path, map[string]any{"field": "phone"}).wantError(400, "reveal.reason")
		fed.post("/api/v1/appeals/999999/reveal", revealBody("phone")).wantError(404, "not_found")

		entries := log.all()
		var ok, denied int
		for _, e := range entries {
			if !strings.HasPrefix(e.Action, "reveal.") || e.Object != "" && !strings.HasPrefix(e.Object, "appeal:") {
				t.Errorf("entry %+v", e)
			}
			for _, secret := range []string{phone, name, testIDNo} {
				if strings.Contains(e.Detail, secret) {
					t.Errorf("the log holds the value: %+v", e)
				}
			}
			if e.RequestID == "" || e.ClientIP == "" {
				t.Errorf("the entry does not say which request: %+v", e)
			}
			switch e.Outcome {
			case audit.OK:
				ok++
			case audit.Denied:
				denied++
			}
		}
		if ok != 4 || denied != 5 || len(entries) != 9 {
			t.Errorf("%d revealed, %d refused on record (of %d); want 4 and 5: %+v", ok, denied, len(entries), entries)
		}

		// Dispatched anonymously, the unit may not reveal, and is told why.
		body = w.newAppeal("hotline_12345", "report", "执法检查索要好处", "yongan")
		body["anonymous"], body["contact_phone"] = true, phone
		anon := seat.create(body)
		d = fed.act(anon.ID, "refer-district", 1, nil).detail()
		office.act(anon.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).detail()
		w.as(t, "fagai").post(fmt.Sprintf("/api/v1/appeals/%d/reveal", anon.ID), revealBody("phone")).wantError(403, "reveal.anonymous")
		fed.post(fmt.Sprintf("/api/v1/appeals/%d/reveal", anon.ID), revealBody("phone")).want(200)
	})
}

// Without an audit log nothing is revealed.
func TestRevealNeedsTheAuditLog(t *testing.T) {
	w := newWorld(t)
	w.cfg.Audit = nil
	w.srv.Close()
	w.srv = httptest.NewServer(api.New(w.cfg))
	t.Cleanup(w.srv.Close)
	created := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "厂房用电增容", "ligang"))
	fed := w.as(t, "fed")
	fed.allow5xx = true
	e := fed.post(fmt.Sprintf("/api/v1/appeals/%d/reveal", created.ID), revealBody("phone")).apiError(500)
	if e.Code != "internal" || !strings.Contains(w.logs.String(), "no audit recorder") {
		t.Errorf("refused as %+v; the log says %s", e, w.logs.String())
	}
}

// The ID number is checked at intake, kept, and masked like the phone.
func TestAppellantIDNumber(t *testing.T) {
	w := newWorld(t)
	seat := w.as(t, "intake")
	body := w.newAppeal("hotline_12345", "help", "社保补贴咨询", "ligang")
	body["contact_id_no"] = "430102199001011234"
	e := seat.post("/api/v1/appeals", body).wantError(400, "id.check")
	if e.Field != "contact_id_no" || !strings.Contains(e.Message, "8") {
		t.Errorf("the refusal %+v", e)
	}
	body["contact_id_no"] = "4301021990010112"
	seat.post("/api/v1/appeals", body).wantError(400, "id.length")
	body["contact_id_no"] = strings.ToLower("11010519491231002X")
	created := seat.create(body)
	if created.ContactIDNo != "11010519491231002X" {
		t.Errorf("stored as %q", created.ContactIDNo)
	}
	if got := w.as(t, "fed").appeal(created.ID).ContactIDNo; got != "110105********002X" {
		t.Errorf("the federation sees %q", got)
	}
}

// Every answer that may carry personal data is not to be cached.
func TestPersonalDataIsNotCached(t *testing.T) {
	w := newWorld(t)
	office := w.as(t, "office")
	for _, path := range []string{"/api/v1/enterprises", fmt.Sprintf("/api/v1/enterprises/%d", w.enterprises["ligang"].ID),
		"/api/v1/users", "/api/v1/me", "/api/v1/appeals"} {
		if cc := office.get(path).want(200).header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, cc)
		}
	}
}

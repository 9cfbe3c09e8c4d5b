package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhitong/internal/appeal"
)

// The demo district's open-day campaign shows on the events page with the
// progress the API counts; the office records a 现场办公会 through the
// form with an appeal assigned on the spot, whose instruction the event's
// page and the appeal's timeline carry; a form without a title comes back
// with what was typed; a new campaign starts at 0 done.
func TestEventPages(t *testing.T) {
	w := newPageWorld(t)
	var cs struct {
		Items []struct {
			ID          int64
			Done, Total int
		}
	}
	w.apiGet("ld_pengjianguo", "/api/v1/campaigns", &cs)
	if len(cs.Items) != 1 || cs.Items[0].Done == 0 || cs.Items[0].Done >= cs.Items[0].Total {
		t.Fatalf("the demo's campaign: %+v", cs.Items)
	}
	leader, office := w.signInHTTP("ld_pengjianguo"), w.signInHTTP("yhb_zhouzhiqiang")
	page := w.page(leader, "/events")
	if !strings.Contains(page, fmt.Sprintf(`data-progress="%d/%d"`, cs.Items[0].Done, cs.Items[0].Total)) {
		t.Error("the events page does not show the campaign's progress")
	}
	if strings.Contains(page, `action="/events"`) {
		t.Error("the leader, who does not organize events, has the form")
	}
	camp := w.page(leader, fmt.Sprintf("/campaigns/%d", cs.Items[0].ID))
	if n := strings.Count(camp, `data-done="true"`); n != cs.Items[0].Done {
		t.Errorf("the campaign's page marks %d departments done, want %d", n, cs.Items[0].Done)
	}
	if n := strings.Count(camp, `data-done="false"`); n != cs.Items[0].Total-cs.Items[0].Done {
		t.Errorf("the campaign's page marks %d departments not done", n)
	}

	page = w.page(office, "/events")
	m := regexp.MustCompile(`<option value="([0-9]+)"[^>]*>区住建局</option>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the office's form offers no 区住建局 to host")
	}
	zjj := m[1]
	today := w.now().In(appeal.CST).Format(time.DateOnly)
	form := url.Values{"kind": {"onsite"}, "title": {" "}, "held_on": {today}, "host_unit_id": {zjj}, "leader": {"区长"},
		"representatives": {"9"}, "a_type": {"help"}, "a_title": {"厂区道路破损"}, "a_content": {"园区道路破损影响运输"},
		"a_enterprise": {"娄底某物流有限公司"}, "a_instruction": {"请区住建局三日内拿出修复方案"}}
	status, body := w.postBody(office, "/events", form)
	if status != http.StatusBadRequest || !strings.Contains(body, "请区住建局三日内拿出修复方案") {
		t.Fatalf("an event without a title: %d", status)
	}
	form.Set("title", "园区道路现场办公会")
	res := w.post(office, "/events", form, true)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/events/") {
		t.Fatalf("recording: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	path := strings.TrimSuffix(res.Header.Get("Location"), "?done=event")
	page = w.page(office, path)
	m = regexp.MustCompile(`(?s)<tr data-appeal="([0-9]+)">.*?请区住建局三日内拿出修复方案`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the event's page does not list the appeal with its instruction")
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	g, err := w.a.db.Aggregate(context.Background(), id)
	if err != nil || g.Appeal.Channel != appeal.OnSite || g.Appeal.Title != "厂区道路破损" || g.Appeal.EnterpriseName != "娄底某物流有限公司" {
		t.Errorf("the appeal assigned on the spot: %+v, %v", g, err)
	}
	if !strings.Contains(w.page(office, fmt.Sprintf("/appeals/%d", id)), "请区住建局三日内拿出修复方案") {
		t.Error("the appeal's page does not show the leader's instruction")
	}

	res = w.post(office, "/campaigns", url.Values{"kind": {"symposium"}, "title": {"季度企业家座谈会"}, "starts_on": {today},
		"ends_on": {today}, "unit_ids": {zjj}}, true)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a new campaign: %d", res.StatusCode)
	}
	if camp := w.page(office, strings.TrimSuffix(res.Header.Get("Location"), "?done=campaign")); !strings.Contains(camp, `data-progress="0/1"`) {
		t.Error("the new campaign is not 0 of 1 done")
	}
}

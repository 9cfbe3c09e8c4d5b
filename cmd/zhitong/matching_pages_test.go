package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
)

// A hotline appeal names a demo company by its name without the legal form.
// The federation finds it among the appeals to match (linked from the
// registry), confirms the suggestion on the appeal page, and the entity's
// page then lists the appeal; confirming again is refused on the page. The
// company was registered twice: its page suggests the duplicate, the
// federation keeps the first, and the duplicate's page points to it. A
// leader sees no suggestions.
func TestMatchingPages(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	sys := account.SystemActor()
	name := w.companies[0].Name
	e, err := w.a.db.EnterpriseByCode(ctx, w.companyCode(name))
	if err != nil {
		t.Fatal(err)
	}
	short := strings.TrimSuffix(strings.TrimSuffix(name, "有限公司"), "有限责任公司")
	created, err := w.a.appeals.Create(ctx, sys, appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Help, Urgency: appeal.Normal,
		Title: "厂区道路积水", Content: "雨后厂区门口道路积水，车辆无法通行。", EnterpriseName: short, DistrictID: e.DistrictID})
	if err != nil {
		t.Fatal(err)
	}
	id := created.Aggregate.Appeal.ID
	appealPath := "/appeals/" + strconv.FormatInt(id, 10)
	fed := w.signInHTTP("gsl_liujianhua")

	if !strings.Contains(w.page(fed, "/registry"), `href="/registry/unmatched"`) {
		t.Error("the registry does not link the appeals to match")
	}
	if page := w.page(fed, "/registry/unmatched"); !strings.Contains(page, fmt.Sprintf(`data-appeal="%d"`, id)) || !strings.Contains(page, short) {
		t.Error("the appeal is not among those to match")
	}
	page := w.page(fed, appealPath)
	if !strings.Contains(page, `id="match"`) || !strings.Contains(page, fmt.Sprintf(`<tr data-match="%d">`, e.ID)) {
		t.Fatal("the appeal page does not suggest the company")
	}
	res := w.post(fed, appealPath+"/enterprise", url.Values{"enterprise": {strconv.FormatInt(e.ID, 10)}}, true)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != appealPath+"?done=link_enterprise" {
		t.Fatalf("linking: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	page = w.page(fed, appealPath)
	if !strings.Contains(page, fmt.Sprintf(`data-linked="%d"`, e.ID)) || !strings.Contains(page, "关联市场主体") {
		t.Error("the appeal page does not show the link and its entry on the timeline")
	}
	if !strings.Contains(page, `data-show-matches`) || strings.Contains(page, `<tr data-match=`) {
		t.Error("a linked appeal's page looks for suggestions before it is asked")
	}
	if page := w.page(fed, appealPath+"?relink=1"); !strings.Contains(page, `name="relink" value="1"`) || !strings.Contains(page, `<tr data-match=`) {
		t.Error("asked, the linked appeal's page does not offer to link another entity")
	}
	if !strings.Contains(w.page(fed, fmt.Sprintf("/registry/%d", e.ID)), `href="`+appealPath+`"`) {
		t.Error("the entity's page does not list the appeal")
	}
	status, body := w.postBody(fed, appealPath+"/enterprise", url.Values{"enterprise": {strconv.FormatInt(e.ID, 10)}})
	if status != http.StatusConflict || !strings.Contains(body, "该诉求已关联这家企业") {
		t.Errorf("linking again: %d", status)
	}
	status, body = w.postBody(fed, appealPath+"/enterprise", url.Values{"enterprise": {"91430000000000000X"}})
	if status != http.StatusBadRequest || !strings.Contains(body, `role="alert"`) {
		t.Errorf("a bad credit code: %d", status)
	}
	if page := w.page(w.signInHTTP("ld_pengjianguo"), appealPath); strings.Contains(page, `id="match"`) {
		t.Error("a leader is shown the suggestions")
	}

	dup := &enterprise.Enterprise{Name: short + "厂", DistrictID: e.DistrictID, Address: "重复登记的地址"}
	if err := w.a.enterprises.Create(ctx, sys, dup); err != nil {
		t.Fatal(err)
	}
	entityPath := fmt.Sprintf("/registry/%d", e.ID)
	if page := w.page(fed, entityPath); !strings.Contains(page, fmt.Sprintf(`<tr data-dup="%d">`, dup.ID)) {
		t.Fatal("the entity's page does not suggest its duplicate")
	}
	status, body = w.postBody(fed, entityPath+"/merge", url.Values{"into": {strconv.FormatInt(e.ID, 10)}, "back": {strconv.FormatInt(e.ID, 10)}})
	if status != http.StatusBadRequest || !strings.Contains(body, "不能将企业合并到它自己") {
		t.Errorf("merging into itself: %d", status)
	}
	res = w.post(fed, fmt.Sprintf("/registry/%d/merge", dup.ID), url.Values{"into": {strconv.FormatInt(e.ID, 10)}, "back": {strconv.FormatInt(e.ID, 10)}}, true)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != entityPath+"?done=enterprise_merged" {
		t.Fatalf("merging: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if page := w.page(fed, fmt.Sprintf("/registry/%d", dup.ID)); !strings.Contains(page, fmt.Sprintf(`data-merged-into="%d"`, e.ID)) {
		t.Error("the duplicate's page does not point to the entity kept")
	}
	if page := w.page(fed, "/registry?q="+url.QueryEscape(short)); strings.Contains(page, fmt.Sprintf(`data-enterprise="%d"`, dup.ID)) {
		t.Error("the registry still lists the duplicate")
	}
	if page := w.page(fed, entityPath); strings.Contains(page, fmt.Sprintf(`<tr data-dup="%d">`, dup.ID)) {
		t.Error("the merged duplicate is still suggested")
	}
}

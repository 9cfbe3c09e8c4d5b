package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/report"
)

// The monthly scheduling report of the demo district's last four months:
// the page and the workbook show the figures the API answers for the same
// period and moment — the total row, every unit's row, the tasks' sums —
// the workbook with its merged title, Chinese headings and percentages.
func TestMonthlyReportPageAndWorkbook(t *testing.T) {
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, appeal.CST)
	w := newPageWorldAt(t, func() time.Time { return at })
	from, to := at.AddDate(0, -4, 0).Format(time.DateOnly), at.Format(time.DateOnly)
	q := fmt.Sprintf("?from=%s&to=%s&district_id=%d", from, to, w.units["娄星区"])
	var want report.Monthly
	w.apiGet("yhb_zhouzhiqiang", "/api/v1/reports/monthly"+q, &want)
	if want.Total.Received == 0 || len(want.Units) == 0 || want.Tasks.Assigned == 0 {
		t.Fatalf("the demo's months hold nothing to report: %+v", want.Total)
	}

	page := w.page(w.signInHTTP("ld_pengjianguo"), "/reports/monthly"+q)
	all := regexp.MustCompile(`<tr data-row="all"><th scope="row">[^<]+</th><td class="num">([0-9]+)</td><td class="num">([0-9]+)</td><td class="num">([0-9]+)</td>(?:<td class="num">[0-9]+</td>){3}<td class="num" data-rate>([^<]+)</td>`).FindStringSubmatch(page)
	if all == nil {
		t.Fatal("the page has no total row")
	}
	if all[1] != strconv.Itoa(want.Total.Received) || all[2] != strconv.Itoa(want.Total.Closed) || all[3] != strconv.Itoa(want.Total.Rated) ||
		all[4] != want.Total.Satisfaction.String() {
		t.Errorf("the page's total: received %s, closed %s, rated %s, satisfaction %s; the API's %+v", all[1], all[2], all[3], all[4], want.Total)
	}
	if n := len(regexp.MustCompile(`<tr data-unit="`).FindAllString(page, -1)); n != len(want.Units) {
		t.Errorf("the page lists %d units, the API %d", n, len(want.Units))
	}
	if asOf := regexp.MustCompile(`data-asof="([^"]+)"`).FindStringSubmatch(page); asOf == nil || html.UnescapeString(asOf[1]) != want.AsOf {
		t.Errorf("the page does not print the as-of time %s", want.AsOf)
	}

	x := w.workbook(w.signInHTTP("yhb_zhouzhiqiang"), "/reports/monthly.xlsx"+q)
	sheet := x.GetSheetName(0)
	cell := func(ref string) string {
		v, err := x.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if cell("A1") != "每月调度" {
		t.Errorf("the title: %q", cell("A1"))
	}
	merged, _ := x.GetMergeCells(sheet)
	if len(merged) < 2 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "O1" {
		t.Errorf("the title is not merged across the table: %v", merged)
	}
	rows, _ := x.GetRows(sheet)
	var total, units []string
	inUnits := false
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		switch {
		case r[0] == "全部诉求":
			total = r
		case r[0] == "承办单位":
			inUnits = true
		case inUnits && r[0] != "单位":
			units = append(units, r[0])
		}
	}
	if total == nil || total[1] != strconv.Itoa(want.Total.Received) || total[2] != strconv.Itoa(want.Total.Closed) || total[7] != want.Total.Satisfaction.String() {
		t.Errorf("the workbook's total row %v; the API's %+v", total, want.Total)
	}
	if len(units) != len(want.Units) {
		t.Errorf("the workbook lists %d units, the API %d", len(units), len(want.Units))
	}
}

// workbook downloads and opens a workbook with client c.
func (w *pageWorld) workbook(c *http.Client, path string) *excelize.File {
	w.t.Helper()
	res, err := c.Get(w.url + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		w.t.Fatalf("%s: %d", path, res.StatusCode)
	}
	b, _ := io.ReadAll(res.Body)
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		w.t.Fatalf("%s is not a workbook: %v", path, err)
	}
	w.t.Cleanup(func() { x.Close() })
	return x
}

// The leader's dashboard shows the last 30 days' figures as the API counts them
// and its eight charts, drawn as SVG with their data; a wall screen set up
// with a display token shows it without signing in, refreshed, and reaches
// nothing else; a token that is not a display token is refused.
func TestDashboardAndWallScreen(t *testing.T) {
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, appeal.CST)
	w := newPageWorldAt(t, func() time.Time { return at })
	var want report.Monthly
	w.apiGet("ld_pengjianguo", "/api/v1/reports/monthly?from=2026-11-02&to=2026-12-01", &want)
	var trend []report.Day
	w.apiGet("ld_pengjianguo", "/api/v1/reports/trend?from=2026-11-02&to=2026-12-01", &trend)
	if len(trend) != 30 || trend[29].Date != "2026-12-01" {
		t.Fatalf("the trend of 30 days: %+v", trend)
	}
	page := w.page(w.signInHTTP("ld_pengjianguo"), "/dashboard")
	kpi := func(key string) string {
		m := regexp.MustCompile(`data-kpi="` + regexp.QuoteMeta(key) + `"><span class="kpi-label">[^<]+</span><span class="kpi-value">([^<]+)</span>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("the dashboard has no %s", key)
		}
		return m[1]
	}
	if kpi("db.received") != strconv.Itoa(want.Total.Received) || kpi("db.satisfaction") != want.Total.Satisfaction.String() ||
		kpi("db.overdue") != strconv.Itoa(want.Tasks.OpenOverdue) || kpi("db.on_time") != want.Tasks.OnTime.String() {
		t.Errorf("the dashboard's figures differ from the API's: received %s, satisfaction %s, overdue %s, on time %s; %+v %+v",
			kpi("db.received"), kpi("db.satisfaction"), kpi("db.overdue"), kpi("db.on_time"), want.Total, want.Tasks)
	}
	if n := len(regexp.MustCompile(`<svg [^>]*data-chart="`).FindAllString(page, -1)); n != 8 {
		t.Errorf("the dashboard draws %d charts, want 8", n)
	}
	var sum int
	for _, d := range trend {
		sum += d.N
	}
	points := regexp.MustCompile(`data-chart="line"`).FindString(page)
	if points == "" || sum == 0 {
		t.Errorf("no intake trend drawn, or the demo's last 30 days are empty (%d)", sum)
	}

	// A wall screen.
	u, err := w.a.db.UserByUsername(context.Background(), "ld_pengjianguo")
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := w.a.accounts.CreateToken(context.Background(), u.ID, "大屏", account.ScopeDisplay, 0)
	if err != nil {
		t.Fatal(err)
	}
	screen := newClient()
	if status, _ := w.postBody(screen, "/dashboard/screen", url.Values{"token": {w.users["ld_pengjianguo"].Secret}}); status != http.StatusBadRequest {
		t.Errorf("a full token set up a screen: %d", status)
	}
	if res := w.post(screen, "/dashboard/screen", url.Values{"token": {secret}}, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting up the screen: %d", res.StatusCode)
	}
	status, body := w.read(screen, "/dashboard")
	if status != http.StatusOK || !strings.Contains(body, `<body class="screen">`) || !strings.Contains(body, `http-equiv="refresh"`) ||
		strings.Contains(body, `action="/dashboard/screen"`) || len(regexp.MustCompile(`<svg [^>]*data-chart="`).FindAllString(body, -1)) != 8 {
		t.Fatalf("the wall screen: %d", status)
	}
	if res := w.get(screen, "/appeals"); res.StatusCode == http.StatusOK {
		t.Errorf("the wall screen's cookie opened the appeal list")
	}
	if res := w.get(screen, "/reports/assessment"); res.StatusCode == http.StatusOK {
		t.Errorf("the wall screen's cookie opened the assessment")
	}
	if strings.Contains(body, secret) {
		t.Errorf("the page shows the token")
	}
}

// The assessment page ranks each kind of unit by the scores the API
// computes; the office saves new weights there, and a sum that is not 100
// is refused with a message and changes nothing.
func TestAssessmentPage(t *testing.T) {
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, appeal.CST)
	w := newPageWorldAt(t, func() time.Time { return at })
	q := "?from=2026-08-01&to=2026-12-01"
	var want report.Assessment
	w.apiGet("ld_pengjianguo", "/api/v1/reports/assessment"+q, &want)
	if len(want.Kinds) == 0 {
		t.Fatal("the demo's assessment ranks no unit")
	}
	page := w.page(w.signInHTTP("ld_pengjianguo"), "/reports/assessment"+q)
	for _, k := range want.Kinds {
		for _, s := range k.Units {
			re := regexp.MustCompile(`<tr data-unit="` + strconv.FormatInt(s.UnitID, 10) + `"><td class="num">([0-9]+)</td><th scope="row">[^<]+</th><td class="num" data-score>([0-9.]+)</td>`)
			m := re.FindStringSubmatch(page)
			if m == nil || m[1] != strconv.Itoa(s.Rank) || m[2] != strconv.FormatFloat(s.Score, 'f', 1, 64) {
				t.Errorf("%s: the page shows %v; the API scores %.1f, rank %d", s.Name, m, s.Score, s.Rank)
			}
		}
	}
	office := w.signInHTTP("yhb_zhouzhiqiang")
	form := url.Values{"response": {"10"}, "on_time": {"30"}, "resolution": {"20"}, "satisfaction": {"30"}, "redo": {"2"}, "supervised": {"1"}, "overdue": {"1"}, "case": {"5"}}
	if status, body := w.postBody(office, "/reports/assessment/weights", form); status != http.StatusBadRequest || !strings.Contains(body, "之和应为 100") {
		t.Fatalf("weights summing to 90: %d", status)
	}
	form.Set("response", "20")
	form.Set("overdue", "3")
	if res := w.post(office, "/reports/assessment/weights", form, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the weights: %d", res.StatusCode)
	}
	var weights report.Weights
	w.apiGet("ld_pengjianguo", "/api/v1/assessment/weights", &weights)
	if weights.Overdue != 3 || weights.Response != 20 {
		t.Errorf("the weights in force: %+v", weights)
	}
}

// 区住建局's handler contests a charge from its task on the appeal page;
// an empty reason is refused on the same page; the office grants it on the
// contests page, and the unit sees it granted.
func TestContestPages(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	tasks, err := w.a.appeals.Tasks(ctx, account.SystemActor(), appeal.TaskFilter{UnitID: w.units["区住建局"], Limit: 1})
	if err != nil || len(tasks.Items) == 0 {
		t.Fatalf("no task of 区住建局: %v", err)
	}
	tk := tasks.Items[0]
	handler := w.signInHTTP("lx_zjj")
	page := w.page(handler, fmt.Sprintf("/appeals/%d", tk.AppealID))
	if !strings.Contains(page, fmt.Sprintf(`data-contest-form="%d"`, tk.ID)) {
		t.Fatal("the unit's handler is offered no contest form on its task")
	}
	path := fmt.Sprintf("/appeals/%d/tasks/%d/contest", tk.AppealID, tk.ID)
	if status, body := w.postBody(handler, path, url.Values{"charge": {"overdue"}, "reason": {" "}}); status != http.StatusBadRequest || !strings.Contains(body, "flash-error") {
		t.Fatalf("a contest without a reason: %d", status)
	}
	if res := w.post(handler, path, url.Values{"charge": {"overdue"}, "reason": {"企业未按约提供施工图纸"}}, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("filing: %d", res.StatusCode)
	}
	office := w.signInHTTP("yhb_zhouzhiqiang")
	list := w.page(office, "/reports/contests")
	m := regexp.MustCompile(`data-contest="([0-9]+)" data-state="pending"`).FindStringSubmatch(list)
	if m == nil {
		t.Fatal("the office sees no pending contest")
	}
	if res := w.post(office, "/reports/contests/"+m[1], url.Values{"grant": {"1"}, "decision": {"核实属实"}}, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("granting: %d", res.StatusCode)
	}
	if mine := w.page(handler, "/reports/contests"); !strings.Contains(mine, `data-contest="`+m[1]+`" data-state="granted"`) {
		t.Error("the unit does not see its contest granted")
	}
	// The assessment of the day the appeal came shows the charge taken off.
	day := tk.CreatedAt.In(appeal.CST).Format(time.DateOnly)
	scores := w.page(office, "/reports/assessment?from="+day+"&to="+day)
	row := regexp.MustCompile(fmt.Sprintf(`(?s)<tr data-unit="%d">.*?</tr>`, w.units["区住建局"])).FindString(scores)
	if !strings.Contains(row, "超期办结 1") {
		t.Errorf("the assessment does not show the granted charge beside 区住建局's score: %s", row)
	}
}

// The discipline commission records a case against 区住建局 on its page and
// publishes it; the unit reads the notice, which it could not before.
func TestCasesPage(t *testing.T) {
	w := newPageWorld(t)
	jw, zjj := w.signInHTTP("jw_tangwenbin"), w.signInHTTP("lx_zjj")
	form := url.Values{"unit_id": {strconv.FormatInt(w.units["区住建局"], 10)}, "title": {"施工许可审批中推诿拖延"},
		"facts": {"经查，某工作人员以材料不全为由三次退回企业申请。"}, "handling": {"诫勉谈话"}}
	if res := w.post(jw, "/cases", form, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("recording: %d", res.StatusCode)
	}
	page := w.page(jw, "/cases")
	m := regexp.MustCompile(`data-case="([0-9]+)" data-published="false"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the commission does not see its unpublished case")
	}
	if strings.Contains(w.page(zjj, "/cases"), `data-case="`+m[1]+`"`) {
		t.Fatal("the unit reads an unpublished case")
	}
	if res := w.post(jw, "/cases/"+m[1]+"/publish", url.Values{}, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publishing: %d", res.StatusCode)
	}
	if !strings.Contains(w.page(zjj, "/cases"), `data-case="`+m[1]+`" data-published="true"`) {
		t.Error("the unit does not read the published notice")
	}
}

package main

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

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

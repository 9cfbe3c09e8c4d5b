package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/sqlstore"
)

// registryCode is a valid credit code of the benchmark's district, n apart.
func registryCode(n int) string {
	base := fmt.Sprintf("92431302MA4M%05d", n)
	return base + string(enterprise.CreditCheckChar(base))
}

// An administrator imports 娄星区's registry from an .xlsx workbook with the
// command: a file with a bad row is refused whole with the row's line and
// reason, and the corrected one adds every entity in its township.
func TestEnterpriseImportCommand(t *testing.T) {
	dir := t.TempDir()
	dsn := filepath.Join(dir, "z.db")
	mustRun(t, "migrate", "--db", dsn)
	province := add(t, "unit", "add", "--db", dsn, "--name", "湖南省", "--level", "province", "--kind", "region")
	city := add(t, "unit", "add", "--db", dsn, "--name", "娄底市", "--level", "city", "--kind", "region", "--parent", province)
	district := add(t, "unit", "add", "--db", dsn, "--name", "娄星区", "--level", "district", "--kind", "region", "--parent", city)
	township := add(t, "unit", "add", "--db", dsn, "--name", "乐坪街道", "--level", "township", "--kind", "township", "--parent", district)

	book := func(rows ...[]any) string {
		x := excelize.NewFile()
		defer x.Close()
		all := append([][]any{{"统一社会信用代码", "企业名称", "行业", "所属镇街", "规模"}}, rows...)
		for i, r := range all {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("registry-%d.xlsx", len(rows)))
		if err := x.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := [][]any{{registryCode(1), "娄星区乐坪米粉店", "餐饮业", "乐坪街道", "个体"}, {registryCode(2), "湖南乐坪建材有限公司", "30", "乐坪街道", "小型"}}
	bad := book(append(good, []any{registryCode(3), "无此镇街公司", "", "火星街道", ""})...)
	code, out, errs := zhitong(t, "enterprise", "import", bad, "--db", dsn, "--district", district)
	if code == 0 || !strings.Contains(errs, "line 4") || !strings.Contains(errs, "火星街道") {
		t.Fatalf("a file with a bad row: exit %d, %q, %q", code, out, errs)
	}
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.EnterpriseByCode(context.Background(), registryCode(1)); err == nil {
		t.Fatal("a refused file wrote its good rows")
	}
	out = mustRun(t, "enterprise", "import", book(good...), "--db", dsn, "--district", district)
	if !strings.Contains(out, "2 new") {
		t.Fatalf("import: %q", out)
	}
	e, err := db.EnterpriseByCode(context.Background(), registryCode(2))
	if err != nil {
		t.Fatal(err)
	}
	if strconv.FormatInt(e.TerritoryID, 10) != township || e.IndustryCode != "30" || e.Size != enterprise.Small {
		t.Errorf("the building materials company: %+v", e)
	}
	if shop, _ := db.EnterpriseByCode(context.Background(), registryCode(1)); shop == nil || !shop.SoleProprietor() || shop.Size != "" {
		t.Errorf("the rice noodle shop: %+v", shop)
	}
}

// The federation imports part of 娄星区's registry on its page, as a GB18030
// CSV saved by Excel: the check lists the bad row by line; the corrected
// file updates a demo company by its credit code and adds a new one in its
// street.
func TestRegistryImportPage(t *testing.T) {
	w := newPageWorld(t)
	fed := w.signInHTTP("gsl_liujianhua")
	if page := w.page(fed, "/registry/import"); !strings.Contains(page, `action="/registry/import"`) {
		t.Fatal("the federation has no import form")
	}
	known := w.companyCode(w.companies[0].Name)
	rows := "统一社会信用代码,企业名称,所属镇街,规模\n" + known + "," + w.companies[0].Name + ",乐坪街道,中型\n" +
		registryCode(7) + ",娄星区新开五金店,乐坪街道,个体\n"
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	district := url.Values{"district_id": {strconv.FormatInt(w.units["娄星区"], 10)}}
	status, _, page := w.uploadForm(fed, "/registry/import", district, "名录.csv", gbk(rows+registryCode(8)+",,乐坪街道,\n"))
	if status != http.StatusOK || !strings.Contains(page, `<tr data-line="4">`) || !strings.Contains(page, `data-ready="2"`) {
		t.Fatalf("the check: %d, %.600s", status, page)
	}
	imp := url.Values{"district_id": district["district_id"], "act": {"import"}}
	status, location, _ := w.uploadForm(fed, "/registry/import", imp, "名录.csv", gbk(rows))
	if status != http.StatusSeeOther || !strings.Contains(location, "created=1") || !strings.Contains(location, "updated=1") {
		t.Fatalf("the import: %d to %q", status, location)
	}
	e, err := w.a.db.EnterpriseByCode(context.Background(), registryCode(7))
	if err != nil || e.TerritoryID != w.units["乐坪街道"] || e.DistrictID != w.units["娄星区"] {
		t.Fatalf("the new shop: %+v, %v", e, err)
	}
	if k, _ := w.a.db.EnterpriseByCode(context.Background(), known); k == nil || k.Size != enterprise.Medium || k.ContactPhone == "" {
		t.Errorf("the demo company after the import: %+v", k)
	}
}

// The registry's pages: the office finds the demo district's companies of
// a street, each linking to its page with its appeals; a leader sees the
// same entities with their contacts masked.
func TestRegistryPages(t *testing.T) {
	w := newPageWorld(t)
	office := w.signInHTTP("yhb_zhouzhiqiang")
	town := w.units["乐坪街道"]
	page := w.page(office, fmt.Sprintf("/registry?territory_id=%d", town))
	ids := regexp.MustCompile(`<tr data-enterprise="([0-9]+)">`).FindAllStringSubmatch(page, -1)
	if len(ids) == 0 {
		t.Fatal("no company of 乐坪街道 listed")
	}
	for _, m := range ids {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		e, err := w.a.db.Enterprise(context.Background(), id)
		if err != nil || e.TerritoryID != town {
			t.Errorf("listed under 乐坪街道: %+v", e)
		}
	}
	// The company with appeals: its page lists them.
	ligang := w.companyCode(w.companies[0].Name)
	e, _ := w.a.db.EnterpriseByCode(context.Background(), ligang)
	one := w.page(office, fmt.Sprintf("/registry/%d", e.ID))
	if !strings.Contains(one, e.Name) || !strings.Contains(one, `href="/appeals/`) || !strings.Contains(one, e.ContactPhone) {
		t.Errorf("the office's page of %s lacks its appeals or its contact", e.Name)
	}
	leader := w.page(w.signInHTTP("ld_pengjianguo"), fmt.Sprintf("/registry/%d", e.ID))
	if strings.Contains(leader, e.ContactPhone) || !strings.Contains(leader, e.ContactPhone[:3]) {
		t.Errorf("a leader sees %s's phone in the clear", e.Name)
	}
	if status, _ := w.read(w.signInHTTP("admin_audit_gonglei"), "/registry"); status != http.StatusForbidden {
		t.Errorf("the auditor reads the registry: %d", status)
	}
}

// The office assigns 乐坪街道's entities to the demo's liaison cadre on the
// registry page; the cadre's own list then holds them, contacts in the clear.
func TestAssignCadrePage(t *testing.T) {
	w := newPageWorld(t)
	office := w.signInHTTP("yhb_zhouzhiqiang")
	if page := w.page(office, "/registry"); !strings.Contains(page, `action="/registry/cadre"`) {
		t.Fatal("the office has no form to assign cadres")
	}
	cadre := mustUser(t, w, "lqgb_luozhiyong")
	town := w.units["乐坪街道"]
	res := w.post(office, "/registry/cadre", url.Values{"cadre_id": {strconv.FormatInt(cadre.ID, 10)},
		"district_id": {strconv.FormatInt(w.units["娄星区"], 10)}, "territory_id": {strconv.FormatInt(town, 10)}}, true)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=cadre") {
		t.Fatalf("assigning: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	mine := w.page(w.signInHTTP("lqgb_luozhiyong"), fmt.Sprintf("/registry?cadre_id=%d", cadre.ID))
	rows := regexp.MustCompile(`<tr data-enterprise="([0-9]+)">`).FindAllStringSubmatch(mine, -1)
	if len(rows) == 0 || strings.Contains(mine, "****") {
		t.Fatalf("the cadre's list: %d entities, masked: %v", len(rows), strings.Contains(mine, "****"))
	}
	for _, m := range rows {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		if e, _ := w.a.db.Enterprise(context.Background(), id); e == nil || e.TerritoryID != town || e.CadreID != cadre.ID {
			t.Errorf("in the cadre's list: %+v", e)
		}
	}
	if status, _ := w.postBody(w.signInHTTP("ld_pengjianguo"), "/registry/cadre", url.Values{"cadre_id": {"1"}}); status != http.StatusForbidden {
		t.Errorf("a leader assigning cadres: %d", status)
	}
}

// The demo's liaison cadre records a visit on an entity's page and files an
// appeal there: the page shows the visit with the appeal, registered on the
// channel 走访 for the entity; a visit without who went is refused with the
// form kept.
func TestVisitPage(t *testing.T) {
	w := newPageWorld(t)
	cadre := w.signInHTTP("lqgb_luozhiyong")
	e, err := w.a.db.EnterpriseByCode(context.Background(), w.companyCode(w.companies[0].Name))
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/registry/%d", e.ID)
	if page := w.page(cadre, path); !strings.Contains(page, `action="`+path+`/visits"`) {
		t.Fatal("the cadre has no visit form")
	}
	today := w.now().In(appeal.CST).Format(time.DateOnly)
	status, page := w.postBody(cadre, path+"/visits", url.Values{"visited_on": {today}, "visitors": {" "}, "found": {"订单充足"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "订单充足") {
		t.Fatalf("a visit without who went: %d", status)
	}
	res := w.post(cadre, path+"/visits", url.Values{"visited_on": {today}, "visitors": {"罗志勇"}, "found": {"订单充足，用工紧张"},
		"policies": {"稳岗补贴"}, "type": {"help"}, "title": {"招工难"}, "content": {"急需技术工人 30 名"}}, true)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("recording: %d", res.StatusCode)
	}
	page = w.page(cadre, path)
	m := regexp.MustCompile(`(?s)<tr data-visit="[0-9]+">.*?订单充足，用工紧张.*?<a href="/appeals/([0-9]+)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page does not list the visit with its appeal")
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	g, err := w.a.db.Aggregate(context.Background(), id)
	if err != nil || g.Appeal.Channel != appeal.VisitCh || g.Appeal.EnterpriseID != e.ID || g.Appeal.Title != "招工难" {
		t.Errorf("the appeal filed on the spot: %+v, %v", g, err)
	}
}

// The coverage page of the demo district shows the figures the API counts
// for it, and lists the entities nobody reached with links to their pages;
// the dashboard carries the visited share.
func TestCoveragePage(t *testing.T) {
	w := newPageWorld(t)
	var c struct {
		Total struct {
			Enterprises int `json:"enterprises"`
			Visited     int `json:"visited"`
		}
		Unreached []struct{ ID int64 }
	}
	w.apiGet("ld_pengjianguo", fmt.Sprintf("/api/v1/reports/coverage?district_id=%d", w.units["娄星区"]), &c)
	if c.Total.Enterprises == 0 {
		t.Fatal("the demo district has no entities")
	}
	leader := w.signInHTTP("ld_pengjianguo")
	page := w.page(leader, "/reports/coverage")
	if !strings.Contains(page, fmt.Sprintf(`data-coverage-total="%d"`, c.Total.Enterprises)) ||
		!strings.Contains(page, fmt.Sprintf(`data-visited="%d"`, c.Total.Visited)) ||
		!strings.Contains(page, fmt.Sprintf(`data-unreached="%d"`, len(c.Unreached))) {
		t.Errorf("the page differs from the API's %+v", c)
	}
	if len(c.Unreached) > 0 && !strings.Contains(page, fmt.Sprintf(`href="/registry/%d"`, c.Unreached[0].ID)) {
		t.Error("the unreached are not linked to their pages")
	}
	if dash := w.page(leader, "/dashboard"); !strings.Contains(dash, `data-kpi="db.coverage"`) {
		t.Error("the dashboard has no coverage figure")
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
	"zhitong/internal/web"
)

// The permission matrix of the pages. Every page of the table (web.Table)
// must be classified here, or the test fails: a new page cannot ship
// unclassified. For each page the matrix says what each person gets — the
// page (200), a refusal by role (403) or by scope (404: it does not exist
// for them) — and the test proves it for a person of every role of the
// demo district, signed in through the login page. Without a session an
// officer's page sends the browser to sign in; a form posted from another
// site is refused whoever sends it.

// people are the demo users the matrix signs in, by the name it uses.
var people = map[string]string{
	"intake": "zx_lixiaoyan", "fed": "gsl_liujianhua", "office": "yhb_zhouzhiqiang", "zjj": "lx_zjj",
	"power": "lx_gongdian", "leader": "ld_pengjianguo", "cadre": "lqgb_luozhiyong", "discipline": "jw_tangwenbin",
	"city": "sztc_helixin", "sysadmin": "admin_sys_sunhao", "secadmin": "admin_sec_wangjing", "auditor": "admin_audit_gonglei",
}

// browsers are people's HTTP clients with their cookies; "" is nobody.
type browsers map[string]*http.Client

func newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signInHTTP signs a demo user in through the login form.
func (w *pageWorld) signInHTTP(username string) *http.Client {
	w.t.Helper()
	tok := w.users[username]
	c := newClient()
	code := ""
	if tok.TOTP != "" {
		code, _ = totp.GenerateCode(tok.TOTP, w.now())
	}
	res := w.post(c, "/login", url.Values{"username": {username}, "password": {tok.Password}, "totp": {code}, "next": {"/"}}, true)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		w.t.Fatalf("%s: sign-in answered %d to %q", username, res.StatusCode, res.Header.Get("Location"))
	}
	return c
}

// post sends a form, from our own origin or from another site.
func (w *pageWorld) post(c *http.Client, path string, form url.Values, ours bool) *http.Response {
	w.t.Helper()
	res := w.send(c, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), ours)
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// send posts body as a browser would, from our own page or another site's.
func (w *pageWorld) send(c *http.Client, path, contentType string, body io.Reader, ours bool) *http.Response {
	w.t.Helper()
	req, _ := http.NewRequest("POST", w.url+path, body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", w.url)
	if !ours {
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
	}
	res, err := c.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	return res
}

func (w *pageWorld) get(c *http.Client, path string) *http.Response {
	w.t.Helper()
	res, err := c.Get(w.url + path)
	if err != nil {
		w.t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// pageEntry is what each person gets from a page: status by person, with
// dflt for the signed-in people not named, and the anonymous answer.
type pageEntry struct {
	path   func(o *objects) string
	form   url.Values // for a POST
	dflt   int
	status map[string]int
	anon   int // 0: 303 to the sign-in page
	// anonOnly pages are tried without a session only: what they refuse
	// counts against the client (sign-in throttling, the portal's rate
	// limit), which every person here shares; their own tests cover them.
	anonOnly bool
	// company is what a company signed in on the portal gets; 0: what
	// nobody gets (an officer's page sends it to the officers' sign-in).
	company int
	file    bool // a POST of a file (multipart), not of a form
}

// objects are what the pages are aimed at.
type objects struct {
	own, foreign, assigned int64  // an appeal of 娄星区 with a task of 区住建局; one of 双峰县; one in progress there
	supervised             string // the supervision notice of a task of 区住建局
	captcha                string
	user                   int64 // the account of 区住建局's handler
	attachment             int64 // a file of the own appeal, from a unit's task (a unit sees it even on an anonymous appeal)
	companys               int64 // an appeal of 湖南利钢, closed, which signs in as "company"
	others                 int64 // an appeal of another company
	enterprise             int64 // 湖南利钢, in the registry
	event, campaign        int64 // an open day of 娄星区 and its campaign
	policy, policyFile     int64 // a policy of 娄星区 for all its entities (湖南利钢 among them), and its file
}

func only(status int, who ...string) map[string]int {
	m := map[string]int{}
	for _, p := range who {
		m[p] = status
	}
	return m
}

func merge(ms ...map[string]int) map[string]int {
	out := map[string]int{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func fixed(p string) func(*objects) string { return func(*objects) string { return p } }

var admins = []string{"sysadmin", "secadmin", "auditor"}

// seeOwn are those who see 娄星区's appeal with the task of 区住建局.
var seeOwn = []string{"intake", "fed", "office", "zjj", "leader", "discipline", "city"}

func pageMatrix() map[string]pageEntry {
	appealPath := func(o *objects) string { return "/appeals/" + strconv.FormatInt(o.own, 10) }
	userPath := func(o *objects) string { return "/admin/users/" + strconv.FormatInt(o.user, 10) }
	return map[string]pageEntry{
		"GET /{$}":               {path: fixed("/"), dflt: 200},
		"GET /login":             {path: fixed("/login"), dflt: 200, anon: 200},
		"POST /login":            {path: fixed("/login"), form: url.Values{"username": {"x"}, "password": {"y"}}, anon: 401, anonOnly: true},
		"POST /logout":           {path: fixed("/logout"), dflt: 303},
		"GET /lang":              {path: fixed("/lang?to=en&back=/"), dflt: 303, anon: 303},
		"GET /account/password":  {path: fixed("/account/password"), dflt: 200},
		"POST /account/password": {path: fixed("/account/password"), form: url.Values{"old": {"wrong"}, "new": {"x"}}, anonOnly: true},
		"GET /account/totp":      {path: fixed("/account/totp"), dflt: 200, status: only(409, "fed", "office", "sysadmin", "secadmin", "auditor")},
		"POST /account/totp":     {path: fixed("/account/totp"), form: url.Values{"code": {"000000"}}, anonOnly: true},
		// No SMS gateway here: every officer is told codes cannot be sent.
		"POST /account/sms":         {path: fixed("/account/sms"), form: url.Values{}, dflt: 409},
		"POST /account/sms/confirm": {path: fixed("/account/sms/confirm"), form: url.Values{"code": {"000000"}}, dflt: 400},

		"GET /appeals":                        {path: fixed("/appeals"), dflt: 200, status: only(403, admins...)},
		"GET /appeals/export.xlsx":            {path: fixed("/appeals/export.xlsx?status=closed"), dflt: 200, status: only(403, admins...)},
		"GET /appeals/new":                    {path: fixed("/appeals/new"), dflt: 403, status: only(200, "intake", "fed", "office", "cadre", "city", "leader")},
		"POST /appeals/new":                   {path: fixed("/appeals/new"), form: url.Values{"title": {"t"}}, dflt: 403, status: only(400, "intake", "fed", "office", "cadre", "city", "leader")},
		"GET /appeals/{id}":                   {path: appealPath, dflt: 404, status: only(200, seeOwn...)},
		"GET /appeals/{id}/supervision/{tid}": {path: func(o *objects) string { return o.supervised }, dflt: 404, status: only(200, seeOwn...)},
		"GET /appeals/{id}/sheet":             {path: func(o *objects) string { return "/appeals/" + strconv.FormatInt(o.assigned, 10) + "/sheet" }, dflt: 404, status: only(200, seeOwn...)},
		"POST /appeals/{id}/act": {path: func(o *objects) string { return appealPath(o) + "/act" },
			form: url.Values{"action": {"redo"}, "version": {"1"}, "note": {"重办"}}, dflt: 404,
			status: merge(only(403, "intake", "fed", "zjj", "leader", "discipline", "city"), only(409, "office"))},
		// Who works the appeal attaches a file; leaders and the discipline
		// commission, who see the district, may add papers too.
		"POST /appeals/{id}/attachments": {path: func(o *objects) string { return appealPath(o) + "/attachments" }, file: true, dflt: 404, status: only(303, seeOwn...)},
		"GET /appeals/{id}/attachments/{aid}": {path: func(o *objects) string {
			return appealPath(o) + "/attachments/" + strconv.FormatInt(o.attachment, 10)
		}, dflt: 404, status: only(200, seeOwn...)},
		"GET /tasks": {path: fixed("/tasks"), dflt: 200, status: only(403, "cadre", "sysadmin", "secadmin", "auditor")},

		// The city's batches: the district's office and the city office above
		// it. A PDF is not a workbook (400); the city, above two districts,
		// names the one it exports (400 without).
		"GET /registry":      {path: fixed("/registry?size=small"), dflt: 200, status: only(403, "auditor")},
		"GET /registry/{id}": {path: func(o *objects) string { return "/registry/" + strconv.FormatInt(o.enterprise, 10) }, dflt: 200, status: only(403, "auditor")},
		"POST /registry/{id}/visits": {path: func(o *objects) string { return "/registry/" + strconv.FormatInt(o.enterprise, 10) + "/visits" },
			form: url.Values{"found": {"x"}}, dflt: 403, status: only(400, "fed", "office", "cadre")},
		// The registry's matching: the federation and the office of the district.
		"GET /registry/unmatched": {path: fixed("/registry/unmatched"), dflt: 403, status: only(200, "fed", "office")},
		"POST /registry/{id}/merge": {path: func(o *objects) string { return "/registry/" + strconv.FormatInt(o.enterprise, 10) + "/merge" },
			form: url.Values{"into": {"x"}}, dflt: 403, status: only(400, "fed", "office")},
		"POST /appeals/{id}/enterprise": {path: func(o *objects) string { return appealPath(o) + "/enterprise" },
			form: url.Values{"enterprise": {"x"}}, dflt: 403, status: only(400, "fed", "office")},
		"POST /registry/cadre":                  {path: fixed("/registry/cadre"), form: url.Values{"cadre_id": {"x"}}, dflt: 403, status: only(400, "fed", "office")},
		"GET /registry/import":                  {path: fixed("/registry/import"), dflt: 403, status: only(200, "fed", "office", "sysadmin")},
		"POST /registry/import":                 {path: fixed("/registry/import"), file: true, dflt: 403, status: only(400, "fed", "office", "sysadmin")},
		"GET /appeals/city-batch":               {path: fixed("/appeals/city-batch"), dflt: 403, status: only(200, "office", "city")},
		"POST /appeals/city-batch":              {path: fixed("/appeals/city-batch"), file: true, dflt: 403, status: only(400, "office", "city")},
		"GET /appeals/city-batch/template.xlsx": {path: fixed("/appeals/city-batch/template.xlsx"), dflt: 403, status: only(200, "office", "city")},
		"GET /appeals/city-batch/export.xlsx": {path: fixed("/appeals/city-batch/export.xlsx?from=2026-01-01&to=2026-12-31"), dflt: 403,
			status: merge(only(200, "office"), only(400, "city"))},

		"GET /admin/units":  {path: fixed("/admin/units"), dflt: 403, status: only(200, "sysadmin")},
		"POST /admin/units": {path: fixed("/admin/units"), form: url.Values{"name": {"新单位"}}, dflt: 403, status: only(400, "sysadmin")},
		"GET /admin/users":  {path: fixed("/admin/users"), dflt: 200, status: only(403, "auditor")},
		"POST /admin/users": {path: fixed("/admin/users"), form: url.Values{"username": {"x"}}, dflt: 403, status: only(400, "sysadmin")},
		// Officers see the accounts of their district (account.List); only
		// the security administrator lifts a lock.
		"GET /admin/users/{id}":  {path: userPath, dflt: 200, status: only(403, "auditor")},
		"POST /admin/users/{id}": {path: userPath, form: url.Values{"act": {"unlock"}}, dflt: 403, status: only(303, "secadmin")},
		"GET /admin/categories":  {path: fixed("/admin/categories"), dflt: 200, status: only(403, "auditor")},
		"POST /admin/categories": {path: fixed("/admin/categories"), form: url.Values{"name": {""}}, dflt: 403, status: only(400, "sysadmin")},
		"GET /admin/calendar":    {path: fixed("/admin/calendar"), dflt: 200, status: only(403, "auditor")},
		// A form without its file: the administrator is told to choose one.
		"POST /admin/calendar":                {path: fixed("/admin/calendar"), form: url.Values{"note": {"x"}}, dflt: 403, status: only(400, "sysadmin")},
		"POST /admin/calendar/{year}/confirm": {path: fixed("/admin/calendar/2031/confirm"), form: url.Values{}, dflt: 403, status: only(404, "sysadmin")},
		// Every officer has an inbox; the delivery log is the system administrator's.
		"GET /inbox": {path: fixed("/inbox"), dflt: 200},
		// The reports are read by the offices, the federation, leaders and the discipline commission.
		"GET /dashboard":             {path: fixed("/dashboard"), dflt: 403, status: only(200, "fed", "office", "leader", "discipline", "city")},
		"POST /dashboard/screen":     {path: fixed("/dashboard/screen"), form: url.Values{"token": {"zt_nottoken"}}, dflt: 400, anon: 400},
		"POST /dashboard/screen/off": {path: fixed("/dashboard/screen/off"), form: url.Values{}, dflt: 303, anon: 303},
		// Policies: every officer who works the loop reads its district's;
		// the federation and the office publish (a form without a body: 400).
		"GET /policies":  {path: fixed("/policies"), dflt: 200, status: only(403, admins...)},
		"POST /policies": {path: fixed("/policies"), form: url.Values{"title": {"x"}}, dflt: 403, status: only(400, "fed", "office")},
		"GET /policies/{id}": {path: func(o *objects) string { return "/policies/" + strconv.FormatInt(o.policy, 10) },
			dflt: 200, status: only(403, admins...)},
		"GET /policies/{id}/attachments/{aid}": {path: func(o *objects) string {
			return fmt.Sprintf("/policies/%d/attachments/%d", o.policy, o.policyFile)
		}, dflt: 200, status: only(403, admins...)},
		"GET /cases":                  {path: fixed("/cases"), dflt: 200, status: only(403, "sysadmin", "secadmin", "auditor")},
		"POST /cases":                 {path: fixed("/cases"), form: url.Values{"unit_id": {"x"}}, dflt: 403, status: only(400, "discipline")},
		"POST /cases/{id}/publish":    {path: fixed("/cases/999999/publish"), form: url.Values{}, dflt: 404, status: only(403, "sysadmin", "secadmin", "auditor")},
		"GET /reports/contests":       {path: fixed("/reports/contests"), dflt: 403, status: only(200, "fed", "office", "leader", "discipline", "city", "zjj", "power")},
		"POST /reports/contests/{id}": {path: fixed("/reports/contests/999999"), form: url.Values{"grant": {"1"}, "decision": {"x"}}, dflt: 403, status: only(404, "office")},
		"POST /appeals/{id}/tasks/{tid}/contest": {path: func(o *objects) string {
			return "/appeals/" + strconv.FormatInt(o.own, 10) + "/tasks/999999/contest"
		}, form: url.Values{"charge": {"overdue"}, "reason": {"x"}}, dflt: 404},
		"GET /reports/assessment":          {path: fixed("/reports/assessment"), dflt: 403, status: only(200, "fed", "office", "leader", "discipline", "city")},
		"POST /reports/assessment/weights": {path: fixed("/reports/assessment/weights"), form: url.Values{"response": {"x"}}, dflt: 403, status: only(400, "office")},
		"GET /cadre":                       {path: fixed("/cadre"), dflt: 403, status: only(200, "cadre")},
		"GET /reports/coverage":            {path: fixed("/reports/coverage?days=30"), dflt: 403, status: only(200, "fed", "office", "leader", "discipline", "city")},
		"GET /events":                      {path: fixed("/events"), dflt: 403, status: only(200, "fed", "office", "leader", "discipline", "city")},
		"POST /events":                     {path: fixed("/events"), form: url.Values{"title": {""}}, dflt: 403, status: only(400, "fed", "office")},
		"GET /events/{id}": {path: func(o *objects) string { return "/events/" + strconv.FormatInt(o.event, 10) }, dflt: 403,
			status: only(200, "fed", "office", "leader", "discipline", "city")},
		"POST /events/{id}/appeals": {path: func(o *objects) string { return "/events/" + strconv.FormatInt(o.event, 10) + "/appeals" },
			form: url.Values{"a_title": {""}}, dflt: 403, status: only(400, "fed", "office")},
		"POST /campaigns": {path: fixed("/campaigns"), form: url.Values{"title": {"x"}}, dflt: 403, status: only(400, "fed", "office")},
		"GET /campaigns/{id}": {path: func(o *objects) string { return "/campaigns/" + strconv.FormatInt(o.campaign, 10) }, dflt: 403,
			status: only(200, "fed", "office", "leader", "discipline", "city")},
		"GET /reports/monthly":      {path: fixed("/reports/monthly"), dflt: 403, status: only(200, "fed", "office", "leader", "discipline", "city")},
		"GET /reports/monthly.xlsx": {path: fixed("/reports/monthly.xlsx"), dflt: 403, status: only(200, "fed", "office", "leader", "discipline", "city")},
		"POST /inbox/read":          {path: fixed("/inbox/read"), form: url.Values{}, dflt: 303},
		"GET /admin/deliveries":     {path: fixed("/admin/deliveries"), dflt: 403, status: only(200, "sysadmin")},
		"POST /admin/deadlines":     {path: fixed("/admin/deadlines"), form: url.Values{"accept_days": {"x"}}, dflt: 403, status: only(400, "sysadmin")},

		"GET /portal":                 {path: fixed("/portal"), dflt: 200, anon: 200},
		"GET /portal/file":            {path: fixed("/portal/file"), dflt: 200, anon: 200},
		"POST /portal/file":           {path: fixed("/portal/file"), form: url.Values{"title": {"t"}}, anon: 400, anonOnly: true},
		"GET /portal/captcha":         {path: fixed("/portal/captcha"), dflt: 200, anon: 200},
		"GET /portal/captcha/{token}": {path: func(o *objects) string { return "/portal/captcha/" + o.captcha + ".png" }, dflt: 200, anon: 200},
		"GET /portal/follow":          {path: fixed("/portal/follow"), dflt: 200, anon: 200},
		"POST /portal/follow":         {path: fixed("/portal/follow"), form: url.Values{"number": {"ZT20260101000001"}, "code": {"ABCDEFGH"}}, anon: 404, anonOnly: true},
		"POST /portal/rate":           {path: fixed("/portal/rate"), form: url.Values{"number": {"ZT20260101000001"}, "code": {"ABCDEFGH"}}, anon: 404, anonOnly: true},
		"GET /portal/signup":          {path: fixed("/portal/signup"), dflt: 200, anon: 200},
		"POST /portal/signup":         {path: fixed("/portal/signup"), form: url.Values{"credit_code": {"x"}}, anon: 400, anonOnly: true},
		"POST /portal/signup/verify":  {path: fixed("/portal/signup/verify"), form: url.Values{"phone": {"13900000000"}, "code": {"000000"}}, anon: 400, anonOnly: true},
		"GET /portal/login":           {path: fixed("/portal/login"), dflt: 200, anon: 200},
		"POST /portal/login":          {path: fixed("/portal/login"), form: url.Values{"phone": {"13900000000"}, "password": {"x"}}, anon: 401, anonOnly: true},
		"POST /portal/logout":         {path: fixed("/portal/logout"), anon: 303, anonOnly: true},
		// Officers hold no company's session: the portal sends them to its sign-in.
		"GET /portal/mine":            {path: fixed("/portal/mine"), dflt: 303, anon: 303, company: 200},
		"GET /portal/mine/{id}":       {path: func(o *objects) string { return "/portal/mine/" + strconv.FormatInt(o.companys, 10) }, dflt: 303, anon: 303, company: 200},
		"POST /portal/mine/{id}/rate": {path: func(o *objects) string { return "/portal/mine/" + strconv.FormatInt(o.companys, 10) + "/rate" }, anon: 303, anonOnly: true, company: 400},
		// A company reads the policies sent to it; officers hold no company's session.
		"GET /portal/policies": {path: fixed("/portal/policies"), dflt: 303, anon: 303, company: 200},
		"GET /portal/policies/{id}": {path: func(o *objects) string { return "/portal/policies/" + strconv.FormatInt(o.policy, 10) },
			dflt: 303, anon: 303, company: 200},
		"GET /portal/policies/{id}/attachments/{aid}": {path: func(o *objects) string {
			return fmt.Sprintf("/portal/policies/%d/attachments/%d", o.policy, o.policyFile)
		}, dflt: 303, anon: 303, company: 200},
		"GET /admin/accounts":               {path: fixed("/admin/accounts"), dflt: 403, status: only(200, "fed", "sysadmin")},
		"POST /admin/accounts/{id}/confirm": {path: fixed("/admin/accounts/999999/confirm"), dflt: 403, status: only(404, "fed", "sysadmin")},
	}
}

func TestPagePermissions(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	o := &objects{}
	sys := account.SystemActor()
	find := func(f appeal.Filter) int64 {
		f.Limit = 1
		p, err := w.a.appeals.List(ctx, sys, f)
		if err != nil || len(p.Items) == 0 {
			t.Fatalf("the demo has no appeal for %+v: %v", f, err)
		}
		return p.Items[0].ID
	}
	o.own = find(appeal.Filter{UnitID: w.units["区住建局"], States: []appeal.State{appeal.Closed}})
	o.assigned = find(appeal.Filter{UnitID: w.units["区住建局"], States: []appeal.State{appeal.InProgress}})
	o.foreign = find(appeal.Filter{DistrictID: w.units["双峰县"]})
	tasks, err := w.a.appeals.Tasks(ctx, sys, appeal.TaskFilter{UnitID: w.units["区住建局"], Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tasks.Items {
		if !tk.SupervisedAt.IsZero() {
			o.supervised = fmt.Sprintf("/appeals/%d/supervision/%d", tk.AppealID, tk.ID)
		}
	}
	if o.supervised == "" {
		t.Fatal("the demo has no task of 区住建局 under supervision")
	}
	zjj, err := w.a.accounts.ActorFor(ctx, mustUser(t, w, "lx_zjj"), account.ScopeFull)
	if err != nil {
		t.Fatal(err)
	}
	att, err := w.a.appeals.Attach(ctx, zjj, o.own, "答复材料.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	o.attachment = att.ID
	u, err := w.a.db.UserByUsername(ctx, "lx_zjj")
	if err != nil {
		t.Fatal(err)
	}
	o.user = u.ID
	ligang, err := w.a.db.EnterpriseByCode(ctx, w.companyCode("湖南利钢金属制品有限公司"))
	if err != nil {
		t.Fatal(err)
	}
	o.companys = find(appeal.Filter{EnterpriseID: ligang.ID, States: []appeal.State{appeal.Closed}})
	o.enterprise = ligang.ID
	cs, err := w.a.db.Campaigns(ctx, ligang.DistrictID)
	if err != nil || len(cs) == 0 {
		t.Fatalf("the demo has no campaign: %v", err)
	}
	o.campaign = cs[0].ID
	es, err := w.a.db.OutreachEvents(ctx, outreach.EventFilter{DistrictID: ligang.DistrictID, CampaignID: cs[0].ID})
	if err != nil || len(es) == 0 {
		t.Fatalf("the demo's campaign has no event: %v", err)
	}
	o.event = es[0].ID
	haite, err := w.a.db.EnterpriseByCode(ctx, w.companyCode("娄底海特科技发展有限公司"))
	if err != nil {
		t.Fatal(err)
	}
	o.others = find(appeal.Filter{EnterpriseID: haite.ID})
	pol := &policy.Policy{DistrictID: w.units["娄星区"], IssuerID: w.units["区发改局"], Title: "矩阵测试政策", Body: "全区企业适用。",
		EffectiveFrom: time.Date(2026, 3, 1, 0, 0, 0, 0, appeal.CST)}
	if err := w.a.policies.Publish(ctx, sys, pol, []policy.Upload{{Name: "政策原文.pdf", Data: pdf}}); err != nil {
		t.Fatal(err)
	}
	files, err := w.a.policies.Files(ctx, sys, pol.ID)
	if err != nil || len(files) != 1 {
		t.Fatalf("the policy's files: %v %v", files, err)
	}
	o.policy, o.policyFile = pol.ID, files[0].ID
	res, err := http.Get(w.url + "/portal/captcha")
	if err != nil {
		t.Fatal(err)
	}
	var ch struct{ Token string }
	json.NewDecoder(res.Body).Decode(&ch)
	res.Body.Close()
	o.captcha = ch.Token

	matrix := pageMatrix()
	for _, p := range web.Table() {
		if _, ok := matrix[p.Method+" "+p.Pattern]; !ok {
			t.Errorf("page %s %s is not in the permission matrix", p.Method, p.Pattern)
		}
	}
	clients := browsers{"": newClient()}
	for name, username := range people {
		clients[name] = w.signInHTTP(username)
	}
	clients["company"] = w.companySignIn("湖南利钢金属制品有限公司")
	for _, p := range web.Table() {
		key := p.Method + " " + p.Pattern
		e, ok := matrix[key]
		if !ok || key == "POST /logout" {
			continue // logging out is checked last, as it ends the session
		}
		path := e.path(o)
		for name, c := range clients {
			if e.anonOnly && name != "" && (name != "company" || e.company == 0) {
				continue
			}
			want := e.dflt
			if s, ok := e.status[name]; ok {
				want = s
			}
			switch {
			case name == "":
				want = e.anon
			case name == "company":
				want = e.company
				if want == 0 && (p.Access == web.Portal || p.Access == web.Public) {
					want = e.anon
				}
			}
			var res *http.Response
			if e.file {
				status, loc, _ := w.uploadTo(c, path, "材料.pdf", pdf, true)
				res = &http.Response{StatusCode: status, Header: http.Header{"Location": {loc}}}
			} else if p.Method == "POST" {
				res = w.post(c, path, e.form, true)
			} else {
				res = w.get(c, path)
			}
			if want == 0 { // nobody: sent to sign in
				if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
					t.Errorf("%s %s without a session: %d to %q, want 303 to the sign-in page", p.Method, path, res.StatusCode, res.Header.Get("Location"))
				}
				continue
			}
			if res.StatusCode != want {
				t.Errorf("%s %s as %s: %d, want %d", p.Method, path, name, res.StatusCode, want)
			}
		}
		if e.file {
			if status, _, _ := w.uploadTo(clients["office"], path, "材料.pdf", pdf, false); status != http.StatusForbidden {
				t.Errorf("%s %s from another site: %d, want 403", p.Method, path, status)
			}
		} else if p.Method == "POST" {
			if res := w.post(clients["office"], path, e.form, false); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s from another site: %d, want 403", p.Method, path, res.StatusCode)
			}
		}
	}
	// The foreign appeal, of 双峰县, exists only for the city above both.
	for name, c := range clients {
		want := http.StatusNotFound
		switch name {
		case "city":
			want = http.StatusOK
		case "", "company":
			want = http.StatusSeeOther
		}
		if res := w.get(c, "/appeals/"+strconv.FormatInt(o.foreign, 10)); res.StatusCode != want {
			t.Errorf("双峰县's appeal as %q: %d, want %d", name, res.StatusCode, want)
		}
	}
	// A 双峰县 officer's account exists only for those above both districts.
	fu, err := w.a.db.UserByUsername(ctx, "sf_zjj")
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range clients {
		want := http.StatusNotFound
		switch name {
		case "city", "sysadmin", "secadmin":
			want = http.StatusOK
		case "auditor":
			want = http.StatusForbidden
		case "", "company":
			want = http.StatusSeeOther
		}
		if res := w.get(c, "/admin/users/"+strconv.FormatInt(fu.ID, 10)); res.StatusCode != want {
			t.Errorf("双峰县's officer's account as %q: %d, want %d", name, res.StatusCode, want)
		}
	}
	// A company sees its own appeals on the portal, and no other company's.
	if res := w.get(clients["company"], "/portal/mine/"+strconv.FormatInt(o.others, 10)); res.StatusCode != http.StatusNotFound {
		t.Errorf("another company's appeal on the portal: %d, want 404", res.StatusCode)
	}
	// A company signing out of the portal is a stranger there again.
	if res := w.post(clients["company"], "/portal/logout", nil, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("portal logout: %d", res.StatusCode)
	}
	if res := w.get(clients["company"], "/portal/mine"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the company's appeals after signing out: %d, want 303 to sign in", res.StatusCode)
	}
	// Signing out ends the session: the workbench sends the browser to sign in.
	if res := w.post(clients["zjj"], "/logout", nil, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	if res := w.get(clients["zjj"], "/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the workbench after signing out: %d, want 303 to sign in", res.StatusCode)
	}
}

func mustUser(t *testing.T, w *pageWorld, username string) *account.User {
	t.Helper()
	u, err := w.a.db.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

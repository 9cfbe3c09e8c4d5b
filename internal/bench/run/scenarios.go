package run

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
)

// env is what the steps of every scenario share: the client, the seats'
// tokens, and the data found in the database before the run (prepare.go).
type env struct {
	c     *client
	tok   *Tokens
	seed  uint64
	runID string       // makes the idempotency keys of one run unique
	keys  atomic.Int64 // the idempotency keys given so far
	fx    fixture
	pprof string // the server's profiles, when it serves them
}

// token returns the API token of seat.
func (e *env) token(seat string) string { return seatToken(e.tok, seat) }

// scenario is one kind of load: its name, what it does, the operations of
// the API it calls (OpenAPI operationIds), and one step of a client, which
// sends one or a few requests. An open scenario starts its steps at a fixed
// rate instead of one after another.
type scenario struct {
	name   string
	what   string
	covers []string
	pages  []string // the web pages it reads, as the page table names them ("GET /appeals/{id}")
	open   bool
	step   func(ctx context.Context, w *worker)
}

// Scenarios returns the names of the scenarios, in the order they run.
func Scenarios() []string {
	var names []string
	for _, sc := range scenarios() {
		names = append(names, sc.name)
	}
	return names
}

// scenarios lists the benchmark. Every read of the API is in one of them
// (or in notMeasured, with the reason): a read route added to the API and
// not here makes the run fail, so that every new page and report joins the
// benchmark.
func scenarios() []*scenario {
	return []*scenario{
		{name: "intake", what: "POST /api/v1/appeals as the intake seat, each client as fast as answered", covers: []string{"createAppeal"}, step: stepIntake},
		{name: "intake@rate", what: "the same at --rate a second, each timed from when it was due", covers: []string{"createAppeal"}, open: true, step: stepIntake},
		{name: "worklist", what: "GET /api/v1/tasks?unit_id=…&status=pending,handling as the unit's handler, newest first and by deadline, then ?due=soon or overdue as the office", covers: []string{"listTasks"}, step: stepWorklist},
		{name: "appeal", what: "GET /api/v1/appeals/{id}, its timeline, visits and attachments, as the office", covers: []string{"getAppeal", "appealTimeline", "appealVisits", "listAttachments"}, step: stepAppeal},
		{name: "search", what: "GET /api/v1/appeals?q=<two Chinese characters> as the office", covers: []string{"listAppeals"}, step: stepSearch},
		{name: "list", what: "GET /api/v1/appeals filtered by state, channel and month, and its next page", covers: []string{"listAppeals"}, step: stepList},
		{name: "report-month", what: "GET /api/v1/reports/summary of the district's busiest month, as the office or leader", covers: []string{"summaryReport"}, step: stepReportMonth},
		{name: "report-units", what: "GET /api/v1/reports/units of the district's busiest month (every unit's 三率) and the assessment's weights, contests and cases as the office, the assessment as the leader", covers: []string{"unitReport", "assessmentReport", "getWeights", "listContests", "listCases"}, step: stepReportUnits},
		{name: "report-monthly", what: "the monthly scheduling report (每月调度) of the district's busiest month: GET /api/v1/reports/monthly as the leader, its page as the leader and its workbook as the office, in turn", covers: []string{"monthlyReport"}, pages: []string{"GET /reports/monthly", "GET /reports/monthly.xlsx"}, step: stepReportMonthly},
		{name: "report-year", what: "GET /api/v1/reports/summary and the monthly scheduling report /api/v1/reports/monthly of the whole province for a year, as a province leader, in turn", covers: []string{"summaryReport", "monthlyReport"}, step: stepReportYear},
		{name: "dashboard", what: "the leader's dashboard /dashboard (the last 30 days, its charts drawn) and GET /api/v1/reports/trend of the district's busiest month, in turn", covers: []string{"trendReport"}, pages: []string{"GET /dashboard"}, step: stepDashboard},
		{name: "enterprises", what: "GET /api/v1/enterprises?q=<a name fragment>, /api/v1/enterprises/{id} and its visits", covers: []string{"listEnterprises", "getEnterprise", "listVisits"}, step: stepEnterprises},
		{name: "matching", what: "the registry's matching as the office: GET /api/v1/appeals/unmatched (open first) and its page /registry/unmatched, and the entities suggested for an appeal left to match, GET /api/v1/appeals/{id}/matches", covers: []string{"listUnmatched", "appealMatches"}, pages: []string{"GET /registry/unmatched"}, step: stepMatching},
		{name: "units", what: "GET /api/v1/units, the district's subtree and /api/v1/units/{id}", covers: []string{"listUnits", "getUnit"}, step: stepUnits},
		{name: "users", what: "GET /api/v1/users as the office", covers: []string{"listUsers"}, step: stepGet("listUsers", SeatOffice, "/api/v1/users")},
		{name: "categories", what: "GET /api/v1/categories as the intake seat", covers: []string{"listCategories"}, step: stepGet("listCategories", SeatIntake, "/api/v1/categories")},
		{name: "calendar", what: "GET /api/v1/calendar (every year with its days) and /api/v1/deadline-policy as the office", covers: []string{"getCalendar", "getDeadlinePolicy"}, step: stepCalendar},
		{name: "inbox", what: "GET /api/v1/inbox and the /inbox page as the handler", covers: []string{"getInbox"}, pages: []string{"GET /inbox"}, step: stepInbox},
		{name: "me", what: "GET /api/v1/me as each seat in turn", covers: []string{"me"}, step: stepMe},
		{name: "tokens", what: "GET /api/v1/tokens (one's own) as the handler", covers: []string{"listTokens"}, step: stepGet("listTokens", SeatHandler, "/api/v1/tokens")},
		{name: "settings", what: "GET /api/v1/settings/password-policy as the office", covers: []string{"passwordPolicy"}, step: stepGet("passwordPolicy", SeatOffice, "/api/v1/settings/password-policy")},
		{name: "audit", what: "GET /api/v1/audit by day and action or by appeal, and its CSV export of one appeal, as the auditor", covers: []string{"searchAudit", "exportAudit"}, step: stepAudit},

		{name: "page-workbench", what: "the workbench page (/) with its to-do counts, as the handler and the office in turn", pages: []string{"GET /{$}"}, step: stepPageWorkbench},
		{name: "page-list", what: "the list pages: /appeals filtered by state and month, its next page, and /tasks, as the office and the handler", pages: []string{"GET /appeals", "GET /tasks"}, step: stepPageList},
		{name: "page-appeal", what: "the appeal page /appeals/{id} as the office, and its assignment sheet where it has one", pages: []string{"GET /appeals/{id}", "GET /appeals/{id}/sheet"}, step: stepPageAppeal},
		{name: "page-forms", what: "the intake form as the intake seat; the users' pages (the list and one user) the categories' and the calendar's as the office; the enterprise accounts as the federation", pages: []string{"GET /appeals/new", "GET /admin/users", "GET /admin/users/{id}", "GET /admin/categories", "GET /admin/calendar", "GET /admin/accounts"}, step: stepPageForms},
		{name: "page-assessment", what: "the assessment page of the district's busiest month as the leader, the contests as the office and the accountability cases as the leader", pages: []string{"GET /reports/assessment", "GET /reports/contests", "GET /cases"}, step: stepPageAssessment},
		{name: "coverage", what: "the coverage (不漏一企) of the district's entities over the last 90 days: GET /api/v1/reports/coverage and the page /reports/coverage as the leader, in turn", covers: []string{"coverageReport"}, pages: []string{"GET /reports/coverage"}, step: stepCoverage},
		{name: "events", what: "the district's open days and symposiums as the leader: GET /api/v1/events and /api/v1/campaigns with their progress, the page /events, one event and one campaign by the API and by their pages, in turn", covers: []string{"listEvents", "getEvent", "listCampaigns", "getCampaign"}, pages: []string{"GET /events", "GET /events/{id}", "GET /campaigns/{id}"}, step: stepEvents},
		{name: "policies", what: "the district's policies (惠企政策) with their reach, GET /api/v1/policies and the page /policies; one policy sent to every entity of the district with its reach by township, GET /api/v1/policies/{id} and the page /policies/{id} with its first hundred targets; and a page of its targets, GET /api/v1/policies/{id}/targets, as the leader, in turn", covers: []string{"listPolicies", "getPolicy", "listPolicyTargets"}, pages: []string{"GET /policies", "GET /policies/{id}"}, step: stepPolicies},
		{name: "page-registry", what: "the registry's page (市场主体名录) filtered by a name fragment, by industry (零售业), unfiltered, and one entity's page with its appeals, as the office", pages: []string{"GET /registry", "GET /registry/{id}"}, step: stepPageRegistry},
		{name: "page-export", what: "/appeals/export.xlsx of one month's closed appeals of the district (up to 10,000 rows)", pages: []string{"GET /appeals/export.xlsx"}, step: stepPageExport},
		{name: "city-export", what: "the results of one month's city-assigned appeals of the district in the city's workbook (市交办办理结果), GET /api/v1/city-batches/export and the page's /appeals/city-batch/export.xlsx in turn, as the office", covers: []string{"exportCityBatch"}, pages: []string{"GET /appeals/city-batch/export.xlsx"}, step: stepCityExport},
		{name: "page-portal", what: "the portal's home, filing form with its CAPTCHA picture, and lookup form, without an account", pages: []string{"GET /portal", "GET /portal/file", "GET /portal/captcha", "GET /portal/captcha/{token}", "GET /portal/follow", "GET /portal/signup"}, step: stepPagePortal},
	}
}

// notMeasuredPages are the pages the benchmark leaves out, and why.
var notMeasuredPages = map[string]string{
	"GET /login":                                  "a form with nothing read; signing in is the password hash's time (about 45 ms by design)",
	"GET /lang":                                   "a redirect that sets a cookie",
	"GET /account/password":                       "a form with nothing read",
	"GET /account/totp":                           "enrols a new second factor: a write, done once per person",
	"GET /admin/units":                            "the system administrator's page, and the benchmark has no such seat; GET /api/v1/units, the same read, is the units scenario",
	"GET /portal/login":                           "a form with nothing read",
	"GET /appeals/{id}/supervision/{tid}":         "the benchmark's data hold no supervision (bench load writes none); the notice reads the appeal as /appeals/{id} does, which the page-appeal scenario measures",
	"GET /admin/deliveries":                       "the system administrator's page, and the benchmark has no such seat; it reads one page of the outbox by its key, as GET /api/v1/deliveries does",
	"GET /appeals/{id}/attachments/{aid}":         "the benchmark's data hold no files (bench load writes none); a download reads one row by its key",
	"GET /portal/mine":                            "needs an enterprise account's session, which the seats (officers' tokens) cannot hold; it is appeal.Service.List scoped to one company, the read of the list scenario",
	"GET /portal/mine/{id}":                       "needs an enterprise account's session; it reads one appeal and its timeline, as the appeal scenario does",
	"GET /portal/policies":                        "needs an enterprise account's session; it reads the entity's policies by the targets' index on the entity",
	"GET /portal/policies/{id}":                   "needs an enterprise account's session, and opening a policy is a write (its first read); it reads one target row and the policy by their keys",
	"GET /portal/policies/{id}/attachments/{aid}": "needs an enterprise account's session; the benchmark's policy has no file, and a download reads one row by its key",
	"GET /policies/{id}/attachments/{aid}":        "the benchmark's policy has no file (bench load writes none); a download reads one row by its key",

	// The city's batches: importing is a write (its dry run reads what an import reads, once per file).
	"GET /appeals/city-batch":               "a form: it reads the caller's districts by their keys, nothing else",
	"GET /cadre":                            "a liaison cadre's workbench, and the benchmark has no cadre seat; the read of GET /api/v1/cadre/enterprises",
	"GET /registry/import":                  "a form: it reads the caller's districts by their keys, nothing else",
	"GET /appeals/city-batch/template.xlsx": "a fixed workbook made without the database, as GET /api/v1/city-batches/template is",
}

// notMeasured are the documented reads the benchmark leaves out, and why.
var notMeasured = map[string]string{
	"health":              "measured as the start-up: the time until /healthz answers",
	"openapi":             "a document made once at start; read once by every run to find the routes",
	"session":             "reads a browser session, which only a password login makes; the seats hold API tokens",
	"listDeliveries":      "the system administrator's delivery log, and the benchmark has no such seat; one page of the outbox by its primary key and the attempts of those messages by theirs",
	"getAttachment":       "the benchmark's data hold no files (bench load writes none); a download reads one row by its key",
	"getPolicyAttachment": "the benchmark's policy has no file (bench load writes none); a download reads one row by its key",
	"cadreWorkbench":      "a liaison cadre's entities, and the benchmark has no cadre seat (bench load links no cadres); it reads the entities by the cadre's index, each with its last visit and open appeals by theirs",

	"cityBatchTemplate": "a fixed workbook made without the database: the same bytes at every call",

	// The registry's matching: its writes change the data every other scenario reads.
	"linkEnterprise":  "a write done once per appeal: one appeal's Mutate, as every action on the appeal page is; its read, the suggestions, is the matching scenario",
	"mergeEnterprise": "a write done once per duplicate, which moves the duplicate's appeals, visits and accounts: nothing to repeat under load",
}

// searchWords are common two-character words of appeals.
var searchWords = []string{"退税", "用电", "审批", "贷款", "用地", "工资", "欠款", "办证", "社保", "环评", "供水", "招工", "补贴", "物流", "消防", "施工"}

func stepIntake(ctx context.Context, w *worker) {
	e := w.env
	d := newDraft(w.rng, e.fx.territories, e.fx.categories)
	key := "bench-" + e.runID + "-" + strconv.FormatInt(e.keys.Add(1), 10)
	w.do(ctx, &request{op: "createAppeal", method: "POST", path: "/api/v1/appeals", token: e.token(SeatIntake),
		body: d.body(e.tok.DistrictID), header: map[string]string{"Idempotency-Key": key}, want: 201})
}

func stepWorklist(ctx context.Context, w *worker) {
	e := w.env
	path := fmt.Sprintf("/api/v1/tasks?unit_id=%d&status=pending,handling", e.tok.UnitID)
	w.do(ctx, &request{op: "listTasks", method: "GET", path: path, token: e.token(SeatHandler)})
	// The same, the nearest deadline first.
	w.do(ctx, &request{op: "listTasks", method: "GET", path: path + "&sort=due", token: e.token(SeatHandler)})
	// The office's 已超期 and 即将超期: the whole district's tasks by their clock.
	due := pick(w, []string{"soon", "overdue"})
	w.do(ctx, &request{op: "listTasks", method: "GET", path: "/api/v1/tasks?due=" + due, token: e.token(SeatOffice)})
}

func stepAppeal(ctx context.Context, w *worker) {
	e := w.env
	p := "/api/v1/appeals/" + strconv.FormatInt(pick(w, e.fx.appealIDs), 10)
	tok := e.token(SeatOffice)
	w.do(ctx, &request{op: "getAppeal", method: "GET", path: p, token: tok})
	w.do(ctx, &request{op: "appealTimeline", method: "GET", path: p + "/timeline", token: tok})
	w.do(ctx, &request{op: "appealVisits", method: "GET", path: p + "/visits", token: tok})
	w.do(ctx, &request{op: "listAttachments", method: "GET", path: p + "/attachments", token: tok})
}

func stepSearch(ctx context.Context, w *worker) {
	e := w.env
	w.do(ctx, &request{op: "listAppeals", method: "GET", path: "/api/v1/appeals?q=" + url.QueryEscape(pick(w, searchWords)),
		token: e.token(SeatOffice)})
}

// listFilters are the filters of the list scenario, one per step in turn:
// {month} is a month of the last year's.
var listFilters = []string{
	"status=in_progress,await_visit",
	"status=closed&from={from}&to={to}",
	"channel=hotline_12345&from={from}&to={to}",
	"status=unassigned,in_progress&channel=hotline_private",
	"from={from}&to={to}",
}

func stepList(ctx context.Context, w *worker) {
	e := w.env
	m := pick(w, e.fx.months)
	q := listFilters[w.seq%int64(len(listFilters))]
	q = fmt.Sprintf("district_id=%d&", e.tok.DistrictID) + replaceAll(q, "{from}", m.From, "{to}", m.To)
	tok := e.token(SeatOffice)
	resp := w.do(ctx, &request{op: "listAppeals", method: "GET", path: "/api/v1/appeals?" + q, token: tok, keep: true})
	if resp == nil {
		return
	}
	if next := nextCursor(resp.body); next != "" {
		w.do(ctx, &request{op: "listAppeals", method: "GET", path: "/api/v1/appeals?" + q + "&cursor=" + url.QueryEscape(next), token: tok})
	}
}

func stepReportMonth(ctx context.Context, w *worker) {
	e := w.env
	seat := SeatOffice
	if w.seq%2 == 1 {
		seat = SeatLeader
	}
	m := e.fx.month
	path := fmt.Sprintf("/api/v1/reports/summary?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	w.do(ctx, &request{op: "summaryReport", method: "GET", path: path, token: e.token(seat)})
}

func stepReportUnits(ctx context.Context, w *worker) {
	e := w.env
	m := e.fx.month
	path := fmt.Sprintf("/api/v1/reports/units?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	w.do(ctx, &request{op: "unitReport", method: "GET", path: path, token: e.token(SeatOffice)})
	path = fmt.Sprintf("/api/v1/reports/assessment?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	w.do(ctx, &request{op: "assessmentReport", method: "GET", path: path, token: e.token(SeatLeader)})
	w.do(ctx, &request{op: "getWeights", method: "GET", path: "/api/v1/assessment/weights", token: e.token(SeatOffice)})
	w.do(ctx, &request{op: "listContests", method: "GET", path: "/api/v1/contests", token: e.token(SeatOffice)})
	w.do(ctx, &request{op: "listCases", method: "GET", path: "/api/v1/cases", token: e.token(SeatLeader)})
}

func stepReportMonthly(ctx context.Context, w *worker) {
	e := w.env
	m := e.fx.month
	q := fmt.Sprintf("?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	switch w.seq % 3 {
	case 0:
		w.do(ctx, &request{op: "monthlyReport", method: "GET", path: "/api/v1/reports/monthly" + q, token: e.token(SeatLeader)})
	case 1:
		w.do(ctx, &request{op: "GET /reports/monthly", method: "GET", path: "/reports/monthly" + q, token: e.token(SeatLeader)})
	default:
		w.do(ctx, &request{op: "GET /reports/monthly.xlsx", method: "GET", path: "/reports/monthly.xlsx" + q, token: e.token(SeatOffice)})
	}
}

func stepReportYear(ctx context.Context, w *worker) {
	e := w.env
	y := e.fx.year
	op, path := "summaryReport", "/api/v1/reports/summary"
	if w.seq%2 == 1 {
		op, path = "monthlyReport", "/api/v1/reports/monthly"
	}
	w.do(ctx, &request{op: op, method: "GET", path: path + "?from=" + y.From + "&to=" + y.To, token: e.token(SeatProvince)})
}

func stepDashboard(ctx context.Context, w *worker) {
	e := w.env
	if w.seq%2 == 0 {
		w.do(ctx, &request{op: "GET /dashboard", method: "GET", path: "/dashboard", token: e.token(SeatLeader)})
		return
	}
	m := e.fx.month
	path := fmt.Sprintf("/api/v1/reports/trend?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	w.do(ctx, &request{op: "trendReport", method: "GET", path: path, token: e.token(SeatLeader)})
}

func stepEnterprises(ctx context.Context, w *worker) {
	e := w.env
	tok := e.token(SeatOffice)
	if w.seq%2 == 0 && len(e.fx.fragments) > 0 {
		w.do(ctx, &request{op: "listEnterprises", method: "GET", path: "/api/v1/enterprises?q=" + url.QueryEscape(pick(w, e.fx.fragments)), token: tok})
		return
	}
	id := strconv.FormatInt(pick(w, e.fx.enterpriseIDs), 10)
	if w.seq%4 == 1 {
		w.do(ctx, &request{op: "listVisits", method: "GET", path: "/api/v1/enterprises/" + id + "/visits", token: tok})
		return
	}
	w.do(ctx, &request{op: "getEnterprise", method: "GET", path: "/api/v1/enterprises/" + id, token: tok})
}

func stepMatching(ctx context.Context, w *worker) {
	e := w.env
	tok := e.token(SeatOffice)
	switch w.seq % 4 {
	case 0:
		w.do(ctx, &request{op: "listUnmatched", method: "GET", path: fmt.Sprintf("/api/v1/appeals/unmatched?district_id=%d", e.tok.DistrictID), token: tok})
	case 1:
		w.do(ctx, &request{op: "GET /registry/unmatched", method: "GET", path: "/registry/unmatched", token: tok})
	default:
		w.do(ctx, &request{op: "appealMatches", method: "GET", path: "/api/v1/appeals/" + strconv.FormatInt(pick(w, e.fx.unmatchedIDs), 10) + "/matches", token: tok})
	}
}

func stepUnits(ctx context.Context, w *worker) {
	e := w.env
	tok := e.token(SeatOffice)
	switch w.seq % 3 {
	case 0:
		w.do(ctx, &request{op: "listUnits", method: "GET", path: "/api/v1/units", token: tok})
	case 1:
		w.do(ctx, &request{op: "listUnits", method: "GET", path: fmt.Sprintf("/api/v1/units?root_id=%d", e.tok.DistrictID), token: tok})
	default:
		w.do(ctx, &request{op: "getUnit", method: "GET", path: "/api/v1/units/" + strconv.FormatInt(pick(w, e.fx.unitIDs), 10), token: tok})
	}
}

func stepMe(ctx context.Context, w *worker) {
	seat := Seats[w.seq%int64(len(Seats))]
	w.do(ctx, &request{op: "me", method: "GET", path: "/api/v1/me", token: w.env.token(seat)})
}

func stepAudit(ctx context.Context, w *worker) {
	e := w.env
	tok := e.token(SeatAuditor)
	object := "object=appeal:" + strconv.FormatInt(pick(w, e.fx.appealIDs), 10)
	switch w.seq % 3 {
	case 0:
		day := pick(w, e.fx.days)
		w.do(ctx, &request{op: "searchAudit", method: "GET", path: "/api/v1/audit?action=appeal.&from=" + day + "&to=" + day, token: tok})
	case 1:
		w.do(ctx, &request{op: "searchAudit", method: "GET", path: "/api/v1/audit?" + object, token: tok})
	default:
		w.do(ctx, &request{op: "exportAudit", method: "GET", path: "/api/v1/audit/export?" + object, token: tok})
	}
}

// stepGet is a step of one GET of path as seat.
func stepInbox(ctx context.Context, w *worker) {
	tok := w.env.token(SeatHandler)
	w.do(ctx, &request{op: "getInbox", method: "GET", path: "/api/v1/inbox", token: tok})
	w.do(ctx, &request{op: "GET /inbox", method: "GET", path: "/inbox", token: tok})
}

func stepCalendar(ctx context.Context, w *worker) {
	tok := w.env.token(SeatOffice)
	w.do(ctx, &request{op: "getCalendar", method: "GET", path: "/api/v1/calendar", token: tok})
	w.do(ctx, &request{op: "getDeadlinePolicy", method: "GET", path: "/api/v1/deadline-policy", token: tok})
}

func stepGet(op, seat, path string) func(ctx context.Context, w *worker) {
	return func(ctx context.Context, w *worker) {
		w.do(ctx, &request{op: op, method: "GET", path: path, token: w.env.token(seat)})
	}
}

func stepPageWorkbench(ctx context.Context, w *worker) {
	seat := SeatHandler
	if w.seq%2 == 1 {
		seat = SeatOffice
	}
	w.do(ctx, &request{op: "GET /{$}", method: "GET", path: "/", token: w.env.token(seat)})
}

func stepPageList(ctx context.Context, w *worker) {
	e := w.env
	if w.seq%3 == 2 {
		w.do(ctx, &request{op: "GET /tasks", method: "GET", path: "/tasks?status=pending&status=handling", token: e.token(SeatHandler)})
		return
	}
	m := pick(w, e.fx.months)
	q := fmt.Sprintf("district_id=%d&", e.tok.DistrictID) + replaceAll(listFilters[w.seq%int64(len(listFilters))], "{from}", m.From, "{to}", m.To)
	resp := w.do(ctx, &request{op: "GET /appeals", method: "GET", path: "/appeals?" + q, token: e.token(SeatOffice), keep: true})
	if resp == nil {
		return
	}
	if next := nextPage.FindSubmatch(resp.body); next != nil {
		w.do(ctx, &request{op: "GET /appeals", method: "GET", path: html.UnescapeString(string(next[1])), token: e.token(SeatOffice)})
	}
}

// nextPage finds the link to the next page of a list page.
var nextPage = regexp.MustCompile(`rel="next" href="([^"]+)"`)

func stepPageAppeal(ctx context.Context, w *worker) {
	e := w.env
	p := "/appeals/" + strconv.FormatInt(pick(w, e.fx.appealIDs), 10)
	resp := w.do(ctx, &request{op: "GET /appeals/{id}", method: "GET", path: p, token: e.token(SeatOffice), keep: true})
	if resp != nil && strings.Contains(string(resp.body), `href="`+p+`/sheet"`) {
		w.do(ctx, &request{op: "GET /appeals/{id}/sheet", method: "GET", path: p + "/sheet", token: e.token(SeatOffice)})
	}
}

func stepPageForms(ctx context.Context, w *worker) {
	e := w.env
	switch w.seq % 4 {
	case 3:
		w.do(ctx, &request{op: "GET /admin/accounts", method: "GET", path: "/admin/accounts", token: e.token(SeatFederation)})
	case 0:
		w.do(ctx, &request{op: "GET /appeals/new", method: "GET", path: "/appeals/new", token: e.token(SeatIntake)})
	case 1:
		resp := w.do(ctx, &request{op: "GET /admin/users", method: "GET", path: "/admin/users", token: e.token(SeatOffice), keep: true})
		if resp == nil {
			return
		}
		if u := userLink.Find(resp.body); u != nil {
			w.do(ctx, &request{op: "GET /admin/users/{id}", method: "GET", path: string(u), token: e.token(SeatOffice)})
		}
	default:
		w.do(ctx, &request{op: "GET /admin/categories", method: "GET", path: "/admin/categories", token: e.token(SeatOffice)})
		w.do(ctx, &request{op: "GET /admin/calendar", method: "GET", path: "/admin/calendar", token: e.token(SeatOffice)})
	}
}

// userLink finds a user's page on the users' page.
var userLink = regexp.MustCompile(`/admin/users/[0-9]+`)

// stepCityExport reads the results of one month's city-assigned appeals as
// the city's workbook, through the API and the page in turn.
func stepCityExport(ctx context.Context, w *worker) {
	e := w.env
	m := pick(w, e.fx.months)
	q := fmt.Sprintf("?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	if w.seq%2 == 0 {
		w.do(ctx, &request{op: "exportCityBatch", method: "GET", path: "/api/v1/city-batches/export" + q, token: e.token(SeatOffice)})
		return
	}
	w.do(ctx, &request{op: "GET /appeals/city-batch/export.xlsx", method: "GET", path: "/appeals/city-batch/export.xlsx" + q, token: e.token(SeatOffice)})
}

func stepPageAssessment(ctx context.Context, w *worker) {
	e := w.env
	m := e.fx.month
	q := fmt.Sprintf("?from=%s&to=%s&district_id=%d", m.From, m.To, e.tok.DistrictID)
	w.do(ctx, &request{op: "GET /reports/assessment", method: "GET", path: "/reports/assessment" + q, token: e.token(SeatLeader)})
	w.do(ctx, &request{op: "GET /reports/contests", method: "GET", path: "/reports/contests", token: e.token(SeatOffice)})
	w.do(ctx, &request{op: "GET /cases", method: "GET", path: "/cases", token: e.token(SeatLeader)})
}

func stepCoverage(ctx context.Context, w *worker) {
	e := w.env
	q := fmt.Sprintf("?district_id=%d", e.tok.DistrictID)
	if w.seq%2 == 0 {
		w.do(ctx, &request{op: "coverageReport", method: "GET", path: "/api/v1/reports/coverage" + q, token: e.token(SeatLeader)})
		return
	}
	w.do(ctx, &request{op: "GET /reports/coverage", method: "GET", path: "/reports/coverage" + q, token: e.token(SeatLeader)})
}

func stepEvents(ctx context.Context, w *worker) {
	e := w.env
	tok, q := e.token(SeatLeader), fmt.Sprintf("?district_id=%d", e.tok.DistrictID)
	steps := []func(){
		func() { w.do(ctx, &request{op: "listEvents", method: "GET", path: "/api/v1/events" + q, token: tok}) },
		func() {
			w.do(ctx, &request{op: "listCampaigns", method: "GET", path: "/api/v1/campaigns" + q, token: tok})
		},
		func() { w.do(ctx, &request{op: "GET /events", method: "GET", path: "/events" + q, token: tok}) },
	}
	if len(e.fx.eventIDs) > 0 {
		steps = append(steps,
			func() {
				w.do(ctx, &request{op: "getEvent", method: "GET", path: "/api/v1/events/" + strconv.FormatInt(pick(w, e.fx.eventIDs), 10), token: tok})
			},
			func() {
				w.do(ctx, &request{op: "GET /events/{id}", method: "GET", path: "/events/" + strconv.FormatInt(pick(w, e.fx.eventIDs), 10), token: tok})
			})
	}
	if len(e.fx.campaignIDs) > 0 {
		steps = append(steps,
			func() {
				w.do(ctx, &request{op: "getCampaign", method: "GET", path: "/api/v1/campaigns/" + strconv.FormatInt(pick(w, e.fx.campaignIDs), 10), token: tok})
			},
			func() {
				w.do(ctx, &request{op: "GET /campaigns/{id}", method: "GET", path: "/campaigns/" + strconv.FormatInt(pick(w, e.fx.campaignIDs), 10), token: tok})
			})
	}
	steps[w.seq%int64(len(steps))]()
}

func stepPageRegistry(ctx context.Context, w *worker) {
	e := w.env
	tok := e.token(SeatOffice)
	switch w.seq % 4 {
	case 0:
		if len(e.fx.fragments) > 0 {
			w.do(ctx, &request{op: "GET /registry", method: "GET", path: "/registry?q=" + url.QueryEscape(pick(w, e.fx.fragments)), token: tok})
			return
		}
		fallthrough
	case 1:
		w.do(ctx, &request{op: "GET /registry", method: "GET", path: "/registry?industry=52", token: tok})
	case 2:
		w.do(ctx, &request{op: "GET /registry", method: "GET", path: "/registry", token: tok})
	default:
		w.do(ctx, &request{op: "GET /registry/{id}", method: "GET", path: "/registry/" + strconv.FormatInt(pick(w, e.fx.enterpriseIDs), 10), token: tok})
	}
}

func stepPolicies(ctx context.Context, w *worker) {
	e := w.env
	tok := e.token(SeatLeader)
	p := "/policies/" + strconv.FormatInt(e.fx.policyID, 10)
	switch w.seq % 5 {
	case 0:
		w.do(ctx, &request{op: "listPolicies", method: "GET", path: fmt.Sprintf("/api/v1/policies?district_id=%d", e.tok.DistrictID), token: tok})
	case 1:
		w.do(ctx, &request{op: "GET /policies", method: "GET", path: "/policies", token: tok})
	case 2:
		w.do(ctx, &request{op: "getPolicy", method: "GET", path: "/api/v1" + p, token: tok})
	case 3:
		w.do(ctx, &request{op: "GET /policies/{id}", method: "GET", path: p, token: tok})
	default:
		w.do(ctx, &request{op: "listPolicyTargets", method: "GET", path: "/api/v1" + p + "/targets", token: tok})
	}
}

func stepPageExport(ctx context.Context, w *worker) {
	e := w.env
	m := pick(w, e.fx.months)
	path := fmt.Sprintf("/appeals/export.xlsx?district_id=%d&status=closed&from=%s&to=%s", e.tok.DistrictID, m.From, m.To)
	w.do(ctx, &request{op: "GET /appeals/export.xlsx", method: "GET", path: path, token: e.token(SeatOffice)})
}

// captchaImage finds the CAPTCHA picture of the filing form.
var captchaImage = regexp.MustCompile(`src="(/portal/captcha/[^"]+\.png)"`)

func stepPagePortal(ctx context.Context, w *worker) {
	switch w.seq % 3 {
	case 0:
		w.do(ctx, &request{op: "GET /portal", method: "GET", path: "/portal"})
	case 1:
		resp := w.do(ctx, &request{op: "GET /portal/file", method: "GET", path: "/portal/file", keep: true})
		if resp == nil {
			return
		}
		if img := captchaImage.FindSubmatch(resp.body); img != nil {
			w.do(ctx, &request{op: "GET /portal/captcha/{token}", method: "GET", path: string(img[1])})
		}
	default:
		w.do(ctx, &request{op: "GET /portal/follow", method: "GET", path: "/portal/follow"})
		w.do(ctx, &request{op: "GET /portal/captcha", method: "GET", path: "/portal/captcha"})
		w.do(ctx, &request{op: "GET /portal/signup", method: "GET", path: "/portal/signup"})
	}
}

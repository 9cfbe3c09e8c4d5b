package api

import (
	"net/http"
	"reflect"

	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/report"
)

// Access classifies a route for the one check of who is asking (auth.go).
// Every route has one; a later permission matrix reads it from the table.
type Access int

// The classes of access.
const (
	Public Access = iota + 1 // anyone, no token
	Read                     // any valid token, read-only ones included
	Write                    // a valid token that may write
)

// route is one endpoint. The table of them registers the mux and generates
// the OpenAPI document, so that neither can drift from the other.
type route struct {
	method     string
	pattern    string // the ServeMux path, /api/v1/appeals/{id}
	name       string // the OpenAPI operationId
	tag        string
	summary    string
	access     Access
	status     int          // the status of success
	body       reflect.Type // the request body, or nil
	optional   bool         // the body may be left out (actions whose version is in If-Match)
	response   reflect.Type // the body of success, or nil
	query      []param
	ifMatch    bool // reads the version the client read from If-Match
	idempotent bool // honours an Idempotency-Key header (privacy_idempotency.go)
	display    bool // a display token may call it: the wall-screen dashboard's reads (auth.go)
	dryRun     bool // ?dry_run=true checks and writes nothing, answering 200 with the same body
	handle     func(*call) error
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// routes is the whole API.
func (s *server) routes() []route {
	rs := []route{
		{method: "GET", pattern: "/healthz", name: "health", tag: "meta", summary: "Whether the server can serve (the database answers)",
			access: Public, status: 200, response: typeOf[Health](), handle: s.health},
		{method: "GET", pattern: "/api/v1/openapi.json", name: "openapi", tag: "meta", summary: "This document",
			access: Public, status: 200, handle: s.openapi},
		{method: "GET", pattern: "/api/v1/me", name: "me", tag: "accounts", summary: "Who the caller is: roles, unit and districts",
			access: Read, status: 200, response: typeOf[Me](), display: true, handle: s.me},

		{method: "POST", pattern: "/api/v1/appeals", name: "createAppeal", tag: "appeals", summary: "Register an appeal (登记)",
			access: Write, status: 201, body: typeOf[NewAppeal](), response: typeOf[AppealCreated](), idempotent: true, handle: s.createAppeal},
		{method: "GET", pattern: "/api/v1/appeals", name: "listAppeals", tag: "appeals", summary: "The appeals the caller sees, newest first, filtered",
			access: Read, status: 200, response: typeOf[AppealPage](), query: appealListParams, handle: s.listAppeals},
		{method: "GET", pattern: "/api/v1/appeals/{id}", name: "getAppeal", tag: "appeals", summary: "One appeal with its tasks and the actions the caller may take now; ETag is its version",
			access: Read, status: 200, response: typeOf[AppealDetail](), handle: s.getAppeal},
		{method: "GET", pattern: "/api/v1/appeals/{id}/timeline", name: "appealTimeline", tag: "appeals", summary: "Every step on record: who, when, what, and what the enterprise was told",
			access: Read, status: 200, response: typeOf[Timeline](), handle: s.timeline},
		{method: "GET", pattern: "/api/v1/appeals/{id}/visits", name: "appealVisits", tag: "appeals", summary: "The return visits of an appeal",
			access: Read, status: 200, response: typeOf[Visits](), handle: s.visits},
	}
	rs = append(rs, s.actionRoutes()...)
	rs = append(rs,
		route{method: "GET", pattern: "/api/v1/tasks", name: "listTasks", tag: "tasks", summary: "A worklist: the tasks of the caller's unit, or of the districts an office sees",
			access: Read, status: 200, response: typeOf[TaskPage](), query: taskListParams, handle: s.listTasks},
		route{method: "GET", pattern: "/api/v1/enterprises", name: "listEnterprises", tag: "registry", summary: "Find enterprises by a name fragment or a credit code prefix",
			access: Read, status: 200, response: typeOf[EnterprisePage](), query: enterpriseListParams, handle: s.listEnterprises},
		route{method: "POST", pattern: "/api/v1/enterprises", name: "createEnterprise", tag: "registry", summary: "Register an enterprise",
			access: Write, status: 201, body: typeOf[NewEnterprise](), response: typeOf[Enterprise](), handle: s.createEnterprise},
		route{method: "POST", pattern: "/api/v1/enterprises/cadre", name: "assignCadre", tag: "registry",
			summary: "Link a district's market entities — all, or those of a township, an industry or a size — to a liaison cadre (联企干部; the federation or the office)",
			access:  Write, status: 200, body: typeOf[CadreAssignment](), response: typeOf[CadreAssigned](), handle: s.assignCadre},
		route{method: "GET", pattern: "/api/v1/enterprises/{id}", name: "getEnterprise", tag: "registry", summary: "One enterprise",
			access: Read, status: 200, response: typeOf[Enterprise](), handle: s.getEnterprise},
		route{method: "GET", pattern: "/api/v1/units", name: "listUnits", tag: "registry", summary: "The unit tree, or the part under root_id",
			access: Read, status: 200, response: typeOf[Units](), query: []param{idParam("root_id", "only this unit and the units under it")}, handle: s.listUnits},
		route{method: "POST", pattern: "/api/v1/units", name: "createUnit", tag: "registry", summary: "Add a unit (system administrators)",
			access: Write, status: 201, body: typeOf[NewUnit](), response: typeOf[Unit](), handle: s.createUnit},
		route{method: "GET", pattern: "/api/v1/units/{id}", name: "getUnit", tag: "registry", summary: "One unit",
			access: Read, status: 200, response: typeOf[Unit](), handle: s.getUnit},
		route{method: "GET", pattern: "/api/v1/users", name: "listUsers", tag: "accounts", summary: "The officers the caller may see",
			access: Read, status: 200, response: typeOf[Users](), handle: s.listUsers},
		route{method: "POST", pattern: "/api/v1/users", name: "createUser", tag: "accounts", summary: "Add an officer (system administrators)",
			access: Write, status: 201, body: typeOf[NewUser](), response: typeOf[User](), handle: s.createUser},
		route{method: "GET", pattern: "/api/v1/categories", name: "listCategories", tag: "registry", summary: "The categories of appeals",
			access: Read, status: 200, response: typeOf[Categories](), handle: s.listCategories},
		route{method: "POST", pattern: "/api/v1/categories", name: "createCategory", tag: "registry", summary: "Add a category (system administrators)",
			access: Write, status: 201, body: typeOf[NewCategory](), response: typeOf[Category](), handle: s.createCategory},
		route{method: "GET", pattern: "/api/v1/reports/summary", name: "summaryReport", tag: "reports", summary: "The cohort registered from..to (inclusive days, China Standard Time) by channel and by route, under the counting rules",
			access: Read, status: 200, response: typeOf[report.Summary](), query: summaryParams, display: true, handle: s.summary},
		route{method: "GET", pattern: "/api/v1/reports/units", name: "unitReport", tag: "reports", summary: "Each unit's tasks of the cohort registered from..to: the 三率 (response, resolution, satisfaction), the on-time rate, overdue, returned, redone, reminded and supervised",
			access: Read, status: 200, response: typeOf[report.UnitReport](), query: summaryParams, display: true, handle: s.unitReport},
		route{method: "GET", pattern: "/api/v1/reports/trend", name: "trendReport", tag: "reports", summary: "The appeals registered each day from..to (merged duplicates left out), every day listed: the dashboard's intake trend",
			access: Read, status: 200, response: typeOf[[]report.Day](), query: summaryParams, display: true, handle: s.trendReport},
		route{method: "GET", pattern: "/api/v1/reports/assessment", name: "assessmentReport", tag: "reports", summary: "The performance assessment of the cohort registered from..to: each assessed unit's score out of 100 from its weighted rates less penalties, with its parts, ranked within its kind; units outside the assessment apart",
			access: Read, status: 200, response: typeOf[report.Assessment](), query: summaryParams, display: true, handle: s.assessmentReport},
		route{method: "GET", pattern: "/api/v1/assessment/weights", name: "getWeights", tag: "reports", summary: "The assessment's weights and penalties in force",
			access: Read, status: 200, response: typeOf[report.Weights](), handle: s.getWeights},
		route{method: "PUT", pattern: "/api/v1/assessment/weights", name: "setWeights", tag: "reports", summary: "Set the assessment's weights (the four rates add up to 100) and penalties (the office)",
			access: Write, status: 200, body: typeOf[report.Weights](), response: typeOf[report.Weights](), handle: s.setWeights},
		route{method: "GET", pattern: "/api/v1/reports/monthly", name: "monthlyReport", tag: "reports", summary: "The monthly scheduling report (每月调度) of the cohort registered from..to: by channel, route, type, category and township, the tasks' sums and every unit's figures, as of one moment",
			access: Read, status: 200, response: typeOf[report.Monthly](), query: summaryParams, display: true, handle: s.monthlyReport},
	)
	rs = append(rs, s.sessionRoutes()...)    // session.go: login, logout, passwords, TOTP, tokens, administrators
	rs = append(rs, s.auditRoutes()...)      // audit_routes.go: the audit administrator's search and export
	rs = append(rs, s.privacyRoutes()...)    // privacy.go: revealing personal data
	rs = append(rs, s.attachmentRoutes()...) // attachments.go: the files of appeals
	rs = append(rs, s.calendarRoutes()...)   // calendar.go: the working-day calendar and the deadline policy
	rs = append(rs, s.noticeRoutes()...)     // notices.go: the inbox and the delivery log
	rs = append(rs, s.contestRoutes()...)    // reports.go: contests of the assessment's charges
	rs = append(rs, s.caseRoutes()...)       // cases.go: accountability cases and their notices
	rs = append(rs, s.visitRoutes()...)      // visits.go: visits to enterprises
	rs = append(rs, s.eventRoutes()...)      // events.go: open days, symposiums, on-the-spot meetings, campaigns
	rs = append(rs, s.matchingRoutes()...)   // matching.go: appeals matched to the registry, entities merged
	rs = append(rs, s.policyRoutes()...)     // policies.go: policies for enterprises and their reach
	rs = append(rs, s.registryRoutes()...)   // registry_import.go: the enterprise registry's import
	rs = append(rs, s.cityBatchRoutes()...)  // citybatch.go: the city's batches (市交办批量导入) and their results
	return rs
}

var appealListParams = []param{
	listParam("status", "appeal states, comma-separated", appeal.States),
	enumParam("channel", "", appeal.Channels),
	enumParam("type", "", appeal.Types),
	idParam("category_id", ""),
	enumParam("route", "", appeal.Routes),
	idParam("unit_id", "appeals with a task of this unit"),
	idParam("district_id", ""),
	idParam("territory_id", "the township it concerns"),
	idParam("enterprise_id", ""),
	dateParam("from", "registered on or after this day (China Standard Time)"),
	dateParam("to", "registered on or before this day (China Standard Time)"),
	textParam("q", "keyword: two Chinese characters or a whole word at least", appeal.MaxKeyword),
	enumParam("sort", "newest (the default) or oldest first, by registration", []string{"newest", "oldest"}),
	cursorParam,
	limitParam,
}

var taskListParams = []param{
	idParam("unit_id", ""),
	listParam("status", "task states, comma-separated", appeal.TaskStates),
	enumParam("due", "unanswered tasks with four fifths of their time used (soon) or past their deadline (overdue)", appeal.Dues),
	enumParam("sort", "new: newest first (the default); due: the deadline that comes first first", []string{"new", "due"}),
	dateParam("from", "tasks of the appeals registered on or after this day (China Standard Time), the cohort of a report; with to"),
	dateParam("to", "tasks of the appeals registered on or before this day (China Standard Time); with from"),
	enumParam("figure", "the tasks one count of a unit's figures counts (GET /api/v1/reports/units: assigned, responded, "+
		"late_response = assigned − responded, due, on_time, overdue = due − on_time, open_overdue, returned, returned_late, redone, "+
		"reminded (the tasks of the reminders), supervised, unanswered, extended, rated), judged now; with unit_id, from and to, "+
		"exactly the tasks behind that unit's figure", appeal.TaskFigures),
	cursorParam,
	limitParam,
}

var enterpriseListParams = []param{
	textParam("q", "a name fragment or a credit code prefix", 100),
	idParam("district_id", ""),
	idParam("territory_id", "the township or street the entities lie in"),
	idParam("cadre_id", "the entities linked to this liaison cadre (联企干部)"),
	textParam("industry", "a division of GB/T 4754-2017, by code (13 or C13) or name", 50),
	enumParam("size", "the entities' size", enterprise.Sizes),
	cursorParam,
	{name: "limit", doc: "page size, 20 unless given", schema: map[string]any{"type": "integer", "minimum": 1, "maximum": 100}},
}

var summaryParams = []param{
	requiredParam(dateParam("from", "the first day, inclusive")),
	requiredParam(dateParam("to", "the last day, inclusive")),
	idParam("district_id", "one district of the caller's; all of them if absent"),
}

// register adds every route of rs to mux, wrapped in the checks of auth.go.
func (s *server) register(mux *http.ServeMux, rs []route) {
	for i := range rs {
		rt := &rs[i]
		mux.Handle(rt.method+" "+rt.pattern, s.endpoint(rt))
	}
}

package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
)

// The permission matrix. Every route the server documents (and the document
// is held to the mux by doc_test.go) must be classified here, or the test
// fails: a new route cannot ship unclassified. For each route the matrix says
// who may use it; the test then proves, for every officer of the world,
//   - that those it does not name are refused (403/404) on the district's
//     own objects, so the refusal is by role, not by scope;
//   - that those it names are refused someone else's object (双峰县's appeal,
//     task, user or token; ids nested in bodies), and that lists and searches
//     aimed at someone else's data return none of it.

// grant names who may use a route.
type grant int

const (
	public grant = iota // anyone, no token
	self                // anyone signed in, about themselves (session, own tokens)
	roles               // the people listed
)

type entry struct {
	grant   grant
	who     []string                      // for roles: the people who may
	own     func(m *matrix) (string, any) // a request on the district's own object
	foreign func(m *matrix) (string, any) // the same aimed at someone else's; nil: none
	list    bool                          // foreign is a list or search: 200 allowed, but it must not show the foreign object
	notFor  []string                      // people for whom the foreign object is theirs (the city sees both districts)
}

// matrix holds the objects the probes aim at.
type matrix struct {
	w                                *world
	own, foreign                     api_appeal
	ownTask, foreignTask             int64
	foreignEnterprise                *enterprise.Enterprise
	foreignUser                      int64
	foreignToken                     int64
	ownUser                          int64
	ownFile, foreignFile             int64 // an attachment of each appeal
	ownEvent, foreignEvent           int64 // an open day of each district
	ownCampaign, foreignCampaign     int64
	ownPolicy, foreignPolicy         int64 // a policy of each district, with a file each
	ownPolicyFile, foreignPolicyFile int64
	marker                           string // in the foreign appeal's title and content only
}

type api_appeal struct {
	id      int64
	version int
}

func (m *matrix) path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

var everyone = []string{"intake", "fed", "office", "fagai", "zhujian", "ziran", "power", "leping", "huashan",
	"city", "leader", "sysadmin", "secadmin", "cadre", "auditor", "discipline"}

// officers who work appeals (not the three administrators).
var workers = []string{"intake", "fed", "office", "fagai", "zhujian", "ziran", "power", "leping", "huashan", "city", "leader", "cadre", "discipline"}

var handlers = []string{"fagai", "zhujian", "ziran", "power", "leping", "huashan"}

// seesOwn are those who see the district's own appeal: its offices, the city,
// the leader, and the unit with the task.
var seesOwn = []string{"intake", "fed", "office", "fagai", "city", "leader", "discipline"}

func without(list []string, drop ...string) []string {
	var out []string
	for _, p := range list {
		if !slices.Contains(drop, p) {
			out = append(out, p)
		}
	}
	return out
}

func appealAction(path string, who []string, body map[string]any) entry {
	return entry{grant: roles, who: who,
		own: func(m *matrix) (string, any) {
			return m.path("/api/v1/appeals/%d/%s", m.own.id, path), withVersion(body, m.own.version)
		},
		foreign: func(m *matrix) (string, any) {
			return m.path("/api/v1/appeals/%d/%s", m.foreign.id, path), withVersion(body, m.foreign.version)
		},
		notFor: []string{"city"}}
}

func taskAction(path string, who []string, body map[string]any) entry {
	return entry{grant: roles, who: who,
		own: func(m *matrix) (string, any) {
			return m.path("/api/v1/tasks/%d/%s", m.ownTask, path), withVersion(body, 1)
		},
		foreign: func(m *matrix) (string, any) {
			return m.path("/api/v1/tasks/%d/%s", m.foreignTask, path), withVersion(body, 1)
		},
		notFor: []string{"city"}}
}

func withVersion(body map[string]any, v int) map[string]any {
	out := map[string]any{"version": v}
	for k, x := range body {
		out[k] = x
	}
	return out
}

func get(own, foreign string, who []string) entry {
	// The city office sees both districts: 双峰县's objects are its own.
	e := entry{grant: roles, who: who, own: func(m *matrix) (string, any) { return m.expand(own), nil }, notFor: []string{"city"}}
	if foreign != "" {
		e.foreign = func(m *matrix) (string, any) { return m.expand(foreign), nil }
	}
	return e
}

// expand fills {own}, {foreign}, {ownTask}, {foreignEnterprise}, {sf}, {marker}.
func (m *matrix) expand(s string) string {
	return strings.NewReplacer(
		"{own}", fmt.Sprint(m.own.id), "{foreign}", fmt.Sprint(m.foreign.id),
		"{foreignEnterprise}", fmt.Sprint(m.foreignEnterprise.ID), "{sf}", fmt.Sprint(m.w.unit("shuangfeng")),
		"{sfTown}", fmt.Sprint(m.w.unit("sfTown")), "{marker}", m.marker,
		"{ownEvent}", fmt.Sprint(m.ownEvent), "{foreignEvent}", fmt.Sprint(m.foreignEvent),
		"{ownCampaign}", fmt.Sprint(m.ownCampaign), "{foreignCampaign}", fmt.Sprint(m.foreignCampaign),
		"{ownUser}", fmt.Sprint(m.ownUser), "{foreignUser}", fmt.Sprint(m.foreignUser),
		"{foreignToken}", fmt.Sprint(m.foreignToken), "{ownFile}", fmt.Sprint(m.ownFile), "{foreignFile}", fmt.Sprint(m.foreignFile),
		"{ownPolicy}", fmt.Sprint(m.ownPolicy), "{foreignPolicy}", fmt.Sprint(m.foreignPolicy),
		"{ownPolicyFile}", fmt.Sprint(m.ownPolicyFile), "{foreignPolicyFile}", fmt.Sprint(m.foreignPolicyFile),
	).Replace(s)
}

func (w *world) matrix(t *testing.T) map[string]entry {
	appealForm := func(m *matrix) map[string]any {
		return w.newAppeal("hotline_12345", "help", "矩阵测试诉求", "ligang")
	}
	list := func(e entry) entry { e.list = true; return e }
	return map[string]entry{
		"GET /healthz":                      {grant: public},
		"GET /api/v1/openapi.json":          {grant: public},
		"GET /api/v1/me":                    {grant: self},
		"POST /api/v1/session":              {grant: public},
		"GET /api/v1/session":               {grant: self},
		"DELETE /api/v1/session":            {grant: self},
		"POST /api/v1/session/password":     {grant: self},
		"POST /api/v1/session/totp":         {grant: self},
		"POST /api/v1/session/totp/confirm": {grant: self},
		"GET /api/v1/tokens":                {grant: self},
		"POST /api/v1/tokens":               {grant: self},
		"DELETE /api/v1/tokens/{id}": {grant: self, foreign: func(m *matrix) (string, any) {
			return m.expand("/api/v1/tokens/{foreignToken}"), nil
		}, notFor: []string{"secadmin"}},

		"POST /api/v1/appeals": {grant: roles, who: []string{"intake", "fed", "office", "cadre"},
			own: func(m *matrix) (string, any) { return "/api/v1/appeals", appealForm(m) },
			// An id nested in the body: someone else's district.
			foreign: func(m *matrix) (string, any) {
				b := appealForm(m)
				b["district_id"], b["territory_id"] = m.w.unit("shuangfeng"), m.w.unit("sfTown")
				return "/api/v1/appeals", b
			}, notFor: []string{"city"}},
		"GET /api/v1/appeals":                        list(get("/api/v1/appeals", "/api/v1/appeals?district_id={sf}&q={marker}", without(workers))),
		"GET /api/v1/appeals/{id}":                   get("/api/v1/appeals/{own}", "/api/v1/appeals/{foreign}", seesOwn),
		"GET /api/v1/appeals/{id}/timeline":          get("/api/v1/appeals/{own}/timeline", "/api/v1/appeals/{foreign}/timeline", seesOwn),
		"GET /api/v1/appeals/{id}/visits":            get("/api/v1/appeals/{own}/visits", "/api/v1/appeals/{foreign}/visits", without(seesOwn, "fagai")),
		"GET /api/v1/appeals/{id}/attachments":       get("/api/v1/appeals/{own}/attachments", "/api/v1/appeals/{foreign}/attachments", seesOwn),
		"GET /api/v1/appeals/{id}/attachments/{aid}": get("/api/v1/appeals/{own}/attachments/{ownFile}", "/api/v1/appeals/{foreign}/attachments/{foreignFile}", seesOwn),
		"POST /api/v1/appeals/{id}/attachments": {grant: roles, who: seesOwn,
			own: func(m *matrix) (string, any) {
				return m.expand("/api/v1/appeals/{own}/attachments?name=a.txt"), []byte("矩阵测试附件")
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/appeals/{foreign}/attachments?name=a.txt"), []byte("矩阵测试附件")
			},
			notFor: []string{"city"}},
		"GET /api/v1/tasks": list(get("/api/v1/tasks", "/api/v1/tasks?unit_id={sfTown}", without(workers, "cadre"))),
		"POST /api/v1/appeals/{id}/reveal": {grant: roles, who: []string{"intake", "fed", "office", "fagai"},
			own: func(m *matrix) (string, any) {
				return m.expand("/api/v1/appeals/{own}/reveal"), map[string]any{"field": "phone", "reason": "回访需要联系企业"}
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/appeals/{foreign}/reveal"), map[string]any{"field": "phone", "reason": "回访需要联系企业"}
			}, notFor: []string{"city"}},

		"POST /api/v1/appeals/{id}/answer":         appealAction("answer", []string{"fed"}, map[string]any{"outcome": "solved", "text": "已答复"}),
		"POST /api/v1/appeals/{id}/refer-district": appealAction("refer-district", []string{"fed"}, nil),
		"POST /api/v1/appeals/{id}/refer-city":     appealAction("refer-city", []string{"fed"}, nil),
		"POST /api/v1/appeals/{id}/reject":         appealAction("reject", []string{"fed"}, map[string]any{"note": "已进入诉讼程序"}),
		"POST /api/v1/appeals/{id}/transfer":       appealAction("transfer", []string{"fed"}, map[string]any{"transfer_to": "12345", "note": "非涉企诉求"}),
		"POST /api/v1/appeals/{id}/assign":         appealAction("assign", []string{"office"}, map[string]any{"co_unit_ids": []int64{w.unit("ziran")}}),
		"POST /api/v1/appeals/{id}/city-result":    appealAction("city-result", []string{"fed", "city"}, map[string]any{"outcome": "solved", "text": "市级已办结"}),
		"POST /api/v1/appeals/{id}/feedback":       appealAction("feedback", []string{"fed", "office"}, map[string]any{"told": "已告知企业"}),
		"POST /api/v1/appeals/{id}/visit":          appealAction("visit", []string{"fed", "office"}, map[string]any{"reached": true, "satisfaction": "satisfied", "resolved": true}),
		"POST /api/v1/appeals/{id}/redo":           appealAction("redo", []string{"office"}, map[string]any{"note": "企业不满意"}),
		"POST /api/v1/appeals/{id}/report-up":      appealAction("report-up", []string{"office"}, nil),
		"POST /api/v1/appeals/{id}/withdraw":       appealAction("withdraw", []string{"fed", "intake"}, map[string]any{"note": "企业撤回"}),
		"POST /api/v1/appeals/{id}/merge":          appealAction("merge", []string{"fed", "office"}, map[string]any{"target_id": 1}),
		"POST /api/v1/appeals/{id}/unreasonable":   appealAction("unreasonable", []string{"office"}, map[string]any{"note": "超出政策范围"}),
		"POST /api/v1/appeals/{id}/reasonable":     appealAction("reasonable", []string{"office"}, map[string]any{"note": "复核后撤销"}),
		"POST /api/v1/appeals/{id}/instruct":       appealAction("instruct", []string{"leader"}, map[string]any{"note": "请抓紧办理"}),
		"POST /api/v1/tasks/{id}/extend":           taskAction("extend", []string{"fagai"}, map[string]any{"days": 3, "note": "需现场核查"}),
		"POST /api/v1/tasks/{id}/pause":            taskAction("pause", []string{"fagai"}, map[string]any{"note": "等待企业补充材料"}),
		"POST /api/v1/tasks/{id}/grant":            taskAction("grant", []string{"office"}, nil),
		"POST /api/v1/tasks/{id}/refuse":           taskAction("refuse", []string{"office"}, map[string]any{"note": "理由不充分"}),
		"POST /api/v1/tasks/{id}/resume":           taskAction("resume", []string{"fagai"}, nil),
		"POST /api/v1/tasks/{id}/remind":           taskAction("remind", []string{"office"}, nil),
		"POST /api/v1/tasks/{id}/supervise":        taskAction("supervise", []string{"office"}, map[string]any{"doc_no": "督〔2026〕1号", "note": "三日内回复"}),
		"POST /api/v1/tasks/{id}/respond":          taskAction("respond", []string{"fagai"}, map[string]any{"text": "已办结"}),
		"POST /api/v1/tasks/{id}/accept":           taskAction("accept", []string{"fagai"}, nil),
		"POST /api/v1/tasks/{id}/return":           taskAction("return", []string{"fagai"}, map[string]any{"note": "不属本单位职责"}),
		"POST /api/v1/tasks/{id}/reply":            taskAction("reply", []string{"fagai"}, map[string]any{"outcome": "solved", "text": "已办理"}),
		"POST /api/v1/tasks/{id}/approve":          taskAction("approve", []string{"office"}, nil),
		"POST /api/v1/tasks/{id}/send-back":        taskAction("send-back", []string{"office"}, map[string]any{"note": "答复不完整"}),

		"GET /api/v1/enterprises":      get("/api/v1/enterprises", "", without(everyone, "auditor")),
		"GET /api/v1/enterprises/{id}": get("/api/v1/enterprises/{foreignEnterprise}", "", without(everyone, "auditor")),
		"POST /api/v1/enterprises": {grant: roles, who: []string{"intake", "fed", "office", "cadre", "city", "sysadmin"},
			own: func(m *matrix) (string, any) {
				return "/api/v1/enterprises", map[string]any{"name": "矩阵测试企业", "district_id": m.w.unit("louxing")}
			},
			foreign: func(m *matrix) (string, any) {
				return "/api/v1/enterprises", map[string]any{"name": "外区企业", "district_id": m.w.unit("shuangfeng")}
			}, notFor: []string{"city", "sysadmin"}},
		// The registry's import: the federation and the office of the
		// district, and the system administrator, who keeps every district's.
		"POST /api/v1/enterprises/import": {grant: roles, who: []string{"fed", "office", "sysadmin"},
			own: func(m *matrix) (string, any) {
				return m.path("/api/v1/enterprises/import?dry_run=true&district_id=%d", m.w.unit("louxing")), registryCSV(creditCode(901))
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/enterprises/import?dry_run=true&district_id={sf}"), registryCSV(creditCode(902))
			}, notFor: []string{"sysadmin"}},
		"POST /api/v1/enterprises/cadre": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) {
				return "/api/v1/enterprises/cadre", map[string]any{"cadre_id": m.w.people["cadre"].user.ID, "district_id": m.w.unit("louxing"),
					"territory_id": m.w.unit("huashan")}
			},
			foreign: func(m *matrix) (string, any) {
				return "/api/v1/enterprises/cadre", map[string]any{"cadre_id": m.w.people["cadre"].user.ID, "district_id": m.w.unit("shuangfeng")}
			}},
		"POST /api/v1/enterprises/{id}/visits": {grant: roles, who: []string{"fed", "office", "cadre"},
			own: func(m *matrix) (string, any) {
				return m.path("/api/v1/enterprises/%d/visits", m.w.enterprises["ligang"].ID), map[string]any{"visited_on": m.w.clock.Now().In(appeal.CST).Format("2006-01-02"), "visitors": "矩阵走访"}
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/enterprises/{foreignEnterprise}/visits"), map[string]any{"visited_on": m.w.clock.Now().In(appeal.CST).Format("2006-01-02"), "visitors": "矩阵走访"}
			}},
		"GET /api/v1/reports/coverage":  get("/api/v1/reports/coverage?district_id="+fmt.Sprint(w.unit("louxing")), "/api/v1/reports/coverage?district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/cadre/enterprises": get("/api/v1/cadre/enterprises", "", []string{"cadre"}),
		// Events and campaigns: the federation and the office organize them; report readers read them.
		"POST /api/v1/events": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) {
				return "/api/v1/events", map[string]any{"kind": "symposium", "title": "矩阵座谈会", "host_unit_id": m.w.unit("fagai"),
					"held_on": m.w.clock.Now().In(appeal.CST).Format("2006-01-02")}
			},
			foreign: func(m *matrix) (string, any) {
				return "/api/v1/events", map[string]any{"kind": "symposium", "title": "矩阵座谈会", "host_unit_id": m.w.unit("sfTown"),
					"district_id": m.w.unit("shuangfeng"), "held_on": m.w.clock.Now().In(appeal.CST).Format("2006-01-02")}
			}},
		"GET /api/v1/events":      get("/api/v1/events", "/api/v1/events?district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/events/{id}": get("/api/v1/events/{ownEvent}", "/api/v1/events/{foreignEvent}", []string{"fed", "office", "city", "leader", "discipline"}),
		"POST /api/v1/events/{id}/appeals": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) {
				return m.expand("/api/v1/events/{ownEvent}/appeals"), map[string]any{"appeals": []map[string]any{{"type": "help", "title": "矩阵诉求", "content": "矩阵"}}}
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/events/{foreignEvent}/appeals"), map[string]any{"appeals": []map[string]any{{"type": "help", "title": "矩阵诉求", "content": "矩阵"}}}
			}},
		"POST /api/v1/campaigns": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) {
				return "/api/v1/campaigns", map[string]any{"kind": "open_day", "title": "矩阵开放日", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
					"unit_ids": []int64{m.w.unit("fagai")}}
			},
			foreign: func(m *matrix) (string, any) {
				return "/api/v1/campaigns", map[string]any{"kind": "open_day", "title": "矩阵开放日", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
					"district_id": m.w.unit("shuangfeng"), "unit_ids": []int64{m.w.unit("sfTown")}}
			}},
		"GET /api/v1/campaigns":      get("/api/v1/campaigns", "/api/v1/campaigns?district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/campaigns/{id}": get("/api/v1/campaigns/{ownCampaign}", "/api/v1/campaigns/{foreignCampaign}", []string{"fed", "office", "city", "leader", "discipline"}),
		// The registry's matching: the federation and the office of the district.
		"GET /api/v1/appeals/unmatched":    list(get("/api/v1/appeals/unmatched", "/api/v1/appeals/unmatched?district_id={sf}", []string{"fed", "office"})),
		"GET /api/v1/appeals/{id}/matches": get("/api/v1/appeals/{own}/matches", "/api/v1/appeals/{foreign}/matches", []string{"fed", "office"}),
		"POST /api/v1/appeals/{id}/enterprise": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) {
				return m.expand("/api/v1/appeals/{own}/enterprise"), map[string]any{"enterprise_id": m.w.enterprises["haite"].ID, "relink": true}
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/appeals/{foreign}/enterprise"), map[string]any{"enterprise_id": m.foreignEnterprise.ID, "relink": true}
			}},
		"POST /api/v1/enterprises/{id}/merge": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) {
				return m.path("/api/v1/enterprises/%d/merge", m.w.enterprises["chaoyang"].ID), map[string]any{"into": m.w.enterprises["yongan"].ID}
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/enterprises/{foreignEnterprise}/merge"), map[string]any{"into": m.w.enterprises["ligang"].ID}
			}},
		// Policies: the federation and the office publish; every officer who
		// works the loop reads its district's, with their reach.
		"POST /api/v1/policies": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) { return "/api/v1/policies", m.w.policyBody("矩阵测试政策") },
			foreign: func(m *matrix) (string, any) {
				b := m.w.policyBody("矩阵外区政策")
				b["district_id"], b["issuer_id"] = m.w.unit("shuangfeng"), m.w.unit("sfOffice")
				return "/api/v1/policies", b
			}},
		"GET /api/v1/policies":                        list(get("/api/v1/policies", "/api/v1/policies?district_id={sf}", workers)),
		"GET /api/v1/policies/{id}":                   get("/api/v1/policies/{ownPolicy}", "/api/v1/policies/{foreignPolicy}", workers),
		"GET /api/v1/policies/{id}/targets":           get("/api/v1/policies/{ownPolicy}/targets", "/api/v1/policies/{foreignPolicy}/targets", workers),
		"GET /api/v1/policies/{id}/attachments/{aid}": get("/api/v1/policies/{ownPolicy}/attachments/{ownPolicyFile}", "/api/v1/policies/{foreignPolicy}/attachments/{foreignPolicyFile}", workers),
		"POST /api/v1/policies/{id}/attachments": {grant: roles, who: []string{"fed", "office"},
			own: func(m *matrix) (string, any) {
				return m.expand("/api/v1/policies/{ownPolicy}/attachments?name=a.txt"), []byte("矩阵测试附件")
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/policies/{foreignPolicy}/attachments?name=a.txt"), []byte("矩阵测试附件")
			}},
		"GET /api/v1/enterprises/{id}/visits": get("/api/v1/enterprises/{foreignEnterprise}/visits", "", without(everyone, "auditor")),
		"GET /api/v1/units":                   get("/api/v1/units", "", without(everyone, "auditor")),
		"GET /api/v1/units/{id}":              get("/api/v1/units/{sf}", "", without(everyone, "auditor")),
		"POST /api/v1/units": {grant: roles, who: []string{"sysadmin"}, own: func(m *matrix) (string, any) {
			return "/api/v1/units", map[string]any{"name": "矩阵测试局", "level": "district", "kind": "department", "parent_id": m.w.unit("louxing")}
		}},
		"GET /api/v1/categories": get("/api/v1/categories", "", without(everyone, "auditor")),
		"POST /api/v1/categories": {grant: roles, who: []string{"sysadmin"}, own: func(m *matrix) (string, any) {
			return "/api/v1/categories", map[string]any{"name": "矩阵测试分类"}
		}},
		"GET /api/v1/calendar":        get("/api/v1/calendar", "", without(everyone, "auditor")),
		"GET /api/v1/deadline-policy": get("/api/v1/deadline-policy", "", without(everyone, "auditor")),
		"PUT /api/v1/calendar/{year}": {grant: roles, who: []string{"sysadmin"}, own: func(m *matrix) (string, any) {
			return "/api/v1/calendar/2028", map[string]any{"provisional": true, "note": "矩阵测试",
				"days": []map[string]any{{"date": "2028-01-01", "name": "元旦", "off": true}}}
		}},
		"POST /api/v1/calendar/{year}/confirm": {grant: roles, who: []string{"sysadmin"}, own: func(m *matrix) (string, any) {
			return "/api/v1/calendar/2027/confirm", map[string]any{"note": "矩阵测试"}
		}},
		"PUT /api/v1/deadline-policy": {grant: roles, who: []string{"sysadmin"}, own: func(m *matrix) (string, any) {
			return "/api/v1/deadline-policy", map[string]any{"accept_days": 1, "consult_days": 5, "other_days": 15, "categories": map[string]int{}}
		}},
		// Every officer has an inbox of their own; the delivery log is the system administrator's.
		"GET /api/v1/inbox": get("/api/v1/inbox", "", everyone),
		"POST /api/v1/inbox/read": {grant: roles, who: everyone, own: func(m *matrix) (string, any) {
			return "/api/v1/inbox/read", map[string]any{}
		}},
		"GET /api/v1/deliveries": get("/api/v1/deliveries", "", []string{"sysadmin"}),
		// The system and security administrators keep every user; others see their districts'.
		"GET /api/v1/users": func() entry {
			e := list(get("/api/v1/users", "/api/v1/users", without(everyone, "auditor")))
			e.notFor = append(e.notFor, "sysadmin", "secadmin")
			return e
		}(),
		"POST /api/v1/users": {grant: roles, who: []string{"sysadmin"}, own: func(m *matrix) (string, any) {
			return "/api/v1/users", map[string]any{"username": "matrix_new", "name": "新用户", "unit_id": m.w.unit("leping"), "roles": []string{"handler"}}
		}},
		"PUT /api/v1/users/{id}/roles": {grant: roles, who: []string{"secadmin"}, own: func(m *matrix) (string, any) {
			return m.expand("/api/v1/users/{ownUser}/roles"), map[string]any{"roles": []string{"handler"}}
		}},
		"POST /api/v1/users/{id}/password": {grant: roles, who: []string{"secadmin"}, own: func(m *matrix) (string, any) {
			return m.expand("/api/v1/users/{ownUser}/password"), map[string]any{"password": "Lx-Matrix-2026-Pw!"}
		}},
		"POST /api/v1/users/{id}/unlock": {grant: roles, who: []string{"secadmin"}, own: func(m *matrix) (string, any) {
			return m.expand("/api/v1/users/{ownUser}/unlock"), nil
		}},
		"DELETE /api/v1/users/{id}/totp": {grant: roles, who: []string{"secadmin"}, own: func(m *matrix) (string, any) {
			return m.expand("/api/v1/users/{ownUser}/totp"), nil
		}},
		"PUT /api/v1/users/{id}/active": {grant: roles, who: []string{"sysadmin"}, own: func(m *matrix) (string, any) {
			return m.expand("/api/v1/users/{ownUser}/active"), map[string]any{"active": true}
		}},
		"GET /api/v1/settings/password-policy": {grant: self},
		"PUT /api/v1/settings/password-policy": {grant: roles, who: []string{"secadmin"}, own: func(m *matrix) (string, any) {
			return "/api/v1/settings/password-policy", map[string]any{"max_age_days": 90}
		}},

		"GET /api/v1/reports/summary": get("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31",
			"/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/reports/units": get("/api/v1/reports/units?from=2026-03-01&to=2026-03-31",
			"/api/v1/reports/units?from=2026-03-01&to=2026-03-31&district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/reports/trend": get("/api/v1/reports/trend?from=2026-03-01&to=2026-03-31",
			"/api/v1/reports/trend?from=2026-03-01&to=2026-03-31&district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/reports/assessment": get("/api/v1/reports/assessment?from=2026-03-01&to=2026-03-31",
			"/api/v1/reports/assessment?from=2026-03-01&to=2026-03-31&district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/assessment/weights": get("/api/v1/assessment/weights", "", []string{"fed", "office", "city", "leader", "discipline"}),
		"PUT /api/v1/assessment/weights": {grant: roles, who: []string{"office"}, own: func(m *matrix) (string, any) {
			return "/api/v1/assessment/weights", map[string]any{"response": 20, "on_time": 30, "resolution": 20, "satisfaction": 30, "redo": 2, "supervised": 1, "overdue": 1}
		}},
		// A unit's handlers contest its charges; the office decides (the contest may not exist: 404 is no refusal of the role).
		"POST /api/v1/tasks/{id}/contests": {grant: roles, who: []string{"fagai"},
			own: func(m *matrix) (string, any) {
				return m.path("/api/v1/tasks/%d/contests", m.ownTask), map[string]any{"charge": "overdue", "reason": "企业未提供施工条件"}
			},
			foreign: func(m *matrix) (string, any) {
				return m.path("/api/v1/tasks/%d/contests", m.foreignTask), map[string]any{"charge": "overdue", "reason": "企业未提供施工条件"}
			}, notFor: []string{"city"}},
		"GET /api/v1/contests": get("/api/v1/contests", "", append(without(handlers), "fed", "office", "city", "leader", "discipline")),
		"POST /api/v1/contests/{id}/decision": {grant: roles, who: []string{"office"}, own: func(m *matrix) (string, any) {
			return "/api/v1/contests/999999/decision", map[string]any{"grant": true, "decision": "情况属实"}
		}},
		// The discipline commission records and publishes; every officer reads what it may (see accountability.List).
		"POST /api/v1/cases": {grant: roles, who: []string{"discipline"}, own: func(m *matrix) (string, any) {
			return "/api/v1/cases", map[string]any{"unit_id": m.w.unit("zhujian"), "title": "矩阵测试", "facts": "事实", "handling": "诫勉谈话"}
		}},
		"GET /api/v1/cases": get("/api/v1/cases", "", without(everyone, "sysadmin", "secadmin", "auditor")),
		"POST /api/v1/cases/{id}/publish": {grant: roles, who: []string{"discipline"}, own: func(m *matrix) (string, any) {
			return "/api/v1/cases/999999/publish", nil
		}},
		"GET /api/v1/reports/monthly": get("/api/v1/reports/monthly?from=2026-03-01&to=2026-03-31",
			"/api/v1/reports/monthly?from=2026-03-01&to=2026-03-31&district_id={sf}", []string{"fed", "office", "city", "leader", "discipline"}),
		"GET /api/v1/audit":        get("/api/v1/audit", "", []string{"auditor"}),
		"GET /api/v1/audit/export": get("/api/v1/audit/export", "", []string{"auditor"}),
		// The city's batches: the office of the district and the city office above it.
		"POST /api/v1/city-batches": {grant: roles, who: []string{"office", "city"},
			own: func(m *matrix) (string, any) {
				return m.path("/api/v1/city-batches?dry_run=true&district_id=%d", m.w.unit("louxing")), cityBook(t, cityRow("SJ-MATRIX-1"))
			},
			foreign: func(m *matrix) (string, any) {
				return m.expand("/api/v1/city-batches?dry_run=true&district_id={sf}"), cityBook(t, cityRow("SJ-MATRIX-1"))
			}, notFor: []string{"city"}},
		"GET /api/v1/city-batches/export": get("/api/v1/city-batches/export?from=2026-03-01&to=2026-03-31",
			"/api/v1/city-batches/export?from=2026-03-01&to=2026-03-31&district_id={sf}", []string{"office", "city"}),
		"GET /api/v1/city-batches/template": get("/api/v1/city-batches/template", "", []string{"office", "city"}),
	}
}

// setUpMatrix makes the objects: 娄星区's appeal assigned to 发改局 (which has
// the task), and 双峰县's appeal assigned to 永丰镇, with its enterprise,
// user and token.
func setUpMatrix(t *testing.T, w *world) *matrix {
	m := &matrix{w: w, marker: "双峰矩阵标记"}
	fed, office := w.as(t, "fed"), w.as(t, "office")
	own := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "本区矩阵诉求", "ligang"))
	d := fed.act(own.ID, "refer-district", 1, nil).detail()
	d = office.act(own.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).detail()
	m.own = api_appeal{own.ID, d.Version}
	m.ownTask = taskOf(t, d, w.unit("fagai")).ID

	sys := account.SystemActor()
	e := &enterprise.Enterprise{Name: "双峰县矩阵机械有限公司", DistrictID: w.unit("shuangfeng"), ContactName: "外区联系人", ContactPhone: "13900000001"}
	if err := w.cfg.Enterprises.Create(bg, sys, e); err != nil {
		t.Fatal(err)
	}
	m.foreignEnterprise = e
	sfFed, sfOffice := w.as(t, "sfFed"), w.as(t, "sfOffice")
	body := map[string]any{"channel": "hotline_12345", "type": "help", "title": m.marker + "用地审批",
		"content": m.marker + "：企业反映用地审批进度。", "district_id": w.unit("shuangfeng"),
		"enterprise_id": e.ID, "contact_phone": "13900000001"}
	foreign := sfFed.create(body)
	fd := sfFed.act(foreign.ID, "refer-district", 1, nil).detail()
	fd = sfOffice.act(foreign.ID, "assign", fd.Version, map[string]any{"lead_unit_id": w.unit("sfTown")}).detail()
	m.foreign = api_appeal{foreign.ID, fd.Version}
	m.foreignTask = taskOf(t, fd, w.unit("sfTown")).ID
	m.foreignUser = w.people["sfOffice"].user.ID
	m.ownUser = w.people["leping"].user.ID

	var tok struct {
		ID int64 `json:"id"`
	}
	sfOffice.post("/api/v1/tokens", map[string]any{"name": "外区令牌", "scope": "read"}).want(201).into(&tok)
	m.foreignToken = tok.ID
	day := w.clock.Now().In(appeal.CST).Format("2006-01-02")
	for _, o := range []struct {
		who, host, district string
		event, campaign     *int64
	}{{"office", "fagai", "louxing", &m.ownEvent, &m.ownCampaign}, {"sfOffice", "sfTown", "shuangfeng", &m.foreignEvent, &m.foreignCampaign}} {
		var ev, cp struct{ ID int64 }
		w.as(t, o.who).post("/api/v1/events", map[string]any{"kind": "open_day", "title": "矩阵开放日", "host_unit_id": w.unit(o.host),
			"district_id": w.unit(o.district), "held_on": day}).want(201).into(&ev)
		w.as(t, o.who).post("/api/v1/campaigns", map[string]any{"kind": "open_day", "title": "矩阵开放日", "starts_on": day, "ends_on": day,
			"district_id": w.unit(o.district), "unit_ids": []int64{w.unit(o.host)}}).want(201).into(&cp)
		*o.event, *o.campaign = ev.ID, cp.ID
	}
	for _, f := range []struct {
		appeal int64
		id     *int64
	}{{own.ID, &m.ownFile}, {foreign.ID, &m.foreignFile}} {
		a, err := w.cfg.Appeals.Attach(bg, sys, f.appeal, "材料.txt", []byte("矩阵测试的附件"))
		if err != nil {
			t.Fatal(err)
		}
		*f.id = a.ID
	}
	m.ownPolicy, m.ownPolicyFile = matrixPolicy(t, w, "office", w.policyBody("本区矩阵政策"))
	sfBody := w.policyBody(m.marker + "外区政策")
	sfBody["issuer_id"] = w.unit("sfOffice")
	m.foreignPolicy, m.foreignPolicyFile = matrixPolicy(t, w, "sfOffice", sfBody)
	return m
}

// matrixPolicy publishes a policy as person key, with a file, and returns
// their ids.
func matrixPolicy(t *testing.T, w *world, key string, body map[string]any) (id, file int64) {
	var p, f struct{ ID int64 }
	w.as(t, key).post("/api/v1/policies", body).want(201).into(&p)
	w.as(t, key).post(fmt.Sprintf("/api/v1/policies/%d/attachments?name=a.txt", p.ID), []byte("矩阵测试的政策附件")).want(201).into(&f)
	return p.ID, f.ID
}

func TestPermissionMatrix(t *testing.T) {
	w := newWorld(t)
	m := setUpMatrix(t, w)
	table := w.matrix(t)
	seen := map[string]bool{}
	for _, op := range w.doc.ops {
		key := strings.ToUpper(op.method) + " " + op.path
		seen[key] = true
		e, ok := table[key]
		if !ok {
			t.Errorf("%s: the permission matrix does not classify this route", key)
			continue
		}
		t.Run(key, func(t *testing.T) { m.check(t, key, e) })
	}
	for key := range table {
		if !seen[key] {
			t.Errorf("%s: classified, but the server has no such route", key)
		}
	}
}

func (m *matrix) check(t *testing.T, key string, e entry) {
	method := strings.SplitN(key, " ", 2)[0]
	send := func(person, path string, body any) *resp {
		c := m.w.as(t, person)
		return c.do(method, path, body)
	}
	if e.grant == roles {
		for _, p := range everyone {
			if slices.Contains(e.who, p) {
				continue
			}
			path, body := e.own(m)
			r := send(p, path, body)
			if r.status != http.StatusForbidden && r.status != http.StatusNotFound {
				t.Errorf("%s by %s (not granted): status %d, want 403 or 404: %s", key, p, r.status, clip(r.raw))
			}
		}
	}
	if e.foreign == nil {
		return
	}
	who := e.who
	if e.grant != roles {
		who = everyone
	}
	for _, p := range who {
		if slices.Contains(e.notFor, p) {
			continue
		}
		path, body := e.foreign(m)
		r := send(p, path, body)
		switch {
		case e.list:
			if r.status/100 == 2 && (strings.Contains(string(r.raw), m.marker) ||
				strings.Contains(string(r.raw), "双峰优化办钱进") || strings.Contains(string(r.raw), "双峰工商联冯雪")) {
				t.Errorf("%s by %s shows someone else's data: %s", path, p, clip(r.raw))
			}
			if r.status/100 != 2 && r.status != http.StatusForbidden && r.status != http.StatusBadRequest {
				t.Errorf("%s by %s: status %d", path, p, r.status)
			}
		case r.status == http.StatusBadRequest:
			// Refused as invalid: only for an id nested in the body, which the error names.
			var e struct{ Field string }
			r.into(&e)
			if e.Field == "" {
				t.Errorf("%s by %s: 400 without naming the foreign id: %s", path, p, clip(r.raw))
			}
		case r.status != http.StatusForbidden && r.status != http.StatusNotFound:
			t.Errorf("%s by %s on someone else's object: status %d, want 403 or 404: %s", path, p, r.status, clip(r.raw))
		}
	}
}

// The state of the foreign appeal must not have moved: no probe got through.
func TestPermissionMatrixLeavesOthersUntouched(t *testing.T) {
	w := newWorld(t)
	m := setUpMatrix(t, w)
	table := w.matrix(t)
	for key, e := range table {
		if e.foreign != nil && !e.list {
			m.check(t, key, e)
		}
	}
	d := w.as(t, "sfOffice").appeal(m.foreign.id)
	if d.Version != m.foreign.version || d.State != appeal.InProgress {
		t.Fatalf("someone else's appeal changed: version %d (was %d), state %s", d.Version, m.foreign.version, d.State)
	}
}

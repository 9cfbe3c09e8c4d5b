// Package appeal holds the heart of zhitong: the appeal (诉求) of an
// enterprise, the tasks (交办任务) that units handle for it, the replies,
// return visits and timeline, and the two state machines — appeal and task —
// that carry an appeal round the closed loop of DOMAIN.md.
package appeal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Channel is how an appeal reached zhitong.
type Channel string

// The channels of DOMAIN.md.
const (
	Hotline12345 Channel = "hotline_12345"   // 12345 营商环境"政企通"专席
	HotlinePriv  Channel = "hotline_private" // 民营企业服务热线
	Portal       Channel = "portal"          // 信息直报 (政府门户网站专栏)
	OpenDay      Channel = "open_day"        // 政府开放日
	Symposium    Channel = "symposium"       // 企业家座谈会
	VisitCh      Channel = "visit"           // 上门直访/常态化走访 (联企干部)
	CityAssigned Channel = "city_assigned"   // 市交办
	OnSite       Channel = "onsite"          // 现场办公会 (a leader assigns on the spot)
)

// Channels lists every channel in report order.
var Channels = []Channel{Hotline12345, HotlinePriv, Portal, OpenDay, Symposium, VisitCh, CityAssigned, OnSite}

// IsHotline reports whether c is one of the two hotlines the seed counts together.
func (c Channel) IsHotline() bool { return c == Hotline12345 || c == HotlinePriv }

// Type is the nature of an appeal (诉求类型), apart from its category.
type Type string

// The types.
const (
	Consult    Type = "consult"    // 咨询
	Help       Type = "help"       // 求助
	Complaint  Type = "complaint"  // 投诉
	Suggestion Type = "suggestion" // 建议
	Report     Type = "report"     // 举报
)

// Types lists every type.
var Types = []Type{Consult, Help, Complaint, Suggestion, Report}

// Urgency is 一般 or 紧急.
type Urgency string

// The urgencies.
const (
	Normal Urgency = "normal"
	Urgent Urgency = "urgent"
)

// Route is where triage sent an appeal.
type Route string

// The routes. None until triage.
const (
	RouteNone     Route = ""
	RouteDirect   Route = "direct"        // 直接答复 by the federation
	RouteDistrict Route = "district"      // 报区优化办: tasks assigned to units
	RouteCity     Route = "city"          // 报市直通车办: referred up
	RouteFromCity Route = "city_assigned" // 市交办: assigned down by the city
)

// Routes lists the routes an appeal can have once triaged or assigned down.
var Routes = []Route{RouteDirect, RouteDistrict, RouteCity, RouteFromCity}

// State is where an appeal stands in the loop.
type State string

// The appeal states.
const (
	Registered  State = "registered"   // 待分办: waiting for the federation's triage
	Unassigned  State = "unassigned"   // 待交办: at the office, waiting for tasks (or re-assignment)
	InProgress  State = "in_progress"  // 办理中: tasks are open
	AtCity      State = "at_city"      // 已报市: referred to the city, waiting for its result
	AwaitVisit  State = "await_visit"  // 待回访: a result exists; feedback and return visit due
	Closed      State = "closed"       // 已办结
	NotAccepted State = "not_accepted" // 不予受理
	Transferred State = "transferred"  // 已转其他渠道
	Withdrawn   State = "withdrawn"    // 已撤回
	Merged      State = "merged"       // 已并单 into another appeal
)

// States lists every appeal state in loop order.
var States = []State{Registered, Unassigned, InProgress, AtCity, AwaitVisit, Closed, NotAccepted, Transferred, Withdrawn, Merged}

// Final reports whether no action but redo can follow s.
func (s State) Final() bool {
	switch s {
	case Closed, NotAccepted, Transferred, Withdrawn, Merged:
		return true
	}
	return false
}

// OpenStates are the states of an appeal still being handled.
func OpenStates() []State {
	var open []State
	for _, s := range States {
		if !s.Final() {
			open = append(open, s)
		}
	}
	return open
}

// Appeal is one enterprise's appeal: one case number from start to end.
type Appeal struct {
	ID             int64
	ExternalNo     string // the city's own number for an appeal assigned down
	Channel        Channel
	Type           Type
	CategoryID     int64
	Urgency        Urgency
	Title          string
	Content        string
	EnterpriseID   int64 // 0 while the enterprise is not matched to the registry
	EnterpriseName string
	CreditCode     string
	ContactName    string
	ContactPhone   string
	ContactIDNo    string // the appellant's ID number (居民身份证号码), if given
	Anonymous      bool   // 匿名交办: handling units never see who complained
	DistrictID     int64
	TerritoryID    int64 // the township it concerns; 0 if none
	Route          Route
	State          State
	Round          int   // the current round of tasks; a redo adds one
	MergedInto     int64 // the surviving appeal, once merged
	CreatedBy      int64 // the officer who registered it; 0 from the portal
	CreatedAt      time.Time
	UpdatedAt      time.Time
	DueAt          time.Time // the city's deadline for an appeal assigned down
	Version        int

	// The result the enterprise is told: a direct answer, the city's result or
	// the lead unit's approved reply.
	ResultOutcome Outcome
	ResultText    string
	ResultAt      time.Time
	FeedbackAt    time.Time // when the enterprise was told the result
	ReportedUpAt  time.Time // when the result of a city-assigned appeal went back up

	// The final return visit, kept here so that reports need no join.
	VisitAttempts int
	Satisfaction  Satisfaction
	Resolved      bool
	Unreachable   bool
	ClosedAt      time.Time
	QueryCodeHash []byte // the hash of the query code (查询码) the enterprise was given

	// Unreasonable marks an appeal the office found beyond what can be
	// granted (诉求不合理 / 超出政策范围), with its reason: reported apart and
	// left out of the satisfaction rates (fairness.go).
	Unreasonable       bool
	UnreasonableReason string
}

// numberPrefix begins every case number.
const numberPrefix = "ZT"

// Number is the case number people quote: the day it was registered (China
// Standard Time) and its id, so that it needs no counter of its own.
func (a *Appeal) Number() string {
	return fmt.Sprintf("%s%s%06d", numberPrefix, a.CreatedAt.In(CST).Format("20060102"), a.ID)
}

// ParseNumber returns the id in a case number, or an id typed alone.
func ParseNumber(s string) (int64, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if strings.HasPrefix(s, numberPrefix) {
		if len(s) <= len(numberPrefix)+8 {
			return 0, false
		}
		s = s[len(numberPrefix)+8:]
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// CST is China Standard Time, fixed at UTC+8 (no daylight saving since 1991),
// so that no time zone database is needed at run time.
var CST = time.FixedZone("CST", 8*3600)

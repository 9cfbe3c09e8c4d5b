package appeal

import (
	"slices"
	"zhitong/internal/account"
)

// Action is one step of the loop that a person takes on an appeal or a task.
type Action string

// The actions on an appeal.
const (
	ActRegister      Action = "register"       // 登记
	ActAnswer        Action = "answer"         // 直接答复 (federation)
	ActReferDistrict Action = "refer_district" // 报区优化办
	ActReferCity     Action = "refer_city"     // 报市直通车办
	ActReject        Action = "reject"         // 不予受理
	ActTransfer      Action = "transfer"       // 转其他渠道
	ActAssign        Action = "assign"         // 交办 (lead and co-units)
	ActCityResult    Action = "city_result"    // the city's result came back
	ActFeedback      Action = "feedback"       // 反馈: the enterprise is told the result
	ActVisit         Action = "visit"          // 回访
	ActRedo          Action = "redo"           // 责成重办
	ActReportUp      Action = "report_up"      // a city-assigned appeal's result goes back up
	ActWithdraw      Action = "withdraw"       // 撤回
	ActMerge         Action = "merge"          // 并单 into another appeal
	ActMergedIn      Action = "merged_in"      // recorded on the surviving appeal
)

// The actions on a task.
const (
	ActAccept    Action = "accept"    // 签收
	ActReturn    Action = "return"    // 退回
	ActReply     Action = "reply"     // 答复
	ActApprove   Action = "approve"   // 审核通过
	ActSendBack  Action = "send_back" // 审核退回
	ActExtend    Action = "extend"    // 延期申请 (its unit)
	ActPause     Action = "pause"     // 挂起申请: waiting on the enterprise (its unit)
	ActGrant     Action = "grant"     // 批准申请 (office)
	ActRefuse    Action = "refuse"    // 驳回申请 (office)
	ActResume    Action = "resume"    // 恢复计时 (its unit)
	ActRemind    Action = "remind"    // 催办 (office)
	ActSupervise Action = "supervise" // 督办, with a document number (office)
	ActRespond   Action = "respond"   // 督办回复 (its unit)
)

// The office's marks on an appeal.
const (
	ActInstruct     Action = "instruct"     // a leader's instruction (批示)
	ActUnreasonable Action = "unreasonable" // 认定诉求不合理 (fairness.go)
	ActReasonable   Action = "reasonable"   // 撤销不合理认定
)

// Rule says in which states an action may be taken and by whom. Scope — the
// district, the unit, the enterprise — is checked apart, in access.go.
type Rule struct {
	From     []State     // appeal states in which the action is allowed
	TaskFrom []TaskState // for task actions: the task states
	Roles    []account.Role
	OnTask   bool // the action names a task, and its version is the task's
	// Enterprise reports whether an enterprise account may take it on its own appeal.
	Enterprise bool
}

var (
	fed     = []account.Role{account.Federation}
	office  = []account.Role{account.Office}
	handler = []account.Role{account.Handler}
	open    = []State{Registered, Unassigned, InProgress, AtCity, AwaitVisit}
	atWork  = []State{InProgress, Unassigned} // tasks of the round may be at work
)

// Rules is the appeal and task state machine as a table: every action, the
// states it starts from and the roles that may take it. Where it leads is in
// apply.go, one function per action.
var Rules = map[Action]Rule{
	ActAnswer:        {From: []State{Registered}, Roles: fed},
	ActReferDistrict: {From: []State{Registered}, Roles: fed},
	ActReferCity:     {From: []State{Registered}, Roles: fed},
	ActReject:        {From: []State{Registered}, Roles: fed},
	ActTransfer:      {From: []State{Registered}, Roles: fed},
	ActAssign:        {From: []State{Unassigned, InProgress}, Roles: office},
	ActCityResult:    {From: []State{AtCity}, Roles: []account.Role{account.Federation, account.CityOffice}},
	ActFeedback:      {From: []State{AwaitVisit, Closed}, Roles: []account.Role{account.Federation, account.Office}},
	ActVisit:         {From: []State{AwaitVisit}, Roles: []account.Role{account.Federation, account.Office}, Enterprise: true},
	ActRedo:          {From: []State{Closed}, Roles: office},
	ActReportUp:      {From: []State{AwaitVisit, Closed}, Roles: office},
	ActWithdraw:      {From: open, Roles: []account.Role{account.Federation, account.Intake}, Enterprise: true},
	ActMerge:         {From: open, Roles: []account.Role{account.Federation, account.Office}},

	ActAccept:   {From: []State{InProgress, Unassigned}, TaskFrom: []TaskState{TaskPending}, Roles: handler, OnTask: true},
	ActReturn:   {From: []State{InProgress, Unassigned}, TaskFrom: []TaskState{TaskPending}, Roles: handler, OnTask: true},
	ActReply:    {From: []State{InProgress, Unassigned}, TaskFrom: []TaskState{TaskHandling}, Roles: handler, OnTask: true},
	ActApprove:  {From: []State{InProgress}, TaskFrom: []TaskState{TaskReplied}, Roles: office, OnTask: true},
	ActSendBack: {From: []State{InProgress}, TaskFrom: []TaskState{TaskReplied}, Roles: office, OnTask: true},

	ActExtend:    {From: atWork, TaskFrom: Awaiting, Roles: handler, OnTask: true},
	ActPause:     {From: atWork, TaskFrom: []TaskState{TaskHandling}, Roles: handler, OnTask: true},
	ActGrant:     {From: atWork, TaskFrom: Awaiting, Roles: office, OnTask: true},
	ActRefuse:    {From: atWork, TaskFrom: Awaiting, Roles: office, OnTask: true},
	ActResume:    {From: atWork, TaskFrom: []TaskState{TaskHandling}, Roles: handler, OnTask: true},
	ActRemind:    {From: atWork, TaskFrom: Awaiting, Roles: office, OnTask: true},
	ActSupervise: {From: atWork, TaskFrom: Awaiting, Roles: office, OnTask: true},
	ActRespond: {From: []State{InProgress, Unassigned, AwaitVisit, Closed}, TaskFrom: []TaskState{TaskPending, TaskHandling, TaskReplied, TaskDone},
		Roles: handler, OnTask: true},
	ActInstruct:     {From: []State{Registered, Unassigned, InProgress, AtCity, AwaitVisit, Closed}, Roles: []account.Role{account.Leader}},
	ActUnreasonable: {From: []State{Unassigned, InProgress, AtCity, AwaitVisit, Closed}, Roles: office},
	ActReasonable:   {From: []State{Unassigned, InProgress, AtCity, AwaitVisit, Closed}, Roles: office},
}

// Actions lists every action that a person may request, in loop order.
var Actions = []Action{ActAnswer, ActReferDistrict, ActReferCity, ActReject, ActTransfer, ActAssign,
	ActAccept, ActReturn, ActReply, ActApprove, ActSendBack, ActCityResult, ActFeedback, ActVisit,
	ActRedo, ActReportUp, ActWithdraw, ActMerge, ActExtend, ActPause, ActGrant, ActRefuse, ActResume,
	ActRemind, ActSupervise, ActRespond, ActInstruct, ActUnreasonable, ActReasonable}

func (r Rule) allows(s State) bool { return slices.Contains(r.From, s) }

func (r Rule) allowsTask(s TaskState) bool { return slices.Contains(r.TaskFrom, s) }

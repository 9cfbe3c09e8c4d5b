package appeal

import (
	"strings"

	"zhitong/internal/fault"
)

// Chinese names of the codes, for messages and exports. The web UI has its
// own catalog; these serve error messages that must name a state or action.

var stateNames = map[State]string{
	Registered: "待分办", Unassigned: "待交办", InProgress: "办理中", AtCity: "已报市", AwaitVisit: "待回访",
	Closed: "已办结", NotAccepted: "不予受理", Transferred: "已转办", Withdrawn: "已撤回", Merged: "已并单",
}

var taskStateNames = map[TaskState]string{
	TaskPending: "待签收", TaskHandling: "办理中", TaskReplied: "待审核", TaskDone: "已完成", TaskReturned: "已退回", TaskCancelled: "已取消",
}

var actionNames = map[Action]string{
	ActRegister: "登记", ActAnswer: "直接答复", ActReferDistrict: "报区优化办", ActReferCity: "报市直通车办",
	ActReject: "不予受理", ActTransfer: "转其他渠道", ActAssign: "交办", ActAccept: "签收", ActReturn: "退回",
	ActReply: "答复", ActApprove: "审核通过", ActSendBack: "审核退回", ActCityResult: "登记市级办理结果",
	ActFeedback: "反馈企业", ActVisit: "回访", ActRedo: "责成重办", ActReportUp: "向市反馈", ActWithdraw: "撤回",
	ActMerge: "并单", ActMergedIn: "并入重复诉求", ActExtend: "申请延期", ActPause: "申请挂起", ActGrant: "批准申请",
	ActRefuse: "驳回申请", ActResume: "恢复计时", ActRemind: "催办", ActSupervise: "督办", ActRespond: "督办回复",
	ActInstruct: "领导批示", ActUnreasonable: "认定诉求不合理", ActReasonable: "撤销不合理认定",
}

var typeNames = map[Type]string{Consult: "咨询", Help: "求助", Complaint: "投诉", Suggestion: "建议", Report: "举报"}

// TypeName is the Chinese name of an appeal type.
func TypeName(t Type) string { return nameOr(typeNames[t], string(t)) }

// StateName is the Chinese name of an appeal state.
func StateName(s State) string { return nameOr(stateNames[s], string(s)) }

// TaskStateName is the Chinese name of a task state.
func TaskStateName(s TaskState) string { return nameOr(taskStateNames[s], string(s)) }

// ActionName is the Chinese name of an action.
func ActionName(a Action) string { return nameOr(actionNames[a], string(a)) }

func nameOr(n, code string) string {
	if n == "" {
		return code
	}
	return n
}

// label gives a code's Chinese name and, for English messages, the code
// itself with underscores as spaces.
func label(zh, code string) fault.Both {
	return fault.Both{Zh: zh, En: strings.ReplaceAll(code, "_", " ")}
}

func stateLabel(s State) fault.Both         { return label(StateName(s), string(s)) }
func taskStateLabel(s TaskState) fault.Both { return label(TaskStateName(s), string(s)) }
func actionLabel(a Action) fault.Both       { return label(ActionName(a), string(a)) }

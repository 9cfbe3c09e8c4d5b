package api

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// commander is the body of an action: each action has its own, with only
// the fields the action reads, and yields the command for the service.
type commander interface {
	command() (appeal.Command, error)
}

// actionRoute is one action endpoint, on an appeal or on a task.
type actionRoute struct {
	path    string // the last segment of the path
	action  appeal.Action
	summary string
}

var appealActions = []actionRoute{
	{"answer", appeal.ActAnswer, "Answer directly (直接答复, federation)"},
	{"refer-district", appeal.ActReferDistrict, "Refer to the district optimization office (报区优化办, federation)"},
	{"refer-city", appeal.ActReferCity, "Refer up to the city office (报市直通车办, federation)"},
	{"reject", appeal.ActReject, "Do not accept, with the reason (不予受理, federation)"},
	{"transfer", appeal.ActTransfer, "Transfer to another channel (转其他渠道, federation)"},
	{"assign", appeal.ActAssign, "Assign tasks to a lead unit and co-units, or re-assign after a return (交办/改派, office)"},
	{"city-result", appeal.ActCityResult, "Record the city's result of an appeal referred up"},
	{"feedback", appeal.ActFeedback, "Tell the enterprise the result (反馈)"},
	{"visit", appeal.ActVisit, "Record a return visit, reached or not (回访)"},
	{"redo", appeal.ActRedo, "Order a redo: a new round for the responsible unit, counted against it (责成重办, office)"},
	{"report-up", appeal.ActReportUp, "Report the result of a city-assigned appeal back up (office)"},
	{"withdraw", appeal.ActWithdraw, "Withdraw, with the reason (撤回)"},
	{"merge", appeal.ActMerge, "Merge this duplicate into another appeal (并单)"},
	{"unreasonable", appeal.ActUnreasonable, "Mark the appeal as beyond what can be granted (诉求不合理), with the reason: reported apart, out of the satisfaction rates (office)"},
	{"reasonable", appeal.ActReasonable, "Lift that mark, with the reason (office)"},
	{"instruct", appeal.ActInstruct, "Write a leader's instruction on the appeal (领导批示); the units at work hear of it"},
}

var taskActions = []actionRoute{
	{"accept", appeal.ActAccept, "Accept the task (签收, its unit)"},
	{"return", appeal.ActReturn, "Return the task with the reason (退回, its unit)"},
	{"reply", appeal.ActReply, "Reply with the outcome (答复, its unit)"},
	{"approve", appeal.ActApprove, "Approve the lead's reply (审核通过, office)"},
	{"send-back", appeal.ActSendBack, "Send the reply back with the reason (审核退回, office)"},
	{"extend", appeal.ActExtend, "Ask the office for more working days, with the reason (延期申请, its unit)"},
	{"pause", appeal.ActPause, "Ask the office to stop the clock while the enterprise supplies material (挂起申请, its unit)"},
	{"grant", appeal.ActGrant, "Grant the unit's request, an extension (possibly of fewer days) or a pause (批准, office)"},
	{"refuse", appeal.ActRefuse, "Refuse the unit's request, with the reason (驳回, office)"},
	{"resume", appeal.ActResume, "Restart a paused task's clock; the days it stood still are added to its deadline (恢复计时, its unit)"},
	{"remind", appeal.ActRemind, "Remind the unit to hurry (催办, office)"},
	{"supervise", appeal.ActSupervise, "Put the task under formal supervision with a document number; the unit must answer (督办, office)"},
	{"respond", appeal.ActRespond, "Answer a supervision notice (督办回复, its unit)"},
}

// bodyOf names the request body of each action.
var bodyOf = map[appeal.Action]commanderType{
	appeal.ActAnswer:        bodyType[ResultRequest](),
	appeal.ActReferDistrict: bodyType[ReferRequest](),
	appeal.ActReferCity:     bodyType[ReferRequest](),
	appeal.ActReject:        bodyType[ReasonRequest](),
	appeal.ActTransfer:      bodyType[TransferRequest](),
	appeal.ActAssign:        bodyType[AssignRequest](),
	appeal.ActCityResult:    bodyType[ResultRequest](),
	appeal.ActFeedback:      bodyType[FeedbackRequest](),
	appeal.ActVisit:         bodyType[VisitRequest](),
	appeal.ActRedo:          bodyType[RedoRequest](),
	appeal.ActReportUp:      bodyType[ReportUpRequest](),
	appeal.ActWithdraw:      bodyType[ReasonRequest](),
	appeal.ActMerge:         bodyType[MergeRequest](),
	appeal.ActAccept:        bodyType[TaskNoteRequest](),
	appeal.ActReturn:        bodyType[TaskReasonRequest](),
	appeal.ActReply:         bodyType[ReplyRequest](),
	appeal.ActApprove:       bodyType[TaskNoteRequest](),
	appeal.ActSendBack:      bodyType[TaskReasonRequest](),
	appeal.ActExtend:        bodyType[ExtendRequest](),
	appeal.ActPause:         bodyType[TaskReasonRequest](),
	appeal.ActGrant:         bodyType[GrantRequest](),
	appeal.ActRefuse:        bodyType[TaskReasonRequest](),
	appeal.ActResume:        bodyType[TaskNoteRequest](),
	appeal.ActRemind:        bodyType[TaskNoteRequest](),
	appeal.ActSupervise:     bodyType[SuperviseRequest](),
	appeal.ActRespond:       bodyType[RespondRequest](),
	appeal.ActInstruct:      bodyType[InstructRequest](),
	appeal.ActUnreasonable:  bodyType[InstructRequest](),
	appeal.ActReasonable:    bodyType[InstructRequest](),
}

// commanderType is a request body type with the means to decode one.
type commanderType struct {
	typ    reflect.Type
	decode func(c *call) (appeal.Command, error)
}

func bodyType[B commander]() commanderType {
	return commanderType{
		typ: typeOf[B](),
		decode: func(c *call) (appeal.Command, error) {
			var b B
			if err := c.decode(&b); err != nil {
				return appeal.Command{}, err
			}
			return b.command()
		},
	}
}

func (s *server) actionRoutes() []route {
	var rs []route
	for _, a := range appealActions {
		rs = append(rs, s.actionRoute("/api/v1/appeals/{id}/", "appeals", a, s.actOnAppeal))
	}
	for _, a := range taskActions {
		rs = append(rs, s.actionRoute("/api/v1/tasks/{id}/", "tasks", a, s.actOnTask))
	}
	return rs
}

func (s *server) actionRoute(prefix, tag string, a actionRoute, act func(*call, appeal.Action, appeal.Command) error) route {
	body := bodyOf[a.action]
	return route{method: "POST", pattern: prefix + a.path, name: strings.TrimSuffix(tag, "s") + "_" + string(a.action),
		tag: tag, summary: a.summary, access: Write, status: http.StatusOK, body: body.typ, optional: true,
		response: typeOf[AppealDetail](), ifMatch: true,
		handle: func(c *call) error {
			cmd, err := body.decode(c)
			if err != nil {
				return err
			}
			cmd.Action = a.action
			if cmd.Version, err = versionOf(c.r, cmd.Version); err != nil {
				return err
			}
			return act(c, a.action, cmd)
		}}
}

func (s *server) actOnAppeal(c *call, _ appeal.Action, cmd appeal.Command) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	if _, err := s.cfg.Appeals.Act(c.ctx(), c.actor, id, cmd); err != nil {
		return err
	}
	return s.renderAppeal(c, id)
}

func (s *server) actOnTask(c *call, _ appeal.Action, cmd appeal.Command) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	g, err := s.cfg.Appeals.ActOnTask(c.ctx(), c.actor, id, cmd)
	if err != nil {
		return err
	}
	return s.renderAppeal(c, g.Appeal.ID)
}

// versionOf returns the version the client read: from If-Match ("3", 3 or
// W/"3") or the body's version field. If both are given they must agree.
// Neither gives 0, which the service refuses (version.missing).
func versionOf(r *http.Request, inBody int) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return inBody, nil
	}
	h = strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	v, err := strconv.Atoi(h)
	if err != nil || v <= 0 {
		return 0, fault.E(fault.Invalid, "api.if_match")
	}
	if inBody != 0 && inBody != v {
		return 0, fault.Field("version", "api.version_twice")
	}
	return v, nil
}

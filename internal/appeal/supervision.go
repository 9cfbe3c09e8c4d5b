package appeal

import (
	"time"

	"zhitong/internal/fault"
)

// Supervision. The office reminds a unit of a task (催办), or puts it under
// formal supervision (督办) with a notice that carries a document number
// and must be answered by the unit; a leader writes an instruction (批示)
// on an appeal. Each is an event of the timeline and counted on the task,
// so that the reports can count them per unit.

// MaxDocNo bounds a document number.
const MaxDocNo = 50

var zeroTime time.Time

func remind(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	t.Reminders++
	touch(ch, t, e)
	ch.notices = append(ch.notices, TaskNotice(NoticeReminded, &g.Appeal, t))
	return nil
}

func supervise(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	if !t.SupervisedAt.IsZero() && t.RespondedAt.IsZero() {
		return fault.E(fault.Conflict, "supervise.open", t.SupervisionNo)
	}
	t.SupervisedAt, t.SupervisionNo, t.SupervisionNote = e.now, c.DocNo, c.Note
	t.ResponseText, t.RespondedAt = "", zeroTime
	touch(ch, t, e)
	n := TaskNotice(NoticeSupervised, &g.Appeal, t)
	n.Params["doc_no"] = c.DocNo
	ch.notices = append(ch.notices, n)
	return nil
}

func respond(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	if t.SupervisedAt.IsZero() || !t.RespondedAt.IsZero() {
		return fault.E(fault.Conflict, "supervise.none")
	}
	t.ResponseText, t.RespondedAt = c.Text, e.now
	touch(ch, t, e)
	return nil
}

func instruct(g *Aggregate, c *Command, e *env, ch *Change) error {
	// The instruction is the event's note; every unit at work on the appeal hears of it.
	for i := range g.Tasks {
		if t := &g.Tasks[i]; t.Round == g.Appeal.Round && t.State.Open() {
			ch.notices = append(ch.notices, Notice{Kind: NoticeGeneral, UnitID: t.UnitID, TaskID: t.ID,
				Params: map[string]string{"title": "领导批示：" + g.Appeal.Title, "body": e.actor.Name + "批示：" + c.Note}})
		}
	}
	return nil
}

// askOffice tells the office of the appeal's district that a unit asks
// for something.
func askOffice(ch *Change, g *Aggregate, t *Task, title, body string) {
	ch.notices = append(ch.notices, Notice{Kind: NoticeGeneral, Office: true, TaskID: t.ID,
		Params: map[string]string{"title": title + "：" + g.Appeal.Title, "body": body}})
}

// tellUnit tells t's unit of the office's answer.
func tellUnit(ch *Change, g *Aggregate, t *Task, title, body string) {
	ch.notices = append(ch.notices, Notice{Kind: NoticeGeneral, UnitID: t.UnitID, TaskID: t.ID,
		Params: map[string]string{"title": title + "：" + g.Appeal.Title, "body": nameOr(body, title)}})
}

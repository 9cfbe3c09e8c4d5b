package appeal

import (
	"strconv"

	"zhitong/internal/fault"
)

// More time for a task. A unit asks the office for an extension (延期申请)
// of some working days, or for a pause (挂起) while it waits on the
// enterprise for material (补充材料); the office grants or refuses; the
// unit resumes a paused task when the material arrives, and the working
// days of the pause are added to its deadline. Every request, grant,
// refusal and resumption is an event of the timeline. Both are capped:
// MaxGrants per task, MaxExtension working days per extension, and
// MaxExtraDays in all; a pause longer than what is left of the cap counts
// against the unit.

// Ask is what a unit asks the office for.
type Ask string

// The requests.
const (
	AskNone   Ask = ""
	AskExtend Ask = "extend" // 延期
	AskPause  Ask = "pause"  // 挂起
)

// The caps.
const (
	MaxGrants    = 2
	MaxExtension = 10
	MaxExtraDays = 20
)

// Paused reports whether t's clock stands still.
func (t *Task) Paused() bool { return !t.PausedAt.IsZero() }

// mayAsk checks that t may ask for more time now.
func mayAsk(t *Task) error {
	switch {
	case t.Ask != AskNone:
		return fault.E(fault.Conflict, "ask.pending")
	case t.Paused():
		return fault.E(fault.Conflict, "ask.paused")
	case t.Grants >= MaxGrants:
		return fault.E(fault.Conflict, "ask.grants", MaxGrants)
	case t.ExtraDays >= MaxExtraDays:
		return fault.E(fault.Conflict, "ask.cap", MaxExtraDays)
	}
	return nil
}

func extend(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	if err := mayAsk(t); err != nil {
		return err
	}
	if left := MaxExtraDays - t.ExtraDays; c.Days > left {
		return fault.Field("days", "ask.days", left)
	}
	t.Ask, t.AskDays, t.AskReason, t.AskedAt = AskExtend, c.Days, c.Note, e.now
	touch(ch, t, e)
	askOffice(ch, g, t, "延期申请待审批", "申请延期 "+strconv.Itoa(c.Days)+" 个工作日："+c.Note)
	return nil
}

func pause(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	if err := mayAsk(t); err != nil {
		return err
	}
	t.Ask, t.AskDays, t.AskReason, t.AskedAt = AskPause, 0, c.Note, e.now
	touch(ch, t, e)
	askOffice(ch, g, t, "挂起申请待审批", "申请挂起（等待企业补充材料）："+c.Note)
	return nil
}

func grant(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	switch t.Ask {
	case AskNone:
		return fault.E(fault.Conflict, "ask.none")
	case AskExtend:
		days := t.AskDays
		if c.Days > 0 {
			if c.Days > days {
				return fault.Field("days", "ask.more", days)
			}
			days = c.Days
		}
		t.ExtraDays += days
		t.ReplyDue = e.deadlines.Shift(t.ReplyDue, days)
		c.Note = joinNote("批准延期 "+strconv.Itoa(days)+" 个工作日", c.Note)
	case AskPause:
		t.PausedAt = e.now
		c.Note = joinNote("批准挂起，暂停计时", c.Note)
	}
	t.Grants++
	t.Ask, t.AskDays, t.AskReason, t.AskedAt = AskNone, 0, "", zeroTime
	touch(ch, t, e)
	tellUnit(ch, g, t, "申请已批准", c.Note)
	return nil
}

func refuse(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	if t.Ask == AskNone {
		return fault.E(fault.Conflict, "ask.none")
	}
	t.Ask, t.AskDays, t.AskReason, t.AskedAt = AskNone, 0, "", zeroTime
	touch(ch, t, e)
	tellUnit(ch, g, t, "申请未获批准", c.Note)
	return nil
}

// resume restarts a paused task's clock: the working days it stood still
// are added to its deadline, as far as the cap allows.
func resume(g *Aggregate, c *Command, e *env, ch *Change) error {
	t := g.Task(c.TaskID)
	if !t.Paused() {
		return fault.E(fault.Conflict, "ask.notpaused")
	}
	days := min(max(e.deadlines.Between(t.PausedAt, e.now), 0), MaxExtraDays-t.ExtraDays)
	t.ExtraDays += days
	t.ReplyDue = e.deadlines.Shift(t.ReplyDue, days)
	t.PausedAt = zeroTime
	c.Note = joinNote("恢复计时，时限顺延 "+strconv.Itoa(days)+" 个工作日", c.Note)
	touch(ch, t, e)
	return nil
}

func joinNote(head, note string) string {
	if note == "" {
		return head
	}
	return head + "。" + note
}

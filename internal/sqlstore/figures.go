package sqlstore

import (
	"strings"

	"zhitong/internal/appeal"
)

// The unit figures of the reports (report.UnitCounts) are defined here once,
// each as a condition on a task t of an appeal a: unitCountsSQL counts the
// tasks of the cohort that meet each one, and a worklist filtered by a
// figure (taskConditions) lists those tasks, so the two cannot disagree.

// figureSQL returns the condition of figure fig on tasks t and, where
// onAppeal, their appeals a, judged at the as-of moment whose placeholder
// asOf gives (called only by the figures that need it). Every figure but
// assigned holds of cancelled tasks too where their columns say so: the
// cohort leaves them out (notCancelled). ok is false for an unknown figure.
func figureSQL(fig appeal.TaskFigure, asOf func() string) (cond string, onAppeal, ok bool) {
	sub := func(f appeal.TaskFigure) string {
		c, _, _ := figureSQL(f, asOf)
		return c
	}
	switch fig {
	case appeal.FigureAssigned:
		return notCancelled, false, true
	case appeal.FigureResponded:
		return `((t.accepted_at IS NOT NULL AND (t.accept_due IS NULL OR t.accepted_at <= t.accept_due))
		OR (t.returned_at IS NOT NULL AND (t.accept_due IS NULL OR t.returned_at <= t.accept_due)))`, false, true
	case appeal.FigureLateResponse: // responded is never NULL: its negation is the rest
		return `NOT ` + sub(appeal.FigureResponded), false, true
	case appeal.FigureDue: // replied, or open, unanswered and late: two kinds apart (unit_counts.go)
		return `(` + repliedSQL + ` OR ` + dueOpenSQL(asOf) + `)`, false, true
	case appeal.FigureOnTime:
		return `(t.state <> 'returned' AND t.replied_at IS NOT NULL AND (t.reply_due IS NULL OR t.replied_at <= t.reply_due))`, false, true
	case appeal.FigureOverdue: // on time is never NULL, and is of due
		return `(` + sub(appeal.FigureDue) + ` AND NOT ` + sub(appeal.FigureOnTime) + `)`, false, true
	case appeal.FigureOpenOverdue:
		return `(t.state IN ('pending', 'handling') AND t.reply_due IS NOT NULL AND t.reply_due < ` + asOf() +
			` AND t.paused_at IS NULL)`, false, true
	case appeal.FigureReturned:
		return `t.state = 'returned'`, false, true
	case appeal.FigureReturnedLate:
		return `(t.state = 'returned' AND t.accept_due IS NOT NULL AND t.returned_at > t.accept_due)`, false, true
	case appeal.FigureRedone:
		return `t.redone`, false, true
	case appeal.FigureReminded:
		return `t.reminders > 0`, false, true
	case appeal.FigureSupervised:
		return `t.supervised_at IS NOT NULL`, false, true
	case appeal.FigureUnanswered:
		return `(t.supervised_at IS NOT NULL AND t.responded_at IS NULL)`, false, true
	case appeal.FigureExtended:
		return `t.extra_days > 0`, false, true
	case appeal.FigureRated:
		return finalLead, true, true
	}
	return "", false, false
}

// Every figure a worklist may ask for has its condition.
func init() {
	for _, f := range appeal.TaskFigures {
		figure(f, func() string { return "$1" })
	}
}

// repliedSQL is a task the unit has answered, which is due whatever the
// moment; dueOpenSQL one still open and unanswered whose deadline has
// passed at asOf with its clock running. (A task that is neither pending
// nor handling has been answered, returned or cancelled.)
const repliedSQL = `(t.state <> 'returned' AND t.replied_at IS NOT NULL)`

func dueOpenSQL(asOf func() string) string {
	return `(t.state IN ('pending', 'handling') AND t.replied_at IS NULL AND t.reply_due IS NOT NULL AND t.reply_due < ` + asOf() +
		` AND t.paused_at IS NULL)`
}

// notCancelled is the cohort's tasks: those cancelled with their appeal
// (withdrawn or merged) are no unit's.
const notCancelled = `t.state <> 'cancelled'`

// finalLead is a task whose reply closed its appeal, rated on the final
// visit: the done lead task of the appeal's last round.
const finalLead = `(t.role = 'lead' AND t.round = a.round AND t.state = 'done' AND a.state = 'closed'
	AND NOT a.unreachable AND NOT a.unreasonable AND a.satisfaction <> '')`

// figure is the condition of a known figure (see figureSQL).
func figure(fig appeal.TaskFigure, asOf func() string) string {
	c, _, ok := figureSQL(fig, asOf)
	if !ok {
		panic("sqlstore: no figure " + string(fig))
	}
	return c
}

// countFigures returns the SELECT list that counts each of figs over the
// rows of a cohort's tasks, in order: the number of tasks that meet it,
// or, for reminded, the reminders they had.
func countFigures(figs []appeal.TaskFigure, asOf func() string) string {
	sums := make([]string, len(figs))
	for i, f := range figs {
		n := "1"
		if f == appeal.FigureReminded {
			n = "t.reminders"
		}
		sums[i] = "SUM(CASE WHEN " + figure(f, asOf) + " THEN " + n + " ELSE 0 END)"
	}
	return strings.Join(sums, ",\n\t")
}

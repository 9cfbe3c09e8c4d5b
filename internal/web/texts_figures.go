package web

import "zhitong/internal/appeal"

// The texts of a worklist opened from a figure of the reports (/tasks with
// from, to and figure): what the list shows, said above it. Added to the
// catalog (texts.go).
func init() {
	for k, v := range map[string][2]string{
		"fig.period":        {"%s 至 %s 受理的诉求", "Appeals registered %s to %s"},
		"fig.asof":          {"截至 %s", "as of %s"},
		"fig.assigned":      {"交办任务", "Tasks assigned"},
		"fig.responded":     {"及时签收", "Responded in time"},
		"fig.late_response": {"未及时签收", "Not responded in time"},
		"fig.due":           {"应办结", "Due"},
		"fig.on_time":       {"按期办结", "Answered on time"},
		"fig.overdue":       {"逾期", "Overdue"},
		"fig.open_overdue":  {"超期未办结", "Overdue and still unanswered"},
		"fig.returned":      {"退回", "Returned"},
		"fig.returned_late": {"逾期退回", "Returned late"},
		"fig.redone":        {"责成重办", "Ordered redone"},
		"fig.reminded":      {"被催办", "Reminded"},
		"fig.supervised":    {"被督办", "Under supervision"},
		"fig.unanswered":    {"督办未回复", "Supervision unanswered"},
		"fig.extended":      {"获准延期", "Granted more time"},
		"fig.rated":         {"主办并经回访评价", "Led and rated on the final visit"},
	} {
		addText(k, v)
	}
}

// figureTexts are the catalog's keys of the figures, one for each of
// appeal.TaskFigures.
var figureTexts = map[appeal.TaskFigure]string{
	appeal.FigureAssigned:     "fig.assigned",
	appeal.FigureResponded:    "fig.responded",
	appeal.FigureLateResponse: "fig.late_response",
	appeal.FigureDue:          "fig.due",
	appeal.FigureOnTime:       "fig.on_time",
	appeal.FigureOverdue:      "fig.overdue",
	appeal.FigureOpenOverdue:  "fig.open_overdue",
	appeal.FigureReturned:     "fig.returned",
	appeal.FigureReturnedLate: "fig.returned_late",
	appeal.FigureRedone:       "fig.redone",
	appeal.FigureReminded:     "fig.reminded",
	appeal.FigureSupervised:   "fig.supervised",
	appeal.FigureUnanswered:   "fig.unanswered",
	appeal.FigureExtended:     "fig.extended",
	appeal.FigureRated:        "fig.rated",
}

package fault

func init() {
	add(map[string]message{
		"deadline.days":          {"工作日数应在 %d 到 %d 之间", "The working days must be between %d and %d"},
		"deadline.category_days": {"类别 %d 的办理时限应在 0 到 %d 个工作日之间（0：按诉求类型）", "Category %d may have 0 to %d working days (0: by the appeal's type)"},
		"deadline.no_category":   {"没有编号为 %d 的诉求类别", "There is no category %d"},
		"calendar.confirmed":     {"%d 年的节假日安排已确认，无需再次确认；如需更正请重新载入", "The schedule of %d is already confirmed; load it again to correct it"},
		"calendar.file":          {"请选择节假日文件（JSON，格式同 zhitong calendar export 的输出）", "Choose the schedule file (JSON, in the form zhitong calendar export prints)"},
		"noun.year":              {"年度", "year"},
		"calendar.no_year":       {"日历中没有 %d 年：请先载入国务院办公厅公布的该年节假日安排", "The calendar has no year %d: load that year's schedule of the State Council first"},
	})
}

package fault

// Messages of the working-day calendar: a year's holiday schedule in the
// holiday-cn JSON form as an administrator loads it. Each message about an
// entry names its date, or its place in days when the date is unusable.
func init() {
	add(map[string]message{
		"calendar.json":                {"节假日文件不是有效的 JSON（约在第 %d 个字节处）", "The holiday file is not valid JSON (near byte %d)"},
		"calendar.form":                {"节假日文件应为一个 JSON 对象，包含 year、papers 和 days（与 holiday-cn 的格式相同）", "The holiday file must be one JSON object with year, papers and days (the holiday-cn form)"},
		"calendar.trailing":            {"节假日文件只能包含一个 JSON 对象，其后不能有其他内容", "The holiday file must hold one JSON object and nothing after it"},
		"calendar.unknown_field":       {"节假日文件中有不支持的字段 %s（只能有 year、papers 和 days）", "The holiday file has an unknown field %s (it has year, papers and days only)"},
		"calendar.type":                {"节假日文件中字段 %s 的类型不正确", "The holiday file's field %s has the wrong type"},
		"calendar.missing":             {"节假日文件缺少字段 %s", "The holiday file lacks the field %s"},
		"calendar.year":                {"年份 %d 超出范围：应在 %d 到 %d 之间", "The year %d is out of range: it must be from %d to %d"},
		"calendar.entry.form":          {"days 中第 %d 条%s应为一个对象，包含 name、date 和 isOffDay", "Entry %d of days%s must be an object with name, date and isOffDay"},
		"calendar.entry.unknown_field": {"days 中第 %d 条%s有不支持的字段 %s（每一天只能有 name、date 和 isOffDay）", "Entry %d of days%s has an unknown field %s (a day has name, date and isOffDay only)"},
		"calendar.entry.type":          {"days 中第 %d 条%s的字段 %s 类型不正确（name 和 date 为字符串，isOffDay 为 true 或 false）", "Entry %d of days%s: the field %s has the wrong type (name and date are strings; isOffDay is true or false)"},
		"calendar.date.missing":        {"days 中第 %d 条缺少日期（date）", "Entry %d of days has no date"},
		"calendar.date":                {"days 中第 %d 条的日期“%s”无效：应为 YYYY-MM-DD 格式的真实日期", "Entry %d of days: %q is not a real date in the form YYYY-MM-DD"},
		"calendar.outside":             {"%s 不属于 %d 年的安排：只能是该年的日期，或元旦假期可能占用的上一年 12 月 25 日至 31 日", "%s is not in the schedule of %d: only dates of that year may be, and 25 to 31 December before it, which a New Year holiday may take"},
		"calendar.dup":                 {"%s 出现了不止一次", "%s is listed more than once"},
		"calendar.day.missing":         {"%s 缺少字段 %s（true 为放假，false 为调休上班）", "%s lacks the field %s (true: a day off; false: an adjusted working day)"},
		"calendar.name":                {"%s 缺少节日名称（name）", "%s has no holiday name (name)"},
		"calendar.warn.papers":         {"%d 年的安排没有列出国务院办公厅的通知（papers 为空）：核对通知之前，请将该年标为暂定", "The schedule of %d cites no State Council notice (papers is empty): keep the year provisional until it is checked against the notice"},
		"calendar.warn.empty":          {"%d 年的安排中没有一天是工作日放假，请核对", "The schedule of %d gives no weekday off; check it"},
		"calendar.warn.weekday":        {"%s 是%s，本来就是工作日：列为调休上班不改变任何安排", "%s is a %s, a working day anyway: listing it as an adjusted working day changes nothing"},
	})
}

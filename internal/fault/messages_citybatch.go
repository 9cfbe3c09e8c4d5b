package fault

// Messages of the city's batch workbook (市交办): an .xlsx file of appeals
// the city assigns down to the district. The messages about the file come
// alone; those about a cell come with the row's line and the column's
// heading, so they name only the value at fault.
func init() {
	add(map[string]message{
		"citybatch.not_xlsx":        {"文件不是有效的 Excel 工作簿（.xlsx）", "The file is not a valid Excel workbook (.xlsx)"},
		"citybatch.xls":             {"文件是旧版 Excel 工作簿（.xls）或已加密：请在 Excel 中另存为不加密的 .xlsx 后再导入", "The file is an old Excel workbook (.xls) or an encrypted one: save it in Excel as an unencrypted .xlsx and import that"},
		"citybatch.too_big":         {"工作簿解压后超过 %d MB，请拆分为多个文件", "The workbook unpacks to more than %d MB; split it into several files"},
		"citybatch.no_sheet":        {"工作簿中没有工作表", "The workbook has no sheet"},
		"citybatch.columns":         {"第一个工作表的第 1 行缺少必需的列：%s", "Row 1 of the first sheet lacks the required columns: %s"},
		"citybatch.dup_column":      {"第 1 行中列“%s”出现了不止一次", "Row 1 has the column %s more than once"},
		"citybatch.empty":           {"第一个工作表中除表头外没有数据行", "The first sheet has no data rows below the heading"},
		"citybatch.too_many":        {"数据行超过 %d 行的上限，请拆分为多个文件", "The sheet has more than %d data rows; split it into several files"},
		"citybatch.dup_no":          {"市工单编号 %s 与第 %d 行重复", "The city case number %s repeats that of row %d"},
		"citybatch.type":            {"诉求类型“%s”无效，可选：咨询、求助、投诉、建议、举报", "The type %q is not one of 咨询 (consult), 求助 (help), 投诉 (complaint), 建议 (suggestion), 举报 (report)"},
		"citybatch.urgency":         {"紧急程度“%s”无效，可选：一般、紧急", "The urgency %q is not one of 一般 (normal), 紧急 (urgent)"},
		"citybatch.category":        {"诉求类别“%s”不存在，请使用本系统中的类别名称", "There is no category named %q; use the name of one of the system's categories"},
		"citybatch.territory":       {"所属镇街“%s”不是本区的乡镇街道", "%q is not a township of the district"},
		"citybatch.date":            {"%s“%s”不是有效的时间：应为 Excel 日期，或如 2026-12-15、2026/12/15、2026-12-15 17:00、2026年12月15日 的文字", "The %s %q is not a valid time: use an Excel date, or text such as 2026-12-15, 2026/12/15, 2026-12-15 17:00 or 2026年12月15日"},
		"citybatch.due_past":        {"办理时限 %s 已过（导入时间为 %s）", "The deadline %s has passed (the import is at %s)"},
		"citybatch.assigned_future": {"交办时间 %s 晚于导入时间 %s", "The assignment time %s is later than the import at %s"},
	})
}

package fault

// Messages of the enterprise registry file (企业名录) that an officer
// imports: an .xlsx workbook or a CSV file of market entities. The messages
// about the file come alone; those about a cell come with the row's line and
// the column's heading, so they name only the value at fault.
func init() {
	add(map[string]message{
		"registry.too_big_file":  {"文件超过 %d MB，请拆分为多个文件", "The file is larger than %d MB; split it into several files"},
		"registry.too_big":       {"工作簿解压后超过 %d MB，请拆分为多个文件", "The workbook unpacks to more than %d MB; split it into several files"},
		"registry.xls":           {"文件是旧版 Excel 工作簿（.xls）、WPS 表格（.et）或已加密：请另存为不加密的 .xlsx 或 CSV 后再导入", "The file is an old Excel workbook (.xls), a WPS sheet (.et) or an encrypted one: save it as an unencrypted .xlsx or as CSV and import that"},
		"registry.markup":        {"文件是网页或 XML 格式（一些系统导出的“.xls”就是这样）：请用 Excel 打开后另存为 .xlsx 或 CSV 再导入", "The file is a web page or XML (as some systems export under the name .xls): open it in Excel, save it as .xlsx or CSV and import that"},
		"registry.not_xlsx":      {"文件不是有效的 Excel 工作簿（.xlsx）", "The file is not a valid Excel workbook (.xlsx)"},
		"registry.not_table":     {"文件不是表格：请导入 Excel 工作簿（.xlsx）或 CSV 文件", "The file is not a table: import an Excel workbook (.xlsx) or a CSV file"},
		"registry.no_sheet":      {"工作簿中没有工作表", "The workbook has no sheet"},
		"registry.empty":         {"文件是空的", "The file is empty"},
		"registry.csv":           {"CSV 文件第 %d 行起格式有误（引号不成对）：请用 Excel 打开后重新另存为 CSV", "The CSV file is malformed from line %d on (unbalanced quotes): open it in Excel and save it as CSV again"},
		"registry.no_heading":    {"文件的前 %d 行中没有表头：表头行须有“统一社会信用代码”和“名称”（或“企业名称”）列", "None of the first %d lines of the file is a heading row: it must have the columns 统一社会信用代码 (credit code) and 名称 or 企业名称 (name)"},
		"registry.columns":       {"表头（第 %d 行）缺少必需的列：%s", "The heading row (line %d) lacks the required columns: %s"},
		"registry.dup_column":    {"表头（第 %d 行）中“%s”列出现了两次：第 %s 列和第 %s 列", "The heading row (line %d) has the column %s twice: columns %s and %s"},
		"registry.no_rows":       {"表头下面没有数据行", "There are no data rows below the heading"},
		"registry.too_many":      {"数据行超过 %d 行的上限，请拆分为多个文件", "The file has more than %d data rows; split it into several files"},
		"registry.credit_number": {"统一社会信用代码“%s”被 Excel 当成了数字，后几位已丢失：请把该列设为“文本”格式后重新填写", "Excel turned the credit code %q into a number and lost its last digits: format the column as text and enter the code again"},
		"registry.dup_code":      {"统一社会信用代码 %s 与第 %d 行重复", "The credit code %s repeats that of line %d"},
		"registry.industry":      {"行业“%s”无法识别：请填写国民经济行业分类中的代码或名称", "The industry %q is not known: give a code or name of the national industry classification"},
		"registry.township":      {"所属镇街“%s”不是本区的乡镇街道", "%q is not a township of the district"},
		"registry.size":          {"规模“%s”无效，可选：大型、中型、小型、微型、个体", "The size %q is not one of 大型 (large), 中型 (medium), 小型 (small), 微型 (micro), 个体 (sole proprietor)"},
		"registry.tags_many":     {"标签过多：最多 %d 个", "Too many tags: at most %d"},
		"registry.tag_long":      {"标签“%s”过长：每个最多 %d 个字符", "The tag %q is too long: at most %d characters each"},
	})
}

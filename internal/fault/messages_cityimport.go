package fault

// Messages of importing the city's batch (市交办批量导入) into the
// database and exporting its results: what the workbook alone cannot tell
// (messages_citybatch.go has the rest).
func init() {
	add(map[string]message{
		"cityimport.exists":      {"市工单编号 %s 已导入本区，为诉求 %s", "The city case number %s is in the district already, as appeal %s"},
		"cityimport.taken":       {"市工单编号 %s 刚由另一次导入登记为诉求 %s，本次导入未执行，请重新预检", "The city case number %s has just been registered by another import, as appeal %s; nothing was imported: check the file again"},
		"cityimport.refused":     {"导入未执行：文件中有 %d 处问题，请全部改正后重新导入", "Nothing was imported: the file has %d problems; correct them all and import it again"},
		"cityimport.too_big":     {"文件超过 %d MB，请拆分为多个文件", "The file is larger than %d MB; split it into several files"},
		"cityimport.file":        {"请选择要导入的 Excel 工作簿（.xlsx）", "Choose the Excel workbook (.xlsx) to import"},
		"cityimport.export_many": {"所选日期内的市交办诉求超过 %d 件，请缩短日期范围", "More than %d city-assigned appeals were registered in those days; choose fewer days"},
	})
}

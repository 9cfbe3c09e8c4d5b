package web

// The texts of the enterprise registry's pages, added to the catalog
// (texts.go).
func init() {
	for k, v := range map[string][2]string{
		"menu.registry": {"市场主体名录导入", "Registry import"},
		"rg.upload":     {"上传市场主体名录", "Upload the registry"},
		"rg.file":       {"名录文件（.csv 或 .xlsx）", "Registry file (.csv or .xlsx)"},
		"rg.hint": {"表头：统一社会信用代码、企业名称（必填），行业（国民经济行业分类大类，填代码或名称）、所属镇街、规模（大型/中型/小型/微型/个体）、地址、联系人、联系电话、标签。已登记的主体按信用代码更新，空白单元格不改动原有信息；有任何一行有问题则整份不导入。",
			"Headings: 统一社会信用代码 and 企业名称 (required); 行业 (a GB/T 4754-2017 division, code or name), 所属镇街, 规模 (大型/中型/小型/微型/个体), 地址, 联系人, 联系电话, 标签. Entities registered already are updated by credit code, blank cells left as they were; if any row has a problem, nothing is imported."},
		"rg.import":          {"导入", "Import"},
		"rg.ok":              {"全部 %d 行可以导入：新增 %d 个，更新 %d 个。", "All %d rows can be imported: %d new, %d updated."},
		"rg.done":            {"导入完成：新增 %d 个市场主体，更新 %d 个。", "Imported: %d entities added, %d updated."},
		"menu.registry_list": {"市场主体名录", "Registry"},
		"rl.q":               {"名称或信用代码", "Name or credit code"},
		"rl.any":             {"全部", "Any"},
		"rl.industry":        {"行业", "Industry"},
		"rl.size":            {"规模", "Size"},
		"rl.name":            {"名称", "Name"},
		"rl.code":            {"统一社会信用代码", "Credit code"},
		"rl.contact":         {"联系人", "Contact"},
		"rl.tags":            {"标签", "Tags"},
		"rl.address":         {"地址", "Address"},
		"rl.sole":            {"个体工商户", "Sole trader"},
		"rl.none":            {"没有符合条件的市场主体。", "No entity matches."},
		"rl.next":            {"下一页", "Next page"},
		"rl.appeals":         {"诉求", "Appeals"},
		"rl.more":            {"查看全部诉求", "All its appeals"},
		"rl.no_appeals":      {"暂无诉求。", "No appeals yet."},
		"rl.cadre":           {"联企干部", "Liaison cadre"},
		"rl.assign":          {"分配联企干部", "Assign a liaison cadre"},
		"rl.assign.hint":     {"将本区所选镇街、行业的全部市场主体（不选则为全部）分配给该联企干部，原有分配被替换。", "Every entity of the district in the township and industry chosen (all if none) is linked to this cadre, replacing any cadre it had."},
		"rl.assign.do":       {"分配", "Assign"},
		"rl.mine":            {"我联系的企业", "My enterprises"},
		"done.cadre":         {"已分配联企干部。", "The liaison cadre is assigned."},
		"size.large":         {"大型", "Large"},
		"size.medium":        {"中型", "Medium"},
		"size.small":         {"小型", "Small"},
		"size.micro":         {"微型", "Micro"},
	} {
		addText(k, v)
	}
}

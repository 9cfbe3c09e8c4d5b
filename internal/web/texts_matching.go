package web

// The texts of the registry's matching: the appeals left to match, the
// suggestions on the appeal page and the merge on the entity's page
// (matching.go), added to the catalog (texts.go).
func init() {
	for k, v := range map[string][2]string{
		"act.link_enterprise":   {"关联市场主体", "Linked to the registry"},
		"act.enterprise_merged": {"企业重复登记已合并", "Entity merged"},
		"done.link_enterprise":  {"已关联市场主体。", "The appeal is linked to the entity."},
		"done.enterprise_merged": {"已合并：重复登记的一条已并入本条，其诉求、走访和企业账号都已转到本条。",
			"Merged: the duplicate entry is merged into this one, with its appeals, visits and accounts."},
		"mt.title":            {"待匹配诉求", "Appeals to match"},
		"mt.open":             {"在办 %d 件", "%d open"},
		"mt.hint":             {"这些诉求登记时只有企业名称（或名录中没有的信用代码），尚未关联市场主体名录。在办的排在前面，新的在前。", "These appeals were registered with a name alone (or a code the registry did not know) and are not linked to the registry yet. Open ones first, newest first."},
		"mt.name":             {"登记的企业名称", "Name given"},
		"mt.match":            {"匹配", "Match"},
		"mt.none":             {"没有待匹配的诉求。", "No appeal is left to match."},
		"mt.unlinked":         {"未关联名录", "Not in the registry yet"},
		"mt.card":             {"关联市场主体名录", "Link to the registry"},
		"mt.relink":           {"更换关联的市场主体", "Link to another entity"},
		"mt.score":            {"匹配度", "Score"},
		"mt.reason":           {"依据", "Why"},
		"mt.current":          {"当前关联", "Linked"},
		"mt.confirm":          {"确认关联", "Link"},
		"mt.show":             {"查看可能的市场主体", "Show the likely entities"},
		"mt.relink.do":        {"改为关联此主体", "Link this one instead"},
		"mt.code_differs":     {"信用代码不同", "Another code"},
		"mt.nothing":          {"名录中没有找到相近的市场主体。", "No entity of the registry comes close."},
		"mt.manual":           {"按编号或统一社会信用代码关联", "Link by id or credit code"},
		"mt.manual.hint":      {"名录中该主体页面地址里的数字，或其 18 位统一社会信用代码。", "The number in the address of the entity's page, or its 18-character credit code."},
		"mt.reason.code":      {"统一社会信用代码相同", "The same credit code"},
		"mt.reason.name":      {"名称相同", "The same name"},
		"mt.reason.same_core": {"名称相同（忽略有限公司等后缀、括号、空格）", "The same name but for its legal form, brackets and spaces"},
		"mt.reason.contains":  {"名录名称包含登记的名称", "The registry's name contains the one given"},
		"mt.reason.contained": {"登记的名称包含名录名称", "The name given contains the registry's"},
		"mt.reason.similar":   {"名称相近", "A similar name"},
		"mg.title":            {"重复登记的市场主体", "Registered twice"},
		"mg.hint": {"同一市场主体登记了两次时，选择保留哪一条：另一条的诉求、走访和企业账号都转到保留的一条，保留的一条缺少的信息由另一条补齐，另一条不再出现在名录、覆盖统计和匹配建议中。统一社会信用代码不同的是两个主体，不能合并。",
			"When one entity is registered twice, choose the entry to keep: the other's appeals, visits and accounts move to it, it takes the facts it lacks from the other, and the other leaves the registry, the coverage and the suggestions. Entities of different credit codes are two legal entities and cannot be merged."},
		"mg.keep_this": {"保留本条，将该条并入", "Keep this one: merge that one in"},
		"mg.keep_that": {"保留该条，将本条并入", "Keep that one: merge this one into it"},
		"mg.none":      {"没有发现可能重复登记的市场主体。", "No entity looks like this one registered again."},
		"mg.into":      {"并入的市场主体编号", "Merge into entity (id)"},
		"mg.into.hint": {"保留的一条在名录中页面地址里的数字；本条将并入该条。", "The number in the address of the entry to keep; this one is merged into it."},
		"mg.do":        {"合并", "Merge"},
		"mg.tag":       {"已合并", "Merged"},
		"mg.merged":    {"本条为重复登记，已于 %s 合并至：", "Registered twice: merged on %s into"},
	} {
		addText(k, v)
	}
}

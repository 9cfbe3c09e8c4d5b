package fault

func init() {
	add(map[string]message{
		"match.district": {"所选企业不属于该诉求所在的区县", "The entity chosen is not of the appeal's district"},
		"match.same":     {"该诉求已关联这家企业", "The appeal is linked to this entity already"},
		"match.linked": {"该诉求已关联其他企业；如确需更换，请明确选择“更换关联企业”（relink）",
			"The appeal is linked to another entity; to change it, ask explicitly to relink"},
		"match.merged":  {"该企业已合并至编号为 %d 的企业，请关联后者", "This entity was merged into entity %d: link that one"},
		"match.scope":   {"只能查看本区县的待匹配诉求", "You may list the unmatched appeals of your own district only"},
		"emerge.self":   {"不能将企业合并到它自己", "An entity cannot be merged into itself"},
		"emerge.into":   {"请选择要保留的企业（填写其编号）", "Choose the entity to keep (its id)"},
		"emerge.scope":  {"该企业不属于您负责的区县", "This entity is outside your districts"},
		"emerge.place":  {"只能合并同一区县的企业", "Only entities of one district can be merged"},
		"emerge.done":   {"该企业已合并至编号为 %d 的企业", "This entity was merged into entity %d already"},
		"emerge.merged": {"要保留的企业已合并至编号为 %d 的企业，请合并到后者", "The entity to keep was merged into entity %d: merge into that one"},
		"emerge.codes": {"两家企业的统一社会信用代码不同（%s 与 %s），是两个不同的主体，不能合并",
			"The two entities have different credit codes (%s and %s): they are two legal entities and cannot be merged"},
	})
}

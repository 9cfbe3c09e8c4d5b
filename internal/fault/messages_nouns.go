package fault

func init() {
	add(map[string]message{
		"noun.appeal":     {"诉求", "appeal"},
		"noun.task":       {"任务", "task"},
		"noun.contest":    {"申诉", "contest"},
		"noun.case":       {"问责案例", "case"},
		"noun.unit":       {"单位", "unit"},
		"noun.user":       {"用户", "user"},
		"noun.enterprise": {"企业", "enterprise"},
		"noun.account":    {"企业账号", "enterprise account"},
		"noun.token":      {"令牌", "token"},
		"noun.category":   {"分类", "category"},
		"noun.attachment": {"附件", "attachment"},
		"noun.event":      {"活动", "event"},
		"noun.campaign":   {"活动计划", "campaign"},
	})
}

// Noun returns the catalog entry key (a noun.* key) in both languages, as a
// message argument.
func Noun(key string) Both {
	m := catalog[key]
	return Both{Zh: m.zh, En: m.en}
}

// NotFoundOf is the error for a missing object, or one the caller may not
// know of, named by its noun key.
func NotFoundOf(noun string) *Error { return E(NotFound, "not_found", Noun(noun)) }

package fault

func init() {
	add(map[string]message{
		"noun.policy":      {"政策", "policy"},
		"policy.district":  {"请选择本人所在的区县发布政策", "Publish the policy in a district of yours"},
		"policy.issuer":    {"发文单位应为本区县在用的单位", "The issuing unit must be an active unit of the district"},
		"policy.dates":     {"有效期截止日不能早于起始日", "The policy cannot end before it takes effect"},
		"policy.industry":  {"行业标签“%s”不是国民经济行业分类（GB/T 4754-2017）的门类字母（如 C）或大类代码（如 13）", "The industry tag %q is neither a section letter (C) nor a division code (13) of GB/T 4754-2017"},
		"policy.territory": {"属地标签应为本区县的乡镇街道", "A township tag must be a township of the district"},
		"policy.tags":      {"每类标签最多 %d 个", "At most %d tags of each kind"},
		"visit.policy":     {"所选政策未推送给该企业，或在走访之后才发布", "A policy chosen was not sent to the entity, or was published after the visit"},
		"visit.policies":   {"一次走访最多登记宣讲 %d 项政策", "At most %d policies may be explained at one visit"},
		"policy.files":     {"一项政策最多 %d 个附件", "A policy holds at most %d files"},
	})
}

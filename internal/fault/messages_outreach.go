package fault

func init() {
	add(map[string]message{
		"visit.date":     {"走访日期应在最近一年内，且不晚于今天", "The visit's date must be within the last year and not after today"},
		"visit.too_many": {"一次走访最多登记 %d 件诉求", "At most %d appeals may be filed at one visit"},
	})
}

func init() {
	add(map[string]message{
		"coverage.days": {"天数应为 1 至 366", "days must be from 1 to 366"},
	})
}

func init() {
	add(map[string]message{
		"event.date":              {"活动日期应在最近一年内，且不晚于今天", "The event's day must be within the last year and not after today"},
		"event.too_many":          {"一次最多登记 %d 件诉求", "At most %d appeals may be filed at once"},
		"event.representatives":   {"企业代表人数应为 0 至 %d", "The number of representatives must be from 0 to %d"},
		"event.too_many_units":    {"最多列出 %d 个部门", "At most %d departments may be listed"},
		"event.too_many_present":  {"一次活动最多列出 %d 家到会企业", "At most %d entities may be listed as present at one event"},
		"event.enterprise":        {"企业 %d 不在本区名录中", "Entity %d is not in this district's registry"},
		"event.campaign":          {"活动计划 %d 不在本区", "Campaign %d is not one of this district's"},
		"event.campaign_mismatch": {"活动的类型或日期与活动计划“%s”不符", "The event's kind or day does not fit the campaign \"%s\""},
		"campaign.dates":          {"结束日期应不早于开始日期，且相距不超过两年", "The last day must not be before the first, and at most two years after it"},
	})
}

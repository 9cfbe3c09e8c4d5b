package fault

func init() {
	add(map[string]message{
		"report.toolong": {"统计区间最长 %d 天", "A report covers at most %d days"},
		"assess.range":   {"权重和扣分应在 0 到 100 之间", "Weights and penalties are from 0 to 100"},
		"assess.sum":     {"四项指标的权重之和应为 100，现为 %g", "The four rates' weights must add up to 100, not %g"},
	})
}

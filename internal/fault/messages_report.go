package fault

func init() {
	add(map[string]message{
		"report.toolong":  {"统计区间最长 %d 天", "A report covers at most %d days"},
		"case.unit":       {"请选择本辖区的被问责单位", "Choose a unit of your district"},
		"case.published":  {"该案例已通报", "The case is published already"},
		"contest.unit":    {"只有该任务所属单位的承办人员可以申诉", "Only the handlers of the task's unit may contest its charges"},
		"contest.dup":     {"该任务的这一事项已有申诉（待处理或已核减）", "This charge of the task is contested already (pending or granted)"},
		"contest.decided": {"该申诉已处理", "The contest is decided already"},
		"assess.range":    {"权重和扣分应在 0 到 100 之间", "Weights and penalties are from 0 to 100"},
		"assess.sum":      {"四项指标的权重之和应为 100，现为 %g", "The four rates' weights must add up to 100, not %g"},
	})
}

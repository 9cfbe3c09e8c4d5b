package fault

func init() {
	add(map[string]message{
		"report.toolong": {"统计区间最长 %d 天", "A report covers at most %d days"},
	})
}

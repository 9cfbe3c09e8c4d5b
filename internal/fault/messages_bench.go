package fault

// Messages of the benchmark's data generator (zhitong bench load).
func init() {
	add(map[string]message{
		"bench.load.notempty": {"数据库中已有数据（%s 表有 %d 行）：bench load 只能装入空数据库，请换一个新库",
			"The database already holds data (%s has %d rows): bench load fills an empty database only; use a new one"},
		"bench.load.head": {"审计链头文件 %s 已存在，它属于另一个数据库的审计链：请删除它，或用 --audit-head-file 另指一个",
			"The audit head file %s exists already and belongs to another database's chain: remove it, or name another with --audit-head-file"},
		"bench.load.options": {"诉求数和年数都必须大于 0", "The number of appeals and of years must both be above 0"},
	})
}

package fault

// Messages of 'zhitong bench run'.
func init() {
	add(map[string]message{
		"benchrun.tokens":        {"无法读取令牌文件 %s（由 zhitong bench load 生成）", "Cannot read the tokens file %s (zhitong bench load writes it)"},
		"benchrun.prepare":       {"准备基准测试数据失败：%s 返回 HTTP %d：%s", "Preparing the benchmark failed: %s answered HTTP %d: %s"},
		"benchrun.nodata":        {"区 %d 没有诉求：请先用 zhitong bench load 装入数据", "District %d holds no appeals: load data first with zhitong bench load"},
		"benchrun.noenterprises": {"数据库中没有企业：请先用 zhitong bench load 装入数据", "The database holds no enterprises: load data first with zhitong bench load"},
		"benchrun.server":        {"服务器未能启动：%s", "The server did not start: %s"},
		"benchrun.failed":        {"基准测试未通过：%d 个请求出错，%d 条已公开的读取路由未纳入测试，另有 %d 个错误（见上表）", "The benchmark failed: %d requests failed, %d documented read routes are not measured, and %d other errors (see above)"},
	})
}

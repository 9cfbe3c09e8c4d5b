package fault

// Messages of the audit log: who may read it, its retention, and what
// verify finds wrong with the chain. Each broken-chain message names the
// seq (and the row's id where there is a row) of the first bad entry.
func init() {
	add(map[string]message{
		"audit.forbidden": {"只有审计管理员可以查看和导出审计日志", "Only the audit administrator may read or export the audit log"},
		"audit.retention": {"审计日志至少保留 %d 天：清理日期不得晚于 %s", "Audit entries are kept at least %d days: the date may be no later than %s"},
		"audit.range":     {"起始日期晚于结束日期", "The from date is after the to date"},

		"audit.broken.hash":       {"审计链在序号 seq %d（id %d）处断裂：记录与其哈希不符，已被改动或在没有密钥的情况下重算", "audit chain broken at seq %d (id %d): the entry does not match its hash: it was edited, or re-hashed without the key"},
		"audit.broken.gap":        {"审计链在序号 seq %d 处断裂：该记录缺失（下一条为 seq %d，id %d）", "audit chain broken at seq %d: the entry is missing (the next is seq %d, id %d)"},
		"audit.broken.order":      {"审计链在序号 seq %d（id %d）处顺序错乱", "audit chain broken at seq %d (id %d): entries out of order"},
		"audit.broken.head":       {"审计链在序号 seq %d（id %d）处与链头文件记录的哈希不符：该段已被重写", "audit chain broken at seq %d (id %d): its hash differs from the head file's: the chain was rewritten"},
		"audit.broken.tail":       {"审计链在序号 seq %d 后被截断：链头文件记录到 seq %d（%s）", "audit chain cut off after seq %d: the head file says seq %d (%s)"},
		"audit.broken.checkpoint": {"序号 seq %d 处的审计检查点被伪造或改动：签名不符", "the audit checkpoint at seq %d is forged or altered: its signature does not match"},
		"audit.head.bad":          {"链头文件 %s 被改动，或由另一把密钥写入", "the head file %s was altered, or written with another key"},
		"audit.head.diverged":     {"数据库中的审计链已不含链头文件记录的 seq %d：有记录被截断或重写，链头文件不再前移（%s）；请运行 zhitong audit verify", "the chain in the database no longer holds the head file's seq %d: entries were cut off or rewritten, so the head file (%s) is not moved on; run zhitong audit verify"},
		"audit.head.missing":      {"链头文件 %s 不存在，无法发现被截断的尾部；请用 --audit-head-file 指定", "there is no head file at %s, so a cut-off tail cannot be found; name it with --audit-head-file"},
		"audit.key.required":      {"使用 PostgreSQL 时必须用 --audit-key-file 或 ZHITONG_AUDIT_KEY_FILE 指定审计密钥文件（密钥不存放在数据库中）", "with PostgreSQL the audit key file is required: give --audit-key-file or ZHITONG_AUDIT_KEY_FILE (the key is never kept in the database)"},

		"audit.col.seq":        {"序号", "seq"},
		"audit.col.id":         {"编号", "id"},
		"audit.col.at":         {"时间", "time"},
		"audit.col.actor_id":   {"操作人编号", "actor id"},
		"audit.col.actor_name": {"操作人", "actor"},
		"audit.col.unit_id":    {"单位编号", "unit id"},
		"audit.col.client_ip":  {"客户端地址", "client IP"},
		"audit.col.request_id": {"请求编号", "request id"},
		"audit.col.action":     {"操作", "action"},
		"audit.col.object":     {"对象", "object"},
		"audit.col.outcome":    {"结果", "outcome"},
		"audit.col.detail":     {"详情", "detail"},
		"audit.col.hash":       {"哈希", "hash"},
	})
}

package fault

func init() {
	add(map[string]message{
		"account.role":     {"角色 %s 不存在", "There is no role %s"},
		"account.inactive": {"用户 %s 已停用，不能为其签发令牌", "User %s is inactive; no token can be issued"},
		"account.dup":      {"用户名 %s 已被使用", "The user name %s is taken"},
		"unit.name":        {"单位名称不能为空，最多 100 个字符", "A unit needs a name of at most 100 characters"},
		"unit.level":       {"单位层级无效，可选：province, city, district, township", "Unknown level; choose province, city, district or township"},
		"unit.kind":        {"单位类别无效，可选：region, township, department, vertical", "Unknown kind; choose region, township, department or vertical"},
		"unit.capability":  {"单位职能 %s 无效", "Unknown capability %s"},
		"unit.parent":      {"上级单位不存在，或层级不匹配", "The parent unit does not exist or is at the wrong level"},
	})
}

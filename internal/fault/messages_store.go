package fault

func init() {
	add(map[string]message{
		"store.dup":    {"该记录已存在", "This record exists already"},
		"store.ref":    {"所引用的单位、企业、分类、用户或诉求不存在", "A unit, enterprise, category, user or appeal it refers to does not exist"},
		"token.dup":    {"令牌已存在，请重新生成", "The token exists already; create another"},
		"search.short": {"关键词至少需要两个汉字或一个完整的英文单词/数字", "A keyword needs at least two Chinese characters or one whole English word or number"},
	})
}

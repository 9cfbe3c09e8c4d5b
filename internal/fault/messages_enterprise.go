package fault

func init() {
	add(map[string]message{
		"credit.length":   {"统一社会信用代码应为 18 位，当前为 %d 位", "A unified social credit code has 18 characters; this one has %d"},
		"credit.char":     {"统一社会信用代码第 %d 位“%s”不是有效字符（不含 I、O、Z、S、V）", "Character %d (%q) of the credit code is not allowed (I, O, Z, S and V are never used)"},
		"credit.division": {"统一社会信用代码第 3–8 位应为行政区划代码（数字）", "Characters 3–8 of the credit code must be the division code (digits)"},
		"credit.check":    {"统一社会信用代码校验位不正确，请核对（按前 17 位应为 %s）", "The credit code's check character is wrong; check the code (from the first 17 it should be %s)"},
		"enterprise.name": {"企业名称不能为空，最多 100 个字符", "The enterprise name is required, at most 100 characters"},
		"enterprise.dup":  {"统一社会信用代码为 %s 的企业已登记", "An enterprise with credit code %s is already registered"},
		"enterprise.industry": {"行业应为国民经济行业分类（GB/T 4754-2017）的大类，填代码（如 13 或 C13）或名称（如 农副食品加工业）",
			"The industry must be a division of GB/T 4754-2017: its code (13 or C13) or its name (农副食品加工业)"},
		"enterprise.size":  {"企业规模应为 大型、中型、小型 或 微型", "The size must be large, medium, small or micro"},
		"enterprise.tags":  {"标签最多 10 个，每个最多 20 个字", "At most 10 tags, each at most 20 characters"},
		"cadre.not":        {"所选人员不是在职的联企干部", "The officer chosen is not an active liaison cadre"},
		"registry.file":    {"请选择市场主体名录文件（.csv 或 .xlsx）", "Choose the registry file (.csv or .xlsx)"},
		"registry.refused": {"文件中有 %d 行有问题，没有导入任何一行；请改正后重新导入", "%d rows of the file have problems; nothing was imported: correct them and import again"},
	})
}

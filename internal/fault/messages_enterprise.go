package fault

func init() {
	add(map[string]message{
		"credit.length":   {"统一社会信用代码应为 18 位，当前为 %d 位", "A unified social credit code has 18 characters; this one has %d"},
		"credit.char":     {"统一社会信用代码第 %d 位“%s”不是有效字符（不含 I、O、Z、S、V）", "Character %d (%q) of the credit code is not allowed (I, O, Z, S and V are never used)"},
		"credit.division": {"统一社会信用代码第 3–8 位应为行政区划代码（数字）", "Characters 3–8 of the credit code must be the division code (digits)"},
		"credit.check":    {"统一社会信用代码校验位不正确，请核对（按前 17 位应为 %s）", "The credit code's check character is wrong; check the code (from the first 17 it should be %s)"},
		"enterprise.name": {"企业名称不能为空，最多 100 个字符", "The enterprise name is required, at most 100 characters"},
		"enterprise.dup":  {"统一社会信用代码为 %s 的企业已登记", "An enterprise with credit code %s is already registered"},
	})
}

package fault

func init() {
	add(map[string]message{
		"code.nosms":        {"系统未配置短信网关，无法发送验证码", "No SMS gateway is configured: codes cannot be sent"},
		"code.nophone":      {"账号没有可接收短信的手机号码，请联系管理员登记", "The account has no mobile number to text; ask the administrator to record one"},
		"code.invalid":      {"验证码不正确或已过期，请重新获取", "The code is wrong or has expired; ask for a new one"},
		"code.wait":         {"验证码已发送，请 %d 秒后再重新获取", "A code was just sent; ask again in %d seconds"},
		"login.sms_sent":    {"验证码已发送至 %s，请在“动态口令或短信验证码”中填写后再次登录", "A code was sent to %s: type it as the code and sign in again"},
		"login.sms_invalid": {"短信验证码不正确或已过期", "The SMS code is wrong or has expired"},
		"account.role":      {"角色 %s 不存在", "There is no role %s"},
		"account.inactive":  {"用户 %s 已停用，不能为其签发令牌", "User %s is inactive; no token can be issued"},
		"account.dup":       {"用户名 %s 已被使用", "The user name %s is taken"},
		"unit.name":         {"单位名称不能为空，最多 100 个字符", "A unit needs a name of at most 100 characters"},
		"unit.level":        {"单位层级无效，可选：province, city, district, township", "Unknown level; choose province, city, district or township"},
		"unit.kind":         {"单位类别无效，可选：region, township, department, vertical", "Unknown kind; choose region, township, department or vertical"},
		"unit.capability":   {"单位职能 %s 无效", "Unknown capability %s"},
		"unit.parent":       {"上级单位不存在，或层级不匹配", "The parent unit does not exist or is at the wrong level"},
	})
}

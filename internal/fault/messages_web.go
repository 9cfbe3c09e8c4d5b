package fault

func init() {
	add(map[string]message{
		"screen.token":     {"不是有效的展示令牌：请用 zhitong token create --scope display 生成，或向管理员索取", "Not a valid display token: make one with zhitong token create --scope display, or ask the administrator"},
		"web.form":         {"表单无法读取，请刷新页面后重试", "The form could not be read; reload the page and try again"},
		"web.toomany":      {"提交过于频繁，请一分钟后再试", "Too many submissions; try again in a minute"},
		"web.nopage":       {"没有这个页面，或您无权查看", "There is no such page, or you may not see it"},
		"web.sheet.none":   {"该诉求当前没有交办给任何单位，无交办单可打印", "This appeal is not assigned to any unit now: there is no assignment sheet to print"},
		"captcha.wrong":    {"验证码不正确，请看新图片重新输入", "The characters typed do not match the picture; type those of the new picture"},
		"captcha.expired":  {"验证码已过期，请看新图片重新输入", "The picture has expired; type the characters of the new one"},
		"captcha.invalid":  {"验证码无效，请看新图片重新输入", "The picture is not valid; type the characters of the new one"},
		"signup.nocompany": {"企业库中没有这个统一社会信用代码：请核对；新设立的企业请先通过热线或“我要反映”联系我们登记", "The registry has no such unified social credit code: check it; a new company should first reach us by phone or by filing an appeal to be registered"},
		"signup.phone":     {"这个手机号码已注册过企业账号", "This phone number already has an enterprise account"},
		"signup.pending":   {"账号正在等待工作人员确认，确认后即可登录", "The account awaits an officer's confirmation; you can sign in once it is confirmed"},
		"signup.confirmed": {"该账号已经确认过", "This account is confirmed already"},
		"captcha.used":     {"该验证码已使用过，请看新图片重新输入", "That picture was used already; type the characters of the new one"},
	})
}

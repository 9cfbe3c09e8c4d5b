package fault

// Messages of accounts' security: passwords, logins, sessions, the second
// factor, the three administrators and tokens.
func init() {
	add(map[string]message{
		"password.short":     {"密码太短：至少 %d 个字符", "The password is too short: at least %d characters"},
		"password.long":      {"密码太长：最多 %d 个字符", "The password is too long: at most %d characters"},
		"password.utf8":      {"密码含有无效的字符编码", "The password is not valid UTF-8"},
		"password.kinds":     {"密码须包含大写字母、小写字母、数字、符号（含汉字）中的至少 %d 类", "The password needs at least %d of: upper-case letters, lower-case letters, digits, symbols (Chinese characters count as symbols)"},
		"password.username":  {"密码不能包含用户名", "The password must not contain the user name"},
		"password.common":    {"密码过于常见或容易猜到（常用词、键盘顺序、重复字符加数字等），请换一个", "The password is common or easy to guess (a common word, a keyboard run, repeated characters with digits added); choose another"},
		"password.wrong_old": {"原密码不正确", "The current password is wrong"},
		"password.same":      {"新密码不能与原密码相同", "The new password must differ from the current one"},
		"password.max_age":   {"密码最长有效期应为 0（不过期）到 %d 天", "The maximum password age must be from 0 (never expires) to %d days"},

		"login.failed":        {"用户名或密码不正确", "The user name or password is wrong"},
		"login.locked":        {"登录失败次数过多，该账号已在本终端锁定，请 %d 分钟后再试，或联系安全管理员解锁", "Too many failed logins: this account is locked from this device; try again in %d minutes or ask the security administrator to unlock it"},
		"login.wait":          {"登录失败过于频繁，请 %d 秒后再试", "Too many failed logins from here; try again in %d seconds"},
		"login.totp_required": {"请输入身份验证器（动态口令）应用中的 6 位验证码", "Enter the 6-digit code of your authenticator app"},
		"login.totp_invalid":  {"动态验证码不正确或已使用，请输入当前的验证码", "The authenticator code is wrong or was used already; enter the current one"},

		"session.ended":    {"登录已失效（超时、退出或密码已修改），请重新登录", "Your session has ended (timed out, signed out or the password changed); sign in again"},
		"session.none":     {"当前请求不是通过登录会话发出的，没有可退出的会话", "This request was not made in a signed-in session; there is no session to end"},
		"session.only":     {"此操作须登录后在浏览器会话中进行，不能使用 API 令牌", "Do this signed in, in a browser session, not with an API token"},
		"session.dup":      {"会话编号冲突，请重新登录", "Session id clash; sign in again"},
		"session.password": {"请先修改密码（首次登录或密码已过期），然后才能继续", "Change your password first (first login, or it expired) before anything else"},
		"session.totp":     {"您的角色要求启用动态口令（双因素认证），请先完成绑定", "Your role requires a second factor: enrol an authenticator app first"},
		"csrf":             {"跨站请求被拒绝：请从本系统页面发起操作", "Cross-site request refused: act from zhitong's own pages"},

		"totp.enabled": {"动态口令已启用；如需更换，请联系安全管理员重置", "A second factor is in force already; ask the security administrator to reset it to change it"},
		"totp.none":    {"尚未开始绑定动态口令，请先获取密钥", "No second factor is being enrolled; begin the enrolment first"},
		"totp.code":    {"验证码不正确，请输入身份验证器应用中当前显示的 6 位数字", "The code is wrong; enter the 6 digits your authenticator app shows now"},

		"account.role_twice":    {"角色 %s 重复", "The role %s is given twice"},
		"account.two_admins":    {"三员分立：系统管理员、安全管理员、审计管理员的角色不能由同一账号兼任", "Separation of duties: one account may not hold two of the system, security and audit administrators' roles"},
		"account.auditor_alone": {"审计管理员账号只能查看审计日志，不能兼任其他角色", "The audit administrator reads the audit log only and may hold no other role"},
		"account.grant_admin":   {"系统管理员只能授予业务角色；管理员角色由安全管理员授予", "The system administrator gives business roles only; administrators' roles are granted by the security administrator"},
		"account.own_roles":     {"不能修改自己的角色", "You may not change your own roles"},
		"account.own_password":  {"不能重置自己的密码，请使用修改密码功能", "You may not reset your own password; change it instead"},
		"account.own_totp":      {"不能重置自己的动态口令", "You may not reset your own second factor"},
		"account.own_active":    {"不能停用或启用自己的账号", "You may not deactivate or activate your own account"},

		"token.name":    {"令牌名称不能为空，最多 %d 个字符", "A token needs a name of at most %d characters"},
		"token.ttl":     {"令牌有效期应为 1 到 %d 天", "A token's lifetime must be from 1 to %d days"},
		"token.display": {"展示令牌只能读取大屏展示的数据", "A display token reads the wall-screen data only"},

		"noun.session": {"会话", "session"},
		"noun.setting": {"设置", "setting"},
	})
}

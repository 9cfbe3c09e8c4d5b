package web

// The texts of the inbox, the delivery log, SMS codes and the phone
// check of enterprise accounts: added to the catalog (texts.go).
func init() {
	for k, v := range map[string][2]string{
		"portal.verify":             {"验证手机号", "Verify the phone"},
		"portal.verify.lead":        {"验证码已发送至 %s。填写验证码证明手机号为本人所有；与企业登记联系电话一致的，验证后即可登录。", "A code was sent to %s. Type it to prove the phone is yours; if it is the company's registered contact number you can sign in at once."},
		"portal.verify.confirmed":   {"手机号已验证，与企业登记的联系电话一致，账号已确认，请登录。", "The phone is proven and is the company's registered number: your account is confirmed; sign in."},
		"portal.verify.waiting":     {"手机号已验证。该号码不是企业登记的联系电话，请等待工作人员确认。", "The phone is proven. It is not the company's registered number, so an officer will confirm the account."},
		"sms.title":                 {"改用短信验证码", "Use SMS codes instead"},
		"sms.lead":                  {"没有身份验证器？可改用发送到本人手机的短信验证码作为第二重验证。", "No authenticator app? A code sent to your own phone can be your second factor."},
		"sms.send":                  {"发送验证码到我的手机", "Send a code to my phone"},
		"sms.sent":                  {"验证码已发送至 %s，5 分钟内有效。", "A code was sent to %s; it is valid for 5 minutes."},
		"sms.code":                  {"短信验证码", "SMS code"},
		"sms.confirm":               {"确认并启用", "Confirm and turn on"},
		"inbox.unread":              {"未读消息 %d 条", "%d unread"},
		"inbox.readall":             {"全部标为已读", "Mark all read"},
		"inbox.empty":               {"暂无消息", "No messages"},
		"dl.hint":                   {"每条消息至少发送一次，接收方凭消息编号去除重复；暂时失败的按退避间隔重试，无法送达的放弃并留有记录。手机号和邮箱已脱敏，查询码不显示。", "Each message is sent at least once, and its receiver drops a repeat by its id; a temporary failure is retried with backoff, one that cannot pass is given up and logged. Phone numbers and addresses are masked; codes are never shown."},
		"dl.empty":                  {"没有符合条件的消息", "No messages match"},
		"dl.created":                {"产生时间", "Created"},
		"dl.kind":                   {"内容", "Message"},
		"dl.channel":                {"渠道", "Channel"},
		"dl.to":                     {"接收方", "To"},
		"dl.state":                  {"状态", "State"},
		"dl.attempts":               {"尝试次数", "Attempts"},
		"dl.id":                     {"消息编号", "Message id"},
		"dl.log":                    {"发送记录", "Attempts"},
		"dl.ok":                     {"成功", "delivered"},
		"dl.next":                   {"下次尝试 %s", "next try %s"},
		"dl.state.pending":          {"待发送", "Pending"},
		"dl.state.sent":             {"已发送", "Sent"},
		"dl.state.failed":           {"已放弃", "Given up"},
		"dl.channel.inapp":          {"站内消息", "In-app"},
		"dl.channel.email":          {"电子邮件", "Email"},
		"dl.channel.sms":            {"短信", "SMS"},
		"dl.kind.appeal.registered": {"诉求登记告知", "Appeal registered"},
		"dl.kind.appeal.answered":   {"答复告知", "Reply ready"},
		"dl.kind.appeal.rate":       {"邀请评价", "Rating request"},
		"dl.kind.task.assigned":     {"交办任务", "Task assigned"},
		"dl.kind.task.reminded":     {"催办", "Reminder"},
		"dl.kind.task.supervised":   {"督办", "Supervision"},
		"dl.kind.task.due_soon":     {"即将超期提醒", "Due soon"},
		"dl.kind.task.overdue":      {"超期提醒", "Overdue"},
		"dl.kind.login.code":        {"登录验证码", "Sign-in code"},
		"dl.kind.account.code":      {"账号确认验证码", "Account code"},
		"dl.kind.notice":            {"通知", "Notice"},
	} {
		addText(k, v)
	}
}

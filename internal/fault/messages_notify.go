package fault

// Messages of notifications: rendering a message, its receiver, and the
// configuration of email (SMTP) and SMS.
func init() {
	add(map[string]message{
		"inbox.too_many":      {"一次最多标记 %d 条消息", "At most %d messages can be marked at once"},
		"notify.id":           {"消息编号应为 1 到 %d 个字母、数字、点、下划线或连字符", "A message id is 1 to %d letters, digits, dots, underscores or hyphens"},
		"notify.channel":      {"该消息的渠道为“%s”，不能通过“%s”发送", "The message's channel is %q; it cannot be sent by %q"},
		"notify.kind":         {"未知的通知类型：%s", "Unknown kind of notification: %s"},
		"notify.lang":         {"不支持的通知语言“%s”：可选 zh 或 en", "Notifications are not written in %q: choose zh or en"},
		"notify.param":        {"通知“%s”缺少参数：%s", "The notification %q lacks parameters: %s"},
		"notify.mobile":       {"手机号码格式不正确：应为 11 位中国大陆手机号码，可带 +86", "The mobile number is malformed: 11 digits of a mainland mobile number, +86 allowed"},
		"notify.email":        {"电子邮箱地址格式不正确", "The email address is malformed"},
		"notify.smtp.host":    {"请填写 SMTP 服务器的主机名或 IP 地址（不含端口和协议）", "Give the SMTP server's host name or IP address (without a port or scheme)"},
		"notify.smtp.port":    {"SMTP 端口 %d 无效：应为 1 到 65535，或 0 表示按加密方式取默认端口", "SMTP port %d is invalid: 1 to 65535, or 0 for the usual port of the TLS mode"},
		"notify.smtp.tls":     {"SMTP 加密方式“%s”无效：可选 none、starttls 或 tls", "SMTP TLS mode %q is invalid: choose none, starttls or tls"},
		"notify.smtp.from":    {"请填写有效的发件人邮箱地址", "Give a valid sender address"},
		"notify.smtp.auth":    {"SMTP 用户名和密码须同时填写或同时留空", "Give both the SMTP username and password, or neither"},
		"notify.smtp.clear":   {"不加密时不能向本机以外的 SMTP 服务器发送用户名和密码：请使用 starttls 或 tls", "Credentials would cross the network in clear: use starttls or tls with a server that is not this machine"},
		"notify.timeout":      {"超时时间不能为负数", "The timeout cannot be negative"},
		"notify.sms.url":      {"短信网关地址无效：应为完整的 https 地址，且不含用户名和密码", "The SMS gateway URL is invalid: a full https URL, without a user or password"},
		"notify.sms.https":    {"短信网关须使用 https（http 只允许本机地址）", "The SMS gateway must use https (http only to this machine)"},
		"notify.sms.sign":     {"请填写短信签名：1 到 %d 个字符，不含【】", "Give the SMS signature name: 1 to %d characters, without brackets"},
		"notify.sms.secret":   {"请填写短信网关的密钥标识和签名密钥", "Give the SMS gateway's key and secret"},
		"notify.sms.template": {"通知“%s”通过短信发送，但没有配置短信模板编号", "The notification %q is sent by SMS but has no SMS template id"},
	})
}

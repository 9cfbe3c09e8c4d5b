package fault

// Messages of personal data: ID numbers, revealing what is masked, repeated
// registrations under one Idempotency-Key, and backups.
func init() {
	add(map[string]message{
		"id.length":        {"身份证号码应为 18 位，当前为 %d 位", "An ID number has 18 characters; this one has %d"},
		"id.char":          {"身份证号码第 %d 位“%s”无效：前 17 位应为数字，第 18 位为数字或 X", "Character %d (%q) of the ID number is not allowed: 17 digits, then a digit or X"},
		"id.birth":         {"身份证号码第 7–14 位应为有效的出生日期", "Characters 7–14 of the ID number must be a real date of birth"},
		"id.check":         {"身份证号码校验位不正确，请核对（按前 17 位应为 %s）", "The ID number's check character is wrong; check the number (from the first 17 it should be %s)"},
		"reveal.reason":    {"请填写查看原因（1 到 %d 个字符）", "Give the reason for revealing it (1 to %d characters)"},
		"reveal.forbidden": {"您的角色不能查看该诉求人的完整信息", "Your role may not reveal the appellant's details"},
		"reveal.anonymous": {"该诉求为匿名交办，承办单位不能查看诉求人信息", "This appeal was dispatched anonymously: handling units may not learn who filed it"},
		"reveal.unlogged":  {"审计日志不可用，暂不能查看完整信息，请联系管理员", "The audit log is unavailable, so nothing can be revealed now; tell the administrator"},
		"idem.key":         {"Idempotency-Key 请求头应为 1 到 %d 个可打印的 ASCII 字符", "The Idempotency-Key header must be 1 to %d printable ASCII characters"},
		"idem.mismatch":    {"该 Idempotency-Key 已用于另一项内容不同的登记；重试请保持请求内容不变，新的登记请使用新的 Key", "This Idempotency-Key was used for a different registration; retry with the same request, or use a new key for a new one"},
		"idem.busy":        {"使用同一 Idempotency-Key 的请求正在处理，请稍后重试", "A request with the same Idempotency-Key is under way; try again shortly"},
	})
}

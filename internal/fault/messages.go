package fault

import "fmt"

// A message in both languages; the text may hold fmt verbs for the arguments.
type message struct{ zh, en string }

// catalog holds every user-facing message. Each area of the product adds its
// own in a file of this package named messages_AREA.go, through add, at init;
// nothing changes it afterwards.
var catalog = map[string]message{}

func add(ms map[string]message) {
	for k, m := range ms {
		if _, dup := catalog[k]; dup {
			panic("fault: message key defined twice: " + k)
		}
		catalog[k] = m
	}
}

// Both is a message argument that has a form in each language, such as the
// name of a state.
type Both struct{ Zh, En string }

// Text renders the message key in lang ("zh" default, or "en").
func Text(lang, key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		m = catalog["internal"]
	}
	s := m.zh
	if lang == "en" {
		s = m.en
	}
	if len(args) == 0 {
		return s
	}
	local := make([]any, len(args))
	for i, a := range args {
		local[i] = a
		if b, ok := a.(Both); ok {
			local[i] = b.Zh
			if lang == "en" {
				local[i] = b.En
			}
		}
	}
	return fmt.Sprintf(s, local...)
}

// Known reports whether key is in the catalog; tests use it to find keys that were never written.
func Known(key string) bool { _, ok := catalog[key]; return ok }

func init() {
	add(map[string]message{
		"internal":        {"服务器内部错误，请稍后重试；如仍出现请联系管理员并提供请求编号", "Something went wrong on our side; try again, and if it persists tell the administrator the request id"},
		"not_found":       {"未找到该%s，或您无权查看", "No such %s, or you may not see it"},
		"forbidden":       {"您没有权限执行此操作", "You may not do this"},
		"unauthenticated": {"请先登录或提供有效的访问令牌", "Sign in or give a valid access token first"},
		"stale":           {"该记录已被他人修改（您看到的是第 %d 版，当前为第 %d 版），请刷新后重试", "Someone changed this record since you read it (you read version %d, it is now version %d); reload and try again"},
		"version.missing": {"请提供您读取时的版本号（If-Match 请求头或 version 字段）", "Give the version you read (the If-Match header or the version field)"},
		"required":        {"%s 不能为空", "%s is required"},
		"too_long":        {"%s 过长：最多 %d 个字符", "%s is too long: at most %d characters"},
		"one_of":          {"%s 的取值无效，可选：%s", "%s has an invalid value; choose one of: %s"},
		"bad_id":          {"%s 必须是正整数编号", "%s must be a positive whole-number id"},
		"bad_date":        {"%s 必须是 YYYY-MM-DD 格式的日期", "%s must be a date in the form YYYY-MM-DD"},
		"bad_email":       {"电子邮箱格式不正确：应为一个地址，如 name@example.gov.cn，不超过 100 个字符", "The email address is malformed: one address such as name@example.gov.cn, at most 100 characters"},
		"bad_phone":       {"联系电话格式不正确：只能包含数字、空格、+ 和 -，7 到 20 位", "The phone number is malformed: digits, spaces, + and - only, 7 to 20 characters"},
	})
}

package fault

// Messages of the JSON API's own checks: the envelope of a request (body,
// headers, query parameters, paths) before any domain service sees it.
func init() {
	add(map[string]message{
		"api.content_type":  {"请求体必须是 JSON（Content-Type: application/json）", "The request body must be JSON (Content-Type: application/json)"},
		"api.too_large":     {"请求体过大：最多 %d 字节", "The request body is too large: at most %d bytes"},
		"api.empty_body":    {"请求体不能为空，应为一个 JSON 对象", "The request body is empty; send one JSON object"},
		"api.body_read":     {"请求体未能读完，请重新发送", "The request body could not be read in full; send it again"},
		"api.utf8":          {"请求体含有无效的 UTF-8 编码", "The request body is not valid UTF-8"},
		"api.json":          {"请求体不是有效的 JSON（约在第 %d 个字节处）", "The request body is not valid JSON (near byte %d)"},
		"api.json_object":   {"请求体必须是一个 JSON 对象", "The request body must be one JSON object"},
		"api.unknown_field": {"不支持的字段 %s", "Unknown field %s"},
		"api.dup_field":     {"字段 %s 出现了多次", "Field %s appears more than once"},
		"api.trailing":      {"请求体只能包含一个 JSON 对象，其后不能有其他内容", "The request body must hold one JSON object and nothing after it"},
		"api.control":       {"%s 含有不允许的控制字符", "%s contains a control character that is not allowed"},
		"api.unknown_param": {"不支持的查询参数 %s", "Unknown query parameter %s"},
		"api.repeat_param":  {"查询参数 %s 只能出现一次", "The query parameter %s may appear only once"},
		"api.bad_param":     {"查询参数 %s 的值无效", "The query parameter %s has an invalid value"},
		"api.limit":         {"limit 必须是 1 到 %d 之间的整数", "limit must be a whole number from 1 to %d"},
		"api.bad_time":      {"%s 必须是 YYYY-MM-DD 格式的日期或 RFC 3339 格式的时间", "%s must be a date (YYYY-MM-DD) or a time in RFC 3339 form"},
		"api.if_match":      {"If-Match 请求头应为版本号，例如 \"3\"", "The If-Match header must be a version number, such as \"3\""},
		"api.version_twice": {"If-Match 请求头与 version 字段不一致", "The If-Match header and the version field disagree"},
		"api.no_route":      {"没有这个接口：%s", "There is no such endpoint: %s"},
		"api.method":        {"该接口不支持 %s 方法", "This endpoint does not accept the %s method"},
		"api.type.string":   {"字段 %s 的类型不正确：应为字符串", "Field %s has the wrong type: it must be a string"},
		"api.type.integer":  {"字段 %s 的类型不正确：应为整数", "Field %s has the wrong type: it must be a whole number"},
		"api.type.number":   {"字段 %s 的类型不正确：应为数字", "Field %s has the wrong type: it must be a number"},
		"api.type.boolean":  {"字段 %s 的类型不正确：应为 true 或 false", "Field %s has the wrong type: it must be true or false"},
		"api.type.array":    {"字段 %s 的类型不正确：应为数组", "Field %s has the wrong type: it must be an array"},
		"api.type.object":   {"字段 %s 的类型不正确：应为对象", "Field %s has the wrong type: it must be an object"},
	})
}

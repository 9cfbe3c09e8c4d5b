package web

// The texts of the policies' pages (惠企政策), the officers' and the portal's.
func init() {
	for k, v := range map[string][2]string{
		"menu.policies":          {"惠企政策", "Policies"},
		"pl.new":                 {"发布惠企政策", "Publish a policy"},
		"pl.issuer":              {"发文单位", "Issued by"},
		"pl.doc_no":              {"文号", "Document No."},
		"pl.from":                {"生效日期", "In force from"},
		"pl.to":                  {"截止日期", "In force until"},
		"pl.dates":               {"有效期", "In force"},
		"pl.open_end":            {"长期有效", "until further notice"},
		"pl.body":                {"政策内容", "Text"},
		"pl.industries":          {"适用行业", "Industries"},
		"pl.industries.hint":     {"填国民经济行业分类的门类字母（如 C 制造业）或大类代码（如 13），多个用逗号分隔；不填即所有行业。", "GB/T 4754-2017 section letters (C, manufacturing) or division codes (13), separated by commas; none: every industry."},
		"pl.territories":         {"适用镇街", "Townships"},
		"pl.sizes":               {"企业规模", "Sizes"},
		"pl.all":                 {"全部", "All"},
		"pl.all.hint":            {"不选即全部。", "None chosen: all."},
		"pl.file":                {"附件（可选）", "File (optional)"},
		"pl.file.hint":           {"PDF、Word、Excel、图片、OFD 或文本，最大 10 MB；更多附件可发布后通过接口添加。", "PDF, Word, Excel, pictures, OFD or text, at most 10 MB; more files can be added through the API once published."},
		"pl.publish":             {"发布并推送", "Publish and send"},
		"pl.publish.hint":        {"发布后，政策即推送给本区符合标签的市场主体（企业服务门户；已配置短信的，同时短信告知联系电话），不能撤回。", "Once published the policy goes to the district's entities its tags match (the enterprise portal; by SMS to their contact numbers where SMS is configured); it cannot be taken back."},
		"pl.published":           {"发布时间", "Published"},
		"pl.targets":             {"推送企业", "Targeted"},
		"pl.reads":               {"已阅读", "Read"},
		"pl.reach":               {"知晓率", "Reach"},
		"pl.reach.of":            {"推送 %d 家，已阅读 %d 家。", "Targeted: %d; read: %d."},
		"pl.reach.hint":          {"知晓率 = 已在企业服务门户阅读或经走访宣讲的推送企业 ÷ 推送企业；无推送企业时显示“-”。", "Reach = targeted entities that read it on the enterprise portal or had it explained at a visit ÷ targeted entities; \"-\" when none was targeted."},
		"pl.files":               {"附件", "Files"},
		"pl.read_at":             {"阅读时间", "Read at"},
		"pl.reached_at":          {"%s 已知晓", "reached %s"},
		"pl.by_visit":            {"走访宣讲", "explained at a visit"},
		"vs.explained":           {"宣讲的惠企政策（计入知晓率）", "Policies explained (count in the reach)"},
		"vs.explained.hint":      {"勾选走访时向企业宣讲的、已推送给该企业的政策：未读的随即计为已知晓。", "Tick the policies sent to the entity that were explained at the visit: those unread count as reached from now."},
		"vs.policy_no":           {"政策 #%d", "Policy #%d"},
		"pl.unread":              {"未读", "Unread"},
		"pl.no_targets":          {"没有符合标签的市场主体。", "No entity matches the tags."},
		"pl.empty":               {"尚未发布惠企政策。", "No policy published yet."},
		"done.published_policy":  {"政策已发布并推送。", "The policy is published and sent."},
		"portal.policies":        {"惠企政策", "Policies for you"},
		"portal.policies.unread": {"有 %d 项政策未读。", "%d unread."},
		"portal.policies.none":   {"暂无推送给贵单位的政策。", "No policy has been sent to you yet."},
		"portal.policies.ask":    {"对政策有疑问？我要反映", "A question about it? Raise an appeal"},
	} {
		addText(k, v)
	}
}

package notify

// texts are a kind's templates in one language. A template names a
// parameter in braces, {number}; Render puts the value in its place.
type texts struct {
	subject string // the email subject and the in-app title
	body    string // the email body, plain text, before the footer
	short   string // one or two sentences: the in-app text and the local text of an SMS
}

// templates are a kind's texts in each language.
type templates struct{ zh, en texts }

// footer ends every email body.
var footer = map[string]string{
	"zh": "\n\n——\n营商环境直通车\n本邮件由系统自动发送，请勿直接回复。",
	"en": "\n\n--\nBusiness Environment Express\nThis message was sent automatically; replies to it are not read.",
}

// catalog holds the templates of every kind; nothing changes it.
var catalog = map[Kind]templates{
	AppealRegistered: {
		zh: texts{
			subject: "您的诉求已登记（编号 {number}）",
			body:    "您好！\n\n您反映的诉求已登记，诉求编号为 {number}，查询码为 {code}。\n请妥善保存查询码：凭诉求编号和查询码，可在 {url} 查询办理进度、查看答复并评价。",
			short:   "您的诉求已登记，编号{number}，查询码{code}，可在{url}查询办理进度。",
		},
		en: texts{
			subject: "Your appeal is registered (No. {number})",
			body:    "Hello,\n\nYour appeal is registered under number {number}; its query code is {code}.\nKeep the query code: with the number and the code you can follow the appeal, read the reply and rate it at {url}.",
			short:   "Your appeal is registered as {number}, query code {code}; follow it at {url}.",
		},
	},
	AppealAnswered: {
		zh: texts{
			subject: "您的诉求已有答复（编号 {number}）",
			body:    "您好！\n\n您反映的诉求（编号 {number}）已有答复。请凭诉求编号和查询码在 {url} 查看答复内容。",
			short:   "您的诉求{number}已有答复，请凭编号和查询码在{url}查看。",
		},
		en: texts{
			subject: "Your appeal has a reply (No. {number})",
			body:    "Hello,\n\nYour appeal {number} has been answered. Read the reply at {url} with the appeal number and your query code.",
			short:   "Your appeal {number} has been answered; read the reply at {url}.",
		},
	},
	RateRequest: {
		zh: texts{
			subject: "请评价诉求办理情况（编号 {number}）",
			body:    "您好！\n\n您反映的诉求（编号 {number}）已办理完毕。请凭诉求编号和查询码在 {url} 对办理结果作出满意度评价，您的评价是考核承办单位的依据。",
			short:   "请对诉求{number}的办理情况作出满意度评价：{url}",
		},
		en: texts{
			subject: "Please rate how your appeal was handled (No. {number})",
			body:    "Hello,\n\nYour appeal {number} has been handled. Please rate your satisfaction at {url} with the appeal number and your query code; your rating counts in the assessment of the units that handled it.",
			short:   "Please rate how appeal {number} was handled: {url}",
		},
	},
	TaskAssigned: {
		zh: texts{
			subject: "新交办任务：{title}（{number}）",
			body:    "您单位收到一项交办任务。\n\n诉求编号：{number}\n诉求标题：{title}\n办理期限：{deadline}\n\n请及时登录营商环境直通车签收并办理，逾期将纳入考核。",
			short:   "您单位有新交办任务：诉求{number}“{title}”，请于{deadline}前办结。",
		},
		en: texts{
			subject: "New task: {title} ({number})",
			body:    "Your unit has been assigned a task.\n\nAppeal number: {number}\nTitle: {title}\nDeadline: {deadline}\n\nSign in to accept and handle it; an overdue task counts in the unit's assessment.",
			short:   "Your unit has a new task: appeal {number}, \"{title}\", due {deadline}.",
		},
	},
	TaskReminded: {
		zh: texts{
			subject: "催办：{title}（{number}）",
			body:    "您单位承办的诉求尚未办结，现予催办。\n\n诉求编号：{number}\n诉求标题：{title}\n办理期限：{deadline}\n\n请抓紧办理，按时答复。",
			short:   "催办：您单位承办的诉求{number}“{title}”尚未办结，期限{deadline}，请抓紧办理。",
		},
		en: texts{
			subject: "Reminder: {title} ({number})",
			body:    "An appeal your unit handles is not finished yet; this is a reminder.\n\nAppeal number: {number}\nTitle: {title}\nDeadline: {deadline}\n\nPlease handle it and reply in time.",
			short:   "Reminder: appeal {number}, \"{title}\", is not finished; it is due {deadline}.",
		},
	},
	TaskSupervised: {
		zh: texts{
			subject: "督办通知（{doc_no}）：{title}",
			body:    "您单位承办的诉求已列入督办，督办文号 {doc_no}。\n\n诉求编号：{number}\n诉求标题：{title}\n办理期限：{deadline}\n\n请按督办要求限期办结并答复。",
			short:   "督办（{doc_no}）：您单位承办的诉求{number}“{title}”，请于{deadline}前办结并答复。",
		},
		en: texts{
			subject: "Supervision notice ({doc_no}): {title}",
			body:    "An appeal your unit handles is now under supervision, document number {doc_no}.\n\nAppeal number: {number}\nTitle: {title}\nDeadline: {deadline}\n\nFinish it and reply by the deadline, as the notice requires.",
			short:   "Supervision ({doc_no}): finish appeal {number}, \"{title}\", and reply by {deadline}.",
		},
	},
	TaskDueSoon: {
		zh: texts{
			subject: "即将超期：{title}（{number}）",
			body:    "您单位承办的诉求即将超过办理期限。\n\n诉求编号：{number}\n诉求标题：{title}\n办理期限：{deadline}\n\n请在期限前办结并答复。",
			short:   "您单位承办的诉求{number}“{title}”将于{deadline}到期，请尽快办结。",
		},
		en: texts{
			subject: "Due soon: {title} ({number})",
			body:    "An appeal your unit handles is nearly due.\n\nAppeal number: {number}\nTitle: {title}\nDeadline: {deadline}\n\nFinish it and reply before the deadline.",
			short:   "Appeal {number}, \"{title}\", is due {deadline}; please finish it soon.",
		},
	},
	TaskOverdue: {
		zh: texts{
			subject: "已超期：{title}（{number}）",
			body:    "您单位承办的诉求已超过办理期限。\n\n诉求编号：{number}\n诉求标题：{title}\n办理期限：{deadline}\n\n请立即办理并说明超期原因，超期情况将纳入考核。",
			short:   "您单位承办的诉求{number}“{title}”已于{deadline}超期，请立即办理。",
		},
		en: texts{
			subject: "Overdue: {title} ({number})",
			body:    "An appeal your unit handles is past its deadline.\n\nAppeal number: {number}\nTitle: {title}\nDeadline: {deadline}\n\nHandle it now and explain the delay; overdue tasks count in the unit's assessment.",
			short:   "Appeal {number}, \"{title}\", was due {deadline} and is overdue; handle it now.",
		},
	},
	LoginCode: {
		zh: texts{
			subject: "登录验证码",
			body:    "您的登录验证码为 {code}，{minutes} 分钟内有效。\n请勿将验证码告诉他人；如非本人操作，请忽略本消息。",
			short:   "您的登录验证码为{code}，{minutes}分钟内有效，请勿告诉他人。",
		},
		en: texts{
			subject: "Your sign-in code",
			body:    "Your sign-in code is {code}; it is valid for {minutes} minutes.\nTell no one; if you did not try to sign in, ignore this message.",
			short:   "Your sign-in code is {code}, valid for {minutes} minutes; tell no one.",
		},
	},
	AccountCode: {
		zh: texts{
			subject: "企业账号验证码",
			body:    "您正在确认营商环境直通车的企业账号，验证码为 {code}，{minutes} 分钟内有效。\n请勿将验证码告诉他人；如非本人操作，请忽略本消息。",
			short:   "您正在确认企业账号，验证码{code}，{minutes}分钟内有效，请勿告诉他人。",
		},
		en: texts{
			subject: "Confirm your enterprise account",
			body:    "You are confirming an enterprise account; the code is {code}, valid for {minutes} minutes.\nTell no one; if this was not you, ignore this message.",
			short:   "Your code to confirm the enterprise account is {code}, valid for {minutes} minutes; tell no one.",
		},
	},
	Notice: {
		zh: texts{subject: "{title}", body: "{body}", short: "{body}"},
		en: texts{subject: "{title}", body: "{body}", short: "{body}"},
	},
	PolicyPublished: {
		zh: texts{
			subject: "惠企政策：{title}",
			body:    "您好！\n\n{issuer}发布了与贵单位相关的惠企政策《{title}》。\n请登录企业服务门户 {url} 阅读政策全文和附件；如有疑问，可通过门户反映诉求。",
			short:   "{issuer}发布惠企政策《{title}》，与贵单位相关，请登录{url}阅读。",
		},
		en: texts{
			subject: "A policy for your business: {title}",
			body:    "Hello,\n\n{issuer} has published a policy that concerns your business: \"{title}\".\nSign in to the enterprise portal at {url} to read it in full with its files; questions can be raised there as appeals.",
			short:   "{issuer} has published a policy for your business, \"{title}\"; read it at {url}.",
		},
	},
}

// secret names the parameters that open something (a one-time code, a query
// code): they are masked in the text a delivery log keeps.
var secret = map[string]bool{"code": true}

package demo

import (
	"context"
	"fmt"
	"time"

	"zhitong/internal/appeal"
)

// seedAppeals plans the told stories and the generated history, then runs
// them in time order.
func (s *seeder) seedAppeals(ctx context.Context, r *Result) error {
	s.bulk()
	s.scenarios()
	s.cityBatch()
	s.everyState()
	s.moreTime() // supervision.go
	if err := s.run(ctx); err != nil {
		return err
	}
	r.Appeals = s.appealN
	return nil
}

// scenarios are stories 1–4 of SCENARIOS.md.
func (s *seeder) scenarios() {
	// 1. Direct answer by phone: closed in two working days.
	s.story(44, 9, 12).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Consult, cat: "政策兑现", ent: Ligang,
		title:   "咨询企业是否符合增值税增量留抵退税条件",
		content: "公司财务经理杨女士来电：我公司为金属制品制造企业，今年新购置两条冷轧生产线，进项税额较大，形成留抵税额约186万元。想了解公司是否符合增量留抵退税条件、需要准备哪些材料、多久能到账。"}).
		after(6*time.Hour+20*time.Minute).answer(fedLiu, appeal.Solved,
		"经对照《关于进一步加大增值税期末留抵退税政策实施力度的公告》（财政部 税务总局公告2022年第14号），贵公司属于制造业企业，纳税信用等级为A级，符合按月全额退还增量留抵税额的条件。可在增值税纳税申报期结束后，通过湖南省电子税务局提交《退（抵）税申请表》，税务机关一般在10个工作日内办结。区税务局第一税务分局联系电话已一并告知。").
		after(10*time.Minute).feedback(fedLiu, "短信告知：您咨询的留抵退税问题已答复，贵公司符合增量留抵退税条件，可通过电子税务局申请，详情请留意来电。【娄星区营商环境直通车】").
		next(1, 10, 5).visit(fedChen, appeal.Satisfied, true, "答复很及时，已经按指引在电子税务局提交了申请，谢谢。")

	// 2. Assigned in the district, returned once, re-assigned with a co-unit.
	s.story(38, 10, 20).create("", spec{ch: appeal.Portal, typ: appeal.Help, cat: "水电气", ent: Haite, urgent: true, byPortal: true,
		title:   "新建生产线电力报装已等待40天仍未接电",
		content: "我公司在经开区新建的智能装备生产线已于上月完成设备安装，需新增一台1250千伏安专用变压器。电力报装申请已提交40天，现场勘查后一直没有进展，生产线无法试产，每天损失较大，恳请协调尽快接电。"}).
		after(90*time.Minute).referDistrict(fedChen, "属区级层面协调事项，报区优化办交办").
		after(2*time.Hour).assign(officeZhou, "请于1个工作日内签收，15日内办结并书面答复", "区发改局").
		next(1, 9, 40).giveBack("区发改局", "供电报装不属本单位职责，建议交国网娄星供电公司办理").
		after(70*time.Minute).assign(officeZhou, "改派：请国网娄星供电公司主办，大科街道协办线路通道协调", "国网娄星供电公司", "大科街道").
		after(50*time.Minute).accept("国网娄星供电公司").
		after(time.Hour).accept("大科街道").
		next(2, 16, 0).reply("大科街道", appeal.Solved, "街道已协调线路途经的两户村民完成青苗补偿，施工通道已打通，可以进场施工。").
		next(6, 11, 0).reply("国网娄星供电公司", appeal.Solved, "新建10千伏专线及1250千伏安专变已完成施工和验收，已于今日完成送电，企业生产线可以试产。我公司已将报装时长超期问题纳入内部整改。").
		after(3*time.Hour).approve(officeZhou, "国网娄星供电公司").
		after(time.Hour).feedback(fedChen, "电话告知企业：专线已送电，生产线可试产。").
		next(1, 10, 0).visit(fedChen, appeal.FairlySatisfied, true, "电通了，生产线已经试产；就是前期等的时间太长了，希望以后报装快一些。")

	// 3. Redo after 不满意: the township's second answer solves it.
	s.story(60, 14, 30).create(seatWang, spec{ch: appeal.HotlinePriv, typ: appeal.Complaint, cat: "用地", ent: Yongan,
		title:   "厂区扩建用地被周边村民阻工，多次反映未解决",
		content: "我公司在水洞底镇工业园的二期厂房扩建用地已依法取得不动产权证，但开工以来多次被周边个别村民以历史补偿问题为由阻工，施工队已停工半个月。此前向镇里反映过两次，没有实质进展，请求协调解决。"}).
		after(2*time.Hour).referDistrict(fedLiu, "涉及属地协调，报区优化办交办").
		next(1, 9, 30).assign(officeXie, "请水洞底镇主办，务必到现场核实并协调", "水洞底镇").
		after(2*time.Hour).accept("水洞底镇").
		next(5, 15, 0).reply("水洞底镇", appeal.ExplainedNotDone, "经查，该地块已依法完成征收补偿，现将《中华人民共和国土地管理法》及我镇征收补偿方案相关条款复印件送达企业，请企业依法依规施工。").
		after(2*time.Hour).approve(officeXie, "水洞底镇").
		next(1, 9, 0).feedback(fedLiu, "电话告知企业水洞底镇的答复内容。").
		next(1, 10, 30).visit(fedLiu, appeal.Dissatisfied, false, "只送来一份法规复印件，阻工的人还在，工地一点变化都没有，不满意。").
		after(3*time.Hour).redo(officeXie, "企业回访不满意，阻工问题未实质解决。责成水洞底镇重办，由镇主要负责人牵头现场化解，并计入本月考核。").
		after(time.Hour).accept("水洞底镇").
		next(4, 16, 0).reply("水洞底镇", appeal.Solved, "镇党委书记带队会同派出所、村支两委三次入户做工作，已就历史遗留的青苗补偿差额达成和解协议并兑付到位，阻工人员已签字承诺不再阻工，工地于昨日全面复工。").
		after(2*time.Hour).approve(officeXie, "水洞底镇").
		after(time.Hour).feedback(fedLiu, "电话告知企业重办结果。").
		next(1, 10, 0).visit(fedLiu, appeal.Satisfied, true, "工地已经全面复工了，镇里这次动真格了，满意。")

	// 4. Up to the city: the city's result comes back; the federation visits.
	s.story(52, 15, 0).create(fedLiu, spec{ch: appeal.VisitCh, typ: appeal.Help, cat: "审批", ent: Chaoyang,
		title:   "新型环保塑胶制品项目需市级环评审批，请求加快办理",
		content: "区工商联走访企业时收集：企业拟投资3200万元建设新型环保塑胶制品生产线，项目环境影响报告书需报市生态环境局审批，已受理一个多月尚未召开技术评审会，企业担心影响年内投产。"}).
		after(time.Hour).referCity(fedLiu, "属市级审批权限，报市营商环境直通车办公室").
		next(8, 11, 0).cityResult(cityHe, appeal.Solved, "经市直通车办协调，市生态环境局已于本周组织召开技术评审会，项目环评报告书已通过评审并作出批复，批复文件已送达企业。").
		after(2*time.Hour).feedback(fedLiu, "电话告知企业：市生态环境局已批复项目环评。").
		next(1, 9, 30).visit(fedLiu, appeal.Satisfied, true, "环评批复已经拿到，比预想的快，感谢区里和市里帮忙协调。")

	// 8 (the anonymous story): dispatched anonymously, still being handled.
	s.story(7, 20, 15).create(seatWang, spec{ch: appeal.HotlinePriv, typ: appeal.Report, cat: "执法监管",
		ent: "娄底市长青餐饮管理有限公司", anon: true,
		title:   "反映个别执法人员检查时变相索要好处",
		content: "来电人反映：近两个月某执法人员多次以“例行检查”为名到店，暗示需要“表示表示”才能不挑毛病，并多次在店内消费不结账。来电人担心遭到报复，要求对其身份严格保密。"}).
		next(1, 9, 0).referDistrict(fedChen, "敏感诉求，请匿名交办").
		after(time.Hour).assign(officeZhou, "匿名交办：请严格保护反映人信息，核查情况直接报区优化办", "区市场监管局").
		after(2 * time.Hour).accept("区市场监管局")
}

// cityBatch is story 5: the city assigns a batch down with its own numbers
// and deadlines; results report back up; one is late.
func (s *seeder) cityBatch() {
	type item struct {
		ent, cat, title, content, lead, reply string
		typ                                   appeal.Type
	}
	batch := []item{
		{Ligang, "拖欠账款", "反映某市属国企拖欠货款180万元", "企业反映：为市某国有企业供应钢结构件，合同约定验收后60日内付款，现已逾期5个月，180万元货款未支付，企业资金周转困难。", "区财政局", "经区财政局协调，债务单位已制定还款计划，首笔90万元已于本周支付，余款将于下月底前付清。", appeal.Complaint},
		{"湖南华晟电子科技有限公司", "用工", "急需电子装配工120名，请求协助招工", "企业承接新订单，需在一个月内新增电子装配工120名，本地招聘效果不理想。", "区人社局", "区人社局已组织两场专场招聘会并对接职业院校，企业已招录装配工96名，其余岗位继续通过线上平台推送。", appeal.Help},
		{"娄底市涟滨物流有限公司", "执法监管", "货车年检需往返外地，建议就近办理", "企业反映公司40余台重型货车年检需到外地检测站，来回耗时且成本高，建议在娄星区增设或就近指定检测站。", "区市场监管局", "经核实，区内已有一家检测站取得重型货车检验资质，已告知企业就近办理并开通预约通道。", appeal.Suggestion},
		{"湖南宏旺新能源科技有限公司", "政策兑现", "市级制造强市专项资金未拨付到位", "企业去年获批市级制造强市专项资金50万元，至今未拨付，请求协调。", "区工信局", "区工信局会同区财政局核实，专项资金已完成拨付程序，资金已于本周到账。", appeal.Help},
		{"娄底市宏远包装材料有限公司", "用地", "企业不动产权证办理滞后", "企业自建厂房已竣工验收两年，不动产权证仍未办下，影响企业融资抵押。", "区自然资源局", "区自然资源局已完成权籍调查，不动产权证已于近日核发。", appeal.Help},
		{"娄底市天润食品有限公司", "审批", "食品生产许可证变更办理进度慢", "企业新增生产线，申请食品生产许可变更，现场核查后迟迟未出结果。", "区市场监管局", "许可变更已于本周审批完成，新证已发放。", appeal.Help},
	}
	for i, it := range batch {
		n := 32 - i
		no := fmt.Sprintf("娄直通车交〔%d〕%d号", s.day(n).Year(), 101+i)
		p := s.story(n, 10, 0).create(cityDeng, spec{ch: appeal.CityAssigned, typ: it.typ, cat: it.cat, ent: it.ent,
			title: it.title, content: it.content, extNo: no, dueDays: 15}).
			after(2*time.Hour).assign(officeZhou, "市交办件，请按市里时限办结", it.lead).
			after(2 * time.Hour).accept(it.lead)
		if i == 5 {
			continue // late: handling past the city's deadline (红色预警)
		}
		p.next(5+i, 15, 0).reply(it.lead, appeal.Solved, it.reply).
			after(2*time.Hour).approve(officeZhou, it.lead)
		if i == 4 {
			continue // waiting for its return visit
		}
		p.after(time.Hour).feedback(fedChen, "电话告知企业办理结果。").
			next(1, 10, 0).visit(fedChen, appeal.Satisfied, true, "问题已经解决，满意。").
			after(2*time.Hour).reportUp(officeZhou, "已按市交办要求反馈办理结果及回访情况")
	}
	// Just arrived from the city: waits for the office to assign it.
	s.story(1, 16, 30).create(cityHe, spec{ch: appeal.CityAssigned, typ: appeal.Help, cat: "水电气", ent: "湖南锦程纺织有限公司",
		title:   "企业反映用电负荷不足，申请增容",
		content: "企业新增两台喷气织机后用电负荷不足，多次跳闸，申请将变压器由630千伏安增容至1000千伏安。",
		extNo:   fmt.Sprintf("娄直通车交〔%d〕118号", s.day(1).Year()), dueDays: 10})
}

// everyState makes sure every appeal state and every task state occurs,
// with the special paths: not accepted, transferred, withdrawn, merged,
// returned and awaiting re-assignment, sent back, unreachable.
func (s *seeder) everyState() {
	// Registered, waiting for triage: one from the portal, one for an
	// enterprise not yet in the registry (named only).
	s.story(1, 15, 10).create("", spec{ch: appeal.Portal, typ: appeal.Consult, cat: "政策兑现", ent: Ligang, byPortal: true,
		title:   "咨询技术改造项目设备购置补贴申报时间",
		content: "我公司今年计划投入1200万元实施冷轧线智能化改造，想了解市、区两级技术改造设备购置补贴的申报时间、补贴比例和申报材料。"})
	s.story(1, 16, 45).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "审批", ent: "娄底市晨光印务有限公司",
		title:   "印刷经营许可证年审材料反复退回",
		content: "来电人方先生称：公司为新成立的包装印刷企业，尚不清楚统一社会信用代码。印刷经营许可证年审材料已提交三次均被退回，每次退回的理由不一样，希望一次性告知需要补正的材料。"})

	// Unassigned: referred to the office, not yet assigned.
	s.story(2, 9, 50).create(seatWang, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "用工", ent: "湖南华晟电子科技有限公司",
		title:   "申请办理稳岗返还和以工代训补贴",
		content: "企业去年未裁员，职工参保320人，想申请失业保险稳岗返还，但在网上申报时系统提示单位信息有误，无法提交。"}).
		after(3*time.Hour).referDistrict(fedChen, "报区优化办交办")
	// Unassigned again: the lead returned it; the office must re-assign.
	s.story(4, 10, 0).create(cadreLuo, spec{ch: appeal.VisitCh, typ: appeal.Help, cat: "其他", ent: "湖南宏旺新能源科技有限公司",
		title:   "园区道路夜间无路灯，员工下班通行不安全",
		content: "联企干部走访时企业反映：新能源产业园内支路约800米无路灯，企业三班倒，员工夜间下班通行存在安全隐患，已发生两起电动车摔伤事件。"}).
		after(2*time.Hour).referDistrict(fedLiu, "报区优化办").
		next(1, 9, 0).assign(officeXie, "请区商务局主办", "区商务局").
		next(1, 10, 0).giveBack("区商务局", "园区道路照明不属本单位职责，建议交大科街道或区住建局办理")

	// In progress, pending: assigned yesterday, not yet accepted.
	s.story(2, 11, 0).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "审批", ent: "娄底市鑫达钢结构工程有限公司",
		title:   "建筑业企业资质延续申请逾期未办结",
		content: "企业钢结构工程专业承包二级资质即将到期，延续申请已提交25个工作日，系统状态仍为“审查中”，担心影响投标。"}).
		next(1, 9, 20).referDistrict(fedChen, "报区优化办").
		after(time.Hour).assign(officeZhou, "请区住建局主办", "区住建局")

	// In progress, replied: the lead's reply waits for review.
	s.story(9, 14, 0).create(cadreLuo, spec{ch: appeal.VisitCh, typ: appeal.Help, cat: "用工", ent: "湖南锦程纺织有限公司",
		title:   "纺织挡车工缺口大，请求开展订单式培训",
		content: "走访发现：企业挡车工缺口约60人，本地熟练工难招，希望人社部门联合职业学校开展订单式培训。"}).
		after(2*time.Hour).referDistrict(fedLiu, "报区优化办").
		next(1, 9, 0).assign(officeXie, "请区人社局主办", "区人社局").
		after(3*time.Hour).accept("区人社局").
		next(4, 15, 30).reply("区人社局", appeal.PartlySolved, "已与娄底职业技术学院对接，首期40人订单式培训班下月开班，培训补贴按每人1500元标准申请。")

	// In progress after a send-back: the office found the reply too vague.
	s.story(13, 9, 0).create(seatWang, spec{ch: appeal.Hotline12345, typ: appeal.Complaint, cat: "审批", ent: "娄底市星辰机电设备有限公司",
		title:   "工程建设项目联合验收多次往返",
		content: "企业新建厂房申请联合验收，先后往返政务大厅四次，每个窗口要求的材料不一致，请求一次性告知。"}).
		after(2*time.Hour).referDistrict(fedLiu, "报区优化办").
		next(1, 10, 0).assign(officeZhou, "请区行审局主办", "区行审局").
		after(time.Hour).accept("区行审局").
		next(3, 16, 0).reply("区行审局", appeal.Solved, "已告知企业按要求准备材料。").
		next(1, 9, 30).sendBack(officeZhou, "区行审局", "答复过于笼统：请列明一次性告知的材料清单、办理时限及专人联系方式，并说明多次往返的原因和整改措施")

	// Withdrawn, with its task cancelled.
	s.story(14, 11, 10).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "用工", ent: "娄底市天润食品有限公司",
		title:   "中秋旺季临时用工缺口80人",
		content: "企业月饼生产旺季需临时招聘包装工80名，请求人社部门帮助发布招工信息。"}).
		after(2*time.Hour).referDistrict(fedChen, "报区优化办").
		next(1, 9, 0).assign(officeZhou, "请区人社局主办", "区人社局").
		after(3*time.Hour).withdraw(seatLi, "企业来电称已通过劳务公司招满临时工，申请撤回诉求")

	// Merged: a second report of the same gas pressure problem.
	target := s.story(12, 9, 30).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "水电气", ent: "湖南杉山新材料科技有限公司",
		title:   "厂区天然气供气压力不稳定，窑炉多次熄火",
		content: "企业反映近一周天然气供气压力波动大，辊道窑多次熄火，造成产品报废约5万元，请求燃气公司排查。"})
	target.after(time.Hour).referDistrict(fedChen, "报区优化办").
		after(2*time.Hour).assign(officeZhou, "请燃气公司主办，杉山镇协办", "娄星区燃气公司", "杉山镇").
		next(1, 9, 0).accept("娄星区燃气公司")
	s.story(12, 15, 0).create("", spec{ch: appeal.Portal, typ: appeal.Complaint, cat: "水电气", ent: "湖南杉山新材料科技有限公司", byPortal: true,
		title:   "天然气压力问题反映后仍未解决",
		content: "上午已打12345反映天然气压力不稳，窑炉今天下午又熄火一次，请尽快处理。"}).
		after(40*time.Minute).mergeInto(fedChen, target, "与上午来电反映的同一问题重复，并单办理")

	// Not accepted: the dispute is before a court.
	s.story(20, 10, 30).create(seatWang, spec{ch: appeal.Hotline12345, typ: appeal.Complaint, cat: "拖欠账款", ent: "娄底市恒通驾驶培训有限公司",
		title:   "合作方拖欠场地租金，请求政府出面追讨",
		content: "企业反映合作方拖欠训练场地租金两年共46万元，企业已向法院起诉，希望政府出面督促对方付款。"}).
		after(2*time.Hour).reject(fedChen, "该纠纷已由娄星区人民法院立案受理，属司法程序处理事项，依法不予受理",
		"电话告知：您反映的租金纠纷已进入诉讼程序，请依法通过司法途径解决，如在诉讼中遇到其他涉企问题可再次来电。")

	// Transferred: a personal matter, not the business environment's.
	s.story(16, 15, 20).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Consult, cat: "其他", ent: "娄星区乐坪街道李记粉面馆",
		title:   "店主咨询本人城乡居民医保异地报销",
		content: "个体户店主李先生咨询其本人在长沙住院的城乡居民医保异地报销手续。"}).
		after(time.Hour).transfer(fedLiu, "12345市民服务热线", "属个人医保事项，非涉企诉求",
		"电话告知：您咨询的个人医保报销事项已转12345市民服务热线办理，将有专人联系您。")

	// At the city, waiting for its result.
	s.story(5, 10, 40).create(seatWang, spec{ch: appeal.HotlinePriv, typ: appeal.Help, cat: "审批", ent: "湖南石井汽车零部件有限公司",
		title:   "危险化学品使用许可需市应急管理局审批",
		content: "企业新上电泳涂装线，需办理危险化学品安全使用许可证，属市级审批权限，申请已提交20天，请求协调加快。"}).
		after(2*time.Hour).referCity(fedLiu, "属市级审批权限，报市营商环境直通车办公室")

	// Awaiting the return visit: a direct answer of yesterday.
	s.story(2, 14, 0).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Consult, cat: "政策兑现", ent: "娄底市博雅教育咨询有限公司",
		title:   "咨询小微企业“六税两费”减免政策",
		content: "企业会计来电咨询：公司为小型微利企业，能否享受“六税两费”减半征收，是否需要申请。"}).
		after(2*time.Hour).answer(fedChen, appeal.Solved, "增值税小规模纳税人、小型微利企业和个体工商户可在50%的税额幅度内减征资源税、城市维护建设税、房产税、城镇土地使用税、印花税（不含证券交易印花税）、耕地占用税和教育费附加、地方教育附加，申报时系统自动减免，无需另行申请。").
		after(10*time.Minute).feedback(fedChen, "短信告知政策答复内容。")
	// Awaiting the return visit after one failed attempt.
	s.story(10, 9, 0).create(seatWang, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "用地", ent: "娄底市万宝建材有限公司",
		title:   "砂石料堆场临时用地续期办理",
		content: "企业砂石料堆场临时用地即将到期，申请续期两年，不清楚办理部门和程序。"}).
		after(time.Hour).referDistrict(fedLiu, "报区优化办").
		next(1, 9, 0).assign(officeXie, "请区自然资源局主办", "区自然资源局").
		after(2*time.Hour).accept("区自然资源局").
		next(3, 15, 0).reply("区自然资源局", appeal.Solved, "已指导企业提交临时用地续期申请，经审核符合条件，已批准续期两年。").
		after(time.Hour).approve(officeXie, "区自然资源局").
		next(1, 10, 0).missVisit(fedLiu, "联系人电话无人接听")

	// Closed as unreachable after three failed attempts.
	s.story(25, 9, 40).create(seatLi, spec{ch: appeal.Hotline12345, typ: appeal.Help, cat: "其他", ent: "娄底市瑞丰汽车销售服务有限公司",
		title:   "门店前市政道路施工围挡影响营业",
		content: "企业反映门店前道路施工围挡已持续三个月，顾客车辆无法进出，营业额下降七成，询问何时完工。"}).
		after(time.Hour).referDistrict(fedChen, "报区优化办").
		next(1, 9, 0).assign(officeZhou, "请黄泥塘街道主办，区住建局协办", "黄泥塘街道", "区住建局").
		after(time.Hour).accept("黄泥塘街道").after(30*time.Minute).accept("区住建局").
		next(2, 10, 0).reply("区住建局", appeal.Solved, "施工单位已调整围挡，为门店预留6米宽车辆出入口，工程计划下月15日前完工。").
		next(1, 15, 0).reply("黄泥塘街道", appeal.Solved, "街道会同区住建局现场协调，门店出入口已打通，并督促施工单位加快进度。").
		after(time.Hour).approve(officeZhou, "黄泥塘街道").
		next(1, 10, 0).missVisit(fedChen, "电话无人接听").
		next(1, 15, 0).missVisit(fedChen, "电话关机").
		next(1, 10, 0).missVisit(fedChen, "电话仍无人接听，短信未回复，记为无法联系")

	// 现场办公会: the district head assigns on the spot.
	s.story(35, 15, 0).create(leaderPeng, spec{ch: appeal.OnSite, typ: appeal.Help, cat: "其他", ent: Haite,
		title:   "经开区企业职工子女入学难，请求统筹解决",
		content: "纾困增效现场办公会上企业提出：公司引进的30余名技术骨干子女在城区就读难，影响人才稳定。区长现场交办，请相关单位统筹解决。"}).
		after(time.Hour).assign(officeZhou, "区长现场交办，请大科街道牵头，限10个工作日办结", "大科街道").
		after(time.Hour).accept("大科街道").
		next(7, 16, 0).reply("大科街道", appeal.Solved, "会同区教育局统筹学位，已为企业32名技术骨干子女安排就近入学。").
		after(time.Hour).approve(officeZhou, "大科街道").
		after(time.Hour).feedback(fedLiu, "电话告知企业入学安排结果。").
		next(1, 10, 0).visit(fedLiu, appeal.Satisfied, true, "孩子们都安排好了，技术骨干很安心。")

	// In 双峰县: what the 娄星区 officers never see.
	s.story(6, 10, 0).create(sfFed, spec{ch: appeal.VisitCh, typ: appeal.Help, cat: "融资", ent: "湖南双峰农机制造有限公司",
		title:   "农机购置补贴资金结算周期长，企业资金紧张",
		content: "企业反映农机购置补贴结算周期长达半年，垫付资金超过600万元，请求协调加快结算。"}).
		after(2*time.Hour).referDistrict(sfFed, "报县优化办").
		next(1, 9, 0).assign(sfOffice, "请永丰街道协调", "永丰街道")
}

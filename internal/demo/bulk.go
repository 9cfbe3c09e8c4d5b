package demo

import (
	"fmt"
	"time"

	"zhitong/internal/appeal"
)

// territory stands for the enterprise's own township as the lead unit.
const territory = "属地"

// matter is a kind of appeal that enterprises bring again and again: the
// generated history draws from these.
type matter struct {
	cat, title, content string
	typ                 appeal.Type
	lead                string // the unit that handles it; territory: the enterprise's township
	co                  string // a co-unit, if any
	answer              string // the reply (or the federation's direct answer)
	direct              bool   // the federation can answer it itself
}

var matters = []matter{
	{"融资", "咨询“潇湘财银贷”申请条件及办理流程", "企业为科技型中小企业，因扩大生产需流动资金500万元，想了解“潇湘财银贷”的申请条件、额度和办理流程。", appeal.Consult, "区财政局", "",
		"“潇湘财银贷”面向省内中小微企业，单户贷款额度一般不超过1000万元，由合作银行审批，财政给予风险补偿。已将合作银行娄星支行客户经理联系方式告知企业。", true},
	{"融资", "流动资金贷款到期续贷困难，请求协调银行", "企业一笔800万元流动资金贷款下月到期，银行要求先还后贷，企业一时难以筹措过桥资金。", appeal.Help, "区财政局", "",
		"区财政局组织银企对接，协调合作银行为企业办理无还本续贷800万元，企业无需筹措过桥资金。", false},
	{"用地", "新建厂房项目用地报批进度缓慢", "企业二期厂房项目用地已纳入年度供地计划，但报批材料提交两个月仍未进入审批环节。", appeal.Help, "区自然资源局", "",
		"区自然资源局已开辟绿色通道，用地报批材料已上报并获批，预计下月完成挂牌出让。", false},
	{"用地", "厂区周边土地权属争议影响围墙施工", "企业建设厂区围墙时与相邻村组发生土地权属争议，施工被迫停止。", appeal.Complaint, territory, "区自然资源局",
		"经属地乡镇会同区自然资源局现场勘界，争议地块权属已依法确认，围墙已恢复施工。", false},
	{"审批", "食品经营许可证延续材料要求不清", "企业食品经营许可证即将到期，网上申请延续时多次被退回，退回意见不够明确。", appeal.Help, "区行审局", "",
		"区行审局已安排专人一对一辅导，企业补正材料后当日完成许可证延续。", false},
	{"审批", "咨询工业项目“拿地即开工”办理要求", "企业拟新建标准厂房，想了解“拿地即开工”需提前准备哪些材料、哪些手续可以并联办理。", appeal.Consult, "区住建局", "区行审局",
		"“拿地即开工”可在土地出让前同步开展方案审查、施工图审查等工作，取得土地后即可核发施工许可证。已向企业提供办事指南和并联审批清单。", true},
	{"审批", "项目环评审批时间长，影响投产", "企业技改项目环境影响报告表已提交一个月，至今未出审批意见，影响设备调试投产。", appeal.Help, "区生态环境局", "",
		"区生态环境局已完成技术审查并作出审批意见，较承诺时限提前5个工作日办结。", false},
	{"用工", "企业招工难，急需熟练技术工人", "企业订单增加，急需数控车工、焊工等熟练技术工人50名，自行招聘效果不佳。", appeal.Help, "区人社局", "",
		"区人社局已将企业岗位纳入“春风行动”专场招聘会，并通过就业服务平台定向推送，企业已招录技术工人42名。", false},
	{"用工", "咨询吸纳脱贫劳动力就业补贴申报", "企业今年吸纳脱贫劳动力18人，想了解一次性吸纳就业补贴的申报条件和材料。", appeal.Consult, "区人社局", "",
		"吸纳脱贫劳动力就业并签订一年以上劳动合同、按规定缴纳社会保险的，可按每人1000元申请一次性吸纳就业补贴，材料清单已发给企业。", true},
	{"水电气", "厂区频繁停电影响正常生产", "近一个月厂区所在线路停电五次，每次停电都造成设备重启和产品报废。", appeal.Complaint, "国网娄星供电公司", "",
		"供电公司已完成线路隐患排查，更换老化绝缘子和避雷器，并为企业加装故障指示器，近期未再发生停电。", false},
	{"水电气", "新厂区供水管网接入申请", "企业新厂区已建成，需接入市政供水管网，申请提交后一直未安排施工。", appeal.Help, "娄星区供水公司", "",
		"供水公司已完成接水工程施工，新厂区已正常供水，接水时间较承诺提前3天。", false},
	{"水电气", "咨询工业天然气报装费用和周期", "企业新上燃气窑炉，想了解工业天然气报装的收费标准和办理周期。", appeal.Consult, "娄星区燃气公司", "",
		"工业用户报装按省定标准收取工程费用，资料齐全后15个工作日内完成通气。已将报装材料清单和收费标准告知企业。", true},
	{"拖欠账款", "政府投资项目工程款被拖欠", "企业承建的某市政配套工程已竣工结算一年，仍有230万元工程款未支付。", appeal.Complaint, "区财政局", "区住建局",
		"区财政局会同区住建局核实，已将该笔工程款纳入清欠计划，首批120万元已支付，余款年底前付清。", false},
	{"拖欠账款", "政府采购项目尾款未按合同支付", "企业中标的学校课桌椅采购项目已验收半年，合同约定的30%尾款仍未支付。", appeal.Complaint, "区财政局", "",
		"经区财政局督促，采购单位已完成尾款支付。", false},
	{"执法监管", "同一事项多个部门重复检查", "企业反映本月先后有三个部门就消防和安全生产事项上门检查，检查内容基本相同，影响正常生产。", appeal.Complaint, "区市场监管局", "",
		"区市场监管局已牵头推行“综合查一次”，将相关检查事项合并，同一企业同类检查一年内原则上不超过一次。", false},
	{"执法监管", "建议对轻微违法行为推行首违不罚", "企业建议对初次发生、危害后果轻微并及时改正的违法行为依法不予处罚，给企业改正机会。", appeal.Suggestion, "区市场监管局", "",
		"感谢企业建议。区市场监管局已公布轻微违法行为不予处罚清单，对符合条件的首次轻微违法行为依法不予处罚。", true},
	{"政策兑现", "咨询技术改造奖补资金申报", "企业今年设备投资超过2000万元，想了解技术改造奖补资金的申报条件和截止时间。", appeal.Consult, "区工信局", "",
		"技术改造奖补按设备投资额的一定比例给予补助，申报通知将于下月在区政府门户网站发布，申报材料清单已提前发给企业。", true},
	{"政策兑现", "高新技术企业认定奖励资金尚未兑现", "企业去年通过高新技术企业认定，区级奖励资金20万元至今未到账。", appeal.Help, "区工信局", "区财政局",
		"经区工信局会同区财政局核实，奖励资金已完成审核拨付，已于本周到账。", false},
	{"政策兑现", "咨询小规模纳税人增值税减免政策", "个体户来电咨询：月销售额不超过10万元是否免征增值税，需要怎么申报。", appeal.Consult, "区税务局", "",
		"小规模纳税人月销售额未超过10万元的，免征增值税，按期申报时填写免税销售额即可，无需另行申请。", true},
	{"政策兑现", "出口退税办理进度咨询", "企业上季度出口退税申报已提交一个多月，想了解办理进度。", appeal.Help, "区税务局", "",
		"区税务局已完成审核，退税款已于本周退库到账，并为企业开通出口退税“绿色通道”。", false},
	{"其他", "建议增开园区至城区公交线路", "园区企业职工上下班通勤不便，建议增开或延伸公交线路。", appeal.Suggestion, territory, "",
		"已会同公交公司调整线路，延伸一条公交线路至园区，早晚高峰加密班次。", false},
	{"其他", "厂区门前道路破损，货车通行困难", "企业门前道路坑洼严重，雨天积水，重载货车多次陷车。", appeal.Help, territory, "区住建局",
		"已完成道路破损路段修补和排水沟疏通，货车通行恢复正常。", false},
	{"审批", "个体户营业执照经营地址变更办理", "个体户店面搬迁，想了解营业执照经营场所变更需要的材料和是否能网上办理。", appeal.Consult, "区行审局", "",
		"个体工商户变更经营场所可通过湖南省企业登记全程电子化业务系统办理，提交新场所使用证明即可，一般当日办结。", true},
	{"其他", "门店周边占道经营影响正常营业", "门店周边流动摊贩长期占道经营，堵塞门店出入口，多次劝说无效。", appeal.Complaint, territory, "",
		"街道已组织城管执法力量进行整治，设置临时疏导点，门店出入口已恢复通畅。", false},
}

// route is how a generated appeal goes round the loop.
type route int

const (
	direct route = iota
	district
	city
	fromCity
)

// Words enterprises say at return visits.
var (
	satisfiedWords = []string{"问题已经解决，非常满意。", "办得很快，感谢直通车。", "部门很负责，满意。", "答复清楚，问题解决了。", "比预想的快，点赞。"}
	fairWords      = []string{"基本解决了，就是时间长了点。", "结果可以，过程还可以再快一些。", "问题解决了一部分，总体还行。"}
	badWords       = []string{"只是解释了一下，实际问题没解决。", "答复不具体，不满意。"}
)

// bulk plans the ordinary history of the last months: mostly closed
// appeals of every channel and route, with the mix of ratings a real
// district sees.
func (s *seeder) bulk() {
	const n = 72
	for i := 0; i < n; i++ {
		day := 15 + s.rng.IntN(70)
		s.generated(day, i)
	}
}

func (s *seeder) generated(day, i int) {
	e := s.entList[s.rng.IntN(len(s.entList))]
	if e.DistrictID != s.unit["娄星区"].ID {
		e = s.entList[i%4] // the generated history is 娄星区's
	}
	m := matters[s.rng.IntN(len(matters))]
	sp := spec{cat: m.cat, typ: m.typ, ent: e.Name, title: m.title, content: m.content}
	var by string
	rt := district
	switch x := s.rng.IntN(100); {
	case x < 35:
		sp.ch, by = appeal.Hotline12345, pick(s, seatLi, seatWang)
	case x < 48:
		sp.ch, by = appeal.HotlinePriv, pick(s, seatLi, seatWang)
	case x < 63:
		sp.ch, by = appeal.VisitCh, pick(s, cadreLuo, fedLiu)
	case x < 70:
		sp.ch, by = appeal.Portal, ""
	case x < 75:
		sp.ch, by = appeal.OpenDay, fedChen
	case x < 80:
		sp.ch, by = appeal.Symposium, fedLiu
	default:
		sp.ch, by, rt = appeal.CityAssigned, cityDeng, fromCity
		sp.extNo = fmt.Sprintf("娄直通车交〔%d〕%d号", s.day(day).Year(), 20+i)
		sp.dueDays = 15
	}
	if rt != fromCity {
		switch x := s.rng.IntN(100); {
		case m.direct && x < 70:
			rt = direct
		case x < 12:
			rt = city
		}
	}
	p := s.story(day, 8+s.rng.IntN(9), s.rng.IntN(60)).create(by, sp)
	fed := pick(s, fedLiu, fedChen)
	off := pick(s, officeZhou, officeXie)
	switch rt {
	case direct:
		p.after(time.Duration(1+s.rng.IntN(4))*time.Hour).answer(fed, appeal.Solved, m.answer).
			after(15*time.Minute).feedback(fed, "短信告知答复内容。")
	case city:
		p.after(2*time.Hour).referCity(fed, "属市级层面解决事项，报市营商环境直通车办公室").
			next(3+s.rng.IntN(6), 15, 0).cityResult(cityHe, appeal.Solved, "经市直通车办协调，"+m.answer).
			after(time.Hour).feedback(fed, "电话告知企业市里的办理结果。")
	case district, fromCity:
		if rt == district {
			p.after(2*time.Hour).referDistrict(fed, "报区优化办交办")
		}
		lead, co := m.lead, m.co
		if lead == territory {
			lead = s.unitByID(e.TerritoryID).Name
		}
		if co == territory {
			co = s.unitByID(e.TerritoryID).Name
		}
		if co != "" {
			p.next(1, 9, 30).assign(off, "请按时限办结并书面答复", lead, co).
				after(time.Hour).accept(lead).after(time.Hour).accept(co).
				next(1+s.rng.IntN(3), 16, 0).reply(co, appeal.Solved, "协办单位已按分工完成相关工作。")
		} else {
			p.next(1, 9, 30).assign(off, "请按时限办结并书面答复", lead).
				after(time.Duration(1+s.rng.IntN(5)) * time.Hour).accept(lead)
		}
		p.next(2+s.rng.IntN(5), 15, 30).reply(lead, appeal.Solved, m.answer).
			next(1, 10, 0).approve(off, lead).
			after(time.Hour).feedback(fed, "电话告知企业办理结果。")
	}
	sat, resolved, words := s.rating()
	p.next(1, 9+s.rng.IntN(7), s.rng.IntN(60)).visit(fed, sat, resolved, words)
	if rt == fromCity {
		p.after(2*time.Hour).reportUp(off, "已向市直通车办反馈办理结果及回访情况")
	}
}

// rating draws a return visit's result: mostly 满意, some 基本满意, rarely 不满意.
func (s *seeder) rating() (appeal.Satisfaction, bool, string) {
	switch x := s.rng.IntN(100); {
	case x < 84:
		return appeal.Satisfied, true, pick(s, satisfiedWords...)
	case x < 97:
		return appeal.FairlySatisfied, s.rng.IntN(3) > 0, pick(s, fairWords...)
	default:
		return appeal.Dissatisfied, false, pick(s, badWords...)
	}
}

func pick(s *seeder, xs ...string) string { return xs[s.rng.IntN(len(xs))] }

package run

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
)

// The intake's appeals read like those an intake seat types in: an
// enterprise of a real kind, a matter enterprises bring again and again, a
// title of 10 to 40 characters and a content of 100 to 1,000, in which the
// words the search scenario looks for occur.

// topic is a matter of appeals: its title and the sentences that tell it.
type topic struct {
	title string
	lines []string
}

var topics = []topic{
	{"出口退税办理进度缓慢", []string{"企业上季度出口退税申报已提交一个多月，至今未到账。", "退税款迟迟不到位，企业资金周转十分紧张。", "希望税务部门加快审核，告知退税办理进度。"}},
	{"厂区频繁停电影响正常生产", []string{"近一个月厂区所在线路停电五次，每次停电都造成设备重启和产品报废。", "企业用电负荷较大，停电前没有任何通知。", "恳请供电公司排查线路隐患，保障企业正常用电。"}},
	{"新建厂房项目用地报批进度缓慢", []string{"企业二期厂房项目用地已纳入年度供地计划，但报批材料提交两个月仍未进入审批环节。", "用地指标迟迟不能落实，设备已订购却无处安装。", "请求自然资源部门协调加快用地审批。"}},
	{"流动资金贷款到期续贷困难", []string{"企业一笔流动资金贷款下月到期，银行要求先还后贷。", "企业一时难以筹措过桥资金，贷款续贷面临困难。", "希望协调合作银行办理无还本续贷。"}},
	{"政府投资项目工程款被长期拖欠", []string{"企业承建的市政配套工程已竣工结算一年，仍有大额工程欠款未支付。", "因欠款未还，企业已拖欠部分农民工工资。", "恳请有关部门督促业主单位尽快支付欠款。"}},
	{"职工工资社保补贴申领咨询", []string{"企业今年新招录高校毕业生二十余人，想了解社保补贴的申领条件。", "企业按时足额发放职工工资并缴纳社保。", "希望人社部门告知补贴申领材料和办理时限。"}},
	{"营业执照变更办证材料要求不清", []string{"企业变更经营地址，网上申请办证时多次被退回。", "退回意见不够明确，企业不清楚还需补充哪些材料。", "希望行政审批部门一次性告知办证所需材料。"}},
	{"项目环评审批时间长影响投产", []string{"企业技改项目环境影响报告表已提交一个月，至今未出审批意见。", "环评审批迟迟未办结，设备调试和投产被迫推迟。", "请求生态环境部门加快审批。"}},
	{"新厂区供水管网接入申请无人受理", []string{"企业新厂区已建成，需接入市政供水管网。", "供水接入申请提交后一直未安排施工。", "恳请供水公司尽快安排接水工程。"}},
	{"企业招工难急需熟练技术工人", []string{"企业订单增加，急需数控车工、焊工等熟练技术工人。", "自行招工效果不佳，生产线开工不足。", "希望人社部门组织专场招聘会帮助企业招工。"}},
	{"同一事项多个部门重复检查", []string{"企业反映本月先后有三个部门就消防和安全生产事项上门检查。", "检查内容基本相同，影响企业正常生产经营。", "建议推行综合查一次，减少重复检查。"}},
	{"高新技术企业认定奖励资金尚未兑现", []string{"企业去年通过高新技术企业认定，区级奖励资金至今未到账。", "企业多次询问，相关部门答复正在走审批流程。", "恳请尽快兑现政策奖补资金。"}},
	{"厂区门前道路破损货车通行困难", []string{"企业门前道路坑洼严重，雨天积水，重载货车多次陷车。", "物流车辆进出困难，影响原材料和产品运输。", "请求属地政府组织道路修补和排水沟疏通。"}},
	{"咨询技术改造奖补资金申报", []string{"企业今年设备投资超过两千万元，想了解技术改造奖补资金的申报条件。", "企业不清楚申报截止时间和所需材料。", "希望工信部门提供申报指南。"}},
	{"施工许可审批环节多时间长", []string{"企业新建标准厂房，施工许可审批已超过承诺时限。", "审批环节多，各部门要求的材料相互重复。", "建议推行并联审批，缩短施工许可办理时间。"}},
	{"门店周边占道经营影响营业", []string{"门店周边流动摊贩长期占道经营，堵塞门店出入口。", "企业多次劝说无效，顾客进出不便，营业额明显下降。", "恳请城管部门依法整治。"}},
	{"政府采购项目尾款未按合同支付", []string{"企业中标的学校课桌椅采购项目已验收半年，合同约定的尾款仍未支付。", "尾款欠款影响企业资金周转。", "请求财政部门督促采购单位按合同付款。"}},
	{"天然气报装费用高周期长", []string{"企业新上燃气窑炉，申请工业天然气报装已两个月。", "报装费用明显高于周边地区，施工周期也偏长。", "希望燃气公司公开收费标准并加快通气。"}},
	{"园区企业职工通勤不便", []string{"园区企业职工上下班通勤不便，公交线路少、班次间隔长。", "部分职工因通勤困难离职，企业招工更加困难。", "建议增开或延伸公交线路至园区。"}},
	{"消防验收整改意见不明确", []string{"企业新建仓库已完成消防设施安装，申请消防验收未通过。", "整改意见较为笼统，企业不知如何整改。", "希望住建部门派专人现场指导。"}},
}

// The parts of an enterprise's name and of what an appeal says about it.
var (
	places     = []string{"娄星", "双峰", "涟源", "冷水江", "新化", "雨湖", "岳塘", "湘乡", "天心", "岳麓", "开福", "芙蓉", "望城", "浏阳", "宁乡", "醴陵", "邵东", "耒阳"}
	brands     = []string{"湘韵", "华鑫", "金源", "宏达", "恒通", "瑞丰", "博远", "兴旺", "德隆", "嘉禾", "天成", "鑫盛", "振兴", "中联", "三友", "新锐", "永安", "龙腾", "楚天", "银河"}
	industries = []string{"机械制造", "电子科技", "食品", "建材", "物流", "医药", "纺织", "新能源", "农业开发", "商贸", "建筑工程", "精密铸造", "包装材料", "汽车零部件"}
	suffixes   = []string{"有限公司", "有限责任公司", "股份有限公司"}
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "曾", "彭", "谭", "邓", "罗", "贺"}
	givens     = []string{"建国", "志强", "晓燕", "丽华", "国栋", "海燕", "文", "静", "凯", "红梅", "卫东", "新民", "小军", "雅琴"}
	fillers    = []string{
		"此事已持续数月，企业多次与相关部门沟通，始终没有明确答复。",
		"企业已按要求提交全部材料，并多次电话询问办理进度。",
		"该问题直接影响企业的生产经营和下一步投资计划。",
		"企业负责人表示，希望通过营商环境直通车反映问题，尽快得到解决。",
		"企业对当地营商环境总体认可，但此事确实给企业带来很大困难。",
		"企业愿意积极配合有关部门的工作，按要求补充相关材料。",
		"如需了解详细情况，可与企业联系人电话联系。",
		"恳请有关部门高度重视，协调解决企业的实际困难。",
	}
)

// draft is one appeal as the intake seat registers it.
type draft struct {
	channel     appeal.Channel
	typ         appeal.Type
	categoryID  int64
	territoryID int64
	title       string
	content     string
	enterprise  string
	contactName string
	phone       string
}

// channels and types weighted as the hotlines bring them.
var (
	draftChannels = []appeal.Channel{appeal.Hotline12345, appeal.Hotline12345, appeal.Hotline12345, appeal.Hotline12345,
		appeal.HotlinePriv, appeal.HotlinePriv, appeal.VisitCh, appeal.Symposium, appeal.OpenDay, appeal.Portal}
	draftTypes = []appeal.Type{appeal.Help, appeal.Help, appeal.Help, appeal.Help, appeal.Consult, appeal.Consult,
		appeal.Consult, appeal.Complaint, appeal.Complaint, appeal.Suggestion}
)

// newDraft makes an appeal with rng, in one of the territories and
// categories given (either may be empty).
func newDraft(rng *rand.Rand, territories, categories []int64) draft {
	t := topics[rng.IntN(len(topics))]
	ent := brands[rng.IntN(len(brands))] + industries[rng.IntN(len(industries))]
	d := draft{
		channel:     draftChannels[rng.IntN(len(draftChannels))],
		typ:         draftTypes[rng.IntN(len(draftTypes))],
		enterprise:  places[rng.IntN(len(places))] + ent + suffixes[rng.IntN(len(suffixes))],
		contactName: surnames[rng.IntN(len(surnames))] + givens[rng.IntN(len(givens))],
		phone:       fmt.Sprintf("1%d%09d", 3+rng.IntN(7), rng.IntN(1_000_000_000)),
		title:       t.title,
	}
	if rng.IntN(3) == 0 { // a third name the enterprise in the title
		d.title = ent + "反映" + t.title
	}
	if len(territories) > 0 {
		d.territoryID = territories[rng.IntN(len(territories))]
	}
	if len(categories) > 0 {
		d.categoryID = categories[rng.IntN(len(categories))]
	}
	d.content = content(rng, &d, t)
	return d
}

// content tells the matter in 100 to 1,000 characters, most often 200 to 400.
func content(rng *rand.Rand, d *draft, t topic) string {
	target := 100 + rng.IntN(300)
	if rng.IntN(10) == 0 {
		target = 400 + rng.IntN(600)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "我司%s是一家%s企业，现有员工%d人。", d.enterprise, industries[rng.IntN(len(industries))], 20+rng.IntN(800))
	for _, l := range t.lines {
		b.WriteString(l)
	}
	for utf8.RuneCountInString(b.String()) < target {
		b.WriteString(fillers[rng.IntN(len(fillers))])
	}
	return truncate(b.String(), 1000)
}

// truncate cuts s to at most n characters.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// body is d as the JSON body of POST /api/v1/appeals in district.
func (d *draft) body(district int64) []byte {
	b, err := json.Marshal(api.NewAppeal{Channel: d.channel, Type: d.typ, CategoryID: d.categoryID,
		Title: d.title, Content: d.content, EnterpriseName: d.enterprise, ContactName: d.contactName,
		ContactPhone: d.phone, DistrictID: district, TerritoryID: d.territoryID})
	if err != nil {
		panic(err) // plain data
	}
	return b
}

// intake is d as the domain service takes it, in district: the same appeal
// the API registers from body.
func (d *draft) intake(district int64) appeal.Intake {
	return appeal.Intake{Channel: d.channel, Type: d.typ, CategoryID: d.categoryID, Title: d.title,
		Content: d.content, EnterpriseName: d.enterprise, ContactName: d.contactName, ContactPhone: d.phone,
		DistrictID: district, TerritoryID: d.territoryID}
}

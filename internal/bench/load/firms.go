package load

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"zhitong/internal/enterprise"
	gbt4754 "zhitong/internal/industry"
)

// The enterprises of the province: companies, 个体工商户 and cooperatives
// with valid unified social credit codes (GB 32100-2015) of their
// district's division, in the townships of the district, with a contact.

// industry is a line of business: its class (行业), the word a company's
// name carries, and what the firm does, as its appeals say it.
type industry struct {
	class, word, business, product string
}

var industries = []industry{
	{"金属制品业", "金属制品", "金属制品加工", "金属结构件"},
	{"专用设备制造业", "机械制造", "工程机械及配件生产", "工程机械配件"},
	{"通用设备制造业", "机电设备", "机电设备制造", "电机"},
	{"计算机、通信和其他电子设备制造业", "电子科技", "电子元器件研发生产", "电子元器件"},
	{"非金属矿物制品业", "新材料科技", "新型建材生产", "新型墙体材料"},
	{"食品制造业", "食品", "食品生产加工", "休闲食品"},
	{"农副食品加工业", "农产品开发", "农副产品加工", "大米和茶油"},
	{"纺织业", "纺织", "纺织品生产", "针织面料"},
	{"橡胶和塑料制品业", "塑胶", "塑料制品生产", "塑料管材"},
	{"汽车制造业", "汽车零部件", "汽车零部件制造", "汽车零部件"},
	{"医药制造业", "生物医药", "药品研发生产", "中成药"},
	{"电气机械和器材制造业", "电气", "电气设备制造", "配电设备"},
	{"道路运输业", "物流", "货物运输与仓储", "物流服务"},
	{"批发业", "商贸", "日用品批发", "日用百货"},
	{"建筑安装业", "建筑工程", "建筑工程施工", "建筑工程"},
	{"房地产业", "置业", "房地产开发", "商品房"},
	{"软件和信息技术服务业", "信息技术", "软件开发与信息服务", "软件产品"},
	{"商务服务业", "企业管理咨询", "企业管理咨询服务", "咨询服务"},
	{"餐饮业", "餐饮管理", "餐饮服务", "餐饮"},
	{"农业", "生态农业", "特色种植", "蔬菜水果"},
	{"畜牧业", "牧业", "生猪养殖", "生猪"},
	{"造纸和纸制品业", "包装材料", "纸制品包装", "包装纸箱"},
	{"化学原料和化学制品制造业", "化工", "精细化工产品生产", "化工原料"},
	{"木材加工和木、竹、藤、棕、草制品业", "竹木制品", "竹木制品加工", "竹木家具"},
}

// shops are the trades of 个体工商户, and coops those of cooperatives.
var (
	shops = []industry{
		{"餐饮业", "粉面馆", "餐饮", "米粉"}, {"零售业", "便利店", "日用品零售", "日用品"},
		{"零售业", "五金店", "五金零售", "五金"}, {"零售业", "服装店", "服装零售", "服装"},
		{"机动车、电子产品和日用产品修理业", "汽车修理店", "汽车维修", "汽车维修"},
		{"居民服务业", "理发店", "美容美发", "美发服务"}, {"零售业", "烟酒店", "烟酒零售", "烟酒"},
		{"零售业", "水果店", "水果零售", "水果"}, {"餐饮业", "农家乐", "农家乐餐饮", "农家菜"},
		{"零售业", "建材店", "建材零售", "建材"}, {"零售业", "大药房", "药品零售", "药品"},
	}
	coops = []industry{
		{"农业", "中药材种植专业合作社", "中药材种植", "中药材"}, {"畜牧业", "生态养殖专业合作社", "生态养殖", "土鸡"},
		{"农业", "果蔬种植专业合作社", "果蔬种植", "果蔬"}, {"农业", "茶叶专业合作社", "茶叶种植加工", "茶叶"},
		{"渔业", "水产养殖专业合作社", "水产养殖", "水产品"},
	}
	brandChars = []rune("鑫达宏远华晟恒通瑞丰天润博雅锦程金源盛泰嘉信德隆永祥顺利佳美凯旋创新宇辰星汇聚卓越正和昌兴鼎诚富康安海鸿融")
	roadWords  = []string{"路", "大道", "街", "中路", "北路", "南路"}
)

// firm is an enterprise and what its appeals say of it.
type firm struct {
	enterprise.Enterprise
	kind     byte // '1' company, '2' 个体工商户, '3' cooperative (the code's second character)
	trade    *industry
	district int32 // index in org.districts
	town     int32 // index in the district's towns
}

// firmsFor is how many enterprises a load of n appeals gets.
func firmsFor(n int) int { return max(50, n/20) }

// buildFirms makes n enterprises, shared among the districts by their
// weight (busier districts have more) and given ids from 1. Within each
// district a few firms bring most of its appeals: each district's firms
// are ranked by a Zipf-like activity.
func buildFirms(r *rand.Rand, o *org, n int, start time.Time) []firm {
	shares := make([]float64, len(o.districts))
	total := 0.0
	for i, d := range o.districts {
		shares[i] = math.Pow(d.weight, 0.8)
		total += shares[i]
	}
	codes := map[string]bool{}
	firms := make([]firm, 0, n)
	for i, d := range o.districts {
		k := max(3, int(math.Round(float64(n)*shares[i]/total)))
		if i == len(o.districts)-1 {
			k = max(3, n-len(firms))
		}
		for j := 0; j < k; j++ {
			f := newFirm(r, o, d, int32(i), codes, start)
			f.ID = int64(len(firms) + 1)
			d.firms = append(d.firms, int32(len(firms)))
			firms = append(firms, f)
		}
		d.firmCum = make([]float64, len(d.firms))
		sum := 0.0
		for rank := range d.firms {
			sum += 1 / math.Pow(float64(rank+1), 0.7)
			d.firmCum[rank] = sum
		}
	}
	return firms
}

func newFirm(r *rand.Rand, o *org, d *district, di int32, codes map[string]bool, start time.Time) firm {
	ti := int32(r.IntN(len(d.towns)))
	town := d.towns[ti].name
	f := firm{district: di, town: ti}
	switch x := r.IntN(100); {
	case x < 70:
		f.kind, f.trade = '1', &industries[r.IntN(len(industries))]
		f.Name = companyName(r, d, f.trade)
	case x < 94:
		f.kind, f.trade = '2', &shops[r.IntN(len(shops))]
		f.Name = d.name + town + string(surnames[zipfIndex(r, len(surnames), 0.6)]) + "记" + f.trade.word
	default:
		f.kind, f.trade = '3', &coops[r.IntN(len(coops))]
		f.Name = d.city.short + "市" + string([]rune(town)[:2]) + f.trade.word
	}
	f.CreditCode = creditCode(r, f.kind, d.code, codes)
	f.DistrictID, f.TerritoryID = d.id, d.towns[ti].unit
	f.Industry = f.trade.class
	if div, ok := gbt4754.Find(f.Industry); ok {
		f.IndustryCode = div.Code
	}
	f.Address = fmt.Sprintf("%s%s%s%s%d号", d.name, town, brand(r), roadWords[r.IntN(len(roadWords))], 1+r.IntN(388))
	f.ContactName, f.ContactPhone = personName(r), mobile(r)
	f.CreatedAt = start.Add(-time.Duration(r.IntN(730*24)) * time.Hour)
	return f
}

func companyName(r *rand.Rand, d *district, ind *industry) string {
	var b strings.Builder
	switch x := r.IntN(100); {
	case x < 35:
		b.WriteString("湖南")
	case x < 70:
		b.WriteString(d.city.short + "市")
	default:
		b.WriteString(d.name)
	}
	b.WriteString(brand(r))
	b.WriteString(ind.word)
	switch x := r.IntN(100); {
	case x < 5:
		b.WriteString("股份有限公司")
	case x < 15:
		b.WriteString("有限责任公司")
	default:
		b.WriteString("有限公司")
	}
	return b.String()
}

// brand is two characters of a trade name.
func brand(r *rand.Rand) string {
	a := r.IntN(len(brandChars))
	b := (a + 1 + r.IntN(len(brandChars)-1)) % len(brandChars)
	return string([]rune{brandChars[a], brandChars[b]})
}

// The characters of an organisation code (GB 11714) in a credit code.
const orgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCode makes a new valid unified social credit code: registered by
// market supervision (9), of the kind, in the division, with an
// organisation code whose own check character is right (GB 11714), and the
// code's check character (enterprise.CreditCheckChar). Companies have the
// old numeric organisation codes, the others the newer "MA4…" ones.
func creditCode(r *rand.Rand, kind byte, division string, seen map[string]bool) string {
	for {
		var b strings.Builder
		if kind == '1' {
			for range 8 {
				b.WriteByte(byte('0' + r.IntN(10)))
			}
		} else {
			b.WriteString("MA4")
			for range 5 {
				b.WriteByte(orgChars[r.IntN(len(orgChars))])
			}
		}
		org := b.String()
		first := "9" + string(kind) + division + org + string(enterprise.OrgCodeCheckChar(org))
		code := first + string(enterprise.CreditCheckChar(first))
		if !seen[code] {
			seen[code] = true
			return code
		}
	}
}

// pickCum draws an index by cumulative weights.
func pickCum(r *rand.Rand, cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	return min(sort.SearchFloat64s(cum, x), len(cum)-1)
}

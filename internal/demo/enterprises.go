package demo

import (
	"context"
	"fmt"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/enterprise"
	"zhitong/internal/unit"
)

// Kinds of market entity, by the second character of the credit code.
const (
	company = "1" // 企业
	sole    = "2" // 个体工商户
	coop    = "3" // 农民专业合作社
)

// firm is a demo market entity. The four companies of the seed are real
// names; the rest, and every person, are made up.
type firm struct {
	name, kind, territory, industry, address, contact string
}

// The four companies named in the seed.
const (
	Ligang   = "湖南利钢金属制品有限公司"
	Haite    = "娄底海特科技发展有限公司"
	Yongan   = "湖南永安煤矿机械制造有限公司"
	Chaoyang = "娄底市朝阳塑胶有限公司"
)

// SeedCompanies lists the four companies of the seed.
var SeedCompanies = []string{Ligang, Haite, Yongan, Chaoyang}

var firms = []firm{
	{Ligang, company, "万宝镇", "金属制品业", "娄星区万宝镇工业集中区", "杨慧"},
	{Haite, company, "大科街道", "专用设备制造业", "娄星区大科街道娄底经济技术开发区创业大道", "邓志远"},
	{Yongan, company, "水洞底镇", "专用设备制造业", "娄星区水洞底镇工业园", "李国华"},
	{Chaoyang, company, "茶园镇", "橡胶和塑料制品业", "娄星区茶园镇茶园村", "朱建新"},
	{"娄底市星辰机电设备有限公司", company, "乐坪街道", "通用设备制造业", "娄星区乐坪街道氐星路", "彭志刚"},
	{"湖南华晟电子科技有限公司", company, "大科街道", "计算机、通信和其他电子设备制造业", "娄星区大科街道科技产业园", "刘晓东"},
	{"湖南杉山新材料科技有限公司", company, "杉山镇", "非金属矿物制品业", "娄星区杉山镇杉山村", "曾红霞"},
	{"娄底市万宝建材有限公司", company, "万宝镇", "非金属矿物制品业", "娄星区万宝镇万宝村", "吴建军"},
	{"娄底市涟滨物流有限公司", company, "涟滨街道", "道路运输业", "娄星区涟滨街道湘中大道", "谭新华"},
	{"娄底市长青餐饮管理有限公司", company, "长青街道", "餐饮业", "娄星区长青街道长青中街", "王丽萍"},
	{"娄底市花山旅游开发有限公司", company, "花山街道", "商务服务业", "娄星区花山街道花山路", "肖云峰"},
	{"娄底市黄泥塘商贸有限公司", company, "黄泥塘街道", "批发业", "娄星区黄泥塘街道吉星路", "周小兵"},
	{"湖南石井汽车零部件有限公司", company, "石井街道", "汽车制造业", "娄星区石井街道工业园", "胡建平"},
	{"娄底市大埠桥粮油贸易有限公司", company, "大埠桥街道", "批发业", "娄星区大埠桥街道大埠桥社区", "邹德华"},
	{"湖南茶园生态农业有限公司", company, "茶园镇", "农业", "娄星区茶园镇红星村", "廖春梅"},
	{"娄底市水洞底机械加工有限公司", company, "水洞底镇", "通用设备制造业", "娄星区水洞底镇水洞底社区", "李志强"},
	{"湖南小碧竹木制品有限公司", company, "小碧乡", "木材加工和木、竹、藤、棕、草制品业", "娄星区小碧乡小碧村", "段红军"},
	{"娄底市鑫达钢结构工程有限公司", company, "乐坪街道", "建筑安装业", "娄星区乐坪街道娄星北路", "刘卫国"},
	{"娄底市宏远包装材料有限公司", company, "石井街道", "造纸和纸制品业", "娄星区石井街道石井社区", "颜俊"},
	{"湖南锦程纺织有限公司", company, "万宝镇", "纺织业", "娄星区万宝镇丁家村", "黄丽华"},
	{"娄底市天润食品有限公司", company, "花山街道", "食品制造业", "娄星区花山街道月塘社区", "袁小军"},
	{"娄底市恒通驾驶培训有限公司", company, "大埠桥街道", "教育", "娄星区大埠桥街道娄涟路", "曹国庆"},
	{"娄底市博雅教育咨询有限公司", company, "长青街道", "商务服务业", "娄星区长青街道春园路", "梁静"},
	{"湖南宏旺新能源科技有限公司", company, "大科街道", "电气机械和器材制造业", "娄星区大科街道新能源产业园", "龙海波"},
	{"娄底市瑞丰汽车销售服务有限公司", company, "黄泥塘街道", "零售业", "娄星区黄泥塘街道湘阳街", "谢志军"},
	{"娄底市蛇形山中药材种植专业合作社", coop, "蛇形山镇", "农业", "娄星区蛇形山镇蛇形山村", "唐有才"},
	{"娄底市双江生态养殖专业合作社", coop, "双江乡", "畜牧业", "娄星区双江乡双江村", "聂建华"},
	{"娄星区乐坪街道李记粉面馆", sole, "乐坪街道", "餐饮业", "娄星区乐坪街道乐坪大道", "李建军"},
	{"娄星区花山街道王氏五金店", sole, "花山街道", "零售业", "娄星区花山街道花山路", "王国强"},
	{"娄星区长青街道芳芳服装店", sole, "长青街道", "零售业", "娄星区长青街道长青中街", "刘芳"},
	{"娄星区万宝镇刘师傅汽车修理店", sole, "万宝镇", "机动车、电子产品和日用产品修理业", "娄星区万宝镇万宝街", "刘海军"},
	{"娄星区大科街道好邻居便利店", sole, "大科街道", "零售业", "娄星区大科街道大科社区", "周丽"},
	{"娄星区茶园镇阳光农家乐", sole, "茶园镇", "餐饮业", "娄星区茶园镇茶园村", "阳春生"},
	{"湖南双峰农机制造有限公司", company, "永丰街道", "专用设备制造业", "双峰县永丰街道工业园", "朱志华"},
	{"双峰县荷叶湘莲食品有限公司", company, "荷叶镇", "农副食品加工业", "双峰县荷叶镇荷叶村", "曾莲英"},
	{"双峰县永丰街道陈记烟酒店", sole, "永丰街道", "零售业", "双峰县永丰街道人民路", "陈新民"},
}

func (s *seeder) seedEnterprises(ctx context.Context, r *Result) error {
	s.clock.t = s.day(110)
	codes := map[string]bool{}
	for i, f := range firms {
		t, ok := s.unit[f.territory]
		if !ok {
			return fmt.Errorf("enterprise %s: no territory %s", f.name, f.territory)
		}
		d := s.unitByID(t.DistrictID)
		code := s.creditCode(f.kind, d.Code, codes)
		e := &enterprise.Enterprise{CreditCode: code, Name: f.name, DistrictID: t.DistrictID, TerritoryID: t.ID,
			Industry: f.industry, Address: f.address, ContactName: f.contact, ContactPhone: fmt.Sprintf("1387388%04d", 2000+i*53)}
		if err := s.enterprises.Create(ctx, s.sys, e); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		acc := &account.EnterpriseAccount{EnterpriseID: e.ID, Name: e.ContactName, Phone: e.ContactPhone,
			Confirmed: true, CreatedAt: s.clock.Now()}
		if f.name == Ligang || f.name == Haite || f.name == Yongan || f.name == Chaoyang {
			// The companies of the news report sign in on the portal with the
			// demo password; the others' accounts have none.
			var err error
			if acc.PasswordHash, err = account.HashPassword(DemoPassword); err != nil {
				return err
			}
			r.Companies = append(r.Companies, Company{Name: e.Name, Phone: acc.Phone})
		}
		if err := s.st.CreateEnterpriseAccount(ctx, acc); err != nil {
			return err
		}
		s.ent[e.Name] = e
		s.entList = append(s.entList, e)
		s.entActor[e.Name] = &account.Actor{EnterpriseID: e.ID, AccountID: acc.ID, Name: acc.Name}
		r.Enterprises++
	}
	return nil
}

func (s *seeder) unitByID(id int64) *unit.Unit {
	for _, u := range s.unitList {
		if u.ID == id {
			return u
		}
	}
	return nil
}

// The characters of an organisation code (GB 11714) that a credit code may
// also hold: digits and capitals without I, O, Z, S and V.
const orgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCode makes a new valid unified social credit code (GB 32100-2015):
// registered by market supervision (9), of the kind, in the division, with
// an organisation code whose own check character is right (GB 11714), and
// the code's check character. Companies get the old numeric organisation
// codes, 个体工商户 and cooperatives the newer "MA4…" ones.
func (s *seeder) creditCode(kind, division string, seen map[string]bool) string {
	for {
		var b strings.Builder
		if kind == company {
			for range 8 {
				b.WriteByte(byte('0' + s.rng.IntN(10)))
			}
		} else {
			b.WriteString("MA4")
			for range 5 {
				b.WriteByte(orgChars[s.rng.IntN(len(orgChars))])
			}
		}
		org := b.String()
		org += string(enterprise.OrgCodeCheckChar(org))
		first := "9" + kind + division + org
		code := first + string(enterprise.CreditCheckChar(first))
		if !seen[code] {
			seen[code] = true
			return code
		}
	}
}

package demo

import (
	"context"
	"fmt"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
)

// The categories of appeals, with their codes.
var categories = []struct{ code, name string }{
	{"financing", "融资"}, {"land", "用地"}, {"approval", "审批"}, {"labor", "用工"}, {"utilities", "水电气"},
	{"arrears", "拖欠账款"}, {"enforcement", "执法监管"}, {"policy", "政策兑现"}, {"other", "其他"},
}

func (s *seeder) seedCategories(ctx context.Context, r *Result) error {
	for _, c := range categories {
		cat := &appeal.Category{Code: c.code, Name: c.name}
		if err := s.appeals.CreateCategory(ctx, s.sys, cat); err != nil {
			return err
		}
		s.cat[c.name] = cat.ID
	}
	return nil
}

// person is a demo officer. The people are made up.
type person struct {
	username, name, unit string
	roles                []account.Role
}

// The usernames the stories refer to.
const (
	seatLi      = "zx_lixiaoyan"   // 12345 政企通专席
	seatWang    = "zx_wangdan"     // 12345 政企通专席
	fedLiu      = "gsl_liujianhua" // 区工商联
	fedChen     = "gsl_chenmin"    // 区工商联
	officeZhou  = "yhb_zhouzhiqiang"
	officeXie   = "yhb_xieyaqin"
	cityHe      = "sztc_helixin"     // 市直通车办
	cityDeng    = "syhb_dengchunhua" // 市优化办
	cadreLuo    = "lqgb_luozhiyong"  // 联企干部
	leaderPeng  = "ld_pengjianguo"   // 区长
	disciplineT = "jw_tangwenbin"
	sfFed       = "sf_gsl_zhuhongmei"
	sfOffice    = "sf_yhb_zouwei"
)

// officers are the demo's people apart from the handlers of units.
var officers = []person{
	{seatLi, "李晓燕", "12345政企通专席", []account.Role{account.Intake}},
	{seatWang, "王丹", "12345政企通专席", []account.Role{account.Intake}},
	{fedLiu, "刘建华", "区工商联", []account.Role{account.Federation}},
	{fedChen, "陈敏", "区工商联", []account.Role{account.Federation}},
	{officeZhou, "周志强", "区优化办", []account.Role{account.Office}},
	{officeXie, "谢雅琴", "区优化办", []account.Role{account.Office}},
	{cityHe, "贺立新", "市直通车办", []account.Role{account.CityOffice}},
	{cityDeng, "邓春华", "市优化办", []account.Role{account.CityOffice}},
	{cadreLuo, "罗志勇", "区工信局", []account.Role{account.Cadre}},
	{leaderPeng, "彭建国", "娄星区", []account.Role{account.Leader}},
	{"ld_zengdeming", "曾德明", "娄星区", []account.Role{account.Leader}},
	{disciplineT, "唐文斌", "区纪委监委", []account.Role{account.Discipline}},
	{"admin_sys_sunhao", "孙浩", "娄底市", []account.Role{account.SysAdmin}},
	{"admin_sec_wangjing", "汪静", "娄底市", []account.Role{account.SecAdmin}},
	{"admin_audit_gonglei", "龚磊", "娄底市", []account.Role{account.Auditor}},
	{sfFed, "朱红梅", "县工商联", []account.Role{account.Federation}},
	{sfOffice, "邹伟", "县优化办", []account.Role{account.Office}},
}

// handlers gives every unit that handles tasks one handler, with the
// username's stem.
var handlers = []struct{ unit, stem, name string }{
	{"乐坪街道", "lepingjd", "肖海燕"}, {"花山街道", "huashanjd", "颜志刚"}, {"长青街道", "changqingjd", "吴丽娟"},
	{"大科街道", "dakejd", "梁国栋"}, {"黄泥塘街道", "huangnitangjd", "邓艳"}, {"涟滨街道", "lianbinjd", "胡小军"},
	{"石井街道", "shijingjd", "康雪梅"}, {"大埠桥街道", "dabuqiaojd", "龙建平"}, {"杉山镇", "shanshanzhen", "阳光辉"},
	{"万宝镇", "wanbaozhen", "曹文华"}, {"水洞底镇", "shuidongdizhen", "李卫东"}, {"蛇形山镇", "shexingshanzhen", "袁芳"},
	{"茶园镇", "chayuanzhen", "廖新民"}, {"双江乡", "shuangjiangxiang", "聂小红"}, {"小碧乡", "xiaobixiang", "段志明"},
	{"区发改局", "fgj", "谭文"}, {"区行审局", "xsj", "彭丽"}, {"区工信局", "gxj", "曾凯"}, {"区人社局", "rsj", "贺玲"},
	{"区住建局", "zjj", "刘德胜"}, {"区市场监管局", "scjgj", "王静"}, {"区自然资源局", "zrzyj", "周斌"},
	{"区财政局", "czj", "罗红"}, {"区商务局", "swj", "朱涛"}, {"区生态环境局", "sthjj", "易晓燕"},
	{"区税务局", "shuiwu", "戴明"}, {"国网娄星供电公司", "gongdian", "黄志华"}, {"娄星区供水公司", "gongshui", "彭勇"},
	{"娄星区燃气公司", "ranqi", "谢军"},
	{"永丰街道", "sf_yongfengjd", "颜丽"}, {"荷叶镇", "sf_heyezhen", "朱伟"}, {"县住建局", "sf_zjj", "曾红"},
}

func (s *seeder) seedUsers(ctx context.Context, r *Result) error {
	people := append([]person(nil), officers...)
	for _, h := range handlers {
		name := "lx_" + h.stem
		if len(h.stem) > 3 && h.stem[:3] == "sf_" {
			name = h.stem
		}
		people = append(people, person{name, h.name, h.unit, []account.Role{account.Handler}})
		s.handler[h.unit] = name
	}
	for i, p := range people {
		u, ok := s.unit[p.unit]
		if !ok {
			return fmt.Errorf("user %s: no unit %s", p.username, p.unit)
		}
		user := &account.User{Username: p.username, Name: p.name, UnitID: u.ID, Roles: p.roles,
			Phone: fmt.Sprintf("1397388%04d", 1000+i*37)}
		if err := s.accounts.CreateUser(ctx, user); err != nil {
			return err
		}
		a, err := s.accounts.ActorFor(ctx, user, account.ScopeFull)
		if err != nil {
			return err
		}
		s.user[p.username], s.actor[p.username] = user, a
		s.userList = append(s.userList, user)
		r.Users++
	}
	return nil
}

// seedTokens gives every demo user a full token, the demo password and,
// where the roles require one, a second factor, at the demo's end.
func (s *seeder) seedTokens(ctx context.Context, r *Result, ttl time.Duration) error {
	s.clock.t = s.end
	names := map[int64]string{}
	for _, u := range s.unitList {
		names[u.ID] = u.Name
	}
	for _, u := range s.userList {
		secret, t, err := s.accounts.CreateToken(ctx, u.ID, "demo", account.ScopeFull, ttl)
		if err != nil {
			return err
		}
		tok := Token{Username: u.Username, Name: u.Name, Unit: names[u.UnitID],
			Roles: u.Roles, Scope: t.Scope, Secret: secret, ExpiresAt: t.ExpiresAt, Password: DemoPassword}
		if err := s.accounts.SetPassword(ctx, account.SystemActor(), u.ID, DemoPassword, true); err != nil {
			return fmt.Errorf("demo user %s: password: %w", u.Username, err)
		}
		if account.RequiresTOTP(u.Roles) {
			if tok.TOTP, err = s.accounts.EnableTOTP(ctx, account.SystemActor(), u.ID); err != nil {
				return fmt.Errorf("demo user %s: second factor: %w", u.Username, err)
			}
		}
		r.Tokens = append(r.Tokens, tok)
	}
	return nil
}

package demo

import (
	"context"

	"zhitong/internal/unit"
)

// node is one unit of the demo tree and the units below it.
type node struct {
	name     string
	code     string
	level    unit.Level
	kind     unit.Kind
	caps     []unit.Capability
	assessed bool
	kids     []node
}

func region(name, code string, level unit.Level, kids ...node) node {
	return node{name: name, code: code, level: level, kind: unit.Region, kids: kids}
}

// office is a unit that carries an office's capability and is not assessed.
func office(name string, level unit.Level, c unit.Capability) node {
	return node{name: name, level: level, kind: unit.Department, caps: []unit.Capability{c}}
}

func township(name, code string) node {
	return node{name: name, code: code, level: unit.Township, kind: unit.TownshipK, assessed: true}
}

func dept(name string) node {
	return node{name: name, level: unit.District, kind: unit.Department, assessed: true}
}

func vertical(name string) node {
	return node{name: name, level: unit.District, kind: unit.Vertical, assessed: true}
}

// The district's units that handle tasks, by kind, in the order of the tree.
var (
	louxingTownships = []node{
		township("乐坪街道", "431302001"), township("花山街道", "431302002"), township("长青街道", "431302003"),
		township("大科街道", "431302004"), township("黄泥塘街道", "431302005"), township("涟滨街道", "431302006"),
		township("石井街道", "431302007"), township("大埠桥街道", "431302008"),
		township("杉山镇", "431302101"), township("万宝镇", "431302102"), township("水洞底镇", "431302103"),
		township("蛇形山镇", "431302104"), township("茶园镇", "431302105"),
		township("双江乡", "431302201"), township("小碧乡", "431302202"),
	}
	louxingDepts = []node{
		dept("区发改局"), dept("区行审局"), dept("区工信局"), dept("区人社局"), dept("区住建局"),
		dept("区市场监管局"), dept("区自然资源局"), dept("区财政局"), dept("区商务局"), dept("区生态环境局"),
	}
	louxingVerticals = []node{
		vertical("区税务局"), vertical("国网娄星供电公司"), vertical("娄星区供水公司"), vertical("娄星区燃气公司"),
	}
)

// tree is the demo deployment: the province, the city with its offices, the
// district of the seed with everything in it, and a second, small district
// (双峰县) so that scope can be seen.
func tree() node {
	louxing := region("娄星区", "431302", unit.District,
		office("区工商联", unit.District, unit.Federation),
		office("区优化办", unit.District, unit.Office),
		office("12345政企通专席", unit.District, unit.Hotline),
		office("区纪委监委", unit.District, unit.Discipline))
	louxing.kids = append(louxing.kids, louxingTownships...)
	louxing.kids = append(louxing.kids, louxingDepts...)
	louxing.kids = append(louxing.kids, louxingVerticals...)
	shuangfeng := region("双峰县", "431321", unit.District,
		office("县工商联", unit.District, unit.Federation),
		office("县优化办", unit.District, unit.Office),
		township("永丰街道", "431321001"), township("荷叶镇", "431321101"), township("井字镇", "431321102"),
		dept("县住建局"), dept("县市场监管局"), vertical("国网双峰供电公司"))
	loudi := region("娄底市", "431300", unit.City,
		office("市直通车办", unit.City, unit.CityOffice),
		office("市优化办", unit.City, unit.Office),
		louxing, shuangfeng)
	return region("湖南省", "430000", unit.Province, loudi)
}

func (s *seeder) seedUnits(ctx context.Context, r *Result) error {
	s.clock.t = s.day(120)
	return s.addUnit(ctx, tree(), 0, r)
}

func (s *seeder) addUnit(ctx context.Context, n node, parent int64, r *Result) error {
	u := &unit.Unit{ParentID: parent, Code: n.code, Name: n.name, Level: n.level, Kind: n.kind,
		Capabilities: n.caps, Assessed: n.assessed}
	if err := s.units.Create(ctx, s.sys, u); err != nil {
		return err
	}
	s.unit[u.Name] = u
	s.unitList = append(s.unitList, u)
	r.Units++
	for _, k := range n.kids {
		if err := s.addUnit(ctx, k, u.ID, r); err != nil {
			return err
		}
	}
	return nil
}

package load

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/unit"
)

// The organisation of the province: 湖南省, its cities, their districts,
// and in each district the offices, townships, departments and vertically
// managed units, with their officers. Ids are given in the order
// sqlstore.CreateUnit would give them when the tree is created top down,
// and each unit's path and district are what it computes.

// officer is a user the stories act as.
type officer struct {
	id   int64
	name string
	unit int64
	ip   string // the address their requests come from
}

// handling is a unit that handles tasks, with its handler.
type handling struct {
	unit    int64
	name    string
	handler int32 // index in org.officers
}

// district is a district (or county) with everything the stories need of it.
type district struct {
	id     int64
	code   string // the division code, six digits
	name   string
	city   *city
	weight float64 // its share of the appeals, before normalising

	intake, fed, office, leader, cadre int32 // officers, indexes in org.officers

	towns []handling       // 乡镇街道
	units map[string]int32 // the departments and vertical units by key (deptKeys, verticalKeys), indexes in hs
	hs    []handling       // every handling unit: towns, then departments, then vertical units

	firms   []int32   // its enterprises, most active first (indexes in gen.firms)
	firmCum []float64 // cumulative activity weights of firms
	appeals int       // how many appeals it owns
	tasks   []int     // tasks per handling unit (index in hs)
}

// city is a prefecture with its office.
type city struct {
	id      int64
	name    string
	short   string
	code    string
	office  int32       // the officer of the city office (市直通车办), index in org.officers
	numbers map[int]int // the last number it gave an appeal assigned down, by year
}

// org is the organisation and its people, ready to be written.
type org struct {
	units     []unit.Unit
	users     []account.User
	officers  []officer
	province  int64
	leader    int32 // the province's leader
	auditor   int32
	cities    []*city
	districts []*district
	distCum   []float64 // cumulative weights of districts
}

// The department keys of every district, as the phrase tables name the
// units that handle a matter, and their names after the district's.
var deptKeys = []string{"发改局", "行审局", "工信局", "人社局", "住建局", "市场监管局", "自然资源局", "财政局", "商务局",
	"生态环境局", "城管局", "交通运输局", "农业农村局", "教育局", "卫健局"}

// The vertically managed units and utilities of every district.
var verticalKeys = []string{"税务局", "供电", "供水", "燃气"}

// countyCounts are the county-level divisions of each city in Hunan, by
// which the districts of a smaller province are shared out.
var countyCounts = []int{9, 9, 5, 12, 12, 9, 9, 4, 6, 11, 11, 13, 5, 8}

// districtsFor is how many districts a load of n appeals gets: about one
// per 2,000 appeals, at least 4 (two cities of two), at most Hunan's 122.
func districtsFor(n int) int { return min(max(n/2000, 4), 122) }

// orgBuilder gives ids in creation order.
type orgBuilder struct {
	o       *org
	r       *rand.Rand
	at      time.Time
	names   *namer
	nextIP  int
	userSeq map[string]int
}

// buildOrg makes the organisation with nd districts; every row is dated at.
func buildOrg(r *rand.Rand, nd int, at time.Time) *org {
	b := &orgBuilder{o: &org{}, r: r, at: at, names: newNamer(r), userSeq: map[string]int{}}
	prov := b.unit(unit.Unit{Name: "湖南省", Code: "430000", Level: unit.Province, Kind: unit.Region}, nil)
	b.o.province = prov.ID
	b.o.leader = b.user(prov, "430000_ld", account.Leader)
	b.o.auditor = b.user(prov, "430000_audit", account.Auditor)
	nc := min(max((nd+8)/9, 2), len(cityNames))
	for i, n := range shareOut(nd, nc) {
		b.city(prov, i, n)
	}
	b.weigh()
	return b.o
}

// shareOut divides nd districts among nc cities in proportion to Hunan's.
func shareOut(nd, nc int) []int {
	total := 0
	for _, c := range countyCounts[:nc] {
		total += c
	}
	out := make([]int, nc)
	given := 0
	for i := range out {
		out[i] = max(1, nd*countyCounts[i]/total)
		given += out[i]
	}
	for i := 0; given < nd; i = (i + 1) % nc {
		out[i]++
		given++
	}
	for i := nc - 1; given > nd; i = (i + nc - 1) % nc {
		if out[i] > 1 {
			out[i]--
			given--
		}
	}
	return out
}

func (b *orgBuilder) city(prov *unit.Unit, i, nd int) {
	cn := cityNames[i]
	cu := b.unit(unit.Unit{Name: cn.name, Code: cn.code, Level: unit.City, Kind: unit.Region}, prov)
	c := &city{id: cu.ID, name: cn.name, short: cn.short, code: cn.code, numbers: map[int]int{}}
	ztc := b.unit(office(cn.short+"市直通车办", unit.City, unit.CityOffice), cu)
	b.unit(office(cn.short+"市优化办", unit.City, unit.Office), cu)
	c.office = b.user(ztc, cn.code+"_ztc", account.CityOffice)
	b.o.cities = append(b.o.cities, c)
	urban := max(1, nd/3)
	for k := 0; k < nd; k++ {
		suffix, code := "区", fmt.Sprintf("%s%02d", cn.code[:4], 2+k)
		switch {
		case k >= urban && k%4 == 3:
			suffix, code = "市", fmt.Sprintf("%s%02d", cn.code[:4], 81+k)
		case k >= urban:
			suffix, code = "县", fmt.Sprintf("%s%02d", cn.code[:4], 21+k)
		}
		b.district(c, cu, b.names.next()+suffix, code, suffix == "区")
	}
}

func office(name string, level unit.Level, c unit.Capability) unit.Unit {
	return unit.Unit{Name: name, Level: level, Kind: unit.Department, Capabilities: []unit.Capability{c}}
}

func (b *orgBuilder) district(c *city, cu *unit.Unit, name, code string, urban bool) {
	du := b.unit(unit.Unit{Name: name, Code: code, Level: unit.District, Kind: unit.Region}, cu)
	d := &district{id: du.ID, code: code, name: name, city: c, units: map[string]int32{}}
	fed := b.unit(office(name+"工商联", unit.District, unit.Federation), du)
	off := b.unit(office(name+"优化办", unit.District, unit.Office), du)
	hot := b.unit(office(name+"12345政企通专席", unit.District, unit.Hotline), du)
	b.unit(office(name+"纪委监委", unit.District, unit.Discipline), du)
	d.intake = b.user(hot, code+"_zx", account.Intake)
	d.fed = b.user(fed, code+"_gsl", account.Federation)
	d.office = b.user(off, code+"_yhb", account.Office)
	d.leader = b.user(du, code+"_ld", account.Leader)
	nt := 10 + b.r.IntN(11)
	for k := 0; k < nt; k++ {
		suffix, n := b.townKind(urban)
		tu := b.unit(unit.Unit{Name: b.names.next() + suffix, Code: fmt.Sprintf("%s%03d", code, n+k), Level: unit.Township,
			Kind: unit.TownshipK, Assessed: true}, du)
		d.towns = append(d.towns, b.handling(d, tu, ""))
	}
	for _, k := range deptKeys {
		u := b.unit(unit.Unit{Name: name + k, Level: unit.District, Kind: unit.Department, Assessed: true}, du)
		b.handling(d, u, k)
		if k == "工信局" {
			d.cadre = b.user(u, code+"_lqgb", account.Cadre)
		}
	}
	short := []rune(name)
	for _, k := range verticalKeys {
		n := map[string]string{"税务局": "国家税务总局" + name + "税务局", "供电": "国网" + string(short[:2]) + "供电公司",
			"供水": name + "供水公司", "燃气": name + "燃气公司"}[k]
		u := b.unit(unit.Unit{Name: n, Level: unit.District, Kind: unit.Vertical, Assessed: true}, du)
		b.handling(d, u, k)
	}
	d.tasks = make([]int, len(d.hs))
	b.o.districts = append(b.o.districts, d)
}

// townKind returns the suffix of a new township and the first number of
// its kind in the division code: 街道 001, 镇 101, 乡 201.
func (b *orgBuilder) townKind(urban bool) (string, int) {
	x := b.r.IntN(100)
	street, town := 15, 75
	if urban {
		street, town = 60, 95
	}
	switch {
	case x < street:
		return "街道", 1
	case x < town:
		return "镇", 101
	}
	return "乡", 201
}

// handling adds u to d's handling units under key ("" for a township) and
// gives it a handler.
func (b *orgBuilder) handling(d *district, u *unit.Unit, key string) handling {
	h := handling{unit: u.ID, name: u.Name, handler: b.user(u, d.code+"_h"+strconv.Itoa(len(d.hs)+1), account.Handler)}
	if key != "" {
		d.units[key] = int32(len(d.hs))
	}
	d.hs = append(d.hs, h)
	return h
}

// unit adds u under parent with the next id, and its path and district as
// sqlstore.CreateUnit makes them, and returns a copy of it.
func (b *orgBuilder) unit(u unit.Unit, parent *unit.Unit) *unit.Unit {
	u.ID = int64(len(b.o.units) + 1)
	u.Active = true
	path := "/"
	if parent != nil {
		u.ParentID, path, u.DistrictID = parent.ID, parent.Path, parent.DistrictID
	}
	u.Path = path + strconv.FormatInt(u.ID, 10) + "/"
	if u.Level == unit.District && u.Kind == unit.Region {
		u.DistrictID = u.ID
	}
	b.o.units = append(b.o.units, u)
	return &u
}

// user adds an officer of u with one role and returns its index.
func (b *orgBuilder) user(u *unit.Unit, username string, role account.Role) int32 {
	id := int64(len(b.o.users) + 1)
	name := personName(b.r)
	b.o.users = append(b.o.users, account.User{ID: id, Username: username, Name: name, Phone: mobile(b.r), UnitID: u.ID,
		Roles: []account.Role{role}, Active: true, CreatedAt: b.at})
	b.nextIP++
	ip := fmt.Sprintf("10.%d.%d.%d", 20+b.nextIP/62500, b.nextIP/250%250, 1+b.nextIP%250)
	b.o.officers = append(b.o.officers, officer{id: id, name: name, unit: u.ID, ip: ip})
	return int32(len(b.o.officers) - 1)
}

// weigh gives the districts their shares of the appeals: a few busy, most
// quiet (Zipf-like over a shuffled order, so that the busiest is anywhere).
func (b *orgBuilder) weigh() {
	ds := b.o.districts
	order := b.r.Perm(len(ds))
	total := 0.0
	b.o.distCum = make([]float64, len(ds))
	for rank, i := range order {
		ds[i].weight = 1 / math.Pow(float64(rank+1), 0.6)
	}
	for i, d := range ds {
		total += d.weight
		b.o.distCum[i] = total
	}
}

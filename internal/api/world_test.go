package api_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/accountability"
	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/audit/review"
	"zhitong/internal/cityimport"
	"zhitong/internal/deadline"
	"zhitong/internal/enterprise"
	"zhitong/internal/matching"
	"zhitong/internal/outbox"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
	"zhitong/internal/registryimport"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

var bg = context.Background()

// clock is the injectable time of a world: it moves only when a test moves it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// cst is a time in China Standard Time.
func cst(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, appeal.CST)
}

// person is an officer of the world with a token of each scope.
type person struct {
	user      account.User
	token     string // full
	readToken string // read-only
}

// world is a small deployment of 娄底市 built through the services, served
// over HTTP by api.New on a real database.
type world struct {
	t       testing.TB
	db      *sqlstore.DB
	clock   *clock
	srv     *httptest.Server
	logs    *syncBuffer
	appeals *appeal.Service
	reports *report.Service
	cfg     api.Config // the configuration the server was built with

	units       map[string]*unit.Unit
	people      map[string]*person
	categories  map[string]int64
	enterprises map[string]*enterprise.Enterprise
	doc         *apiDoc
}

// syncBuffer collects the server's log lines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newWorld builds the world on a fresh SQLite database.
func newWorld(t testing.TB) *world {
	t.Helper()
	return newWorldOn(t, sqltest.Open(t, sqlstore.SQLite))
}

// eachEngine runs fn on a fresh world on each engine of the test run.
func eachEngine(t *testing.T, fn func(t *testing.T, w *world)) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) { fn(t, newWorldOn(t, db)) })
}

func newWorldOn(t testing.TB, db *sqlstore.DB) *world {
	t.Helper()
	clk := &clock{t: cst(2026, 3, 2, 9, 0)} // a Monday
	w := &world{t: t, db: db, clock: clk, logs: &syncBuffer{}, units: map[string]*unit.Unit{},
		people: map[string]*person{}, categories: map[string]int64{}, enterprises: map[string]*enterprise.Enterprise{}}
	accounts := &account.Service{Store: db, Units: db, Now: clk.Now}
	units := &unit.Service{Store: db}
	ents := &enterprise.Service{Store: db, Now: clk.Now}
	w.appeals = &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{}, Now: clk.Now, Attachments: db}
	w.reports = &report.Service{Store: db, Now: clk.Now}
	w.buildUnits(units)
	w.buildPeople(accounts)
	w.buildRegistry(ents)
	rec := &audit.Service{Store: db, Now: clk.Now}
	w.cfg = api.Config{Appeals: w.appeals, Enterprises: ents, Units: units, Accounts: accounts,
		Reports: w.reports, Logger: slog.New(slog.NewTextHandler(w.logs, nil)), Health: db.Ping,
		Audit: rec, AuditLog: &review.Service{Log: db, Audit: rec}, Deadlines: &deadline.Service{Store: db, Audit: rec, Now: clk.Now},
		Notices: &outbox.Service{Store: db, Now: clk.Now}, CityBatches: &cityimport.Service{Appeals: w.appeals, Store: db, Audit: rec},
		Registries: &registryimport.Service{Store: db, Now: clk.Now},
		Visits:     &outreach.Service{Store: db, Enterprises: ents, Appeals: w.appeals, Units: db, Now: clk.Now},
		Matching:   &matching.Service{Store: db, Appeals: w.appeals, Enterprises: ents, Units: db, Now: clk.Now},
		Policies:   &policy.Service{Store: db, Now: clk.Now},
		Cases: &accountability.Service{Store: db, Now: clk.Now, UnitOf: func(ctx context.Context, id int64) (int64, error) {
			u, err := db.Unit(ctx, id)
			if err != nil {
				return 0, err
			}
			return u.DistrictID, nil
		}}}
	w.srv = httptest.NewServer(api.New(w.cfg))
	t.Cleanup(w.srv.Close)
	w.doc = loadDoc(t, w.srv.URL)
	return w
}

func (w *world) buildUnits(s *unit.Service) {
	sys := account.SystemActor()
	add := func(key, parent, name string, l unit.Level, k unit.Kind, caps ...unit.Capability) {
		u := &unit.Unit{Name: name, Level: l, Kind: k, Capabilities: caps, Assessed: true}
		if parent != "" {
			u.ParentID = w.units[parent].ID
		}
		if err := s.Create(bg, sys, u); err != nil {
			w.t.Fatalf("unit %s: %v", name, err)
		}
		w.units[key] = u
	}
	add("province", "", "湖南省", unit.Province, unit.Region)
	add("city", "province", "娄底市", unit.City, unit.Region)
	add("cityOffice", "city", "娄底市直通车办", unit.City, unit.Department, unit.CityOffice)
	add("louxing", "city", "娄星区", unit.District, unit.Region)
	add("federation", "louxing", "娄星区工商联", unit.District, unit.Department, unit.Federation)
	add("office", "louxing", "娄星区优化办", unit.District, unit.Department, unit.Office)
	add("hotline", "louxing", "12345政企通专席", unit.District, unit.Department, unit.Hotline)
	add("fagai", "louxing", "娄星区发改局", unit.District, unit.Department)
	add("zhujian", "louxing", "娄星区住建局", unit.District, unit.Department)
	add("ziran", "louxing", "娄星区自然资源局", unit.District, unit.Department)
	add("power", "louxing", "国网娄底供电公司娄星分公司", unit.District, unit.Vertical)
	add("leping", "louxing", "乐坪街道", unit.Township, unit.TownshipK)
	add("huashan", "louxing", "花山街道", unit.Township, unit.TownshipK)
	add("shuangfeng", "city", "双峰县", unit.District, unit.Region)
	add("sfOffice", "shuangfeng", "双峰县优化办", unit.District, unit.Department, unit.Office)
	add("sfFederation", "shuangfeng", "双峰县工商联", unit.District, unit.Department, unit.Federation)
	add("sfTown", "shuangfeng", "永丰镇", unit.Township, unit.TownshipK)
}

func (w *world) buildPeople(s *account.Service) {
	add := func(key, unitKey, name, phone string, roles ...account.Role) {
		u := &account.User{Username: key, Name: name, Phone: phone, UnitID: w.units[unitKey].ID, Roles: roles}
		if err := s.CreateUser(bg, u); err != nil {
			w.t.Fatalf("user %s: %v", key, err)
		}
		p := &person{user: *u}
		var err error
		if p.token, _, err = s.CreateToken(bg, u.ID, "test", account.ScopeFull, 0); err != nil {
			w.t.Fatalf("token %s: %v", key, err)
		}
		if p.readToken, _, err = s.CreateToken(bg, u.ID, "test-read", account.ScopeRead, 0); err != nil {
			w.t.Fatalf("token %s: %v", key, err)
		}
		w.people[key] = p
	}
	add("intake", "hotline", "坐席王芳", "13807380001", account.Intake)
	add("fed", "federation", "工商联李明", "13807380002", account.Federation)
	add("office", "office", "优化办赵强", "13807380003", account.Office)
	add("fagai", "fagai", "发改局刘洋", "13807380004", account.Handler)
	add("zhujian", "zhujian", "住建局陈静", "13807380005", account.Handler)
	add("ziran", "ziran", "自然资源局周涛", "13807380006", account.Handler)
	add("power", "power", "供电公司吴刚", "13807380007", account.Handler)
	add("leping", "leping", "乐坪街道郑丽", "13807380008", account.Handler)
	add("huashan", "huashan", "花山街道孙伟", "13807380009", account.Handler)
	add("city", "cityOffice", "市直通车办黄磊", "13807380010", account.CityOffice)
	add("leader", "louxing", "区长何平", "13807380011", account.Leader)
	add("sysadmin", "city", "系统管理员林峰", "13807380012", account.SysAdmin)
	add("secadmin", "city", "安全管理员马骏", "13807380013", account.SecAdmin)
	add("auditor", "city", "审计管理员白露", "13807380017", account.Auditor)
	add("cadre", "leping", "联企干部许诺", "13807380014", account.Cadre)
	add("discipline", "louxing", "区纪委监委唐文", "13807380018", account.Discipline)
	add("sfOffice", "sfOffice", "双峰优化办钱进", "13807380015", account.Office)
	add("sfFed", "sfFederation", "双峰工商联冯雪", "13807380016", account.Federation)
}

// creditCode returns a valid unified social credit code of 娄星区 (431302)
// numbered n: its check character computed as GB 32100-2015 says.
func creditCode(n int) string {
	base := fmt.Sprintf("91431302MA4L%05d", n)
	return base + string(enterprise.CreditCheckChar(base))
}

func (w *world) buildRegistry(s *enterprise.Service) {
	sys := account.SystemActor()
	for _, name := range []string{"融资", "用地", "审批", "水电气", "政策兑现", "拖欠账款"} {
		c := &appeal.Category{Name: name}
		if err := w.appeals.CreateCategory(bg, sys, c); err != nil {
			w.t.Fatalf("category %s: %v", name, err)
		}
		w.categories[name] = c.ID
	}
	add := func(key, name, township string, n int) {
		e := &enterprise.Enterprise{Name: name, CreditCode: creditCode(n), DistrictID: w.units["louxing"].ID,
			TerritoryID: w.units[township].ID, Industry: "制造业", ContactName: "联系人" + key, ContactPhone: "1390738000" + fmt.Sprint(n%10)}
		if err := s.Create(bg, sys, e); err != nil {
			w.t.Fatalf("enterprise %s: %v", name, err)
		}
		w.enterprises[key] = e
	}
	add("ligang", "湖南利钢金属制品有限公司", "leping", 1)
	add("haite", "娄底海特科技发展有限公司", "leping", 2)
	add("yongan", "湖南永安煤矿机械制造有限公司", "huashan", 3)
	add("chaoyang", "娄底市朝阳塑胶有限公司", "huashan", 4)
}

// id returns the id of unit key.
func (w *world) unit(key string) int64 { return w.units[key].ID }

// actor returns the actor of person key, as the API would resolve it.
func (w *world) actor(key string) *account.Actor {
	w.t.Helper()
	s := &account.Service{Store: w.db, Units: w.db, Now: w.clock.Now}
	a, err := s.Authenticate(bg, w.people[key].token)
	if err != nil {
		w.t.Fatalf("actor %s: %v", key, err)
	}
	return a
}

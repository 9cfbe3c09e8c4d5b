package demo_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/demo"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

// end is the demo's now in the tests: a Friday evening.
var end = time.Date(2026, 11, 20, 18, 0, 0, 0, appeal.CST)

// services are the domain services over one database, at the demo's end.
type services struct {
	db          *sqlstore.DB
	appeals     *appeal.Service
	accounts    *account.Service
	enterprises *enterprise.Service
	units       *unit.Service
}

func newServices(db *sqlstore.DB) *services {
	now := func() time.Time { return end }
	return &services{db: db,
		appeals:     &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{}, Now: now},
		accounts:    &account.Service{Store: db, Units: db, Now: now},
		enterprises: &enterprise.Service{Store: db, Now: now},
		units:       &unit.Service{Store: db},
	}
}

func seed(t *testing.T, db *sqlstore.DB) *demo.Result {
	t.Helper()
	res, err := demo.Seed(context.Background(), db, demo.Options{Now: end})
	if err != nil {
		t.Fatalf("Seed: %v", err)
	}
	return res
}

// allAppeals lists every appeal the actor may see, page by page.
func allAppeals(t *testing.T, s *services, actor *account.Actor) []appeal.Appeal {
	t.Helper()
	var out []appeal.Appeal
	f := appeal.Filter{Limit: appeal.MaxLimit}
	for {
		p, err := s.appeals.List(context.Background(), actor, f)
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		out = append(out, p.Items...)
		if p.Next == 0 {
			return out
		}
		f.Before = p.Next
	}
}

func allTasks(t *testing.T, s *services, actor *account.Actor) []appeal.TaskItem {
	t.Helper()
	var out []appeal.TaskItem
	f := appeal.TaskFilter{Limit: appeal.MaxLimit}
	for {
		p, err := s.appeals.Tasks(context.Background(), actor, f)
		if err != nil {
			t.Fatalf("Tasks: %v", err)
		}
		out = append(out, p.Items...)
		if p.Next == 0 {
			return out
		}
		f.Before = p.Next
	}
}

// actorOf returns the full actor of a demo user.
func actorOf(t *testing.T, s *services, username string) *account.Actor {
	t.Helper()
	ctx := context.Background()
	u, err := s.db.UserByUsername(ctx, username)
	if err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	a, err := s.accounts.ActorFor(ctx, u, account.ScopeFull)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSeed(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		res := seed(t, db)
		s := newServices(db)
		t.Run("every state", func(t *testing.T) { checkStates(t, s) })
		t.Run("companies", func(t *testing.T) { checkCompanies(t, s, res) })
		t.Run("people", func(t *testing.T) { checkPeople(t, s, res) })
		t.Run("stories", func(t *testing.T) { checkStories(t, s) })
		t.Run("scope", func(t *testing.T) { checkScope(t, s) })
		t.Run("again", func(t *testing.T) { checkSeedTwice(t, s, res) })
	})
}

func checkStates(t *testing.T, s *services) {
	sys := account.SystemActor()
	seen := map[appeal.State]int{}
	for _, a := range allAppeals(t, s, sys) {
		seen[a.State]++
		if !a.CreatedAt.Before(end) || !a.UpdatedAt.Before(end) {
			t.Errorf("appeal %d %q happens at %v, after the demo's end %v", a.ID, a.Title, a.UpdatedAt, end)
		}
	}
	for _, st := range appeal.States {
		if seen[st] == 0 {
			t.Errorf("no appeal is %s (%s)", st, appeal.StateName(st))
		}
	}
	tasks := map[appeal.TaskState]int{}
	for _, ti := range allTasks(t, s, sys) {
		tasks[ti.State]++
	}
	for _, st := range appeal.TaskStates {
		if tasks[st] == 0 {
			t.Errorf("no task is %s (%s)", st, appeal.TaskStateName(st))
		}
	}
	t.Logf("appeal states %v; task states %v", seen, tasks)
}

func checkCompanies(t *testing.T, s *services, res *demo.Result) {
	ctx := context.Background()
	sys := account.SystemActor()
	for _, name := range demo.SeedCompanies {
		es, err := s.enterprises.Find(ctx, sys, enterprise.Filter{Query: name, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		var e *enterprise.Enterprise
		for i := range es {
			if es[i].Name == name {
				e = &es[i]
			}
		}
		if e == nil {
			t.Errorf("the seed's company %s is missing", name)
			continue
		}
		if err := enterprise.CheckCreditCode(e.CreditCode); err != nil || e.CreditCode[2:8] != "431302" {
			t.Errorf("%s has credit code %q: %v", name, e.CreditCode, err)
		}
	}
	es, err := s.enterprises.Find(ctx, sys, enterprise.Filter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 30 || len(es) != res.Enterprises {
		t.Errorf("%d enterprises listed, %d seeded; want a few dozen", len(es), res.Enterprises)
	}
	sole := 0
	for _, e := range es {
		if err := enterprise.CheckCreditCode(e.CreditCode); err != nil {
			t.Errorf("%s: credit code %q: %v", e.Name, e.CreditCode, err)
		}
		if e.SoleProprietor() {
			sole++
		}
	}
	if sole == 0 {
		t.Error("no 个体工商户 (credit code 92…)")
	}
}

func checkPeople(t *testing.T, s *services, res *demo.Result) {
	ctx := context.Background()
	roles := map[account.Role]bool{}
	if len(res.Tokens) != res.Users {
		t.Errorf("%d tokens for %d users", len(res.Tokens), res.Users)
	}
	for _, tok := range res.Tokens {
		a, err := s.accounts.Authenticate(ctx, tok.Secret)
		if err != nil {
			t.Errorf("token of %s: %v", tok.Username, err)
			continue
		}
		if a.Username != tok.Username || a.ReadOnly {
			t.Errorf("token of %s authenticates %s (read-only %v)", tok.Username, a.Username, a.ReadOnly)
		}
		for _, r := range a.Roles {
			roles[r] = true
		}
	}
	for _, r := range account.Roles {
		if !roles[r] {
			t.Errorf("no demo user holds role %s", r)
		}
	}
	var buf bytes.Buffer
	if err := demo.WriteTokens(&buf, "127.0.0.1:8080", res.Tokens); err != nil {
		t.Fatal(err)
	}
	back, err := demo.ReadTokens(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(res.Tokens) || back[res.Tokens[0].Username].Secret != res.Tokens[0].Secret {
		t.Errorf("the tokens file does not read back: %d of %d", len(back), len(res.Tokens))
	}
}

// find returns the appeal whose title starts with prefix, with its tasks.
func find(t *testing.T, s *services, prefix string) *appeal.Aggregate {
	t.Helper()
	for _, a := range allAppeals(t, s, account.SystemActor()) {
		if strings.HasPrefix(a.Title, prefix) {
			g, err := s.db.Aggregate(context.Background(), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
	}
	t.Fatalf("no appeal titled %q…", prefix)
	return nil
}

func checkStories(t *testing.T, s *services) {
	ctx := context.Background()
	// 1: answered directly, closed 满意 the next working day.
	g := find(t, s, "咨询企业是否符合增值税增量留抵退税条件")
	if a := g.Appeal; a.Route != appeal.RouteDirect || a.State != appeal.Closed || a.Satisfaction != appeal.Satisfied || len(g.Tasks) != 0 {
		t.Errorf("story 1: %s %s %s, %d tasks", a.Route, a.State, a.Satisfaction, len(g.Tasks))
	}
	// 2: returned once, re-assigned with a co-unit, 基本满意, one case.
	g = find(t, s, "新建生产线电力报装")
	returned, done := 0, 0
	for _, tk := range g.Tasks {
		switch tk.State {
		case appeal.TaskReturned:
			returned++
		case appeal.TaskDone:
			done++
		}
	}
	if a := g.Appeal; a.State != appeal.Closed || a.Satisfaction != appeal.FairlySatisfied || returned != 1 || done != 2 {
		t.Errorf("story 2: %s %s, %d returned, %d done", a.State, a.Satisfaction, returned, done)
	}
	// 3: redone, the first reply counted against the township.
	g = find(t, s, "厂区扩建用地被周边村民阻工")
	redone := 0
	for _, tk := range g.Tasks {
		if tk.Redone {
			redone++
		}
	}
	if a := g.Appeal; a.Round != 2 || a.State != appeal.Closed || a.Satisfaction != appeal.Satisfied || redone != 1 {
		t.Errorf("story 3: round %d, %s %s, %d redone", a.Round, a.State, a.Satisfaction, redone)
	}
	visits, err := s.appeals.Visits(ctx, account.SystemActor(), g.Appeal.ID)
	if err != nil || len(visits) != 2 || visits[0].Satisfaction != appeal.Dissatisfied {
		t.Errorf("story 3: visits %+v, %v", visits, err)
	}
	// 4: referred to the city, its result came back.
	g = find(t, s, "新型环保塑胶制品项目")
	if a := g.Appeal; a.Route != appeal.RouteCity || a.State != appeal.Closed || a.ResultText == "" {
		t.Errorf("story 4: %s %s", a.Route, a.State)
	}
	// 5: assigned down with the city's number and deadline, reported back up.
	g = find(t, s, "反映某市属国企拖欠货款")
	if a := g.Appeal; a.Route != appeal.RouteFromCity || a.ExternalNo == "" || a.DueAt.IsZero() || a.ReportedUpAt.IsZero() || g.Tasks[0].ReplyDue != a.DueAt {
		t.Errorf("story 5: %s no %q due %v reported %v", a.Route, a.ExternalNo, a.DueAt, a.ReportedUpAt)
	}
	// The anonymous appeal: the handling unit never sees who complained.
	g = find(t, s, "反映个别执法人员检查时变相索要好处")
	v, err := s.appeals.Get(ctx, actorOf(t, s, "lx_scjgj"), g.Appeal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !g.Appeal.Anonymous || v.Appeal.EnterpriseName != appeal.Anonymous || v.Appeal.ContactPhone != "" {
		t.Errorf("anonymous appeal as the unit sees it: %q %q", v.Appeal.EnterpriseName, v.Appeal.ContactPhone)
	}
}

func checkScope(t *testing.T, s *services) {
	lx, sf := 0, 0
	for _, a := range allAppeals(t, s, actorOf(t, s, "yhb_zhouzhiqiang")) {
		if strings.HasPrefix(a.Title, "农机购置补贴") {
			t.Errorf("the 娄星区 office sees 双峰县's appeal %d", a.ID)
		}
		lx++
	}
	sf = len(allAppeals(t, s, actorOf(t, s, "sf_yhb_zouwei")))
	city := len(allAppeals(t, s, actorOf(t, s, "sztc_helixin")))
	if lx == 0 || sf != 1 || city != lx+sf {
		t.Errorf("娄星区 office sees %d, 双峰县 office %d, the city office %d", lx, sf, city)
	}
	own := allTasks(t, s, actorOf(t, s, "lx_gongdian"))
	for _, tk := range own {
		if tk.UnitID != own[0].UnitID {
			t.Errorf("the power company's worklist holds task %d of unit %d", tk.ID, tk.UnitID)
		}
	}
	if len(own) == 0 {
		t.Error("the power company has no tasks")
	}
}

func checkSeedTwice(t *testing.T, s *services, res *demo.Result) {
	ctx := context.Background()
	before := len(allAppeals(t, s, account.SystemActor()))
	_, err := demo.Seed(ctx, s.db, demo.Options{Now: end})
	if !fault.Is(err, fault.Conflict) {
		t.Errorf("seeding twice: %v, want a conflict", err)
	}
	after := len(allAppeals(t, s, account.SystemActor()))
	units, err := s.units.List(ctx, account.SystemActor(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if before != after || after != res.Appeals || len(units) != res.Units {
		t.Errorf("after seeding twice: %d appeals (before %d, seeded %d), %d units (seeded %d)", after, before, res.Appeals, len(units), res.Units)
	}
}

// TestDeterministic seeds two databases with the same end and compares
// what they hold.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds twice")
	}
	var dumps [2]string
	for i := range dumps {
		db := sqltest.Open(t, "sqlite")
		seed(t, db)
		var b strings.Builder
		for _, a := range allAppeals(t, newServices(db), account.SystemActor()) {
			b.WriteString(a.Number() + " " + string(a.State) + " " + a.Title + " " + a.EnterpriseName + " " + a.CreditCode + " " + a.UpdatedAt.String() + "\n")
		}
		dumps[i] = b.String()
	}
	if dumps[0] != dumps[1] {
		t.Error("two seeds with the same end differ")
	}
}

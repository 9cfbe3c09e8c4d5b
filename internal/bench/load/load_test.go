package load_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/bench/load"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

var ctx = context.Background()

// The small load of the tests: 3,000 appeals over the quarter that ends
// with 30 June 2026 (China Standard Time), so that recent appeals are in
// every state of the loop.
const testAppeals = 3000

var testEnd = time.Date(2026, 7, 1, 0, 0, 0, 0, appeal.CST)

// loaded is a database after a small load, with what reads it: the store,
// the domain services, the actors of the tokens (by role) and a plain
// connection for recounts in SQL.
type loaded struct {
	engine   string
	db       *sqlstore.DB
	raw      *sql.DB
	res      *load.Result
	key      audit.Key
	head     *audit.HeadFile
	appeals  *appeal.Service
	reports  *report.Service
	accounts *account.Service
	actors   map[string]*account.Actor
	fresh    string // the name of another database, empty, for comparison
}

// eachEngine runs fn on each engine with the name of a new, empty
// database, as sqltest.Each does with an open one.
func eachEngine(t *testing.T, fn func(t *testing.T, engine, dsn string)) {
	for _, e := range sqltest.Engines() {
		t.Run(e, func(t *testing.T) { fn(t, e, sqltest.DSN(t, e)) })
	}
	if os.Getenv(sqltest.EnvPostgres) == "" {
		t.Run(sqlstore.Postgres, func(t *testing.T) {
			if os.Getenv(sqltest.EnvRequirePostgres) == "1" {
				t.Fatal(sqltest.EnvRequirePostgres + "=1 but " + sqltest.EnvPostgres + " is not set")
			}
			t.Skip(sqltest.SkipMessage)
		})
	}
}

// openMigrated opens dsn, migrated, and a plain connection to it.
func openMigrated(t *testing.T, engine, dsn string) (*sqlstore.DB, *sql.DB) {
	t.Helper()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	driver := "sqlite"
	if engine == sqlstore.Postgres {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return db, raw
}

func testKey() audit.Key { return audit.Key(strings.Repeat("k", audit.KeySize)) }

func loadSmall(t *testing.T, engine, dsn string) *loaded {
	t.Helper()
	db, raw := openMigrated(t, engine, dsn)
	l := &loaded{engine: engine, db: db, raw: raw, key: testKey()}
	l.head = &audit.HeadFile{Path: filepath.Join(t.TempDir(), "audit-head.json"), Key: l.key}
	var err error
	l.res, err = load.Load(ctx, db, load.Options{Appeals: testAppeals, Seed: 7, Years: 0.25, End: testEnd, Key: l.key, Head: l.head})
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return testEnd }
	l.appeals = &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{}, Now: now}
	l.reports = &report.Service{Store: db, Now: now}
	l.accounts = &account.Service{Store: db, Units: db, Now: time.Now}
	l.actors = map[string]*account.Actor{}
	s := l.res.Tokens.Tokens
	for role, secret := range map[string]string{"intake": s.Intake, "federation": s.Federation, "office": s.Office,
		"handler": s.Handler, "leader": s.Leader, "province": s.Province, "auditor": s.Auditor} {
		a, err := l.accounts.Authenticate(ctx, secret)
		if err != nil {
			t.Fatalf("the %s token: %v", role, err)
		}
		l.actors[role] = a
	}
	return l
}

// count runs a SELECT count(*) ... with $n arguments.
func (l *loaded) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := l.raw.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestLoad loads 3,000 appeals on each engine and reads them back through
// the product's own services.
func TestLoad(t *testing.T) {
	eachEngine(t, func(t *testing.T, engine, dsn string) {
		l := loadSmall(t, engine, dsn)
		l.fresh = sqltest.DSN(t, engine)
		for _, c := range []struct {
			name string
			fn   func(*testing.T, *loaded)
		}{
			{"rows", checkRows}, {"tokens", checkTokens}, {"states", checkStates}, {"units", checkUnits},
			{"credit codes", checkCodes}, {"lists", checkLists}, {"keywords", checkKeywords}, {"summary", checkSummary},
			{"timeline", checkTimeline}, {"timelines", checkTimelines}, {"redo", checkRedo},
			{"denormalised", checkDenormalised}, {"audit chain", checkChain}, {"schema", checkSchema},
			{"second load", checkSecondLoad}, {"afterwards", checkAfterwards},
		} {
			t.Run(c.name, func(t *testing.T) { c.fn(t, l) })
		}
	})
}

func checkRows(t *testing.T, l *loaded) {
	var tables []string
	for _, r := range l.res.Rows {
		tables = append(tables, r.Table)
	}
	got, err := l.db.Counts(ctx, tables...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range l.res.Rows {
		if got[r.Table] != r.Rows {
			t.Errorf("%s: %d rows in the database, %d reported", r.Table, got[r.Table], r.Rows)
		}
	}
	n := map[string]int64{}
	for _, r := range l.res.Rows {
		n[r.Table] = r.Rows
	}
	if n["appeals"] != testAppeals || n["enterprises"] < 150 || n["appeal_events"] < 5*testAppeals ||
		n["audit_log"] != n["appeal_events"] || n["appeal_search"] != testAppeals || n["tasks"] < testAppeals/2 {
		t.Errorf("rows %v", n)
	}
	if l.res.Districts < 4 {
		t.Errorf("%d districts", l.res.Districts)
	}
	if l.engine == sqlstore.SQLite {
		rows, err := l.raw.Query("PRAGMA foreign_key_check")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if rows.Next() {
			t.Error("a foreign key does not hold")
		}
	}
}

func checkTokens(t *testing.T, l *loaded) {
	tk := l.res.Tokens
	for role, want := range map[string]account.Role{"intake": account.Intake, "federation": account.Federation,
		"office": account.Office, "leader": account.Leader, "handler": account.Handler} {
		a := l.actors[role]
		if !slices.Equal(a.Roles, []account.Role{want}) || !slices.Equal(a.Districts, []int64{tk.DistrictID}) || a.ReadOnly {
			t.Errorf("%s: roles %v, districts %v, read-only %v; want %s of district %d", role, a.Roles, a.Districts, a.ReadOnly, want, tk.DistrictID)
		}
	}
	if a := l.actors["handler"]; a.UnitID != tk.UnitID {
		t.Errorf("the handler is of unit %d, not %d", a.UnitID, tk.UnitID)
	}
	if a := l.actors["province"]; !a.Has(account.Leader) || len(a.Districts) != l.res.Districts || !a.InDistrict(tk.DistrictID) {
		t.Errorf("province: roles %v, %d districts of %d", a.Roles, len(a.Districts), l.res.Districts)
	}
	if a := l.actors["auditor"]; !slices.Equal(a.Roles, []account.Role{account.Auditor}) {
		t.Errorf("auditor: roles %v", a.Roles)
	}
	u, err := l.db.Unit(ctx, tk.ProvinceUnitID)
	if err != nil || u.Level != unit.Province {
		t.Errorf("province unit %d: %+v, %v", tk.ProvinceUnitID, u, err)
	}
	// The busiest district and unit are the busiest.
	busiest := l.count(t, `SELECT max(n) FROM (SELECT count(*) AS n FROM appeals GROUP BY district_id) c`)
	if n := l.count(t, `SELECT count(*) FROM appeals WHERE district_id = $1`, tk.DistrictID); n != busiest {
		t.Errorf("district %d has %d appeals, the busiest %d", tk.DistrictID, n, busiest)
	}
	busiest = l.count(t, `SELECT max(n) FROM (SELECT count(*) AS n FROM tasks WHERE district_id = $1 GROUP BY unit_id) c`, tk.DistrictID)
	if n := l.count(t, `SELECT count(*) FROM tasks WHERE unit_id = $1`, tk.UnitID); n != busiest {
		t.Errorf("unit %d has %d tasks, the busiest of the district %d", tk.UnitID, n, busiest)
	}
	// The file round-trips, readable by its owner only.
	path := filepath.Join(t.TempDir(), load.TokensFile)
	if err := load.WriteTokens(path, tk); err != nil {
		t.Fatal(err)
	}
	back, err := load.ReadTokens(path)
	if err != nil || *back != *tk {
		t.Errorf("read back %+v, %v", back, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("tokens file mode %v, %v", fi.Mode(), err)
	}
	b, _ := os.ReadFile(path)
	for _, k := range []string{`"district_id"`, `"unit_id"`, `"province_unit_id"`, `"intake": "zt_`, `"federation"`,
		`"office"`, `"handler"`, `"leader"`, `"province"`, `"auditor"`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("the tokens file has no %s:\n%s", k, b)
		}
	}
}

func checkStates(t *testing.T, l *loaded) {
	prov := l.actors["province"]
	total := 0
	for _, s := range appeal.States {
		n := l.count(t, `SELECT count(*) FROM appeals WHERE state = $1`, s)
		if n == 0 {
			t.Errorf("no appeal is %s", s)
		}
		if n != l.res.States[s] {
			t.Errorf("%s: %d in the database, %d reported", s, n, l.res.States[s])
		}
		total += n
		p, err := l.appeals.List(ctx, prov, appeal.Filter{States: []appeal.State{s}, CountUpTo: appeal.CountCap})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != n || len(p.Items) == 0 && n > 0 {
			t.Errorf("%s: the list counts %d of %d", s, p.Total, n)
		}
		for _, a := range p.Items {
			if a.State != s {
				t.Errorf("state filter %s: appeal %d is %s", s, a.ID, a.State)
			}
		}
	}
	if closed := l.res.States[appeal.Closed]; closed*100 < total*60 {
		t.Errorf("only %d of %d appeals closed", closed, total)
	}
	t.Logf("states: %v", l.res.States)
}

func checkUnits(t *testing.T, l *loaded) {
	us, err := l.db.Units(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]unit.Unit{}
	for _, u := range us {
		byID[u.ID] = u
	}
	for _, u := range us {
		parent, district := unit.Unit{Path: "/"}, int64(0)
		if u.ParentID != 0 {
			parent = byID[u.ParentID]
			district = parent.DistrictID
		}
		if u.Level == unit.District && u.Kind == unit.Region {
			district = u.ID
		}
		if want := fmt.Sprintf("%s%d/", parent.Path, u.ID); u.Path != want || u.DistrictID != district {
			t.Errorf("unit %d %s: path %s, district %d; CreateUnit makes %s, %d", u.ID, u.Name, u.Path, u.DistrictID, want, district)
		}
	}
	for _, c := range []unit.Capability{unit.Federation, unit.Office, unit.Hotline, unit.Discipline, unit.CityOffice} {
		if !slices.ContainsFunc(us, func(u unit.Unit) bool { return u.Has(c) }) {
			t.Errorf("no unit is %s", c)
		}
	}
}

func checkCodes(t *testing.T, l *loaded) {
	rows, err := l.raw.Query(`SELECT credit_code FROM enterprises UNION ALL SELECT credit_code FROM appeals WHERE credit_code <> ''`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			t.Fatal(err)
		}
		if err := enterprise.CheckCreditCode(code); err != nil {
			t.Errorf("credit code %q: %v", code, err)
		}
		n++
	}
	if n < 150 {
		t.Errorf("%d credit codes checked", n)
	}
	if k := l.count(t, `SELECT count(*) FROM appeals WHERE enterprise_id IS NULL`); k == 0 || k > testAppeals/4 {
		t.Errorf("%d appeals name an enterprise by name only", k)
	}
}

func checkLists(t *testing.T, l *loaded) {
	tk := l.res.Tokens
	leader := l.actors["leader"]
	for _, f := range []appeal.Filter{
		{Channel: appeal.Hotline12345}, {CategoryID: 3}, {Route: appeal.RouteCity}, {Type: appeal.Complaint},
		{States: []appeal.State{appeal.InProgress, appeal.AwaitVisit}},
		{From: testEnd.AddDate(0, -1, 0), To: testEnd},
	} {
		f.CountUpTo, f.Limit = appeal.CountCap, appeal.MaxLimit
		p, err := l.appeals.List(ctx, leader, f)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total == 0 {
			t.Errorf("filter %+v finds nothing", f)
		}
		for _, a := range p.Items {
			if a.DistrictID != tk.DistrictID || (f.Channel != "" && a.Channel != f.Channel) || (f.CategoryID != 0 && a.CategoryID != f.CategoryID) ||
				(f.Route != "" && a.Route != f.Route) || (f.Type != "" && a.Type != f.Type) ||
				(len(f.States) > 0 && !slices.Contains(f.States, a.State)) || (!f.From.IsZero() && a.CreatedAt.Before(f.From)) {
				t.Errorf("filter %+v lists appeal %d (%s %s %d %s %s %s)", f, a.ID, a.Channel, a.Route, a.CategoryID, a.Type, a.State, a.CreatedAt)
				break
			}
		}
	}
	// An intake seat sees its district's appeals, and registered many of
	// them; a handler sees its unit's tasks.
	in := l.actors["intake"]
	p, err := l.appeals.List(ctx, in, appeal.Filter{CountUpTo: appeal.CountCap})
	if err != nil {
		t.Fatal(err)
	}
	if want := l.count(t, `SELECT count(*) FROM appeals WHERE district_id = $1`, tk.DistrictID); p.Total == 0 || p.Total != want {
		t.Errorf("intake lists %d appeals, the district has %d", p.Total, want)
	}
	if mine := l.count(t, `SELECT count(*) FROM appeals WHERE created_by = $1`, in.UserID); mine*3 < p.Total {
		t.Errorf("intake registered %d of the district's %d appeals", mine, p.Total)
	}
	tp, err := l.appeals.Tasks(ctx, l.actors["handler"], appeal.TaskFilter{CountUpTo: appeal.CountCap})
	if err != nil {
		t.Fatal(err)
	}
	if want := l.count(t, `SELECT count(*) FROM tasks WHERE unit_id = $1`, tk.UnitID); tp.Total == 0 || tp.Total != want {
		t.Errorf("the handler's worklist has %d tasks of %d", tp.Total, want)
	}
}

// checkKeywords searches two-character words as an officer of the
// district does and finds exactly the appeals whose text holds them; the
// common words occur with a believable frequency.
func checkKeywords(t *testing.T, l *loaded) {
	leader := l.actors["leader"]
	for _, w := range []string{"贷款", "退税", "用电", "审批", "工资"} {
		all := l.count(t, `SELECT count(*) FROM appeals WHERE title LIKE $1 OR content LIKE $1`, "%"+w+"%")
		share := float64(all) / testAppeals
		t.Logf("%s: in %.1f%% of the appeals", w, 100*share)
		if share < 0.01 || share > 0.4 {
			t.Errorf("%s is in %.1f%% of the appeals", w, 100*share)
		}
		p, err := l.appeals.List(ctx, leader, appeal.Filter{Keyword: w, CountUpTo: appeal.CountCap, Limit: appeal.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		want := l.count(t, `SELECT count(*) FROM appeals WHERE district_id = $1 AND (title LIKE $2 OR content LIKE $2
			OR enterprise_name LIKE $2 OR external_no LIKE $2)`, l.res.Tokens.DistrictID, "%"+w+"%")
		if p.Total != want || want == 0 {
			t.Errorf("%s: the search finds %d appeals, the text holds it in %d", w, p.Total, want)
		}
		for _, a := range p.Items {
			if !strings.Contains(a.Title+" "+a.Content+" "+a.EnterpriseName+" "+a.ExternalNo, w) {
				t.Errorf("%s: appeal %d does not contain it", w, a.ID)
			}
		}
	}
	// The index holds every appeal of the district, with its scope term.
	d := l.res.Tokens.DistrictID
	byScope := `SELECT count(*) FROM appeal_search WHERE appeal_search MATCH $1`
	if l.engine == sqlstore.Postgres {
		byScope = `SELECT count(*) FROM appeal_search WHERE terms @> ARRAY[$1::text]`
	}
	if in, want := l.count(t, byScope, fmt.Sprintf(`_d%d`, d)), l.count(t, `SELECT count(*) FROM appeals WHERE district_id = $1`, d); in != want {
		t.Errorf("the index finds %d appeals of district %d by its scope term; it has %d", in, d, want)
	}
	// The district's leader finds an anonymous appeal by its enterprise's
	// name, which is in the index in private form only.
	var id, at int64
	var name string
	err := l.raw.QueryRow(`SELECT id, enterprise_name, created_at FROM appeals WHERE anonymous AND district_id = $1 ORDER BY id LIMIT 1`, d).
		Scan(&id, &name, &at)
	if err != nil {
		t.Fatal(err)
	}
	p, err := l.appeals.List(ctx, leader, appeal.Filter{Keyword: name, From: time.UnixMilli(at), To: time.UnixMilli(at + 1)})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(p.Items, func(a appeal.Appeal) bool { return a.ID == id }) {
		t.Errorf("the leader does not find anonymous appeal %d by its enterprise %s", id, name)
	}
}

// checkSummary recounts the busiest month of the busiest district in SQL
// under the counting rules (DOMAIN.md) and compares the report.
func checkSummary(t *testing.T, l *loaded) {
	d := l.res.Tokens.DistrictID
	rows, err := l.raw.Query(`SELECT created_at FROM appeals WHERE district_id = $1`, d)
	if err != nil {
		t.Fatal(err)
	}
	months := map[time.Time]int{}
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			t.Fatal(err)
		}
		c := time.UnixMilli(ms).In(appeal.CST)
		months[time.Date(c.Year(), c.Month(), 1, 0, 0, 0, 0, appeal.CST)]++
	}
	rows.Close()
	var from time.Time
	for m, n := range months {
		if n > months[from] || (n == months[from] && m.Before(from)) {
			from = m
		}
	}
	to := from.AddDate(0, 1, -1)
	sum, err := l.reports.Summary(ctx, l.actors["leader"], from, to, d)
	if err != nil {
		t.Fatal(err)
	}
	cohort := `FROM appeals WHERE district_id = $1 AND created_at >= $2 AND created_at < $3`
	args := []any{d, from.UnixMilli(), to.AddDate(0, 0, 1).UnixMilli()}
	counted := ` AND state NOT IN ('merged', 'withdrawn', 'not_accepted', 'transferred')`
	rated := counted + ` AND NOT unreachable AND NOT unreasonable AND satisfaction <> ''`
	unreasonable := counted + ` AND NOT unreachable AND unreasonable`
	n := func(cond string) int { return l.count(t, `SELECT count(*) `+cond, args...) }
	want := report.Figures{
		Received:              n(cohort + ` AND state <> 'merged'`),
		Closed:                n(cohort + ` AND state = 'closed'`),
		Rated:                 n(cohort + rated),
		Satisfied:             n(cohort + rated + ` AND satisfaction = 'satisfied'`),
		Fair:                  n(cohort + rated + ` AND satisfaction = 'fair'`),
		Dissatisfied:          n(cohort + rated + ` AND satisfaction = 'dissatisfied'`),
		Resolved:              n(cohort + rated + ` AND resolved`),
		Unreachable:           n(cohort + counted + ` AND unreachable`),
		Unreasonable:          n(cohort + unreasonable),
		UnreasonableRated:     n(cohort + unreasonable + ` AND satisfaction <> ''`),
		UnreasonableSatisfied: n(cohort + unreasonable + ` AND satisfaction IN ('satisfied', 'fair')`),
		Merged:                n(cohort + ` AND state = 'merged'`),
		Withdrawn:             n(cohort + ` AND state = 'withdrawn'`),
		NotAccepted:           n(cohort + ` AND state = 'not_accepted'`),
		Transferred:           n(cohort + ` AND state = 'transferred'`),
	}
	want.Satisfaction = report.RateOf(want.Satisfied+want.Fair, want.Rated)
	want.SatisfactionAll = report.RateOf(want.Satisfied+want.Fair+want.UnreasonableSatisfied, want.Rated+want.UnreasonableRated)
	want.Resolution = report.RateOf(want.Resolved, want.Rated)
	want.ClosedRate = report.RateOf(want.Closed, want.Received-want.Withdrawn-want.NotAccepted-want.Transferred)
	if sum.Total != want {
		t.Errorf("the summary of %s:\n got %+v\nwant %+v", from.Format("2006-01"), sum.Total, want)
	}
	if want.Received < 20 || want.Rated == 0 {
		t.Errorf("the busiest month has %+v", want)
	}
	t.Logf("%s of district %d: %+v", from.Format("2006-01"), d, sum.Total)
}

// checkTimeline reads the timeline of closed appeals through the service:
// from registration to the return visit (and the report up, for an appeal
// the city assigned), each step from the state the one before left.
func checkTimeline(t *testing.T, l *loaded) {
	fed := l.actors["federation"]
	for _, route := range []appeal.Route{appeal.RouteDistrict, appeal.RouteFromCity, appeal.RouteDirect, appeal.RouteCity} {
		var id int64
		err := l.raw.QueryRow(`SELECT min(id) FROM appeals WHERE district_id = $1 AND state = 'closed' AND route = $2
			AND NOT unreachable AND round <= 1`, l.res.Tokens.DistrictID, route).Scan(&id)
		if err != nil {
			t.Fatalf("%s: %v", route, err)
		}
		evs, err := l.appeals.Timeline(ctx, fed, id)
		if err != nil {
			t.Fatal(err)
		}
		last := appeal.ActVisit
		if route == appeal.RouteFromCity {
			last = appeal.ActReportUp
		}
		var acts []appeal.Action
		for i, e := range evs {
			acts = append(acts, e.Action)
			if i > 0 && (e.FromState != evs[i-1].ToState || e.At.Before(evs[i-1].At)) {
				t.Errorf("%s appeal %d: event %d %s from %s after %s", route, id, i, e.Action, e.FromState, evs[i-1].ToState)
			}
		}
		if evs[0].Action != appeal.ActRegister || evs[0].FromState != "" || acts[len(acts)-1] != last ||
			evs[len(evs)-1].ToState != appeal.Closed || !slices.Contains(acts, appeal.ActVisit) {
			t.Errorf("%s appeal %d: timeline %v", route, id, acts)
		}
		if route == appeal.RouteDistrict {
			for _, a := range []appeal.Action{appeal.ActReferDistrict, appeal.ActAssign, appeal.ActAccept, appeal.ActReply, appeal.ActApprove} {
				if !slices.Contains(acts, a) {
					t.Errorf("%s appeal %d: no %s in %v", route, id, a, acts)
				}
			}
		}
		vs, err := l.appeals.Visits(ctx, fed, id)
		if err != nil || len(vs) == 0 || !vs[len(vs)-1].Reached {
			t.Errorf("%s appeal %d: visits %+v, %v", route, id, vs, err)
		}
	}
}

// checkTimelines checks every appeal's timeline against its row: it begins
// with the registration, each step starts in the state the one before left,
// times never go back, it ends in the appeal's state, and the appeal's
// version and time of change are those of its last step.
func checkTimelines(t *testing.T, l *loaded) {
	type row struct {
		state   appeal.State
		version int
		updated int64
	}
	appeals := map[int64]row{}
	rows, err := l.raw.Query(`SELECT id, state, version, updated_at FROM appeals`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var r row
		if err := rows.Scan(&id, &r.state, &r.version, &r.updated); err != nil {
			t.Fatal(err)
		}
		appeals[id] = r
	}
	rows.Close()
	rows, err = l.raw.Query(`SELECT appeal_id, action, from_state, to_state, at FROM appeal_events ORDER BY appeal_id, id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type walk struct {
		state        appeal.State
		steps        int
		last, merged int64
	}
	seen := map[int64]*walk{}
	bad := 0
	for rows.Next() {
		var id, at int64
		var act appeal.Action
		var from, to appeal.State
		if err := rows.Scan(&id, &act, &from, &to, &at); err != nil {
			t.Fatal(err)
		}
		w := seen[id]
		switch {
		case w == nil && (act != appeal.ActRegister || from != ""):
			bad++
		case w != nil && (from != w.state || at < w.last || (act == appeal.ActMergedIn && from != to)):
			bad++
		}
		if w == nil {
			w = &walk{}
			seen[id] = w
		}
		w.state, w.last = to, at
		if act == appeal.ActMergedIn {
			w.merged++
		} else {
			w.steps++
		}
	}
	for id, r := range appeals {
		w := seen[id]
		if w == nil || w.state != r.state || w.steps != r.version {
			bad++
			if bad < 5 {
				t.Errorf("appeal %d (%s, version %d): timeline %+v", id, r.state, r.version, w)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d timelines are inconsistent", bad)
	}
	if n := l.count(t, `SELECT count(*) FROM appeals a WHERE updated_at <> (SELECT max(at) FROM appeal_events e
		WHERE e.appeal_id = a.id AND action <> 'merged_in')`); n > 0 {
		t.Errorf("%d appeals changed at another time than their last step", n)
	}
	if n := l.count(t, `SELECT count(*) FROM appeals a WHERE state = 'merged' AND NOT EXISTS (SELECT 1 FROM appeals b
		JOIN appeal_events e ON e.appeal_id = b.id AND e.action = 'merged_in' WHERE b.id = a.merged_into AND b.district_id = a.district_id)`); n > 0 {
		t.Errorf("%d merged appeals have no surviving appeal that records them", n)
	}
}

// checkRedo finds the redone appeals: a second round whose first lead
// task is marked redone, about 3% of the appeals.
func checkRedo(t *testing.T, l *loaded) {
	n := l.count(t, `SELECT count(*) FROM appeals WHERE round = 2`)
	if n < testAppeals/200 || n > testAppeals/12 {
		t.Errorf("%d of %d appeals redone", n, testAppeals)
	}
	var id int64
	if err := l.raw.QueryRow(`SELECT min(id) FROM appeals WHERE round = 2`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	v, err := l.appeals.Get(ctx, l.actors["province"], id)
	if err != nil {
		t.Fatal(err)
	}
	var first, second bool
	for _, tk := range v.Tasks {
		first = first || (tk.Round == 1 && tk.Role == appeal.Lead && tk.Redone && tk.State == appeal.TaskDone)
		second = second || (tk.Round == 2 && tk.Role == appeal.Lead && !tk.Redone)
	}
	if !first || !second || v.Appeal.Round != 2 {
		t.Errorf("redone appeal %d: round %d, tasks %+v", id, v.Appeal.Round, v.Tasks)
	}
	if k := l.count(t, `SELECT count(*) FROM tasks WHERE redone`); k != n {
		t.Errorf("%d tasks redone, %d appeals in a second round", k, n)
	}
}

// checkDenormalised holds the appeal's columns that the reports read to the
// tasks and visits they follow from.
func checkDenormalised(t *testing.T, l *loaded) {
	for _, c := range []struct{ what, query string }{
		{"closed_at set exactly when closed", `SELECT count(*) FROM appeals WHERE (closed_at IS NOT NULL) <> (state = 'closed')`},
		{"the satisfaction of the last visit reached", `SELECT count(*) FROM appeals a WHERE satisfaction <> COALESCE((SELECT v.satisfaction
			FROM visits v WHERE v.appeal_id = a.id AND v.reached ORDER BY v.id DESC LIMIT 1), '')`},
		{"resolved as the last visit reached said", `SELECT count(*) FROM appeals a WHERE resolved <> COALESCE((SELECT v.resolved
			FROM visits v WHERE v.appeal_id = a.id AND v.reached ORDER BY v.id DESC LIMIT 1), FALSE)`},
		{"unreachable after three attempts", `SELECT count(*) FROM appeals WHERE unreachable AND (visit_attempts < 3 OR state <> 'closed')`},
		{"a visit for every closed appeal", `SELECT count(*) FROM appeals a WHERE state = 'closed' AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.appeal_id = a.id)`},
		{"a result for every appeal awaiting its visit", `SELECT count(*) FROM appeals WHERE state = 'await_visit' AND (result_outcome = '' OR result_at IS NULL)`},
		{"open tasks only on appeals in progress", `SELECT count(*) FROM tasks t JOIN appeals a ON a.id = t.appeal_id
			WHERE t.state IN ('pending', 'handling', 'replied') AND a.state NOT IN ('in_progress', 'unassigned')`},
		{"no task of a later round", `SELECT count(*) FROM tasks t JOIN appeals a ON a.id = t.appeal_id WHERE t.round > a.round`},
		{"tasks in the appeal's district", `SELECT count(*) FROM tasks t JOIN appeals a ON a.id = t.appeal_id JOIN units u ON u.id = t.unit_id
			WHERE t.district_id <> a.district_id OR u.district_id <> a.district_id`},
		{"a reply after acceptance", `SELECT count(*) FROM tasks WHERE replied_at IS NOT NULL AND (accepted_at IS NULL OR replied_at < accepted_at)`},
		{"the city's number and deadline on appeals it assigned", `SELECT count(*) FROM appeals WHERE (channel = 'city_assigned') <> (external_no <> '' AND due_at IS NOT NULL)`},
		{"a territory in the district", `SELECT count(*) FROM appeals a JOIN units u ON u.id = a.territory_id WHERE u.district_id <> a.district_id OR u.kind <> 'township'`},
	} {
		if n := l.count(t, c.query); n > 0 {
			t.Errorf("%s: %d appeals or tasks break it", c.what, n)
		}
	}
	late := l.count(t, `SELECT count(*) FROM tasks WHERE replied_at > reply_due`)
	replied := l.count(t, `SELECT count(*) FROM tasks WHERE replied_at IS NOT NULL`)
	if late == 0 || late*4 > replied {
		t.Errorf("%d of %d replies late", late, replied)
	}
	for _, c := range []string{`state = 'returned'`, `sent_back > 0`, `role = 'co'`, `state = 'cancelled'`} {
		if l.count(t, `SELECT count(*) FROM tasks WHERE `+c) == 0 {
			t.Errorf("no task with %s", c)
		}
	}
	for _, c := range []string{`satisfaction = 'dissatisfied'`, `unreachable`, `anonymous`, `urgency = 'urgent'`, `reported_up_at IS NOT NULL`} {
		if l.count(t, `SELECT count(*) FROM appeals WHERE `+c) == 0 {
			t.Errorf("no appeal with %s", c)
		}
	}
}

func checkChain(t *testing.T, l *loaded) {
	k := &audit.Keeper{Store: l.db, Key: l.key, Head: l.head, Now: time.Now}
	r, err := k.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	events := int64(l.count(t, `SELECT count(*) FROM appeal_events`))
	if r.Problem != nil || r.Entries != events || r.Unsealed != 0 || r.Head == nil || r.Head.Seq != l.res.Head.Seq || r.Last != events {
		t.Errorf("verify: %+v, problem %v; %d events", r, r.Problem, events)
	}
	if n := l.count(t, `SELECT count(*) FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_log b WHERE b.seq = a.seq - 1) AND seq > 1`); n > 0 {
		t.Errorf("%d gaps in the chain", n)
	}
	// Entries are in the order of time, as a sealer would have sealed them.
	if n := l.count(t, `SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 WHERE b.at < a.at`); n > 0 {
		t.Errorf("%d entries sealed before an earlier one", n)
	}
	es, err := l.db.SearchAudit(ctx, audit.Query{Action: "appeal.assign", Limit: 5})
	if err != nil || len(es) == 0 || es[0].ActorID == 0 || es[0].ClientIP == "" || !strings.HasPrefix(es[0].Object, "appeal:") {
		t.Errorf("assign entries %+v, %v", es, err)
	}
}

func checkSecondLoad(t *testing.T, l *loaded) {
	_, err := load.Load(ctx, l.db, load.Options{Appeals: 10, Seed: 1, Years: 1, End: testEnd, Key: l.key})
	var fe *fault.Error
	if !fault.Is(err, fault.Conflict) || !errors.As(err, &fe) || fe.Key != "bench.load.notempty" {
		t.Fatalf("a second load: %v", err)
	}
	if n := l.count(t, `SELECT count(*) FROM appeals`); n != testAppeals {
		t.Errorf("%d appeals after the refused load", n)
	}
}

// TestDeterministic loads twice with one seed and finds the same rows.
func TestDeterministic(t *testing.T) {
	digest := func(seed uint64) string {
		db, raw := openMigrated(t, sqlstore.SQLite, sqltest.DSN(t, sqlstore.SQLite))
		if _, err := load.Load(ctx, db, load.Options{Appeals: 300, Seed: seed, Years: 1, End: testEnd, Key: testKey()}); err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		for _, q := range []string{`SELECT id, title, content, state, enterprise_name, contact_phone, created_at, updated_at FROM appeals ORDER BY id`,
			`SELECT id, unit_id, state, reply_text FROM tasks ORDER BY id`, `SELECT seq, hash FROM audit_log ORDER BY seq`,
			`SELECT id, credit_code, name FROM enterprises ORDER BY id`, `SELECT id, path, name FROM units ORDER BY id`} {
			rows, err := raw.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(h, vals...)
			}
			rows.Close()
		}
		return fmt.Sprintf("%x", h.Sum(nil))
	}
	a, b, c := digest(11), digest(11), digest(12)
	if a != b || a == c {
		t.Errorf("seed 11 twice: %s, %s; seed 12: %s", a, b, c)
	}
}

// checkSchema compares the schema after the load, whose indexes and
// foreign keys were set aside while it ran, with a freshly migrated one.
func checkSchema(t *testing.T, l *loaded) {
	_, fresh := openMigrated(t, l.engine, l.fresh)
	queries := []string{`SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`}
	if l.engine == sqlstore.Postgres {
		queries = []string{`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`,
			`SELECT c.conname || ' ' || pg_get_constraintdef(c.oid) || ' ' || c.convalidated FROM pg_constraint c
				JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() ORDER BY c.conname`}
	}
	for _, q := range queries {
		got, want := lines(t, l.raw, q), lines(t, fresh, q)
		if !slices.Equal(got, want) {
			t.Errorf("the schema after the load differs from a fresh one:\n got %q\nwant %q", got, want)
		}
		if len(want) < 20 {
			t.Errorf("%d lines of schema", len(want))
		}
	}
}

func lines(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// checkAfterwards registers an appeal as the product does, after the
// load: the ids go on from those loaded, and the search finds it.
func checkAfterwards(t *testing.T, l *loaded) {
	in := l.actors["intake"]
	c, err := l.appeals.Create(ctx, in, appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Help, CategoryID: 1,
		Title: "压测之后登记的诉求", Content: "企业反映厂区道路积水严重，请求协调解决。", EnterpriseName: "湖南测试科技有限公司",
		DistrictID: l.res.Tokens.DistrictID})
	if err != nil {
		t.Fatal(err)
	}
	if id := c.Aggregate.Appeal.ID; id != testAppeals+1 {
		t.Errorf("the next appeal has id %d, want %d", id, testAppeals+1)
	}
	p, err := l.appeals.List(ctx, l.actors["leader"], appeal.Filter{Keyword: "压测", CountUpTo: 10})
	if err != nil || p.Total != 1 {
		t.Errorf("the search finds %d, %v", p.Total, err)
	}
	evs, err := l.appeals.Timeline(ctx, in, c.Aggregate.Appeal.ID)
	if err != nil || len(evs) != 1 || evs[0].ID <= int64(l.count(t, `SELECT count(*) FROM appeal_events`))-1 {
		t.Errorf("timeline %+v, %v", evs, err)
	}
	// The server's sealer goes on with the chain from the load's head.
	k := &audit.Keeper{Store: l.db, Key: l.key, Head: l.head, Now: time.Now}
	if n, err := k.Seal(ctx); n != 1 || err != nil {
		t.Fatalf("sealed %d, %v", n, err)
	}
	if r, err := k.Verify(ctx); err != nil || r.Problem != nil || r.Last != l.res.Head.Seq+1 || r.Head.Seq != r.Last {
		t.Errorf("verify after sealing: %+v, %v", r, err)
	}
}

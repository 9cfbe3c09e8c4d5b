package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/cityimport"
	"zhitong/internal/deadline"
	"zhitong/internal/enterprise"
	"zhitong/internal/outbox"
	"zhitong/internal/registryimport"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

// queryServer serves the whole API over a fresh SQLite database with one
// officer (office, federation and handler of a district, with one appeal
// to find) and returns it with the officer's token.
func queryServer(tb testing.TB) (*server, string) {
	tb.Helper()
	ctx := context.Background()
	db := sqltest.Open(tb, sqlstore.SQLite)
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, appeal.CST) }
	units := &unit.Service{Store: db}
	accounts := &account.Service{Store: db, Units: db, Now: now}
	appeals := &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{}, Now: now}
	sys := account.SystemActor()
	city := &unit.Unit{Name: "娄底市", Level: unit.City, Kind: unit.Region}
	must(tb, units.Create(ctx, sys, city))
	district := &unit.Unit{Name: "娄星区", Level: unit.District, Kind: unit.Region, ParentID: city.ID}
	must(tb, units.Create(ctx, sys, district))
	office := &unit.Unit{Name: "娄星区优化办", Level: unit.District, Kind: unit.Department, ParentID: district.ID,
		Capabilities: []unit.Capability{unit.Office, unit.Federation}}
	must(tb, units.Create(ctx, sys, office))
	u := &account.User{Username: "fuzz", Name: "模糊测试", UnitID: office.ID,
		Roles: []account.Role{account.Office, account.Federation, account.Handler, account.Intake}}
	must(tb, accounts.CreateUser(ctx, u))
	token, _, err := accounts.CreateToken(ctx, u.ID, "fuzz", account.ScopeFull, 0)
	must(tb, err)
	_, err = appeals.Create(ctx, sys, appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Help, Title: "留抵退税咨询",
		Content: "电话13912345678", EnterpriseName: "湖南利钢金属制品有限公司", Anonymous: true, DistrictID: district.ID})
	must(tb, err)
	s := newServer(Config{Appeals: appeals, Enterprises: &enterprise.Service{Store: db, Now: now}, Units: units,
		Accounts: accounts, Reports: &report.Service{Store: db, Now: now},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Health: db.Ping,
		CityBatches: &cityimport.Service{Appeals: appeals, Store: db},
		Registries:  &registryimport.Service{Store: db, Now: time.Now},
		Deadlines:   &deadline.Service{Store: db, Now: now}, Notices: &outbox.Service{Store: db, Now: now}})
	return s, token
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// internals is what no answer may show.
var internals = regexp.MustCompile(`goroutine \d|\.go:\d|panic|runtime\.|SQL|sqlite|fts5|syntax error|pgx`)

// The query parameters of every list and report — filters, keywords (which
// reach the keyword index), cursors, dates, limits — through the whole
// server down to the database: no input makes it fail on its side (5xx) or
// show its internals; every refusal is a client's error.
func FuzzQuery(f *testing.F) {
	s, token := queryServer(f)
	var gets []route
	for _, rt := range s.table {
		if rt.method == "GET" && len(rt.query) > 0 {
			gets = append(gets, rt)
		}
	}
	for i, q := range []string{"", "q=退税", "q=%22", "q=a%20OR%20b", "q=NEAR(x)", "q=*", "q=13912345678", "q=-x", "q=%5E",
		"status=registered,closed&limit=5", "cursor=YXBwZWFsczox", "cursor=%00", "from=2026-03-01&to=2026-02-01",
		"from=2026-03-01&to=2026-03-31", "limit=201", "enterprise_id=1&q=利钢", "q=" + "%E9%80%80%E7%A8%8E", "root_id=1",
		"district_id=99999999999999999", "q=a&q=b", "%zz", "lang=en&q=%FF"} {
		f.Add(uint8(i), q)
	}
	f.Fuzz(func(t *testing.T, which uint8, raw string) {
		rt := gets[int(which)%len(gets)]
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path, req.URL.RawQuery = rt.pattern, raw
		req.RequestURI = req.URL.RequestURI()
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code >= 500 || internals.MatchString(body) {
			t.Fatalf("%s ?%q → %d: %s", rt.name, raw, rec.Code, body)
		}
		if rec.Code >= 400 {
			var e Error
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code == "internal" || e.Message == "" {
				t.Fatalf("%s ?%q → %d: %s", rt.name, raw, rec.Code, body)
			}
		} else if rec.Code != http.StatusOK {
			t.Fatalf("%s ?%q → %d", rt.name, raw, rec.Code)
		}
	})
}

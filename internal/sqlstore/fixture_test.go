package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
	"zhitong/internal/unit"
)

var ctx = context.Background()

// tree is a small deployment: a province with two cities; the first city
// has two districts with townships and departments, city-level offices and
// a city department; the second city one district.
type tree struct {
	province, city, city2           *unit.Unit
	cityOffice, cityDept            *unit.Unit // city-level: the 市直通车办 and a 市直部门
	district, district2, district3  *unit.Unit // district3 is in city2
	township, township2, tax        *unit.Unit // township and tax (vertical) are in district
	office, federation, dept, dept2 *unit.Unit // district's offices and departments; dept2 in district2
}

func mkUnit(t testing.TB, db *sqlstore.DB, parent *unit.Unit, name string, l unit.Level, k unit.Kind, caps ...unit.Capability) *unit.Unit {
	t.Helper()
	u := &unit.Unit{Name: name, Code: "C-" + name, Level: l, Kind: k, Capabilities: caps, Assessed: true, Active: true}
	if parent != nil {
		u.ParentID = parent.ID
	}
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatalf("CreateUnit %s: %v", name, err)
	}
	return u
}

func newTree(t testing.TB, db *sqlstore.DB) *tree {
	t.Helper()
	var tr tree
	tr.province = mkUnit(t, db, nil, "湖南省", unit.Province, unit.Region)
	tr.city = mkUnit(t, db, tr.province, "娄底市", unit.City, unit.Region)
	tr.cityOffice = mkUnit(t, db, tr.city, "市优化办", unit.City, unit.Department, unit.CityOffice, unit.Office)
	tr.cityDept = mkUnit(t, db, tr.city, "市发改委", unit.City, unit.Department)
	tr.district = mkUnit(t, db, tr.city, "娄星区", unit.District, unit.Region)
	tr.office = mkUnit(t, db, tr.district, "区优化办", unit.District, unit.Department, unit.Office)
	tr.federation = mkUnit(t, db, tr.district, "区工商联", unit.District, unit.Department, unit.Federation, unit.Hotline)
	tr.dept = mkUnit(t, db, tr.district, "区住建局", unit.District, unit.Department)
	tr.tax = mkUnit(t, db, tr.district, "税务局娄星分局", unit.District, unit.Vertical)
	tr.township = mkUnit(t, db, tr.district, "乐坪街道", unit.Township, unit.TownshipK)
	tr.township2 = mkUnit(t, db, tr.district, "大科街道", unit.Township, unit.TownshipK)
	tr.district2 = mkUnit(t, db, tr.city, "双峰县", unit.District, unit.Region)
	tr.dept2 = mkUnit(t, db, tr.district2, "县住建局", unit.District, unit.Department)
	tr.city2 = mkUnit(t, db, tr.province, "长沙市", unit.City, unit.Region)
	tr.district3 = mkUnit(t, db, tr.city2, "岳麓区", unit.District, unit.Region)
	return &tr
}

func mkUser(t testing.TB, db *sqlstore.DB, u *unit.Unit, name string, roles ...account.Role) *account.User {
	t.Helper()
	usr := &account.User{Username: name, Name: "用户" + name, Phone: "13800000000", UnitID: u.ID, Roles: roles,
		Active: true, CreatedAt: ms(2026, 1, 2, 3, 4, 5, 678)}
	if err := db.CreateUser(ctx, usr); err != nil {
		t.Fatalf("CreateUser %s: %v", name, err)
	}
	return usr
}

// actorOf is u as the services see it, with the districts of its unit.
func actorOf(t testing.TB, db *sqlstore.DB, u *account.User) *account.Actor {
	t.Helper()
	ds, err := db.Districts(ctx, u.UnitID)
	if err != nil {
		t.Fatal(err)
	}
	return &account.Actor{UserID: u.ID, Name: u.Name, UnitID: u.UnitID, Roles: u.Roles, Districts: ds}
}

func mkEnterprise(t testing.TB, db *sqlstore.DB, name, code string, district int64) *enterprise.Enterprise {
	t.Helper()
	e := &enterprise.Enterprise{Name: name, CreditCode: code, DistrictID: district, CreatedAt: ms(2026, 1, 1, 0, 0, 0, 0)}
	if err := db.CreateEnterprise(ctx, e); err != nil {
		t.Fatalf("CreateEnterprise %s: %v", name, err)
	}
	return e
}

// ms is a time in China Standard Time, to the millisecond as stored.
func ms(y int, m time.Month, d, h, min, s, milli int) time.Time {
	return time.Date(y, m, d, h, min, s, milli*int(time.Millisecond), appeal.CST)
}

// newAppeal returns an appeal registered in district at time at, with
// title and content.
func newAppeal(district int64, title, content string, at time.Time) *appeal.Appeal {
	return &appeal.Appeal{Channel: appeal.Hotline12345, Type: appeal.Help, Urgency: appeal.Normal, Title: title,
		Content: content, EnterpriseName: "娄底某某机械有限公司", DistrictID: district, State: appeal.Registered,
		CreatedAt: at, UpdatedAt: at, Version: 1}
}

// create stores a with a registration event and returns it.
func create(t testing.TB, db *sqlstore.DB, a *appeal.Appeal) *appeal.Appeal {
	t.Helper()
	ev := &appeal.Event{At: a.CreatedAt, ActorID: a.CreatedBy, ActorName: "受理员", Action: appeal.ActRegister, ToState: a.State}
	if err := db.CreateAppeal(ctx, a, ev); err != nil {
		t.Fatalf("CreateAppeal %q: %v", a.Title, err)
	}
	if a.ID == 0 || ev.AppealID != a.ID {
		t.Fatalf("CreateAppeal set ID %d and event's AppealID %d", a.ID, ev.AppealID)
	}
	return a
}

// addTask gives appeal id a new task of unit u through Mutate, leaving the
// appeal's state as it is, and returns the task.
func addTask(t testing.TB, db *sqlstore.DB, id int64, u *unit.Unit, state appeal.TaskState) appeal.Task {
	t.Helper()
	var out appeal.Task
	err := db.Mutate(ctx, id, func(g *appeal.Aggregate) (*appeal.Change, error) {
		a := g.Appeal
		ch := &appeal.Change{PrevVersion: a.Version}
		a.Version++
		a.Round = max(a.Round, 1)
		ch.Appeal = a
		role := appeal.Lead
		if len(g.Tasks) > 0 {
			role = appeal.Co
		}
		ch.NewTasks = []appeal.Task{{AppealID: id, DistrictID: a.DistrictID, Round: a.Round, UnitID: u.ID, Role: role,
			State: state, AssignedAt: a.CreatedAt, ReplyDue: a.CreatedAt.Add(10 * 24 * time.Hour), Version: 1}}
		return ch, nil
	})
	if err != nil {
		t.Fatalf("addTask: %v", err)
	}
	g := aggregate(t, db, id)
	out = g.Tasks[len(g.Tasks)-1]
	return out
}

func aggregate(t testing.TB, db *sqlstore.DB, id int64) *appeal.Aggregate {
	t.Helper()
	g, err := db.Aggregate(ctx, id)
	if err != nil {
		t.Fatalf("Aggregate %d: %v", id, err)
	}
	return g
}

// wantKind fails t unless err is of kind k.
func wantKind(t testing.TB, err error, k fault.Kind, what string) {
	t.Helper()
	if !fault.Is(err, k) {
		t.Fatalf("%s: error %v (kind %v), want kind %v", what, err, fault.KindOf(err), k)
	}
}

// same fails t unless got and want are equal once their times are in UTC
// (the store returns times in the local zone, the same instants).
func same(t testing.TB, what string, got, want any) {
	t.Helper()
	g, w := utc(got), utc(want)
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

var timeType = reflect.TypeFor[time.Time]()

// utc returns a deep copy of v with every time.Time in UTC.
func utc(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	cp := reflect.New(rv.Type()).Elem()
	copyUTC(cp, rv)
	return cp.Interface()
}

func copyUTC(dst, src reflect.Value) {
	switch {
	case src.Type() == timeType:
		dst.Set(reflect.ValueOf(src.Interface().(time.Time).UTC()))
	case src.Kind() == reflect.Pointer:
		if !src.IsNil() {
			dst.Set(reflect.New(src.Type().Elem()))
			copyUTC(dst.Elem(), src.Elem())
		}
	case src.Kind() == reflect.Struct:
		for i := range src.NumField() {
			copyUTC(dst.Field(i), src.Field(i))
		}
	case src.Kind() == reflect.Slice:
		if !src.IsNil() {
			dst.Set(reflect.MakeSlice(src.Type(), src.Len(), src.Len()))
			for i := range src.Len() {
				copyUTC(dst.Index(i), src.Index(i))
			}
		}
	default:
		dst.Set(src)
	}
}

func hash(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func ids[T any](xs []T, id func(T) int64) []int64 {
	out := []int64{}
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func appealIDs(p appeal.Page) []int64 {
	return ids(p.Items, func(a appeal.Appeal) int64 { return a.ID })
}

var _ = fmt.Sprint

func asFault(err error, fe **fault.Error) bool { return errors.As(err, fe) }

// instances opens one new database on engine twice, as two instances of
// the server would, each with its own connections, and migrates it.
func instances(t *testing.T, engine string) [2]*sqlstore.DB {
	t.Helper()
	dsn := sqltest.DSN(t, engine)
	var dbs [2]*sqlstore.DB
	for i := range dbs {
		db, err := sqlstore.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		dbs[i] = db
	}
	return dbs
}

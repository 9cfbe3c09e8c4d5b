// Package demo fills an empty database with a believable 娄星区 (娄底市,
// 湖南省): its unit tree, officers of every role with an API token each, the
// categories, a few dozen enterprises with valid credit codes, and appeals in
// every state of the loop, the stories of SCENARIOS.md among them.
//
// Everything goes through the domain services, so every row is one the
// product itself could have written. The data are deterministic: the same
// end time gives the same data (the secrets of the tokens and query codes
// aside, which are random by design).
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
	"zhitong/internal/unit"
)

// Store is what the demo writes through: the stores of the domain services.
type Store interface {
	appeal.Store
	unit.Store
	account.Store
	enterprise.Store
	outreach.Store
	policy.Store
}

// Options tune Seed.
type Options struct {
	// Now is the moment the demo's story ends: every appeal was registered
	// and acted on before it. Zero means time.Now().
	Now time.Time
	// TokenTTL is how long the demo users' tokens last; zero means a year.
	TokenTTL time.Duration
}

// Token is the API token of one demo user, shown once.
type Token struct {
	Username  string
	Name      string
	Unit      string
	Roles     []account.Role
	Scope     account.TokenScope
	Secret    string
	ExpiresAt time.Time
	// Password and TOTP sign the user in on the web pages: every demo user
	// has DemoPassword, and those whose roles require a second factor have
	// one in force, whose secret this is.
	Password string
	TOTP     string
}

// DemoPassword is every demo user's password. A demo's data are made up;
// the password is published with them.
const DemoPassword = "Zhitong-Demo-2026"

// Result says what Seed wrote.
type Result struct {
	Units       int
	Users       int
	Enterprises int
	Appeals     int
	Tokens      []Token
	Companies   []Company // the enterprise accounts that sign in on the portal
}

// Company is a demo enterprise account that signs in on the portal with
// its phone and DemoPassword.
type Company struct {
	Name, Phone string
}

// Empty reports whether the database holds no units, which is how the demo
// recognises a database it has not filled yet.
func Empty(ctx context.Context, st unit.Store) (bool, error) {
	us, err := st.Units(ctx, 0)
	if err != nil {
		return false, err
	}
	return len(us) == 0, nil
}

// Seed fills an empty database with the demo data. It refuses, with a
// Conflict error, a database that already holds units, so that it never
// writes anything twice.
func Seed(ctx context.Context, st Store, opt Options) (*Result, error) {
	empty, err := Empty(ctx, st)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, fault.E(fault.Conflict, "demo.notempty")
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.TokenTTL == 0 {
		opt.TokenTTL = 365 * 24 * time.Hour
	}
	s := newSeeder(st, opt.Now)
	res := &Result{}
	for _, f := range []struct {
		what string
		fn   func(context.Context, *Result) error
	}{
		{"units", s.seedUnits},
		{"categories", s.seedCategories},
		{"users", s.seedUsers},
		{"enterprises", s.seedEnterprises},
		{"appeals", s.seedAppeals},
		{"events", s.seedEvents},
		{"policies", s.seedPolicies},
		{"tokens", func(ctx context.Context, r *Result) error { return s.seedTokens(ctx, r, opt.TokenTTL) }},
	} {
		if err := f.fn(ctx, res); err != nil {
			return nil, fmt.Errorf("demo: %s: %w", f.what, err)
		}
	}
	return res, nil
}

// clock is the time the services see while the demo writes: it is moved to
// the moment of each step of each story.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// seeder holds the services, the clock and what has been written so far,
// by name, so that the stories can refer to units, people and enterprises.
type seeder struct {
	st    Store
	clock *clock
	end   time.Time // the demo's now: every step happens before it
	rng   *rand.Rand

	units       *unit.Service
	accounts    *account.Service
	enterprises *enterprise.Service
	appeals     *appeal.Service
	sys         *account.Actor

	unit     map[string]*unit.Unit // by name
	unitList []*unit.Unit          // in creation order
	user     map[string]*account.User
	userList []*account.User
	actor    map[string]*account.Actor // by username
	handler  map[string]string         // unit name → its handler's username
	ent      map[string]*enterprise.Enterprise
	entList  []*enterprise.Enterprise
	entActor map[string]*account.Actor // enterprise name → its portal account
	cat      map[string]int64          // category name → id

	steps   []step
	appealN int
}

func newSeeder(st Store, end time.Time) *seeder {
	c := &clock{t: end}
	accounts := &account.Service{Store: st, Units: st, Now: c.Now}
	return &seeder{
		st: st, clock: c, end: end,
		rng:         rand.New(rand.NewPCG(431302, 20260823)),
		units:       &unit.Service{Store: st},
		accounts:    accounts,
		enterprises: &enterprise.Service{Store: st, Now: c.Now},
		appeals: &appeal.Service{Store: st, Units: st, Enterprises: st,
			Deadlines: appeal.CalendarDays{}, Now: c.Now},
		sys:      account.SystemActor(),
		unit:     map[string]*unit.Unit{},
		user:     map[string]*account.User{},
		actor:    map[string]*account.Actor{},
		handler:  map[string]string{},
		ent:      map[string]*enterprise.Enterprise{},
		entActor: map[string]*account.Actor{},
		cat:      map[string]int64{},
	}
}

// day returns midnight (China Standard Time) of the day n working days
// before the demo's end; weekends are not working days.
func (s *seeder) day(n int) time.Time {
	y, m, d := s.end.In(appeal.CST).Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, appeal.CST)
	for n > 0 {
		t = t.AddDate(0, 0, -1)
		if workday(t) {
			n--
		}
	}
	return t
}

func workday(t time.Time) bool {
	wd := t.In(appeal.CST).Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

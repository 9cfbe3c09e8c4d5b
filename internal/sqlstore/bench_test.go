package sqlstore_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// The benchmarks of the hot store paths, on SQLite and (when
// ZHITONG_TEST_POSTGRES is set) on PostgreSQL, over a few thousand appeals
// made in their setup. 'zhitong bench run' measures the same paths through
// HTTP over a loaded database; these isolate the store. Run them with
//
//	go test ./internal/sqlstore -run '^$' -bench Store -benchtime 2s
//
// and profile one with -cpuprofile. They assert nothing about time.

// benchAppeals is how many appeals the setup writes.
const benchAppeals = 3000

// benchWords are in the appeals' text, as the search scenario's are.
var benchWords = []string{"退税", "用电", "审批", "贷款", "用地", "工资", "欠款", "办证"}

// benchStore is a database of benchAppeals appeals of the tree's district
// over the twelve months up to benchEnd, in every state.
type benchStore struct {
	db     *sqlstore.DB
	tr     *tree
	svc    *appeal.Service
	fed    *account.Actor
	months []time.Time // the first day of each month, oldest first
}

var benchEnd = ms(2026, 6, 30, 18, 0, 0, 0)

func newBenchStore(b *testing.B, engine string) *benchStore {
	b.Helper()
	db := sqltest.Open(b, engine)
	s := &benchStore{db: db, tr: newTree(b, db)}
	s.svc = &appeal.Service{Store: db, Units: db, Enterprises: db, Deadlines: appeal.CalendarDays{}, Now: time.Now}
	u := mkUser(b, db, s.tr.federation, "fed", account.Federation, account.Intake)
	s.fed = &account.Actor{UserID: u.ID, Name: u.Name, UnitID: u.UnitID, Roles: u.Roles, Districts: []int64{s.tr.district.ID}}
	for i := 11; i >= 0; i-- {
		s.months = append(s.months, time.Date(2026, time.Month(6-i), 1, 0, 0, 0, 0, appeal.CST))
	}
	rng := rand.New(rand.NewPCG(4, 2026))
	for range benchAppeals {
		create(b, db, s.appeal(rng))
	}
	return s
}

// appeal returns an appeal to write: in the district mostly, at a random
// time of the twelve months, in a random state.
func (s *benchStore) appeal(rng *rand.Rand) *appeal.Appeal {
	at := s.months[0].Add(time.Duration(rng.Int64N(int64(benchEnd.Sub(s.months[0])))))
	w := benchWords[rng.IntN(len(benchWords))]
	a := newAppeal(s.tr.district.ID, "企业反映"+w+"问题办理缓慢",
		strings.Repeat("企业多次与相关部门沟通"+w+"事宜，始终没有明确答复，恳请协调解决。", 1+rng.IntN(6)), at)
	if rng.IntN(10) == 0 {
		a.DistrictID = s.tr.district2.ID
	}
	a.Channel = appeal.Channels[rng.IntN(6)]
	a.State = appeal.States[rng.IntN(len(appeal.States))]
	return a
}

// BenchmarkStore measures the store's hot paths: the reads first, then
// the writes, which add appeals.
func BenchmarkStore(b *testing.B) {
	for _, engine := range sqltest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := newBenchStore(b, engine)
			b.Run("ListAppeals", s.benchList)
			b.Run("Search", s.benchSearch)
			b.Run("SummaryGroups", s.benchSummary)
			b.Run("CreateAppeal", s.benchCreate)
			b.Run("CreateAppealConcurrent", s.benchCreateConcurrent)
			b.Run("Mutate", s.benchMutate)
			b.Run("FoldCohort", s.benchFold)
		})
	}
}

// benchList lists the district's open appeals, as an office's worklist.
func (s *benchStore) benchList(b *testing.B) {
	f := appeal.Filter{Scope: appeal.Scope{Districts: []int64{s.tr.district.ID}},
		States: []appeal.State{appeal.Unassigned, appeal.InProgress}, Limit: 20, CountUpTo: appeal.CountCap}
	for b.Loop() {
		if _, err := s.db.ListAppeals(ctx, f); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSearch looks the district's appeals up by a two-character word.
func (s *benchStore) benchSearch(b *testing.B) {
	i := 0
	for b.Loop() {
		f := appeal.Filter{Scope: appeal.Scope{Districts: []int64{s.tr.district.ID}},
			Keyword: benchWords[i%len(benchWords)], Limit: 20, CountUpTo: appeal.CountCap}
		if _, err := s.db.ListAppeals(ctx, f); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// benchSummary counts a month of the district for its summary report.
func (s *benchStore) benchSummary(b *testing.B) {
	i := 0
	for b.Loop() {
		m := s.months[i%len(s.months)]
		q := report.Query{Districts: []int64{s.tr.district.ID}, From: m, To: m.AddDate(0, 1, 0)}
		if _, err := s.db.SummaryGroups(ctx, q); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// benchCreate writes an appeal with its event, audit entry and search terms.
func (s *benchStore) benchCreate(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 2026))
	for b.Loop() {
		a := s.appeal(rng)
		a.State = appeal.Registered
		ev := &appeal.Event{At: a.CreatedAt, ActorName: "受理员", Action: appeal.ActRegister, ToState: a.State}
		if err := s.db.CreateAppeal(ctx, a, ev); err != nil {
			b.Fatal(err)
		}
	}
}

// benchCreateConcurrent writes appeals from 32 goroutines at once, as many
// intake seats do: on SQLite they share commits (group commit).
func (s *benchStore) benchCreateConcurrent(b *testing.B) {
	b.SetParallelism(16) // 16 × GOMAXPROCS goroutines
	var seed atomic.Uint64
	b.RunParallel(func(pb *testing.PB) {
		rng := rand.New(rand.NewPCG(seed.Add(1), 2026))
		for pb.Next() {
			a := s.appeal(rng)
			a.State = appeal.Registered
			ev := &appeal.Event{At: a.CreatedAt, ActorName: "受理员", Action: appeal.ActRegister, ToState: a.State}
			if err := s.db.CreateAppeal(ctx, a, ev); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// benchFold folds the report's deltas of 100 appeals registered (with the
// timer stopped) into the counters.
func (s *benchStore) benchFold(b *testing.B) {
	rng := rand.New(rand.NewPCG(6, 2026))
	for b.Loop() {
		b.StopTimer()
		for range 100 {
			a := s.appeal(rng)
			if err := s.db.CreateAppeal(ctx, a, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if _, err := s.db.FoldCohort(ctx, 1000); err != nil {
			b.Fatal(err)
		}
	}
}

// benchMutate takes an action through the domain service: the federation
// refers a registered appeal to the district office, which reads the
// appeal and writes it, an event and an audit entry in one transaction.
// The appeal to act on is written with the timer stopped.
func (s *benchStore) benchMutate(b *testing.B) {
	in := appeal.Intake{Channel: appeal.Hotline12345, Type: appeal.Help, Title: "厂区道路破损影响运输",
		Content: "园区道路破损，重载货车多次陷车，影响原材料和产品运输。", EnterpriseName: "娄底某某物流有限公司",
		DistrictID: s.tr.district.ID}
	for b.Loop() {
		b.StopTimer()
		c, err := s.svc.Create(ctx, s.fed, in)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.svc.Act(ctx, s.fed, c.Aggregate.Appeal.ID, appeal.Command{Action: appeal.ActReferDistrict, Version: 1}); err != nil {
			b.Fatal(fmt.Errorf("refer: %w", err))
		}
	}
}

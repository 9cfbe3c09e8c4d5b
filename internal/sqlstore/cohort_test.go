package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/report"
)

// The counters equal a full recount of the appeals, whatever happened to
// the appeals and however much of the deltas was folded, from any number
// of writers and folders at once.
func TestCohortCountersEqualRecount(t *testing.T) {
	t.Parallel()
	for _, engine := range testEngines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := openForPlan(t, engine)
			districts := seedDistricts(t, db, 2)
			rng := rand.New(rand.NewPCG(7, 2026))
			var ids []int64
			for range 240 {
				a := randomCohortAppeal(rng, districts)
				if err := db.CreateAppeal(ctx, a, nil); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
			}
			checkCohort(t, db, districts, "before any folding")

			// Four writers change appeals while two folders fold a few deltas
			// at a time.
			var writers, folders sync.WaitGroup
			stop := make(chan struct{})
			for w := range 4 {
				writers.Go(func() {
					rng := rand.New(rand.NewPCG(uint64(w), 9))
					for range 60 {
						id := ids[rng.IntN(len(ids))]
						if err := db.Mutate(ctx, id, randomChange(rng)); err != nil {
							t.Error(err)
							return
						}
					}
				})
			}
			for range 2 {
				folders.Go(func() {
					for {
						select {
						case <-stop:
							return
						default:
						}
						if _, err := db.FoldCohort(ctx, 7); err != nil {
							t.Error(err)
							return
						}
					}
				})
			}
			writers.Wait()
			checkCohort(t, db, districts, "while folding")
			close(stop)
			folders.Wait()
			checkCohort(t, db, districts, "after some folding")
			for {
				n, err := db.FoldCohort(ctx, 100)
				if err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					break
				}
			}
			checkCohort(t, db, districts, "all folded")
			checkDayCounters(t, db)
			if err := db.RebuildCohort(ctx); err != nil {
				t.Fatal(err)
			}
			checkCohort(t, db, districts, "rebuilt")
			checkDayCounters(t, db)
		})
	}
}

func seedDistricts(t *testing.T, db *DB, n int) []int64 {
	t.Helper()
	ids := make([]int64, n)
	err := db.inWrite(context.Background(), "seed", func(ctx context.Context, tx *txn) error {
		for i := range ids {
			if err := tx.QueryRowContext(ctx, `INSERT INTO units (name, level, kind, path) VALUES ($1, 'district', 'region', '/')
				RETURNING id`, fmt.Sprintf("区%d", i)).Scan(&ids[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// randomCohortAppeal is an appeal registered between December 2025 and
// April 2026, a good share of them in the last and first millisecond of a
// day in China Standard Time.
func randomCohortAppeal(rng *rand.Rand, districts []int64) *appeal.Appeal {
	day := time.Date(2025, 12, 1, 0, 0, 0, 0, appeal.CST).AddDate(0, 0, rng.IntN(150))
	at := day.Add(time.Duration(rng.Int64N(int64(24 * time.Hour))))
	switch rng.IntN(4) {
	case 0:
		at = day
	case 1:
		at = day.Add(24*time.Hour - time.Millisecond)
	}
	return &appeal.Appeal{Channel: appeal.Channels[rng.IntN(len(appeal.Channels))], Type: appeal.Help, Urgency: appeal.Normal,
		Title: "诉求", Content: "企业诉求", EnterpriseName: "企业", DistrictID: districts[rng.IntN(len(districts))],
		State: appeal.Registered, CreatedAt: at, UpdatedAt: at, Version: 1}
}

// randomChange moves an appeal to a random combination of what the
// counters count.
func randomChange(rng *rand.Rand) func(*appeal.Aggregate) (*appeal.Change, error) {
	return func(g *appeal.Aggregate) (*appeal.Change, error) {
		a := g.Appeal
		a.State = appeal.States[rng.IntN(len(appeal.States))]
		a.Route = appeal.Routes[rng.IntN(len(appeal.Routes))]
		a.Satisfaction = []appeal.Satisfaction{appeal.SatNone, appeal.Satisfied, appeal.FairlySatisfied, appeal.Dissatisfied}[rng.IntN(4)]
		a.Resolved, a.Unreachable = rng.IntN(2) == 0, rng.IntN(5) == 0
		a.Version++
		return &appeal.Change{Appeal: a, PrevVersion: g.Appeal.Version}, nil
	}
}

// checkCohort compares the report's groups with a recount of the appeals
// for periods of every shape: whole months, parts of months on either side
// of them, one day, nothing, everything; all districts, one, both.
func checkCohort(t *testing.T, db *DB, districts []int64, when string) {
	t.Helper()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, appeal.CST) }
	periods := [][2]time.Time{
		{day(2026, 1, 1), day(2026, 2, 1)},
		{day(2025, 12, 1), day(2026, 5, 1)},
		{day(2025, 12, 17), day(2026, 3, 9)},
		{day(2026, 1, 31), day(2026, 2, 1)},
		{day(2026, 2, 3), day(2026, 2, 20)},
		{day(2026, 3, 1), day(2026, 3, 1)},
		{day(2020, 1, 1), day(2030, 1, 1)},
	}
	for _, p := range periods {
		for _, ds := range [][]int64{nil, districts[:1], districts} {
			q := report.Query{Districts: ds, From: p[0], To: p[1]}
			got, err := db.SummaryGroups(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			sums, err := recount(context.Background(), db.read, ds, p[0], p[1])
			if err != nil {
				t.Fatal(err)
			}
			want := groupsOf(sums)
			sortGroups(got)
			sortGroups(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s to %s, districts %v:\n got %v\nwant %v", when, p[0].Format(time.DateOnly), p[1].Format(time.DateOnly), ds, got, want)
			}
		}
	}
}

func sortGroups(gs []report.Group) {
	slices.SortFunc(gs, func(a, b report.Group) int {
		return cmp.Or(cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Route, b.Route), cmp.Compare(a.State, b.State),
			cmp.Compare(a.Satisfaction, b.Satisfaction), compareBool(a.Resolved, b.Resolved), compareBool(a.Unreachable, b.Unreachable))
	})
}

// checkDayCounters compares the day counters, with nothing left to fold,
// with a recount, counter by counter.
func checkDayCounters(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	want, err := recount(ctx, db.read, nil, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT district_id, day, `+cohortColumns+`, n FROM cohort_days WHERE n <> 0`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[cohortKey]int64{}
	for rows.Next() {
		var k cohortKey
		var n int64
		if err := rows.Scan(append(k.dest(), &n)...); err != nil {
			t.Fatal(err)
		}
		got[k] = n
	}
	rows.Close()
	if len(got) != len(want) {
		t.Errorf("%d day counters; a recount makes %d", len(got), len(want))
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("counter %+v: %d; a recount makes %d", k, got[k], n)
		}
	}
}

func TestCohortDays(t *testing.T) {
	for _, c := range []struct {
		at         time.Time
		day, month int64
		first      int64
	}{
		{time.Date(1969, 12, 31, 23, 59, 59, 999e6, appeal.CST), -1, 1969*12 + 11, -31},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, appeal.CST), 0, 1970 * 12, 0},
		{time.Date(1970, 1, 1, 8, 0, 0, 0, appeal.CST), 0, 1970 * 12, 0},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, appeal.CST), 20513, 2026*12 + 2, 20513},
		{time.Date(2026, 2, 28, 23, 59, 59, 999e6, appeal.CST), 20512, 2026*12 + 1, 20485},
		{time.Date(2026, 2, 28, 16, 0, 0, 0, time.UTC), 20513, 2026*12 + 2, 20513}, // midnight in Beijing
	} {
		if d := dayOf(c.at); d != c.day || monthOf(d) != c.month || firstDayOf(monthOf(d)) != c.first {
			t.Errorf("%v: day %d, month %d, its first day %d; want %d, %d, %d", c.at, d, monthOf(d), firstDayOf(monthOf(d)), c.day, c.month, c.first)
		}
	}
}

package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
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
			districts := seedDistricts(t, db)
			rng := rand.New(rand.NewPCG(7, 2026))
			var ids []int64
			for range 240 {
				a := randomCohortAppeal(rng, districts)
				if err := db.CreateAppeal(ctx, a, nil); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
			}
			checkRegions(t, db, districts)
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

// seedDistricts makes a province with two cities, one of two districts
// and one of one, each district with a department, and returns the
// districts.
func seedDistricts(t *testing.T, db *DB) []int64 {
	t.Helper()
	var out []int64
	err := db.inWrite(context.Background(), "seed", func(ctx context.Context, tx *txn) error {
		mk := func(name, level, kind string, parent int64, parentPath string) (int64, string, error) {
			var id int64
			var p any
			if parent != 0 {
				p = parent
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO units (name, level, kind, path, parent_id) VALUES ($1, $2, $3, '', $4)
				RETURNING id`, name, level, kind, p).Scan(&id); err != nil {
				return 0, "", err
			}
			path := parentPath + strconv.FormatInt(id, 10) + "/"
			_, err := tx.ExecContext(ctx, `UPDATE units SET path = $1 WHERE id = $2`, path, id)
			return id, path, err
		}
		prov, pp, err := mk("省", "province", "region", 0, "/")
		if err != nil {
			return err
		}
		for c, n := range []int{2, 1} {
			city, cp, err := mk(fmt.Sprintf("市%d", c), "city", "region", prov, pp)
			if err != nil {
				return err
			}
			for i := range n {
				d, dp, err := mk(fmt.Sprintf("区%d-%d", c, i), "district", "region", city, cp)
				if err != nil {
					return err
				}
				out = append(out, d)
				// A department at the district's level, which owns no appeals.
				if _, _, err := mk("发改局", "district", "department", d, dp); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
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
	d := districts[rng.IntN(len(districts))]
	a := &appeal.Appeal{Channel: appeal.Channels[rng.IntN(len(appeal.Channels))], Type: appeal.Types[rng.IntN(len(appeal.Types))],
		Urgency: appeal.Normal, Title: "诉求", Content: "企业诉求", EnterpriseName: "企业", DistrictID: d,
		State: appeal.Registered, CreatedAt: at, UpdatedAt: at, Version: 1}
	if rng.IntN(2) == 0 {
		a.TerritoryID = d + 1 // the district's department, standing in for a township
	}
	return a
}

// randomChange moves an appeal to a random combination of what the
// counters count.
func randomChange(rng *rand.Rand) func(*appeal.Aggregate) (*appeal.Change, error) {
	return func(g *appeal.Aggregate) (*appeal.Change, error) {
		a := g.Appeal
		a.State = appeal.States[rng.IntN(len(appeal.States))]
		a.Route = appeal.Routes[rng.IntN(len(appeal.Routes))]
		a.Satisfaction = []appeal.Satisfaction{appeal.SatNone, appeal.Satisfied, appeal.FairlySatisfied, appeal.Dissatisfied}[rng.IntN(4)]
		a.Resolved, a.Unreachable, a.Unreasonable = rng.IntN(2) == 0, rng.IntN(5) == 0, rng.IntN(6) == 0
		if rng.IntN(4) == 0 { // reclassified
			a.Type = appeal.Types[rng.IntN(len(appeal.Types))]
		}
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
		// All (the province's counters), a city's two, one district, and
		// a district of each city.
		for _, ds := range [][]int64{nil, districts[:2], districts[:1], districts[1:], districts} {
			q := report.Query{Districts: ds, From: p[0], To: p[1]}
			got, err := db.SummaryGroups(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			sums, err := recount(context.Background(), db.read, ds, p[0], p[1], summaryDim)
			if err != nil {
				t.Fatal(err)
			}
			want := groupsOf(sums)
			sortGroups(got)
			sortGroups(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s to %s, districts %v:\n got %v\nwant %v", when, p[0].Format(time.DateOnly), p[1].Format(time.DateOnly), ds, got, want)
			}
			// The breakdowns from the counters are those of the appeals.
			parts, err := db.Breakdown(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			var scanned []report.Part
			if err := db.inRead(context.Background(), "scan", func(tx *txn) error {
				sums := partSums{}
				if err := scanBreakdown(context.Background(), tx, q, sums); err != nil {
					return err
				}
				scanned = sums.list()
				return nameParts(context.Background(), tx, scanned)
			}); err != nil {
				t.Fatal(err)
			}
			if g, w := partCounts(parts), partCounts(scanned); !maps.Equal(g, w) || len(w) == 0 && p[0].Year() == 2020 {
				t.Errorf("%s: breakdown %s to %s, districts %v:\n got %v\nwant %v", when, p[0].Format(time.DateOnly), p[1].Format(time.DateOnly), ds, g, w)
			}
		}
	}
}

// partCounts are the figures of parts by dimension, key and name.
func partCounts(ps []report.Part) map[[3]string]report.Figures {
	out := map[[3]string]report.Figures{}
	for _, p := range ps {
		k := [3]string{p.Dim, p.Key, p.Name}
		f := out[k]
		f.Plus(p.Figures)
		out[k] = f
	}
	return out
}

func sortGroups(gs []report.Group) {
	slices.SortFunc(gs, func(a, b report.Group) int {
		return cmp.Or(cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Route, b.Route), cmp.Compare(a.State, b.State),
			cmp.Compare(a.Satisfaction, b.Satisfaction), compareBool(a.Resolved, b.Resolved), compareBool(a.Unreachable, b.Unreachable),
			compareBool(a.Unreasonable, b.Unreasonable))
	})
}

// checkDayCounters compares the districts' day counters, with nothing left
// to fold, with a recount, counter by counter. (The counters of the units
// above them are checked by checkCohort, which reads them.)
func checkDayCounters(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	want, err := recount(ctx, db.read, nil, time.Time{}, time.Time{}, summaryDim)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT region_id, day, '', '', `+groupColumns+`, n FROM cohort_days
		WHERE n <> 0 AND region_id IN (SELECT id FROM units WHERE level = 'district' AND kind = 'region')`)
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

// checkRegions checks which counters a report reads: the province's for
// all, a city's for all of its districts, a district's for itself.
func checkRegions(t *testing.T, db *DB, ds []int64) {
	t.Helper()
	var prov, city1, city2 int64
	err := db.read.QueryRow(`SELECT a.parent_id, b.parent_id, c.parent_id FROM units a, units b, units c
		WHERE a.id = (SELECT parent_id FROM units WHERE id = $1) AND b.id = $1 AND c.id = $2`, ds[0], ds[2]).Scan(&prov, &city1, &city2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		districts, want []int64
	}{
		{nil, []int64{prov}},
		{ds, []int64{prov}},
		{ds[:2], []int64{city1}},
		{ds[:1], ds[:1]},
		{ds[1:], []int64{ds[1], city2}},
	} {
		got, err := regionsOf(context.Background(), db.read, c.districts)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("the regions of districts %v: %v; want %v", c.districts, got, c.want)
		}
	}
}

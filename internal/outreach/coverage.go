package outreach

import (
	"cmp"
	"context"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/industry"
	"zhitong/internal/report"
)

// Coverage (不漏一企，不漏一户): of a district's market entities, by township
// and industry, how many have a liaison cadre, were visited in the last
// days, and have an appeal open; and the ones nobody reached — no cadre
// and no visit in those days.

// CoverageCount is the coverage of the entities of one township and one
// division of GB/T 4754-2017 (as the store counts them).
type CoverageCount struct {
	TerritoryID  int64
	IndustryCode string
	Enterprises  int
	WithCadre    int
	Visited      int
	OpenAppeals  int
}

// Cell is the coverage of a township's entities of one industry section.
type Cell struct {
	Enterprises int `json:"enterprises"`
	WithCadre   int `json:"with_cadre"`
	Visited     int `json:"visited"`
	OpenAppeals int `json:"open_appeals"`
}

func (c *Cell) add(n CoverageCount) {
	c.Enterprises += n.Enterprises
	c.WithCadre += n.WithCadre
	c.Visited += n.Visited
	c.OpenAppeals += n.OpenAppeals
}

// Unreached is an entity nobody reached.
type Unreached struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	TerritoryID  int64  `json:"territory_id"`
	IndustryCode string `json:"industry_code"`
}

// CoverageStore counts the coverage.
type CoverageStore interface {
	// CoverageCounts counts the entities of districts by township and
	// division, visits since since, appeals open in states.
	CoverageCounts(ctx context.Context, districts []int64, since time.Time, open []appeal.State) ([]CoverageCount, error)
	// Unreached lists up to limit entities of districts with no cadre and
	// no visit since since, the oldest registered first.
	Unreached(ctx context.Context, districts []int64, since time.Time, limit int) ([]Unreached, error)
}

// Township is a township's row of the coverage: its sections and its total.
type Township struct {
	TerritoryID int64           `json:"territory_id"` // 0: no township given
	Sections    map[string]Cell `json:"sections"`     // by section letter (门类)
	Total       Cell            `json:"total"`
}

// Coverage is the coverage of a district.
type Coverage struct {
	DistrictID int64       `json:"district_id"`
	Days       int         `json:"days"`
	Since      string      `json:"since"` // YYYY-MM-DD, the first day counted as visited
	AsOf       string      `json:"as_of"`
	Sections   []string    `json:"sections"` // the section letters present, in order
	Townships  []Township  `json:"townships"`
	Total      Cell        `json:"total"`
	Unreached  []Unreached `json:"unreached"` // up to MaxUnreached
}

// MaxUnreached is how many unreached entities the coverage lists.
const MaxUnreached = 200

// CoverageOf computes the coverage of district (0: actor's only district)
// for the last days (1–366), as of now, for those who read reports.
func CoverageOf(ctx context.Context, st CoverageStore, actor *account.Actor, district int64, days int, now time.Time) (*Coverage, error) {
	if !report.MayRead(actor) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	district, err := districtOf(actor, district)
	if err != nil {
		return nil, err
	}
	if days < 1 || days > 366 {
		return nil, fault.Field("days", "coverage.days")
	}
	today := now.In(appeal.CST)
	since := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, appeal.CST).AddDate(0, 0, 1-days)
	counts, err := st.CoverageCounts(ctx, []int64{district}, since, appeal.OpenStates())
	if err != nil {
		return nil, err
	}
	c := &Coverage{DistrictID: district, Days: days, Since: since.Format(time.DateOnly), AsOf: today.Format(time.RFC3339),
		Sections: []string{}, Townships: []Township{}}
	rows := map[int64]*Township{}
	seen := map[string]bool{}
	for _, n := range counts {
		t := rows[n.TerritoryID]
		if t == nil {
			t = &Township{TerritoryID: n.TerritoryID, Sections: map[string]Cell{}}
			rows[n.TerritoryID] = t
		}
		sec := "-" // no industry known
		if s, ok := industry.SectionOf(n.IndustryCode); ok && n.IndustryCode != "" {
			sec = s.Code
		}
		cell := t.Sections[sec]
		cell.add(n)
		t.Sections[sec] = cell
		t.Total.add(n)
		c.Total.add(n)
		seen[sec] = true
	}
	for s := range seen {
		c.Sections = append(c.Sections, s)
	}
	slices.Sort(c.Sections) // "-" sorts before the letters
	for _, t := range rows {
		c.Townships = append(c.Townships, *t)
	}
	slices.SortFunc(c.Townships, func(a, b Township) int {
		if (a.TerritoryID == 0) != (b.TerritoryID == 0) { // the unplaced last
			if a.TerritoryID == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.Total.Enterprises, a.Total.Enterprises), cmp.Compare(a.TerritoryID, b.TerritoryID))
	})
	if c.Unreached, err = st.Unreached(ctx, []int64{district}, since, MaxUnreached); err != nil {
		return nil, err
	}
	if c.Unreached == nil {
		c.Unreached = []Unreached{}
	}
	return c, nil
}

// CadreEntity is an entity on a liaison cadre's workbench: when it was
// last visited, whether a visit is due, and its appeals still open.
type CadreEntity struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	TerritoryID  int64     `json:"territory_id"`
	IndustryCode string    `json:"industry_code"`
	LastVisit    time.Time `json:"-"`
	Due          bool      `json:"due" doc:"not visited in the last DueDays days"`
	OpenAppeals  int       `json:"open_appeals"`
}

// DueDays is how long after a visit an entity is due the next.
const DueDays = 90

// WorkbenchStore reads a cadre's entities.
type WorkbenchStore interface {
	// CadreEntities lists the entities linked to cadre, each with its last
	// visit and its appeals in a state of open, those never visited first,
	// then the longest ago.
	CadreEntities(ctx context.Context, cadre int64, open []appeal.State) ([]CadreEntity, error)
}

// WorkbenchOf lists the entities linked to the cadre actor, as of now.
func WorkbenchOf(ctx context.Context, st WorkbenchStore, actor *account.Actor, now time.Time) ([]CadreEntity, error) {
	if actor == nil || actor.IsEnterprise() || !actor.Has(account.Cadre) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	es, err := st.CadreEntities(ctx, actor.UserID, appeal.OpenStates())
	if err != nil {
		return nil, err
	}
	today := now.In(appeal.CST)
	cut := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, appeal.CST).AddDate(0, 0, 1-DueDays)
	for i := range es {
		es[i].Due = es[i].LastVisit.IsZero() || es[i].LastVisit.Before(cut)
	}
	return es, nil
}

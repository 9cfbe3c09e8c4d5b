package sqlstore

import (
	"context"
	"slices"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/outreach"
)

var _ outreach.CoverageStore = (*DB)(nil)

// CoverageCounts counts the entities of districts by township and
// division: with a cadre, visited since since, with an appeal in a state
// of open.
func (db *DB) CoverageCounts(ctx context.Context, districts []int64, since time.Time, open []appeal.State) ([]outreach.CoverageCount, error) {
	if len(districts) == 0 {
		return nil, nil
	}
	a := args{msNotNull(since)}
	states, inDistricts := list(&a, open), list(&a, districts)
	// The open appeals are a district's current work, read once from
	// their index, not each entity's history.
	rows, err := db.readRows(ctx, `SELECT COALESCE(e.territory_id, 0), e.industry_code, COUNT(*),
			SUM(CASE WHEN e.cadre_id IS NOT NULL THEN 1 ELSE 0 END),
			SUM(CASE WHEN EXISTS (SELECT 1 FROM field_visits v WHERE v.enterprise_id = e.id AND v.visited_on >= $1) THEN 1 ELSE 0 END),
			SUM(CASE WHEN e.id IN (SELECT p.enterprise_id FROM appeals p WHERE p.district_id IN (`+inDistricts+`)
				AND p.state IN (`+states+`) AND p.enterprise_id IS NOT NULL) THEN 1 ELSE 0 END)
		FROM enterprises e WHERE e.district_id IN (`+inDistricts+`) AND e.merged_into IS NULL
		GROUP BY COALESCE(e.territory_id, 0), e.industry_code`, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: coverage")
	}
	return collect(rows, "coverage", func(r scanner, c *outreach.CoverageCount) error {
		return r.Scan(&c.TerritoryID, &c.IndustryCode, &c.Enterprises, &c.WithCadre, &c.Visited, &c.OpenAppeals)
	})
}

// Unreached lists up to limit entities of districts with no cadre and no
// visit since since, the oldest registered first.
func (db *DB) Unreached(ctx context.Context, districts []int64, since time.Time, limit int) ([]outreach.Unreached, error) {
	if len(districts) == 0 {
		return nil, nil
	}
	a := args{msNotNull(since)}
	rows, err := db.readRows(ctx, `SELECT e.id, e.name, COALESCE(e.territory_id, 0), e.industry_code FROM enterprises e
		WHERE e.district_id IN (`+list(&a, districts)+`) AND e.merged_into IS NULL AND e.cadre_id IS NULL
			AND NOT EXISTS (SELECT 1 FROM field_visits v WHERE v.enterprise_id = e.id AND v.visited_on >= $1)
		ORDER BY e.id LIMIT `+a.add(limit), a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: unreached")
	}
	return collect(rows, "unreached", func(r scanner, u *outreach.Unreached) error {
		return r.Scan(&u.ID, &u.Name, &u.TerritoryID, &u.IndustryCode)
	})
}

// CadreEntities lists the entities linked to cadre with their last visit
// and open appeals, those never visited first, then the longest ago.
func (db *DB) CadreEntities(ctx context.Context, cadre int64, open []appeal.State) ([]outreach.CadreEntity, error) {
	a := args{cadre}
	states := list(&a, open)
	rows, err := db.readRows(ctx, `SELECT e.id, e.name, COALESCE(e.territory_id, 0), e.industry_code,
			(SELECT MAX(v.visited_on) FROM field_visits v WHERE v.enterprise_id = e.id),
			(SELECT COUNT(*) FROM appeals p WHERE p.enterprise_id = e.id AND p.state IN (`+states+`))
		FROM enterprises e WHERE e.cadre_id = $1 AND e.merged_into IS NULL ORDER BY e.id LIMIT 2000`, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: cadre entities")
	}
	es, err := collect(rows, "cadre entities", func(r scanner, c *outreach.CadreEntity) error {
		return r.Scan(&c.ID, &c.Name, &c.TerritoryID, &c.IndustryCode, nullTime{&c.LastVisit}, &c.OpenAppeals)
	})
	slices.SortStableFunc(es, func(x, y outreach.CadreEntity) int { return x.LastVisit.Compare(y.LastVisit) })
	return es, err
}

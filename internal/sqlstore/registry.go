package sqlstore

import (
	"context"
	"strings"
	"time"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/industry"
)

// The enterprise registry's import (package registry): a district's file of
// market entities written in one transaction, all or none.

// EnterpriseIDs returns, of the credit codes codes, those registered, each
// with its entity's id.
func (db *DB) EnterpriseIDs(ctx context.Context, codes []string) (map[string]int64, error) {
	out := map[string]int64{}
	err := db.inRead(ctx, "enterprise ids", func(tx *txn) error {
		return enterpriseIDs(ctx, tx, codes, out)
	})
	return out, err
}

func enterpriseIDs(ctx context.Context, q querier, codes []string, out map[string]int64) error {
	for len(codes) > 0 {
		n := min(len(codes), 500)
		var a args
		rows, err := q.QueryContext(ctx, `SELECT credit_code, id FROM enterprises WHERE credit_code IN (`+list(&a, codes[:n])+`)`, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: enterprise ids")
		}
		type pair struct {
			code string
			id   int64
		}
		got, err := collect(rows, "enterprise ids", func(r scanner, p *pair) error { return r.Scan(&p.code, &p.id) })
		if err != nil {
			return err
		}
		for _, p := range got {
			out[p.code] = p.id
		}
		codes = codes[n:]
	}
	return nil
}

// ImportEnterprises writes es, each with its credit code, at the moment
// at, in one transaction: an entity whose code is registered already is
// updated — the facts the file gives; a blank cell leaves what is
// registered — and the others are inserted. It returns how many of each.
func (db *DB) ImportEnterprises(ctx context.Context, es []enterprise.Enterprise, at time.Time) (created, updated int, err error) {
	err = db.inWrite(ctx, "import enterprises", func(ctx context.Context, tx *txn) error {
		created, updated = 0, 0
		codes := make([]string, len(es))
		for i := range es {
			codes[i] = es[i].CreditCode
		}
		ids := map[string]int64{}
		if err := enterpriseIDs(ctx, tx, codes, ids); err != nil {
			return err
		}
		for i := range es {
			e := &es[i]
			e.UpdatedAt = at
			if id, ok := ids[e.CreditCode]; ok {
				e.ID = id
				if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET name = $1, district_id = $2,
						territory_id = COALESCE($3, territory_id),
						industry = CASE WHEN $4 = '' THEN industry ELSE $4 END,
						industry_code = CASE WHEN $5 = '' THEN industry_code ELSE $5 END,
						size = CASE WHEN $6 = '' THEN size ELSE $6 END,
						tags = CASE WHEN $7 = '' THEN tags ELSE $7 END,
						address = CASE WHEN $8 = '' THEN address ELSE $8 END,
						contact_name = CASE WHEN $9 = '' THEN contact_name ELSE $9 END,
						contact_phone = CASE WHEN $10 = '' THEN contact_phone ELSE $10 END,
						updated_at = $11
					WHERE id = $12`,
					e.Name, nullable(e.DistrictID), nullable(e.TerritoryID), e.Industry, e.IndustryCode, string(e.Size),
					strings.Join(e.Tags, ","), e.Address, e.ContactName, e.ContactPhone, msNotNull(at), id); err != nil {
					return writeErr(err, "import enterprises", nil)
				}
				// The name or district may have changed: its pairs anew.
				if err := writeNamePairs(ctx, tx, e, true); err != nil {
					return err
				}
				updated++
				continue
			}
			e.CreatedAt = at
			id, err := insertID(ctx, tx, insertEnterpriseSQL, enterpriseValues(e)...)
			if err != nil {
				return writeErr(err, "import enterprises", fault.E(fault.Conflict, "enterprise.dup", e.CreditCode))
			}
			e.ID = id
			ids[e.CreditCode] = id
			if err := writeNamePairs(ctx, tx, e, false); err != nil {
				return err
			}
			created++
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// classifyIndustries gives the entities registered before the registry knew
// GB/T 4754-2017 the division their industry's words name, where they name
// one: the hook of migration 0022.
func classifyIndustries(ctx context.Context, db *DB, tx *txn) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT industry FROM enterprises WHERE industry_code = '' AND industry <> ''`)
	if err != nil {
		return fault.Wrap(err, "sqlstore: classify industries")
	}
	words, err := collect(rows, "classify industries", func(r scanner, s *string) error { return r.Scan(s) })
	if err != nil {
		return err
	}
	for _, w := range words {
		d, ok := industry.Find(w)
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET industry_code = $1, industry = $2 WHERE industry = $3 AND industry_code = ''`,
			d.Code, d.Name, w); err != nil {
			return fault.Wrap(err, "sqlstore: classify industries")
		}
	}
	return nil
}

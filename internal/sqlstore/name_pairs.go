package sqlstore

import (
	"context"
	"strings"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/matching"
)

// The index of similar names (migration 0027's enterprise_name_pairs): each
// entity's name as its pairs of characters (matching.NamePairs), under its
// district, so that the names sharing most pairs with a typed one are read
// from the pairs' postings. Written with the entity, in its transaction.

// writeNamePairs writes the pairs of e's name, replacing those it had if
// replace. An entity of no district, or merged, has none.
func writeNamePairs(ctx context.Context, tx querier, e *enterprise.Enterprise, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_name_pairs WHERE enterprise_id = $1`, e.ID); err != nil {
			return fault.Wrap(err, "sqlstore: name pairs")
		}
	}
	if e.DistrictID == 0 || e.MergedInto != 0 {
		return nil
	}
	pairs := matching.NamePairs(e.Name)
	if len(pairs) == 0 {
		return nil
	}
	var a args
	rows := make([]string, len(pairs))
	for i, p := range pairs {
		rows[i] = "(" + a.add(e.DistrictID) + ", " + a.add(p) + ", " + a.add(e.ID) + ")"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO enterprise_name_pairs (district_id, pair, enterprise_id) VALUES `+strings.Join(rows, ", "), a...)
	return fault.Wrap(err, "sqlstore: name pairs")
}

// namePairRows are the rows of the index of e's name, for the bulk loader.
func namePairRows(e *enterprise.Enterprise) []any {
	if e.DistrictID == 0 || e.MergedInto != 0 {
		return nil
	}
	var vs []any
	for _, p := range matching.NamePairs(e.Name) {
		vs = append(vs, e.DistrictID, p, e.ID)
	}
	return vs
}

// indexNames fills the index of similar names for the entities registered
// before it: the hook of migration 0027, a chunk of entities at a time.
func indexNames(ctx context.Context, db *DB, tx *txn) error {
	const chunk = 5000
	for after := int64(0); ; {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, district_id FROM enterprises
			WHERE id > $1 AND district_id IS NOT NULL ORDER BY id LIMIT $2`, after, chunk)
		if err != nil {
			return fault.Wrap(err, "sqlstore: index names")
		}
		es, err := collect(rows, "index names", func(r scanner, e *enterprise.Enterprise) error {
			return r.Scan(&e.ID, &e.Name, &e.DistrictID)
		})
		if err != nil {
			return err
		}
		for i := range es {
			if err := writeNamePairs(ctx, tx, &es[i], false); err != nil {
				return err
			}
		}
		if len(es) < chunk {
			return nil
		}
		after = es[len(es)-1].ID
	}
}

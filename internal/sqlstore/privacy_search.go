package sqlstore

import (
	"context"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// A handling unit must not find an anonymous appeal by who filed it: not by
// the enterprise's name, nor by a phone or ID number written in its text.
// Of an anonymous appeal, the index therefore holds, besides its whole
// terms, the terms of what a unit sees of it (appeal.ForUnits) in their
// visible form ("_v" and the term); a unit's lookup of an anonymous appeal
// asks for the visible forms only (search.go, list.go). Readers who may know
// the appellant, who search far more often, look the terms up as they are.

// indexTerms returns the terms of a's index row: its keyword terms, the
// visible forms of an anonymous appeal's, and its scope terms.
func indexTerms(a *appeal.Appeal) []string {
	terms := appealTerms(a)
	if a.Anonymous {
		u := appeal.ForUnits(*a)
		for _, t := range appealTerms(&u) {
			terms = append(terms, visibleTerm(t))
		}
	}
	return append(terms, scopeTerms(a)...)
}

// migrationHooks run in the transaction of the migration named, after its
// SQL: what SQL alone cannot do.
var migrationHooks = map[string]func(ctx context.Context, db *DB, tx *txn) error{
	"0006_search_scope": reindexAll,
	// The counters are counted from the appeals once their key is whole:
	// 0007 made them, 0016 added the unreasonable mark to their key. (The
	// hook reads the appeals with today's columns, so it runs after the
	// last migration that changed the key.) 0019 added the breakdowns', whose
	// table 0021 remade.
	"0016_unreasonable": rebuildSummary,     // cohort.go
	"0020_unit_counts":  rebuildUnits,       // unit_counts.go
	"0021_part_figures": countParts,         // cohort.go
	"0022_registry":     classifyIndustries, // registry.go
	"0027_entity_merge": indexNames,         // name_pairs.go
}

// reindexAll indexes every appeal anew into the empty index of
// 0006_search_scope, a chunk of appeals at a time. It reads the columns it
// needs by name, so that later migrations do not change what it reads.
func reindexAll(ctx context.Context, db *DB, tx *txn) error {
	const chunk = 5000
	for after := int64(0); ; {
		rows, err := tx.QueryContext(ctx, `SELECT id, title, content, enterprise_name, external_no, credit_code,
			contact_name, contact_phone, anonymous, district_id, COALESCE(created_by, 0), COALESCE(enterprise_id, 0)
			FROM appeals WHERE id > $1 ORDER BY id LIMIT $2`, after, chunk)
		if err != nil {
			return fault.Wrap(err, "sqlstore: reindex appeals")
		}
		as, err := collect(rows, "reindex appeals", func(r scanner, a *appeal.Appeal) error {
			return r.Scan(&a.ID, &a.Title, &a.Content, &a.EnterpriseName, &a.ExternalNo, &a.CreditCode,
				&a.ContactName, &a.ContactPhone, &a.Anonymous, &a.DistrictID, &a.CreatedBy, &a.EnterpriseID)
		})
		if err != nil {
			return err
		}
		for i := range as {
			if err := db.indexAppeal(ctx, tx, &as[i], false); err != nil {
				return err
			}
		}
		if len(as) < chunk {
			return nil
		}
		after = as[len(as)-1].ID
	}
}

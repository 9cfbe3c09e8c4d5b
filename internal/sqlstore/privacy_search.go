package sqlstore

import (
	"context"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// A handling unit must not find an anonymous appeal by who filed it: not by
// the enterprise's name, nor by a phone or ID number written in its text.
// The terms of the appellant are therefore kept apart: appeal_search holds
// of an anonymous appeal only the terms of what a unit sees of it
// (appeal.ForUnits), and appeal_search_private its whole terms, searched
// only in the rows whose appellant the actor may know (list.go).

// indexTerms returns the terms of a for appeal_search and, if a is
// anonymous, for appeal_search_private (nil otherwise), each with a's scope
// terms (search.go).
func indexTerms(a *appeal.Appeal) (terms, private []string) {
	scope := scopeTerms(a)
	terms = append(appealTerms(a), scope...)
	if a.Anonymous {
		private = terms
		u := appeal.ForUnits(*a)
		terms = append(appealTerms(&u), scope...)
	}
	return terms, private
}

// migrationHooks run in the transaction of the migration named, after its
// SQL: what SQL alone cannot do.
var migrationHooks = map[string]func(ctx context.Context, db *DB, tx *txn) error{
	"0005_privacy_search": reindexAnonymous,
	"0006_search_scope":   reindexAll,
}

// reindexAnonymous re-indexes the anonymous appeals indexed before the
// private index existed, whose appellant's terms are in appeal_search. It
// reads the columns it needs by name, so that later migrations do not
// change what it reads.
func reindexAnonymous(ctx context.Context, db *DB, tx *txn) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, title, content, enterprise_name, external_no, credit_code,
		contact_name, contact_phone FROM appeals WHERE anonymous ORDER BY id`)
	if err != nil {
		return fault.Wrap(err, "sqlstore: reindex anonymous appeals")
	}
	as, err := collect(rows, "reindex anonymous appeals", func(r scanner, a *appeal.Appeal) error {
		a.Anonymous = true
		return r.Scan(&a.ID, &a.Title, &a.Content, &a.EnterpriseName, &a.ExternalNo, &a.CreditCode,
			&a.ContactName, &a.ContactPhone)
	})
	if err != nil {
		return err
	}
	for i := range as {
		if err := db.indexAppeal(ctx, tx, &as[i], true); err != nil {
			return err
		}
	}
	return nil
}

// reindexAll indexes every appeal anew into the empty index tables of
// 0006_search_scope on SQLite (PostgreSQL's rows gain their scope terms in
// SQL), a chunk of appeals at a time. Like reindexAnonymous it reads the
// columns it needs by name.
func reindexAll(ctx context.Context, db *DB, tx *txn) error {
	if db.pg() {
		return nil
	}
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

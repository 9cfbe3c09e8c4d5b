package sqlstore

import (
	"context"
	"database/sql"

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
// anonymous, for appeal_search_private (nil otherwise).
func indexTerms(a *appeal.Appeal) (terms, private []string) {
	terms = appealTerms(a)
	if a.Anonymous {
		private = terms
		u := appeal.ForUnits(*a)
		terms = appealTerms(&u)
	}
	if terms == nil {
		terms = []string{}
	}
	return terms, private
}

// migrationHooks run in the transaction of the migration named, after its
// SQL: what SQL alone cannot do.
var migrationHooks = map[string]func(ctx context.Context, db *DB, tx *sql.Tx) error{
	"0005_privacy_search": reindexAnonymous,
}

// reindexAnonymous re-indexes the anonymous appeals indexed before the
// private index existed, whose appellant's terms are in appeal_search. It
// reads the columns it needs by name, so that later migrations do not
// change what it reads.
func reindexAnonymous(ctx context.Context, db *DB, tx *sql.Tx) error {
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

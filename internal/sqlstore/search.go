package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/search"
)

// The keyword index holds each appeal's terms (package search: bigrams of
// Chinese, whole words otherwise), so that a keyword is found by an index
// lookup, never a scan. SQLite keeps them in an FTS5 table whose rowid is
// the appeal's id; PostgreSQL in a text[] column under a GIN index.

// appealTerms are the index terms of an appeal.
func appealTerms(a *appeal.Appeal) []string {
	return search.Terms(a.Title, a.Content, a.EnterpriseName, a.ExternalNo)
}

// indexAppeal writes the index row of a, replacing any it had.
func (db *DB) indexAppeal(ctx context.Context, tx *sql.Tx, a *appeal.Appeal, replace bool) error {
	terms := appealTerms(a)
	var err error
	if db.pg() {
		if replace {
			_, err = tx.ExecContext(ctx, `DELETE FROM appeal_search WHERE appeal_id = $1`, a.ID)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, `INSERT INTO appeal_search (appeal_id, terms) VALUES ($1, $2)`, a.ID, terms)
		}
	} else {
		if replace {
			_, err = tx.ExecContext(ctx, `DELETE FROM appeal_search WHERE rowid = $1`, a.ID)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, `INSERT INTO appeal_search (rowid, terms) VALUES ($1, $2)`, a.ID, strings.Join(terms, " "))
		}
	}
	return fault.Wrap(err, "sqlstore: index appeal")
}

// searchChanged reports whether the indexed text of an appeal changed.
func searchChanged(old, new *appeal.Appeal) bool {
	return old.Title != new.Title || old.Content != new.Content || old.EnterpriseName != new.EnterpriseName ||
		old.ExternalNo != new.ExternalNo
}

// keywordCondition returns the condition on appeals.id that keeps the
// appeals containing every term of keyword, or an Invalid error when the
// keyword has no term the index can find (a lone Chinese character).
func (db *DB) keywordCondition(a *args, keyword string) (string, error) {
	terms := search.QueryTerms(keyword)
	if len(terms) == 0 {
		return "", fault.Field("q", "search.short")
	}
	if db.pg() {
		return `id IN (SELECT appeal_id FROM appeal_search WHERE terms @> ` + a.add(terms) + `::text[])`, nil
	}
	// A term is Han characters or letters and digits only, so quoting it
	// as an FTS5 string needs no escaping.
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	return `id IN (SELECT rowid FROM appeal_search WHERE appeal_search MATCH ` + a.add(strings.Join(quoted, " AND ")) + `)`, nil
}

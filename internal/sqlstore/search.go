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
// the appeal's id; PostgreSQL in a text[] column under a GIN index. Of an
// anonymous appeal, appeal_search holds only the terms of what a handling
// unit sees, and appeal_search_private the whole (privacy_search.go).

// appealTerms are the index terms of an appeal.
func appealTerms(a *appeal.Appeal) []string {
	return search.Terms(a.Title, a.Content, a.EnterpriseName, a.ExternalNo)
}

// indexAppeal writes the index rows of a, replacing any it had: its terms
// in appeal_search; if it is anonymous, the terms of the unit's view there
// and the whole in appeal_search_private.
func (db *DB) indexAppeal(ctx context.Context, tx *sql.Tx, a *appeal.Appeal, replace bool) error {
	terms, private := indexTerms(a)
	err := db.writeTerms(ctx, tx, "appeal_search", a.ID, terms, replace)
	if err == nil && (replace || private != nil) {
		err = db.writeTerms(ctx, tx, "appeal_search_private", a.ID, private, replace)
	}
	return fault.Wrap(err, "sqlstore: index appeal")
}

// writeTerms writes the terms of appeal id into the index table, replacing
// the row it had if replace; no terms (nil) writes no row.
func (db *DB) writeTerms(ctx context.Context, tx *sql.Tx, table string, id int64, terms []string, replace bool) error {
	key := "rowid"
	var value any = strings.Join(terms, " ")
	if db.pg() {
		key, value = "appeal_id", terms
	}
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+key+` = $1`, id); err != nil {
			return err
		}
	}
	if terms == nil {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+key+`, terms) VALUES ($1, $2)`, id, value)
	return err
}

// searchChanged reports whether the indexed text of an appeal changed, or
// what is taken out of it for units.
func searchChanged(old, new *appeal.Appeal) bool {
	return old.Title != new.Title || old.Content != new.Content || old.EnterpriseName != new.EnterpriseName ||
		old.ExternalNo != new.ExternalNo || old.Anonymous != new.Anonymous || old.ContactName != new.ContactName ||
		old.ContactPhone != new.ContactPhone || old.ContactIDNo != new.ContactIDNo || old.CreditCode != new.CreditCode
}

// keywordCondition returns the condition on appeals that keeps the appeals
// containing every term of keyword, or an Invalid error when the keyword has
// no term the index can find (a lone Chinese character). The whole terms of
// an anonymous appeal are searched only in the rows where full holds: those
// whose appellant the actor may know (a condition on appeals; "" for none).
func (db *DB) keywordCondition(a *args, keyword, full string) (string, error) {
	terms := search.QueryTerms(keyword)
	if len(terms) == 0 {
		return "", fault.Field("q", "search.short")
	}
	match := db.termsMatch(a, "appeal_search", terms)
	if full == "" {
		return match, nil
	}
	return "(" + match + " OR (" + full + " AND " + db.termsMatch(a, "appeal_search_private", terms) + "))", nil
}

// termsMatch returns the condition on appeals.id that keeps the appeals
// whose row of the index table holds every term.
func (db *DB) termsMatch(a *args, table string, terms []string) string {
	if db.pg() {
		return `id IN (SELECT appeal_id FROM ` + table + ` WHERE terms @> ` + a.add(terms) + `::text[])`
	}
	// A term is Han characters or letters and digits only, so quoting it
	// as an FTS5 string needs no escaping.
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	return `id IN (SELECT rowid FROM ` + table + ` WHERE ` + table + ` MATCH ` + a.add(strings.Join(quoted, " AND ")) + `)`
}

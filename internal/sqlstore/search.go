package sqlstore

import (
	"context"
	"strconv"
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
//
// Each row also holds scope terms: where the appeal is (its district), who
// registered it and its enterprise, as "_d12", "_u3", "_e40". A common
// bigram is in a good share of a province's appeals; with its reader's
// scope as terms of the same lookup, the index returns only the appeals of
// that scope, so that a district's search reads its own matches and not
// the province's. The scope terms only narrow: every list still applies
// its scope as a condition on the appeals. No keyword can name a scope
// term, since package search never makes a term with "_".

// appealTerms are the keyword terms of an appeal.
func appealTerms(a *appeal.Appeal) []string {
	return search.Terms(a.Title, a.Content, a.EnterpriseName, a.ExternalNo)
}

// Scope terms, as the index holds them.
func districtTerm(id int64) string   { return "_d" + strconv.FormatInt(id, 10) }
func creatorTerm(id int64) string    { return "_u" + strconv.FormatInt(id, 10) }
func enterpriseTerm(id int64) string { return "_e" + strconv.FormatInt(id, 10) }

// scopeTerms are the scope terms of an appeal.
func scopeTerms(a *appeal.Appeal) []string {
	ts := []string{districtTerm(a.DistrictID)}
	if a.CreatedBy != 0 {
		ts = append(ts, creatorTerm(a.CreatedBy))
	}
	if a.EnterpriseID != 0 {
		ts = append(ts, enterpriseTerm(a.EnterpriseID))
	}
	return ts
}

// indexAppeal writes the index rows of a, replacing any it had: its terms
// in appeal_search; if it is anonymous, the terms of the unit's view there
// and the whole in appeal_search_private. In a batch of the committer the
// rows are written after every request of the batch has run (commit.go).
func (db *DB) indexAppeal(ctx context.Context, tx *txn, a *appeal.Appeal, replace bool) error {
	id := a.ID
	terms, private := indexTerms(a)
	return afterJobs(ctx, tx, func(ctx context.Context, tx *txn) error {
		err := db.writeTerms(ctx, tx, "appeal_search", id, terms, replace)
		if err == nil && (replace || private != nil) {
			err = db.writeTerms(ctx, tx, "appeal_search_private", id, private, replace)
		}
		return fault.Wrap(err, "sqlstore: index appeal")
	})
}

// writeTerms writes the terms of appeal id into the index table, replacing
// the row it had if replace; no terms (nil) writes no row.
func (db *DB) writeTerms(ctx context.Context, tx *txn, table string, id int64, terms []string, replace bool) error {
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

// searchChanged reports whether the indexed text or scope of an appeal
// changed, or what is taken out of it for units.
func searchChanged(old, new *appeal.Appeal) bool {
	return old.Title != new.Title || old.Content != new.Content || old.EnterpriseName != new.EnterpriseName ||
		old.ExternalNo != new.ExternalNo || old.Anonymous != new.Anonymous || old.ContactName != new.ContactName ||
		old.ContactPhone != new.ContactPhone || old.ContactIDNo != new.ContactIDNo || old.CreditCode != new.CreditCode ||
		old.DistrictID != new.DistrictID || old.CreatedBy != new.CreatedBy || old.EnterpriseID != new.EnterpriseID
}

// keywordCondition returns the condition on appeals that keeps the appeals
// of f's keyword: those containing every term of it. It is an Invalid
// error when the keyword has no term the index can find (a lone Chinese
// character). The whole terms of an anonymous appeal are searched only in
// the rows where full holds: those whose appellant the actor may know (a
// condition on appeals; "" for none).
func (db *DB) keywordCondition(a *args, f *appeal.Filter, full string) (string, error) {
	terms := search.QueryTerms(f.Keyword)
	if len(terms) == 0 {
		return "", fault.Field("q", "search.short")
	}
	if f.DistrictID != 0 {
		terms = append(terms, districtTerm(f.DistrictID))
	}
	if f.EnterpriseID != 0 {
		terms = append(terms, enterpriseTerm(f.EnterpriseID))
	}
	within := scopeNarrowing(f.Scope)
	match := db.termsMatch(a, "appeal_search", terms, within)
	if full == "" {
		return match, nil
	}
	return "(" + match + " OR (" + full + " AND " + db.termsMatch(a, "appeal_search_private", terms, within) + "))", nil
}

// maxNarrowing is the most scope terms a lookup ORs together: a scope of
// more districts than this (a province's) is most of the index anyway.
const maxNarrowing = 32

// scopeNarrowing returns the scope terms of which a row in scope has one:
// its districts, its creator and its enterprise. None (nil) when the scope
// admits all, or appeals through a unit's tasks, which the index does not
// hold, or too many districts to be worth it.
func scopeNarrowing(sc appeal.Scope) []string {
	if sc.All || sc.UnitID != 0 || len(sc.Districts) > maxNarrowing {
		return nil
	}
	var ts []string
	for _, d := range sc.Districts {
		ts = append(ts, districtTerm(d))
	}
	if sc.CreatedBy != 0 {
		ts = append(ts, creatorTerm(sc.CreatedBy))
	}
	if sc.EnterpriseID != 0 {
		ts = append(ts, enterpriseTerm(sc.EnterpriseID))
	}
	return ts
}

// termsMatch returns the condition on appeals.id that keeps the appeals
// whose row of the index table holds every term of all and, unless any is
// empty, at least one of any.
func (db *DB) termsMatch(a *args, table string, all, any []string) string {
	if db.pg() {
		cond := `terms @> ` + a.add(all) + `::text[]`
		if len(any) > 0 {
			cond += ` AND terms && ` + a.add(any) + `::text[]`
		}
		return `id IN (SELECT appeal_id FROM ` + table + ` WHERE ` + cond + `)`
	}
	// A term is Han characters, letters and digits, or a scope term of
	// letters, digits and "_", so quoting it as an FTS5 string needs no
	// escaping.
	match := strings.Join(quote(all), " AND ")
	if len(any) > 0 {
		match += ` AND (` + strings.Join(quote(any), " OR ") + `)`
	}
	return `id IN (SELECT rowid FROM ` + table + ` WHERE ` + table + ` MATCH ` + a.add(match) + `)`
}

func quote(terms []string) []string {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = `"` + t + `"`
	}
	return q
}

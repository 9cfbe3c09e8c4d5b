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
// the appeal's id; PostgreSQL in a text[] column under a GIN index.
//
// Besides its keyword terms, each row holds terms no keyword can name
// (package search never makes a term with "_"):
//   - scope terms: the appeal's district, who registered it and its
//     enterprise, as "_d12", "_u3", "_e40". A common bigram is in a good
//     share of a province's appeals; with the reader's scope as terms of the
//     same lookup, the index returns only the matches of that scope. The
//     scope terms only narrow: every list still applies its scope as a
//     condition on the appeals.
//   - visible terms: of an anonymous appeal, the terms of what a handling
//     unit sees of it (its text without its appellant: not the enterprise,
//     nor a phone number in the text), as "_v" and the term
//     (privacy_search.go). Who may know the appellant looks each term up as
//     it is; a unit, in an anonymous appeal, as its visible form.

// appealTerms are the keyword terms of an appeal.
func appealTerms(a *appeal.Appeal) []string {
	return search.Terms(a.Title, a.Content, a.EnterpriseName, a.ExternalNo)
}

// The terms no keyword can name, as the index holds them.
func districtTerm(id int64) string   { return "_d" + strconv.FormatInt(id, 10) }
func creatorTerm(id int64) string    { return "_u" + strconv.FormatInt(id, 10) }
func enterpriseTerm(id int64) string { return "_e" + strconv.FormatInt(id, 10) }
func visibleTerm(t string) string    { return "_v" + t }

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

// indexAppeal writes the index row of a, replacing the one it had. In a
// batch of the committer the row is written after every request of the
// batch has run (commit.go).
func (db *DB) indexAppeal(ctx context.Context, tx *txn, a *appeal.Appeal, replace bool) error {
	return db.writeIndex(ctx, tx, a.ID, indexTerms(a), replace)
}

// writeIndex is indexAppeal with the terms made already.
func (db *DB) writeIndex(ctx context.Context, tx *txn, id int64, terms []string, replace bool) error {
	return afterJobs(ctx, tx, func(ctx context.Context, tx *txn) error {
		return fault.Wrap(db.writeTerms(ctx, tx, id, terms, replace), "sqlstore: index appeal")
	})
}

// writeTerms writes the terms of appeal id into the index, replacing the
// row it had if replace.
func (db *DB) writeTerms(ctx context.Context, tx *txn, id int64, terms []string, replace bool) error {
	key := "rowid"
	var value any = strings.Join(terms, " ")
	if db.pg() {
		key, value = "appeal_id", terms
	}
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM appeal_search WHERE `+key+` = $1`, id); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO appeal_search (`+key+`, terms) VALUES ($1, $2)`, id, value)
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

// lookup is a keyword search in the index: every one of terms and, unless
// within is empty, one of within's scope terms.
type lookup struct {
	terms  []string
	within []string
}

// keywordLookup returns the lookup of f's keyword, narrowed to f's
// district and enterprise and to within: of the terms as they are, or
// (visible) of their visible forms, which only anonymous appeals have. It
// is an Invalid error when the keyword has no term the index can find (a
// lone Chinese character).
func keywordLookup(f *appeal.Filter, visible bool, within []string) (*lookup, error) {
	terms := search.QueryTerms(f.Keyword)
	if len(terms) == 0 {
		return nil, fault.Field("q", "search.short")
	}
	l := &lookup{within: within}
	for _, t := range terms {
		if visible {
			t = visibleTerm(t)
		}
		l.terms = append(l.terms, t)
	}
	if f.DistrictID != 0 {
		l.terms = append(l.terms, districtTerm(f.DistrictID))
	}
	if f.EnterpriseID != 0 {
		l.terms = append(l.terms, enterpriseTerm(f.EnterpriseID))
	}
	return l, nil
}

// maxNarrowing is the most scope terms a lookup ORs together: a scope of
// more districts than this (a province's) is most of the index anyway.
const maxNarrowing = 32

// knownTerms returns the scope terms of the part of sc whose appellants
// its reader may know (its districts, its creator, its enterprise), and
// whether they narrow: not when sc admits all, or more districts than
// maxNarrowing.
func knownTerms(sc appeal.Scope) (terms []string, narrow bool) {
	if sc.All || len(sc.Districts) > maxNarrowing {
		return nil, false
	}
	for _, d := range sc.Districts {
		terms = append(terms, districtTerm(d))
	}
	if sc.CreatedBy != 0 {
		terms = append(terms, creatorTerm(sc.CreatedBy))
	}
	if sc.EnterpriseID != 0 {
		terms = append(terms, enterpriseTerm(sc.EnterpriseID))
	}
	return terms, true
}

// match returns the FTS5 query of l. A term is Han characters, letters and
// digits, or one of the index's own of those and "_", so quoting it as an
// FTS5 string needs no escaping.
func (l *lookup) match() string {
	m := strings.Join(quote(l.terms), " AND ")
	if len(l.within) > 0 {
		m += " AND (" + strings.Join(quote(l.within), " OR ") + ")"
	}
	return m
}

// pgCondition returns the condition on appeal_search's terms of l.
func (l *lookup) pgCondition(a *args) string {
	cond := `terms @> ` + a.add(l.terms) + `::text[]`
	if len(l.within) > 0 {
		cond += ` AND terms && ` + a.add(l.within) + `::text[]`
	}
	return cond
}

// ids returns a subquery of the ids of the appeals l finds.
func (db *DB) ids(a *args, l *lookup) string {
	if db.pg() {
		return `SELECT appeal_id FROM appeal_search WHERE ` + l.pgCondition(a)
	}
	return `SELECT rowid FROM appeal_search WHERE appeal_search MATCH ` + a.add(l.match())
}

// probe returns the condition that appeals.id is found by l, checked for
// that one id: for a few candidates found some other way (a unit's tasks).
func (db *DB) probe(a *args, l *lookup) string {
	if db.pg() {
		return `EXISTS (SELECT 1 FROM appeal_search s WHERE s.appeal_id = appeals.id AND ` + l.pgCondition(a) + `)`
	}
	return `EXISTS (SELECT 1 FROM appeal_search s WHERE s.rowid = appeals.id AND s.appeal_search MATCH ` + a.add(l.match()) + `)`
}

func quote(terms []string) []string {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = `"` + t + `"`
	}
	return q
}

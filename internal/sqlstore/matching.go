package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/matching"
)

var _ matching.Store = (*DB)(nil)

// The registry's matching (package matching): the candidates of an appeal
// found on the indexes of the credit code and of the district's names
// (migration 0027's enterprises_district_name), and the district's appeals
// left to match.

// candidateColumns are what a candidate is scored by.
const candidateColumns = `id, name, credit_code`

func scanCandidate(r scanner, c *matching.Candidate) error { return r.Scan(&c.ID, &c.Name, &c.Code) }

// maxRune follows every character: a name beginning with p sorts from p up
// to p followed by it.
const maxRune = "\U0010FFFF"

// MatchCandidates returns the district's entities, merged ones left out,
// with the credit code code, a name among names, or a name that begins with
// one of prefixes (perPrefix of each at most), in one statement: each part
// a look-up on an index (the code's; the district's names, by equality and
// by a range, with LIKE to be exact whatever the collation orders beyond
// the prefix).
func (db *DB) MatchCandidates(ctx context.Context, district int64, code string, names, prefixes []string, perPrefix int) ([]matching.Candidate, error) {
	a := args{district, perPrefix}
	const from = `SELECT ` + candidateColumns + ` FROM enterprises WHERE district_id = $1 AND merged_into IS NULL`
	var parts []string
	if code != "" {
		parts = append(parts, from+` AND credit_code = `+a.add(code))
	}
	if len(names) > 0 {
		parts = append(parts, from+` AND name IN (`+list(&a, names)+`)`)
	}
	for i, p := range prefixes {
		parts = append(parts, `SELECT * FROM (`+from+` AND name >= `+a.add(p)+` AND name < `+a.add(p+maxRune)+
			` AND name LIKE `+a.add(escapeLike(p)+"%")+` ESCAPE '\' ORDER BY name LIMIT $2) p`+strconv.Itoa(i))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	rows, err := db.readRows(ctx, strings.Join(parts, " UNION ALL "), a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: match candidates")
	}
	return collect(rows, "match candidates", scanCandidate)
}

// SimilarCandidates returns up to limit entities of district whose names
// share the most of pairs, found from the pairs' postings in the index of
// similar names (name_pairs.go).
func (db *DB) SimilarCandidates(ctx context.Context, district int64, pairs []string, limit int) ([]matching.Candidate, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	a := args{district}
	rows, err := db.readRows(ctx, `SELECT e.id, e.name, e.credit_code FROM enterprises e JOIN (
			SELECT enterprise_id, COUNT(*) AS shared FROM enterprise_name_pairs WHERE district_id = $1 AND pair IN (`+list(&a, pairs)+`)
			GROUP BY enterprise_id ORDER BY shared DESC, enterprise_id LIMIT `+a.add(limit)+`) p ON p.enterprise_id = e.id
		WHERE e.merged_into IS NULL ORDER BY p.shared DESC, e.id`, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: similar candidates")
	}
	return collect(rows, "similar candidates", scanCandidate)
}

// UnmatchedAppeals lists a district's appeals without an entity, the open
// ones first, each part newest first, from the index of migration 0027: each
// state's newest are read from its own range of the index and merged, so
// that a page reads about a page of rows however many are closed.
func (db *DB) UnmatchedAppeals(ctx context.Context, f matching.Filter) (*matching.Page, error) {
	open := appeal.OpenStates()
	var closed []appeal.State
	for _, s := range appeal.States {
		if s.Final() {
			closed = append(closed, s)
		}
	}
	p := &matching.Page{Items: []appeal.Appeal{}}
	err := db.inRead(ctx, "unmatched appeals", func(tx *txn) error {
		a := args{f.DistrictID}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM appeals WHERE district_id = $1 AND enterprise_id IS NULL
				AND state IN (`+list(&a, open)+`)`, a...).Scan(&p.Open); err != nil {
			return fault.Wrap(err, "sqlstore: unmatched appeals")
		}
		want := f.Limit + 1 // one more tells whether a next page exists
		var got []appeal.Appeal
		for _, part := range []struct {
			closed bool
			states []appeal.State
		}{{false, open}, {true, closed}} {
			if len(got) >= want || (f.After.Closed && !part.closed) {
				continue
			}
			before := int64(0)
			if f.After.ID != 0 && f.After.Closed == part.closed {
				before = f.After.ID
			}
			as, err := unmatchedPart(ctx, tx, f.DistrictID, part.states, before, want-len(got))
			if err != nil {
				return err
			}
			got = append(got, as...)
		}
		if len(got) > f.Limit {
			last := got[f.Limit-1]
			p.Next = matching.Cursor{Closed: last.State.Final(), ID: last.ID}
			got = got[:f.Limit]
		}
		p.Items = got
		return nil
	})
	return p, err
}

// unmatchedPart reads up to n appeals of district without an entity in one
// of states, below the id before (0: from the newest), newest first.
func unmatchedPart(ctx context.Context, tx *txn, district int64, states []appeal.State, before int64, n int) ([]appeal.Appeal, error) {
	a := args{district, n}
	parts := make([]string, len(states))
	for i, s := range states {
		cond := `district_id = $1 AND enterprise_id IS NULL AND state = ` + a.add(s)
		if before != 0 {
			cond += ` AND id < ` + a.add(before)
		}
		parts[i] = `SELECT * FROM (SELECT id FROM appeals WHERE ` + cond + ` ORDER BY id DESC LIMIT $2) s` + string(rune('a'+i))
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+appealSelect("")+` FROM appeals WHERE id IN (`+strings.Join(parts, " UNION ALL ")+`)
		ORDER BY id DESC LIMIT $2`, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: unmatched appeals")
	}
	return collect(rows, "unmatched appeals", scanAppeal)
}

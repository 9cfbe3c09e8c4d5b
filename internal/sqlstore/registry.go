package sqlstore

import (
	"context"
	"fmt"
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
	found := map[string]registered{}
	err := db.inRead(ctx, "enterprise ids", func(tx *txn) error {
		return registeredCodes(ctx, tx, codes, found)
	})
	out := make(map[string]int64, len(found))
	for code, r := range found {
		out[code] = r.id
	}
	return out, err
}

// registered is what an import reads of an entity registered already.
type registered struct {
	id       int64
	name     string
	district int64
}

// registeredCodes finds, of codes, those registered.
func registeredCodes(ctx context.Context, q querier, codes []string, out map[string]registered) error {
	for len(codes) > 0 {
		n := min(len(codes), 500)
		var a args
		// credit_code <> '' lets the planner use the partial index of the
		// codes: PostgreSQL proves it from an IN list of 100 values at most,
		// and without it scanned the table for every chunk (12 s for 20,000).
		rows, err := q.QueryContext(ctx, `SELECT credit_code, id, name, COALESCE(district_id, 0) FROM enterprises
			WHERE credit_code <> '' AND credit_code IN (`+list(&a, codes[:n])+`)`, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: enterprise ids")
		}
		type row struct {
			code string
			registered
		}
		got, err := collect(rows, "enterprise ids", func(r scanner, p *row) error { return r.Scan(&p.code, &p.id, &p.name, &p.district) })
		if err != nil {
			return err
		}
		for _, p := range got {
			out[p.code] = p.registered
		}
		codes = codes[n:]
	}
	return nil
}

// ImportEnterprises writes es, each with its credit code, at the moment
// at, in one transaction: an entity whose code is registered already is
// updated — its blank fields leaving what is registered — and the others
// are inserted. On PostgreSQL the rows go importChunk to a statement: a
// round trip per row made 50,000 rows take well over a minute.
func (db *DB) ImportEnterprises(ctx context.Context, es []enterprise.Enterprise, at time.Time) (created, updated int, err error) {
	// A transaction of its own: inside a shared one's savepoint, SQLite's
	// statement journal grows with every statement, and each statement's
	// end walks it.
	err = db.inWriteAlone(ctx, "import enterprises", func(ctx context.Context, tx *txn) error {
		created, updated = 0, 0
		codes := make([]string, len(es))
		for i := range es {
			codes[i] = es[i].CreditCode
		}
		found := map[string]registered{}
		if err := registeredCodes(ctx, tx, codes, found); err != nil {
			return err
		}
		var fresh, known, renamed []*enterprise.Enterprise
		for i := range es {
			e := &es[i]
			e.UpdatedAt = at
			if r, ok := found[e.CreditCode]; ok {
				e.ID = r.id
				known = append(known, e)
				if r.name != e.Name || r.district != e.DistrictID {
					renamed = append(renamed, e)
				}
				continue
			}
			e.CreatedAt = at
			fresh = append(fresh, e)
		}
		created, updated = len(fresh), len(known)
		write, chunk := importChunked, importChunk
		if db.engine == SQLite { // see importRowByRow
			write, chunk = importRowByRow, 2
		}
		if err := write(ctx, tx, fresh, known, at); err != nil {
			return err
		}
		// The index of similar names: anew for those registered already
		// whose name or district changed.
		if err := indexNamesOf(ctx, tx, renamed, true, chunk); err != nil {
			return err
		}
		return indexNamesOf(ctx, tx, fresh, false, chunk)
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// indexNamesOf writes the index of similar names of es, chunk entities a
// statement, their rows there before dropped first if replace.
func indexNamesOf(ctx context.Context, tx *txn, es []*enterprise.Enterprise, replace bool, chunk int) error {
	for len(es) > 0 {
		n := min(len(es), chunk)
		part := es[:n]
		es = es[n:]
		if replace {
			var a args
			ids := make([]int64, len(part))
			for i, e := range part {
				ids[i] = e.ID
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_name_pairs WHERE enterprise_id IN (`+list(&a, ids)+`)`, a...); err != nil {
				return fault.Wrap(err, "sqlstore: name pairs")
			}
		}
		var a args
		var rows []string
		for _, e := range part {
			vs := namePairRows(e)
			for i := 0; i < len(vs); i += 3 {
				rows = append(rows, "("+list(&a, vs[i:i+3])+")")
			}
		}
		if len(rows) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO enterprise_name_pairs (district_id, pair, enterprise_id) VALUES `+strings.Join(rows, ", "), a...); err != nil {
			return fault.Wrap(err, "sqlstore: name pairs")
		}
	}
	return nil
}

// importChunk is how many rows one statement of an import writes on
// PostgreSQL, where each statement is a round trip.
const importChunk = 200

// importChunked inserts fresh and updates known, importChunk rows a
// statement.
func importChunked(ctx context.Context, tx *txn, fresh, known []*enterprise.Enterprise, at time.Time) error {
	for len(known) > 0 {
		n := min(len(known), importChunk)
		if err := updateImported(ctx, tx, known[:n], at); err != nil {
			return err
		}
		known = known[n:]
	}
	for len(fresh) > 0 {
		n := min(len(fresh), importChunk)
		if err := insertImported(ctx, tx, fresh[:n]); err != nil {
			return err
		}
		fresh = fresh[n:]
	}
	return nil
}

// importRowByRow is importChunked for SQLite, which has no round trip to
// save: a prepared statement a row is faster there than a statement of
// many rows, since SQLite finds each $N parameter by name in a list (a
// statement of thousands of parameters costs the square of them) and
// plans UPDATE … FROM VALUES less well than a row by its key.
func importRowByRow(ctx context.Context, tx *txn, fresh, known []*enterprise.Enterprise, at time.Time) error {
	update, err := tx.PrepareContext(ctx, `UPDATE enterprises SET name = $1, district_id = $2,
		territory_id = COALESCE($3, territory_id),
		industry = CASE WHEN $4 = '' THEN industry ELSE $4 END,
		industry_code = CASE WHEN $5 = '' THEN industry_code ELSE $5 END,
		size = CASE WHEN $6 = '' THEN size ELSE $6 END,
		tags = CASE WHEN $7 = '' THEN tags ELSE $7 END,
		address = CASE WHEN $8 = '' THEN address ELSE $8 END,
		contact_name = CASE WHEN $9 = '' THEN contact_name ELSE $9 END,
		contact_phone = CASE WHEN $10 = '' THEN contact_phone ELSE $10 END,
		updated_at = $11
	WHERE id = $12`)
	if err != nil {
		return fault.Wrap(err, "sqlstore: import enterprises")
	}
	defer update.Close()
	for _, e := range known {
		if _, err := update.ExecContext(ctx, e.Name, nullable(e.DistrictID), nullable(e.TerritoryID), e.Industry, e.IndustryCode, string(e.Size),
			strings.Join(e.Tags, ","), e.Address, e.ContactName, e.ContactPhone, msNotNull(at), e.ID); err != nil {
			return writeErr(err, "import enterprises", nil)
		}
	}
	insert, err := tx.PrepareContext(ctx, insertEnterpriseSQL)
	if err != nil {
		return fault.Wrap(err, "sqlstore: import enterprises")
	}
	defer insert.Close()
	for _, e := range fresh {
		if err := insert.QueryRowContext(ctx, enterpriseValues(e)...).Scan(&e.ID); err != nil {
			return writeErr(err, "import enterprises", fault.E(fault.Conflict, "enterprise.dup", e.CreditCode))
		}
	}
	return nil
}

// insertImported inserts es in one statement and sets their ids.
func insertImported(ctx context.Context, tx *txn, es []*enterprise.Enterprise) error {
	cols := strings.Split(enterpriseColumns, ", ")[1:]
	var a args
	rows := make([]string, len(es))
	for i, e := range es {
		rows[i] = "(" + list(&a, enterpriseValues(e)) + ")"
	}
	rs, err := tx.QueryContext(ctx, `INSERT INTO enterprises (`+strings.Join(cols, ", ")+`) VALUES `+strings.Join(rows, ", ")+
		` RETURNING id, credit_code`, a...)
	if err != nil {
		return writeErr(err, "import enterprises", fault.E(fault.Conflict, "enterprise.dup", es[0].CreditCode))
	}
	type pair struct {
		id   int64
		code string
	}
	got, err := collect(rs, "import enterprises", func(r scanner, p *pair) error { return r.Scan(&p.id, &p.code) })
	if err != nil {
		return writeErr(err, "import enterprises", fault.E(fault.Conflict, "enterprise.dup", es[0].CreditCode))
	}
	byCode := make(map[string]int64, len(got))
	for _, p := range got {
		byCode[p.code] = p.id
	}
	for _, e := range es {
		if e.ID = byCode[e.CreditCode]; e.ID == 0 {
			return fault.Wrap(fmt.Errorf("no id returned for %s", e.CreditCode), "sqlstore: import enterprises")
		}
	}
	return nil
}

// updateImported updates es, registered already, in one statement: a
// blank field of the file leaves what is registered. The values are cast
// so that PostgreSQL knows their types; both engines name the columns of
// VALUES column1, column2….
func updateImported(ctx context.Context, tx *txn, es []*enterprise.Enterprise, at time.Time) error {
	var a args
	rows := make([]string, len(es))
	for i, e := range es {
		rows[i] = fmt.Sprintf("(CAST(%s AS BIGINT), CAST(%s AS TEXT), CAST(%s AS BIGINT), CAST(%s AS BIGINT), CAST(%s AS TEXT), CAST(%s AS TEXT), "+
			"CAST(%s AS TEXT), CAST(%s AS TEXT), CAST(%s AS TEXT), CAST(%s AS TEXT), CAST(%s AS TEXT), CAST(%s AS BIGINT))",
			a.add(e.ID), a.add(e.Name), a.add(nullable(e.DistrictID)), a.add(nullable(e.TerritoryID)), a.add(e.Industry), a.add(e.IndustryCode),
			a.add(string(e.Size)), a.add(strings.Join(e.Tags, ",")), a.add(e.Address), a.add(e.ContactName), a.add(e.ContactPhone), a.add(msNotNull(at)))
	}
	keep := func(col string, n int) string {
		v := fmt.Sprintf("v.column%d", n)
		return col + " = CASE WHEN " + v + " = '' THEN enterprises." + col + " ELSE " + v + " END"
	}
	_, err := tx.ExecContext(ctx, `UPDATE enterprises SET name = v.column2, district_id = v.column3,
		territory_id = COALESCE(v.column4, enterprises.territory_id), `+
		strings.Join([]string{keep("industry", 5), keep("industry_code", 6), keep("size", 7), keep("tags", 8), keep("address", 9),
			keep("contact_name", 10), keep("contact_phone", 11)}, ", ")+`, updated_at = v.column12
		FROM (VALUES `+strings.Join(rows, ", ")+`) AS v WHERE enterprises.id = v.column1`, a...)
	if err != nil {
		return writeErr(err, "import enterprises", nil)
	}
	return nil
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

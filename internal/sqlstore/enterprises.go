package sqlstore

import (
	"context"
	"strings"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
)

const enterpriseColumns = `id, credit_code, name, district_id, territory_id, industry, address, contact_name, contact_phone, created_at, industry_code, size, tags, updated_at, cadre_id, merged_into, merged_at`

func scanEnterprise(row scanner, e *enterprise.Enterprise) error {
	var tags string
	err := row.Scan(&e.ID, &e.CreditCode, &e.Name, nullID{&e.DistrictID}, nullID{&e.TerritoryID}, &e.Industry,
		&e.Address, &e.ContactName, &e.ContactPhone, timeOf{&e.CreatedAt}, &e.IndustryCode, &e.Size, &tags, nullTime{&e.UpdatedAt}, nullID{&e.CadreID},
		nullID{&e.MergedInto}, nullTime{&e.MergedAt})
	e.Tags = splitList[string](tags)
	return err
}

// enterpriseValues are e's values for the columns of enterpriseColumns but id.
func enterpriseValues(e *enterprise.Enterprise) []any {
	return []any{e.CreditCode, e.Name, nullable(e.DistrictID), nullable(e.TerritoryID), e.Industry, e.Address, e.ContactName,
		e.ContactPhone, msNotNull(e.CreatedAt), e.IndustryCode, string(e.Size), strings.Join(e.Tags, ","), ms(e.UpdatedAt), nullable(e.CadreID),
		nullable(e.MergedInto), ms(e.MergedAt)}
}

// CreateEnterprise inserts e and sets its ID. A credit code registered
// already is a Conflict.
func (db *DB) CreateEnterprise(ctx context.Context, e *enterprise.Enterprise) error {
	err := db.inWrite(ctx, "create enterprise", func(ctx context.Context, tx *txn) error {
		id, err := insertID(ctx, tx, insertEnterpriseSQL, enterpriseValues(e)...)
		if err != nil {
			return writeErr(err, "create enterprise", fault.E(fault.Conflict, "enterprise.dup", e.CreditCode))
		}
		e.ID = id
		return writeNamePairs(ctx, tx, e, false) // name_pairs.go
	})
	if err != nil {
		e.ID = 0
	}
	return err
}

// Enterprise reads one enterprise.
func (db *DB) Enterprise(ctx context.Context, id int64) (*enterprise.Enterprise, error) {
	return db.enterprise(ctx, `SELECT `+enterpriseColumns+` FROM enterprises WHERE id = $1`, id)
}

// EnterpriseByCode reads the enterprise with a credit code; the empty code
// names none.
func (db *DB) EnterpriseByCode(ctx context.Context, code string) (*enterprise.Enterprise, error) {
	if code == "" {
		return nil, notFound(nounEnterprise)
	}
	return db.enterprise(ctx, `SELECT `+enterpriseColumns+` FROM enterprises WHERE credit_code = $1`, code)
}

func (db *DB) enterprise(ctx context.Context, query string, arg any) (*enterprise.Enterprise, error) {
	var e enterprise.Enterprise
	if err := scanEnterprise(db.readRow(ctx, query, arg), &e); err != nil {
		return nil, readErr(err, "enterprise", nounEnterprise)
	}
	return &e, nil
}

// Enterprises lists the enterprises matching f, newest first: Query is a
// fragment of the name or the beginning of the credit code.
func (db *DB) Enterprises(ctx context.Context, f enterprise.Filter) ([]enterprise.Enterprise, error) {
	var a args
	where := enterpriseWhere(&a, f)
	if f.AfterID != 0 {
		where = append(where, `id < `+a.add(f.AfterID))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	q := `SELECT ` + enterpriseColumns + ` FROM enterprises` + whereClause(where) + ` ORDER BY id DESC LIMIT ` + a.add(limit)
	rows, err := db.readRows(ctx, q, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: enterprises")
	}
	return collect(rows, "enterprises", scanEnterprise)
}

// enterpriseWhere returns the conditions of f but its page. An entity
// merged into another is in no list: its survivor is.
func enterpriseWhere(a *args, f enterprise.Filter) []string {
	where := []string{"merged_into IS NULL"}
	if f.Query != "" {
		where = append(where, `(lower(name) LIKE `+a.add("%"+escapeLike(strings.ToLower(f.Query))+"%")+` ESCAPE '\' OR credit_code LIKE `+
			a.add(escapeLike(strings.ToUpper(f.Query))+"%")+` ESCAPE '\')`)
	}
	if f.DistrictID != 0 {
		where = append(where, `district_id = `+a.add(f.DistrictID))
	}
	if f.TerritoryID != 0 {
		where = append(where, `territory_id = `+a.add(f.TerritoryID))
	}
	if f.IndustryCode != "" {
		where = append(where, `industry_code = `+a.add(f.IndustryCode))
	}
	if f.Size != "" {
		where = append(where, `size = `+a.add(string(f.Size)))
	}
	if f.CadreID != 0 {
		where = append(where, `cadre_id = `+a.add(f.CadreID))
	}
	return where
}

// AssignCadre links the entities f selects (its page aside) to the liaison
// cadre cadreID, and returns how many it linked.
func (db *DB) AssignCadre(ctx context.Context, cadreID int64, f enterprise.Filter) (int, error) {
	var n int
	err := db.inWrite(ctx, "assign cadre", func(ctx context.Context, tx *txn) error {
		a := args{cadreID}
		res, err := tx.ExecContext(ctx, `UPDATE enterprises SET cadre_id = $1`+whereClause(enterpriseWhere(&a, f)), a...)
		if err != nil {
			return writeErr(err, "assign cadre", nil)
		}
		m, err := res.RowsAffected()
		n = int(m)
		return fault.Wrap(err, "sqlstore: assign cadre")
	})
	return n, err
}

// escapeLike escapes the wildcards of LIKE (with ESCAPE '\') in s.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// whereClause joins conditions with AND into a WHERE clause, or "".
func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

var insertEnterpriseSQL = insertSQL("enterprises", strings.Split(enterpriseColumns, ", ")[1:])

package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

const unitColumns = `id, parent_id, code, name, level, kind, capabilities, district_id, path, assessed, active`

func scanUnit(row scanner, u *unit.Unit) error {
	var caps string
	err := row.Scan(&u.ID, nullID{&u.ParentID}, &u.Code, &u.Name, &u.Level, &u.Kind, &caps,
		nullID{&u.DistrictID}, &u.Path, &u.Assessed, &u.Active)
	u.Capabilities = splitList[unit.Capability](caps)
	return err
}

// CreateUnit inserts u under its parent and sets its ID, Path (the parent's
// path and the new id) and DistrictID: its own id for a district's region
// unit, otherwise the parent's.
func (db *DB) CreateUnit(ctx context.Context, u *unit.Unit) error {
	return db.inWrite(ctx, "create unit", func(ctx context.Context, tx *txn) error {
		parent := unit.Unit{Path: "/"}
		if u.ParentID != 0 {
			err := scanUnit(tx.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, u.ParentID), &parent)
			if err == sql.ErrNoRows {
				return fault.Field("parent_id", "unit.parent")
			} else if err != nil {
				return fault.Wrap(err, "sqlstore: create unit")
			}
		}
		id, err := insertID(ctx, tx, `INSERT INTO units (parent_id, code, name, level, kind, capabilities, path, assessed, active)
			VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8) RETURNING id`,
			nullable(u.ParentID), u.Code, u.Name, u.Level, u.Kind, joinList(u.Capabilities), u.Assessed, u.Active)
		if err != nil {
			return writeErr(err, "create unit", nil)
		}
		path := parent.Path + strconv.FormatInt(id, 10) + "/"
		district := parent.DistrictID
		if u.Level == unit.District && u.Kind == unit.Region {
			district = id
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET path = $1, district_id = $2 WHERE id = $3`,
			path, nullable(district), id); err != nil {
			return fault.Wrap(err, "sqlstore: create unit")
		}
		u.ID, u.Path, u.DistrictID = id, path, district
		return nil
	})
}

// Unit reads one unit.
func (db *DB) Unit(ctx context.Context, id int64) (*unit.Unit, error) {
	var u unit.Unit
	err := scanUnit(db.readRow(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id), &u)
	if err != nil {
		return nil, readErr(err, "unit", nounUnit)
	}
	return &u, nil
}

// Units lists the units under root (root included), by path; root 0: all.
func (db *DB) Units(ctx context.Context, root int64) ([]unit.Unit, error) {
	prefix, err := db.pathOf(ctx, root)
	if err != nil {
		return nil, err
	}
	rows, err := db.readRows(ctx, `SELECT `+unitColumns+` FROM units WHERE path LIKE $1 ORDER BY path`, prefix+"%")
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: units")
	}
	return collect(rows, "units", scanUnit)
}

// Districts lists the districts a unit's users see: its own district for a
// unit at or below a district; otherwise every district under the nearest
// region unit at or above it (the city or province government whose office
// or department it is).
func (db *DB) Districts(ctx context.Context, id int64) ([]int64, error) {
	u, err := db.Unit(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.DistrictID != 0 {
		return []int64{u.DistrictID}, nil
	}
	region, err := db.nearestRegion(ctx, u)
	if err != nil || region == "" {
		return []int64{}, err
	}
	rows, err := db.readRows(ctx, `SELECT id FROM units
		WHERE level = $1 AND kind = $2 AND path LIKE $3 ORDER BY id`, unit.District, unit.Region, region+"%")
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: districts")
	}
	return collect(rows, "districts", func(r scanner, id *int64) error { return r.Scan(id) })
}

// nearestRegion returns the path of the nearest region unit at or above u,
// or "" if there is none.
func (db *DB) nearestRegion(ctx context.Context, u *unit.Unit) (string, error) {
	var ids []int64
	for _, s := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, n)
		}
	}
	if len(ids) == 0 {
		return "", nil
	}
	var a args
	q := `SELECT path FROM units WHERE kind = ` + a.add(unit.Region) + ` AND id IN (` + list(&a, ids) + `)
		ORDER BY length(path) DESC LIMIT 1`
	var path string
	err := db.readRow(ctx, q, a...).Scan(&path)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return path, fault.Wrap(err, "sqlstore: districts")
}

// pathOf returns the path of unit root, the prefix of every unit under it;
// root 0 is the whole tree.
func (db *DB) pathOf(ctx context.Context, root int64) (string, error) {
	if root == 0 {
		return "/", nil
	}
	r, err := db.Unit(ctx, root)
	if err != nil {
		return "", err
	}
	return r.Path, nil
}

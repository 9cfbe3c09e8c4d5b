package sqlstore

import (
	"context"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

const categoryColumns = `id, code, name, active`

func scanCategory(row scanner, c *appeal.Category) error {
	return row.Scan(&c.ID, &c.Code, &c.Name, &c.Active)
}

// Category reads one category.
func (db *DB) Category(ctx context.Context, id int64) (*appeal.Category, error) {
	var c appeal.Category
	err := scanCategory(db.readRow(ctx, `SELECT `+categoryColumns+` FROM categories WHERE id = $1`, id), &c)
	if err != nil {
		return nil, readErr(err, "category", nounCategory)
	}
	return &c, nil
}

// Categories lists every category, active or not, by id.
func (db *DB) Categories(ctx context.Context) ([]appeal.Category, error) {
	rows, err := db.readRows(ctx, `SELECT `+categoryColumns+` FROM categories ORDER BY id`)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: categories")
	}
	return collect(rows, "categories", scanCategory)
}

// CreateCategory inserts c and sets its ID. A code in use is a Conflict.
func (db *DB) CreateCategory(ctx context.Context, c *appeal.Category) error {
	id, err := insertID(ctx, db.write, `INSERT INTO categories (code, name, active) VALUES ($1, $2, $3) RETURNING id`,
		c.Code, c.Name, c.Active)
	if err != nil {
		return writeErr(err, "create category", fault.E(fault.Conflict, "category.dup", c.Code))
	}
	c.ID = id
	return nil
}

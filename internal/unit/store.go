package unit

import "context"

// Store persists the unit tree.
type Store interface {
	// CreateUnit inserts u, setting its ID, Path and DistrictID from its parent.
	CreateUnit(ctx context.Context, u *Unit) error
	Unit(ctx context.Context, id int64) (*Unit, error)
	// Units lists the units under root (root itself included), by path; root 0: all.
	Units(ctx context.Context, root int64) ([]Unit, error)
	// Districts lists the ids of the districts at or under unit id; for a unit
	// below a district, its own district.
	Districts(ctx context.Context, id int64) ([]int64, error)
}

package sqlstore

import (
	"context"
	"errors"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/outreach"
)

var _ outreach.Store = (*DB)(nil)

// CreateVisit writes v and the appeals filed at it, linked, and the
// policies it explained, in one transaction.
func (db *DB) CreateVisit(ctx context.Context, v *outreach.Visit, as []*appeal.Appeal, evs []*appeal.Event) error {
	if len(as) != len(evs) {
		return fault.Wrap(errors.New("one event per appeal"), "sqlstore: create visit")
	}
	terms := make([][]string, len(as))
	for i, a := range as {
		terms[i] = indexTerms(a)
	}
	err := db.inWrite(ctx, "create visit", func(ctx context.Context, tx *txn) error {
		id, err := insertID(ctx, tx, `INSERT INTO field_visits (enterprise_id, district_id, visited_on, visitors, found, policies,
				created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			v.EnterpriseID, v.DistrictID, msNotNull(v.VisitedOn), v.Visitors, v.Found, v.Policies, v.CreatedBy, msNotNull(v.CreatedAt))
		if err != nil {
			return writeErr(err, "create visit", nil)
		}
		v.ID = id
		if err := explainPolicies(ctx, tx, v); err != nil {
			return err
		}
		for i, a := range as {
			if err := db.createAppeal(ctx, tx, a, evs[i], terms[i]); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO field_visit_appeals (visit_id, appeal_id) VALUES ($1, $2)`, id, a.ID); err != nil {
				return writeErr(err, "create visit: appeal", nil)
			}
		}
		return nil
	})
	if err != nil {
		v.ID = 0
		unsetIDs(as, evs)
	}
	return err
}

// FieldVisits lists an entity's visits, the latest first, with their
// appeals and the policies they explained.
func (db *DB) FieldVisits(ctx context.Context, enterpriseID int64) ([]outreach.Visit, error) {
	var out []outreach.Visit
	err := db.inRead(ctx, "visits", func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, enterprise_id, district_id, visited_on, visitors, found, policies, created_by, created_at
			FROM field_visits WHERE enterprise_id = $1 ORDER BY visited_on DESC, id DESC LIMIT 200`, enterpriseID)
		if err != nil {
			return fault.Wrap(err, "sqlstore: visits")
		}
		if out, err = collect(rows, "visits", func(r scanner, v *outreach.Visit) error {
			return r.Scan(&v.ID, &v.EnterpriseID, &v.DistrictID, timeOf{&v.VisitedOn}, &v.Visitors, &v.Found, &v.Policies, &v.CreatedBy,
				timeOf{&v.CreatedAt})
		}); err != nil {
			return err
		}
		at := map[int64]*outreach.Visit{}
		for i := range out {
			at[out[i].ID] = &out[i]
		}
		// The appeals filed and the policies explained at each visit: pairs
		// of the visit and the other's id, in the other's order.
		link := func(table, column string, add func(v *outreach.Visit, id int64)) error {
			rows, err := tx.QueryContext(ctx, `SELECT l.visit_id, l.`+column+` FROM `+table+` l JOIN field_visits v ON v.id = l.visit_id
				WHERE v.enterprise_id = $1 ORDER BY l.`+column, enterpriseID)
			if err != nil {
				return fault.Wrap(err, "sqlstore: visits")
			}
			type pair struct{ visit, id int64 }
			pairs, err := collect(rows, "visits", func(r scanner, p *pair) error { return r.Scan(&p.visit, &p.id) })
			for _, p := range pairs {
				if v, ok := at[p.visit]; ok {
					add(v, p.id)
				}
			}
			return err
		}
		if err := link("field_visit_appeals", "appeal_id", func(v *outreach.Visit, id int64) { v.AppealIDs = append(v.AppealIDs, id) }); err != nil {
			return err
		}
		if err := link("field_visit_policies", "policy_id", func(v *outreach.Visit, id int64) { v.PolicyIDs = append(v.PolicyIDs, id) }); err != nil {
			return err
		}
		return nil
	})
	if out == nil {
		out = []outreach.Visit{}
	}
	return out, err
}

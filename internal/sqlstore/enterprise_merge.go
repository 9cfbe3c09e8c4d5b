package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/matching"
)

// The merge of an entity registered twice (package matching): in one
// transaction the two entries are written as the domain decides, every
// reference to the duplicate moves to the survivor, and the merge is
// recorded in the audit trail.

// reference is a column that holds an entity's id, and the other columns
// of a unique key it is part of, if any.
type reference struct {
	table, column string
	// unique are the other columns of a unique key with column: a row of
	// the duplicate's whose key the survivor has already is dropped, not
	// moved, so that the move breaks no key.
	unique []string
}

// enterpriseReferences lists every column that references enterprises.id
// and moves as it is in a merge: THE ONE PLACE TO ADD A TABLE THAT
// REFERENCES ENTITIES (a new migration's "REFERENCES enterprises (id)").
// One line each, such as
//
//	{table: "policy_targets", column: "enterprise_id", unique: []string{"policy_id"}},
//
// for a table whose key holds the entity. The appeals are not here: each of
// them changes with its version, search index and timeline (moveAppeals);
// nor the index of similar names, whose rows are the duplicate's name's and
// are dropped with it (name_pairs.go).
func enterpriseReferences() []reference {
	return []reference{
		{table: "field_visits", column: "enterprise_id"},                                             // 0024: visits (走访)
		{table: "enterprise_accounts", column: "enterprise_id"},                                      // 0001: the portal's accounts of the entity
		{table: "enterprises", column: "merged_into"},                                                // 0027: entries merged into the duplicate before
		{table: "outreach_event_enterprises", column: "enterprise_id", unique: []string{"event_id"}}, // 0025: present at events
		{table: "policy_targets", column: "enterprise_id", unique: []string{"policy_id"}},            // 0026: policies sent (see mergeReceipts)
	}
}

// MergeEnterprises merges m.DuplicateID into m.SurvivorID as decide says
// (see matching.Store), in one transaction.
func (db *DB) MergeEnterprises(ctx context.Context, m *matching.Merge, decide func(dup, survivor *enterprise.Enterprise) error) error {
	return db.inWrite(ctx, "merge enterprises", func(ctx context.Context, tx *txn) error {
		dup, err := db.lockedEnterprise(ctx, tx, m.DuplicateID)
		if err != nil {
			return err
		}
		survivor, err := db.lockedEnterprise(ctx, tx, m.SurvivorID)
		if err != nil {
			return err
		}
		if err := decide(dup, survivor); err != nil {
			return err
		}
		// The code moves: off the duplicate first, for the unique index.
		for _, e := range []*enterprise.Enterprise{dup, survivor} {
			if _, err := tx.ExecContext(ctx, updateEnterpriseSQL, append(enterpriseValues(e)[:], e.ID)...); err != nil {
				return writeErr(err, "merge enterprises", fault.E(fault.Conflict, "enterprise.dup", e.CreditCode))
			}
		}
		if err := writeNamePairs(ctx, tx, dup, true); err != nil { // a merged entry is no one's similar name
			return err
		}
		m.Moved = map[string]int{}
		n, err := db.moveAppeals(ctx, tx, m, dup, survivor)
		if err != nil {
			return err
		}
		m.Moved["appeals"] = n
		if err := mergeReceipts(ctx, tx, dup.ID, survivor.ID); err != nil {
			return err
		}
		for _, r := range enterpriseReferences() {
			n, err := moveReference(ctx, tx, r, dup.ID, survivor.ID)
			if err != nil {
				return err
			}
			m.Moved[r.table+"."+r.column] = n
		}
		if err := recountPolicies(ctx, tx, survivor.ID); err != nil {
			return err
		}
		m.Duplicate, m.Survivor = dup, survivor
		return insertAudit(ctx, tx, &audit.Entry{At: m.At, ActorID: m.ActorID, ActorName: m.ActorName, UnitID: m.UnitID,
			Action: "enterprise.merge", Object: fmt.Sprintf("enterprise:%d", dup.ID), Outcome: audit.OK, Detail: mergeDetail(m)})
	})
}

// mergeReceipts gives the survivor, for each policy sent to both entries,
// the duplicate's reading when it has none of its own: the policy reached
// the entity if it reached either entry. The duplicate's row is then
// dropped by the move (its key is the survivor's already).
func mergeReceipts(ctx context.Context, tx *txn, dup, survivor int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE policy_targets SET
			read_at = (SELECT d.read_at FROM policy_targets d WHERE d.policy_id = policy_targets.policy_id AND d.enterprise_id = $1),
			read_by = (SELECT d.read_by FROM policy_targets d WHERE d.policy_id = policy_targets.policy_id AND d.enterprise_id = $1),
			read_visit = (SELECT d.read_visit FROM policy_targets d WHERE d.policy_id = policy_targets.policy_id AND d.enterprise_id = $1)
		WHERE enterprise_id = $2 AND read_at IS NULL
			AND EXISTS (SELECT 1 FROM policy_targets d WHERE d.policy_id = policy_targets.policy_id AND d.enterprise_id = $1 AND d.read_at IS NOT NULL)`,
		dup, survivor)
	return fault.Wrap(err, "sqlstore: merge enterprises: policy receipts")
}

// recountPolicies counts anew the targets and readings of the policies sent
// to the survivor: a policy sent to both entries has one target fewer.
func recountPolicies(ctx context.Context, tx *txn, survivor int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE policies SET
			targets = (SELECT COUNT(*) FROM policy_targets t WHERE t.policy_id = policies.id),
			reads = (SELECT COUNT(*) FROM policy_targets t WHERE t.policy_id = policies.id AND t.read_at IS NOT NULL)
		WHERE id IN (SELECT policy_id FROM policy_targets WHERE enterprise_id = $1)`, survivor)
	return fault.Wrap(err, "sqlstore: merge enterprises: policies")
}

// mergeDetail says in the audit trail where the duplicate went and what moved.
func mergeDetail(m *matching.Merge) string {
	parts := []string{fmt.Sprintf("into enterprise:%d", m.SurvivorID), fmt.Sprintf("appeals %d", m.Moved["appeals"])}
	for _, r := range enterpriseReferences() {
		parts = append(parts, fmt.Sprintf("%s.%s %d", r.table, r.column, m.Moved[r.table+"."+r.column]))
	}
	return strings.Join(parts, "; ")
}

// lockedEnterprise reads entity id in tx, locked against a concurrent merge
// on PostgreSQL (SQLite's write transaction holds the database).
func (db *DB) lockedEnterprise(ctx context.Context, tx *txn, id int64) (*enterprise.Enterprise, error) {
	q := `SELECT ` + enterpriseColumns + ` FROM enterprises WHERE id = $1`
	if db.pg() {
		q += ` FOR UPDATE`
	}
	var e enterprise.Enterprise
	if err := scanEnterprise(tx.QueryRowContext(ctx, q, id), &e); err != nil {
		return nil, readErr(err, "merge enterprises", nounEnterprise)
	}
	return &e, nil
}

// moveAppeals links the duplicate's appeals to the survivor: each a new
// version, indexed under the survivor, with an entry on its timeline (and
// so in the audit trail). The reports' counters count no entity: they do
// not change.
func (db *DB) moveAppeals(ctx context.Context, tx *txn, m *matching.Merge, dup, survivor *enterprise.Enterprise) (int, error) {
	q := `SELECT ` + appealSelect("") + ` FROM appeals WHERE enterprise_id = $1 ORDER BY id`
	if db.pg() {
		q += ` FOR UPDATE`
	}
	rows, err := tx.QueryContext(ctx, q, dup.ID)
	if err != nil {
		return 0, fault.Wrap(err, "sqlstore: merge enterprises: appeals")
	}
	as, err := collect(rows, "merge enterprises: appeals", scanAppeal)
	if err != nil {
		return 0, err
	}
	note := fmt.Sprintf("%s（编号 %d）并入 %s（编号 %d）", dup.Name, dup.ID, survivor.Name, survivor.ID)
	evs := make([]appeal.Event, len(as))
	for i := range as {
		a := &as[i]
		a.EnterpriseID, a.Version, a.UpdatedAt = survivor.ID, a.Version+1, m.At
		if _, err := tx.ExecContext(ctx, `UPDATE appeals SET enterprise_id = $1, version = $2, updated_at = $3 WHERE id = $4`,
			a.EnterpriseID, a.Version, msNotNull(a.UpdatedAt), a.ID); err != nil {
			return 0, writeErr(err, "merge enterprises: appeals", nil)
		}
		if err := db.indexAppeal(ctx, tx, a, true); err != nil {
			return 0, err
		}
		evs[i] = appeal.Event{AppealID: a.ID, At: m.At, ActorID: m.ActorID, ActorName: m.ActorName, UnitID: m.UnitID,
			Action: appeal.ActEnterpriseMerged, FromState: a.State, ToState: a.State, Note: note}
		if evs[i].ID, err = insertID(ctx, tx, insertEventSQL, eventValues(&evs[i])...); err != nil {
			return 0, writeErr(err, "merge enterprises: event", nil)
		}
	}
	return len(as), auditEvents(ctx, tx, evs)
}

// moveReference moves the rows of r from entity from to entity to, and
// returns how many now reference to (those dropped for a unique key aside).
func moveReference(ctx context.Context, tx *txn, r reference, from, to int64) (int, error) {
	if len(r.unique) > 0 {
		same := make([]string, len(r.unique))
		for i, c := range r.unique {
			same[i] = fmt.Sprintf("k.%s = %s.%s", c, r.table, c)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+r.table+` WHERE `+r.column+` = $1 AND EXISTS (SELECT 1 FROM `+r.table+` k
				WHERE k.`+r.column+` = $2 AND `+strings.Join(same, " AND ")+`)`, from, to); err != nil {
			return 0, writeErr(err, "merge enterprises: "+r.table, nil)
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE `+r.table+` SET `+r.column+` = $1 WHERE `+r.column+` = $2`, to, from)
	if err != nil {
		return 0, writeErr(err, "merge enterprises: "+r.table, nil)
	}
	n, err := res.RowsAffected()
	return int(n), fault.Wrap(err, "sqlstore: merge enterprises: "+r.table)
}

// updateEnterpriseSQL writes every column of an entity but its id.
var updateEnterpriseSQL = func() string {
	cols := strings.Split(enterpriseColumns, ", ")[1:]
	set := make([]string, len(cols))
	var a args
	for i, c := range cols {
		set[i] = c + " = " + a.add(nil)
	}
	return `UPDATE enterprises SET ` + strings.Join(set, ", ") + ` WHERE id = ` + a.add(nil)
}()

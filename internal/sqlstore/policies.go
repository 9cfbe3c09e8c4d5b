package sqlstore

import (
	"context"
	"strconv"
	"time"

	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
)

var _ policy.Store = (*DB)(nil)

const nounPolicy = "noun.policy"

const policyColumns = `p.id, p.district_id, p.issuer_id, p.title, p.doc_no, p.effective_from, p.effective_to, p.body,
	p.industries, p.territories, p.sizes, p.targets, p.reads, p.published_by, p.published_at`

func scanPolicy(r scanner, p *policy.Policy, more ...any) error {
	var inds, terrs, sizes string
	err := r.Scan(append([]any{&p.ID, &p.DistrictID, &p.IssuerID, &p.Title, &p.DocNo, timeOf{&p.EffectiveFrom}, nullTime{&p.EffectiveTo},
		&p.Body, &inds, &terrs, &sizes, &p.Targets, &p.Reads, nullID{&p.PublishedBy}, timeOf{&p.PublishedAt}}, more...)...)
	if err != nil {
		return err
	}
	p.Tags = policy.Tags{Industries: splitList[string](inds), Territories: policy.SplitIDs(terrs), Sizes: splitList[enterprise.Size](sizes)}
	return nil
}

// CreatePolicy writes p and its files, records its targets with one
// INSERT ... SELECT over the district's entities, and writes the messages
// that tell them, in one transaction.
func (db *DB) CreatePolicy(ctx context.Context, p *policy.Policy, files []policy.Stored) error {
	err := db.inWrite(ctx, "create policy", func(ctx context.Context, tx *txn) error {
		id, err := insertID(ctx, tx, `INSERT INTO policies (district_id, issuer_id, title, doc_no, effective_from, effective_to, body,
				industries, territories, sizes, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			p.DistrictID, p.IssuerID, p.Title, p.DocNo, msNotNull(p.EffectiveFrom), ms(p.EffectiveTo), p.Body,
			joinList(p.Tags.Industries), policy.JoinIDs(p.Tags.Territories), joinList(p.Tags.Sizes), nullable(p.PublishedBy), msNotNull(p.PublishedAt))
		if err != nil {
			return writeErr(err, "create policy", nil)
		}
		p.ID = id
		for i := range files {
			files[i].PolicyID = id
			if err := insertPolicyFile(ctx, tx, &files[i]); err != nil {
				return err
			}
		}
		if p.Targets, err = insertTargets(ctx, tx, p); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE policies SET targets = $1 WHERE id = $2`, p.Targets, id); err != nil {
			return fault.Wrap(err, "sqlstore: create policy: targets")
		}
		return db.writePolicyNotices(ctx, tx, p)
	})
	if err != nil {
		p.ID, p.Targets = 0, 0
		for i := range files {
			files[i].ID, files[i].PolicyID = 0, 0
		}
	}
	return err
}

// insertTargets records as p's targets the entities of its district its
// tags match, each with its township, and returns how many.
func insertTargets(ctx context.Context, tx querier, p *policy.Policy) (int, error) {
	var a args
	// The policy's id is cast: PostgreSQL reads a bare parameter in a
	// SELECT list as text.
	q := `INSERT INTO policy_targets (policy_id, enterprise_id, territory_id) SELECT CAST(` + a.add(p.ID) + ` AS BIGINT), id, territory_id
		FROM enterprises WHERE district_id = ` + a.add(p.DistrictID) + ` AND merged_into IS NULL` // a merged duplicate is its survivor
	if ts := p.Tags.Territories; len(ts) > 0 {
		q += ` AND territory_id IN (` + list(&a, ts) + `)`
	}
	if ds := p.Tags.Divisions(); len(ds) > 0 {
		q += ` AND industry_code IN (` + list(&a, ds) + `)`
	}
	if ss := p.Tags.Sizes; len(ss) > 0 {
		sizes := make([]string, len(ss))
		for i, s := range ss {
			sizes[i] = string(s)
		}
		q += ` AND size IN (` + list(&a, sizes) + `)`
	}
	res, err := tx.ExecContext(ctx, q, a...)
	if err != nil {
		return 0, fault.Wrap(err, "sqlstore: policy targets")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fault.Wrap(err, "sqlstore: policy targets")
	}
	return int(n), nil
}

func insertPolicyFile(ctx context.Context, tx querier, f *policy.Stored) error {
	id, err := insertID(ctx, tx, `INSERT INTO policy_attachments (policy_id, name, content_type, size, sha256, data, uploaded_by, by_name, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		f.PolicyID, f.Name, f.ContentType, f.Size, f.SHA256, f.Data, f.By, f.ByName, msNotNull(f.At))
	if err != nil {
		return writeErr(err, "add policy file", nil)
	}
	f.ID = id
	return nil
}

// Policy reads policy id.
func (db *DB) Policy(ctx context.Context, id int64) (*policy.Policy, error) {
	var p policy.Policy
	if err := scanPolicy(db.readRow(ctx, `SELECT `+policyColumns+` FROM policies p WHERE p.id = $1`, id), &p); err != nil {
		return nil, readErr(err, "policy", nounPolicy)
	}
	return &p, nil
}

// Policies lists the policies of districts, the newest first.
func (db *DB) Policies(ctx context.Context, districts []int64, before int64, limit int) ([]policy.Policy, error) {
	var out []policy.Policy
	err := db.inRead(ctx, "policies", func(tx *txn) error {
		var a args
		q := `SELECT ` + policyColumns + ` FROM policies p WHERE p.district_id IN (` + list(&a, districts) + `)`
		if before > 0 {
			q += ` AND p.id < ` + a.add(before)
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY p.id DESC LIMIT `+strconv.Itoa(limit), a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: policies")
		}
		out, err = collect(rows, "policies", func(r scanner, p *policy.Policy) error { return scanPolicy(r, p) })
		return err
	})
	return out, err
}

// PolicyReach counts policy id's targets and reads by township, the
// township with the most targets first.
func (db *DB) PolicyReach(ctx context.Context, id int64) ([]policy.Township, error) {
	rows, err := db.readRows(ctx, `SELECT COALESCE(territory_id, 0), COUNT(*), COUNT(read_at) FROM policy_targets
		WHERE policy_id = $1 GROUP BY COALESCE(territory_id, 0) ORDER BY COUNT(*) DESC, COALESCE(territory_id, 0)`, id)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: policy reach")
	}
	return collect(rows, "policy reach", func(r scanner, t *policy.Township) error { return r.Scan(&t.TerritoryID, &t.Targets, &t.Reads) })
}

// PolicyTargets lists a page of policy id's targets by entity id.
func (db *DB) PolicyTargets(ctx context.Context, id, after int64, limit int) ([]policy.Target, error) {
	rows, err := db.readRows(ctx, `SELECT e.id, e.name, e.credit_code, COALESCE(t.territory_id, 0), e.industry_code, e.size,
			e.contact_name, e.contact_phone, e.cadre_id, t.read_at, t.read_visit
		FROM policy_targets t JOIN enterprises e ON e.id = t.enterprise_id
		WHERE t.policy_id = $1 AND t.enterprise_id > $2 ORDER BY t.enterprise_id LIMIT `+strconv.Itoa(limit), id, after)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: policy targets")
	}
	return collect(rows, "policy targets", func(r scanner, t *policy.Target) error {
		return r.Scan(&t.EnterpriseID, &t.Name, &t.CreditCode, &t.TerritoryID, &t.IndustryCode, &t.Size, &t.ContactName, &t.ContactPhone,
			nullID{&t.CadreID}, nullTime{&t.ReadAt}, nullID{&t.ReadVisit})
	})
}

// AddPolicyFile adds a file to a policy, unless it holds policy.MaxFiles.
func (db *DB) AddPolicyFile(ctx context.Context, f *policy.Stored) error {
	return db.inWrite(ctx, "add policy file", func(ctx context.Context, tx *txn) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM policy_attachments WHERE policy_id = $1`, f.PolicyID).Scan(&n); err != nil {
			return fault.Wrap(err, "sqlstore: count policy files")
		}
		if n >= policy.MaxFiles {
			return fault.E(fault.Conflict, "policy.files", policy.MaxFiles)
		}
		return insertPolicyFile(ctx, tx, f)
	})
}

const policyFileColumns = `id, policy_id, name, content_type, size, sha256, uploaded_by, by_name, uploaded_at`

func scanPolicyFile(r scanner, f *policy.File, more ...any) error {
	return r.Scan(append([]any{&f.ID, &f.PolicyID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.By, &f.ByName, timeOf{&f.At}}, more...)...)
}

// PolicyFiles lists a policy's files, oldest first, without content.
func (db *DB) PolicyFiles(ctx context.Context, policyID int64) ([]policy.File, error) {
	rows, err := db.readRows(ctx, `SELECT `+policyFileColumns+` FROM policy_attachments WHERE policy_id = $1 ORDER BY id`, policyID)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: policy files")
	}
	return collect(rows, "policy files", func(r scanner, f *policy.File) error { return scanPolicyFile(r, f) })
}

// PolicyFile reads one file of a policy with its content.
func (db *DB) PolicyFile(ctx context.Context, policyID, id int64) (*policy.File, []byte, error) {
	var f policy.File
	var data []byte
	row := db.readRow(ctx, `SELECT `+policyFileColumns+`, data FROM policy_attachments WHERE policy_id = $1 AND id = $2`, policyID, id)
	if err := scanPolicyFile(row, &f, &data); err != nil {
		return nil, nil, readErr(err, "policy file", "noun.attachment")
	}
	return &f, data, nil
}

const receiptQuery = `SELECT ` + policyColumns + `, t.read_at FROM policy_targets t JOIN policies p ON p.id = t.policy_id WHERE t.enterprise_id = $1`

func scanReceipt(r scanner, rc *policy.Receipt) error {
	return scanPolicy(r, &rc.Policy, nullTime{&rc.ReadAt})
}

// PoliciesReceived lists the policies sent to an entity, the unread first, then
// the newest.
func (db *DB) PoliciesReceived(ctx context.Context, enterpriseID int64, limit int) ([]policy.Receipt, error) {
	rows, err := db.readRows(ctx, receiptQuery+` ORDER BY CASE WHEN t.read_at IS NULL THEN 0 ELSE 1 END, p.id DESC LIMIT `+strconv.Itoa(limit), enterpriseID)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: received policies")
	}
	return collect(rows, "received policies", scanReceipt)
}

// PolicyReceived reads policy id as sent to an entity.
func (db *DB) PolicyReceived(ctx context.Context, enterpriseID, id int64) (*policy.Receipt, error) {
	var rc policy.Receipt
	if err := scanReceipt(db.readRow(ctx, receiptQuery+` AND t.policy_id = $2`, enterpriseID, id), &rc); err != nil {
		return nil, readErr(err, "received policy", nounPolicy)
	}
	return &rc, nil
}

// MarkPolicyRead records the entity's first read of a policy and counts it on
// the policy, in one transaction; a later read changes nothing.
func (db *DB) MarkPolicyRead(ctx context.Context, id, enterpriseID, account int64, at time.Time) error {
	return db.inWrite(ctx, "read policy", func(ctx context.Context, tx *txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE policy_targets SET read_at = $1, read_by = $2
			WHERE policy_id = $3 AND enterprise_id = $4 AND read_at IS NULL`, msNotNull(at), nullable(account), id, enterpriseID)
		if err != nil {
			return fault.Wrap(err, "sqlstore: read policy")
		}
		if n, err := res.RowsAffected(); err != nil {
			return fault.Wrap(err, "sqlstore: read policy")
		} else if n == 0 {
			return nil // read before, or by another account of the entity at the same moment
		}
		if _, err := tx.ExecContext(ctx, `UPDATE policies SET reads = reads + 1 WHERE id = $1`, id); err != nil {
			return fault.Wrap(err, "sqlstore: read policy: count")
		}
		return nil
	})
}

// explainPolicies records, within tx, the policies visit v explained: each
// must have been sent to the entity and published before the visit's day
// ended. Those the entity had not read yet count as reached from now, by
// the visit, on the policy's count of reads too.
func explainPolicies(ctx context.Context, tx querier, v *outreach.Visit) error {
	if len(v.PolicyIDs) == 0 {
		return nil
	}
	var a args
	q := `SELECT COUNT(*) FROM policy_targets t JOIN policies p ON p.id = t.policy_id WHERE t.enterprise_id = ` + a.add(v.EnterpriseID) +
		` AND t.policy_id IN (` + list(&a, v.PolicyIDs) + `) AND p.published_at < ` + a.add(msNotNull(v.VisitedOn.AddDate(0, 0, 1)))
	var n int
	if err := tx.QueryRowContext(ctx, q, a...).Scan(&n); err != nil {
		return fault.Wrap(err, "sqlstore: explain policies")
	}
	if n != len(v.PolicyIDs) {
		return fault.Field("policy_ids", "visit.policy")
	}
	for _, id := range v.PolicyIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO field_visit_policies (visit_id, policy_id) VALUES ($1, $2)`, v.ID, id); err != nil {
			return writeErr(err, "explain policies", nil)
		}
	}
	a = args{}
	q = `UPDATE policy_targets SET read_at = ` + a.add(msNotNull(v.CreatedAt)) + `, read_visit = ` + a.add(v.ID) +
		` WHERE enterprise_id = ` + a.add(v.EnterpriseID) + ` AND policy_id IN (` + list(&a, v.PolicyIDs) + `) AND read_at IS NULL`
	if _, err := tx.ExecContext(ctx, q, a...); err != nil {
		return fault.Wrap(err, "sqlstore: explain policies")
	}
	// The rows this visit reached are those that name it: count them on
	// their policies.
	if _, err := tx.ExecContext(ctx, `UPDATE policies SET reads = reads + 1
		WHERE id IN (SELECT policy_id FROM policy_targets WHERE enterprise_id = $1 AND read_visit = $2)`, v.EnterpriseID, v.ID); err != nil {
		return fault.Wrap(err, "sqlstore: explain policies: count")
	}
	return nil
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// The audit log's entries (package audit): appended unsealed, in the
// transaction of the act they record when there is one (CreateAppeal,
// Mutate), and sealed into the chain later (audit_chain.go).

var (
	_ audit.Store      = (*DB)(nil)
	_ audit.ChainStore = (*DB)(nil)
)

// auditColumns are the columns of audit_log an insert writes.
var auditColumns = []string{"at", "actor_id", "actor_name", "unit_id", "client_ip", "request_id", "action", "object", "outcome", "detail"}

var insertAuditSQL = insertSQL("audit_log", auditColumns)

// auditSelect is the select list of a whole entry, sealed or not.
const auditSelect = `id, seq, at, actor_id, actor_name, unit_id, client_ip, request_id, action, object, outcome, detail, hash`

// Record appends e to the audit log, unsealed, in a transaction of its own;
// it implements audit.Recorder for the acts that have no transaction of
// their own in the store (logins, reveals, exports). A zero At is now.
func (db *DB) Record(ctx context.Context, e audit.Entry) error {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	return db.inWrite(ctx, "audit record", func(ctx context.Context, tx *txn) error {
		return insertAudit(ctx, tx, &e)
	})
}

// insertAudit appends e, unsealed, in tx, filling in from ctx what it
// leaves out (audit.Normalize), and sets e.ID. Store methods that change
// something worth auditing call it in their own transaction, so that the
// act and its record are committed together or not at all.
func insertAudit(ctx context.Context, tx *txn, e *audit.Entry) error {
	audit.Normalize(ctx, e)
	if e.Action == "" {
		return fault.Wrap(fmt.Errorf("an entry without an action"), "sqlstore: audit")
	}
	id, err := insertID(ctx, tx, insertAuditSQL, msNotNull(e.At), nullable(e.ActorID), e.ActorName, nullable(e.UnitID),
		e.ClientIP, e.RequestID, e.Action, e.Object, string(e.Outcome), e.Detail)
	if err != nil {
		return fault.Wrap(err, "sqlstore: audit")
	}
	e.ID = id
	return nil
}

// auditEvents appends an entry for each event of an appeal, in tx. An
// entry says who did what to which appeal and the states it moved between;
// never the note or what the enterprise was told, which may carry personal
// data, and no name of an actor who is not an officer (an enterprise's
// contact is an appellant).
func auditEvents(ctx context.Context, tx *txn, evs []appeal.Event) error {
	for i := range evs {
		e := eventEntry(&evs[i])
		if err := insertAudit(ctx, tx, &e); err != nil {
			return err
		}
	}
	return nil
}

func eventEntry(ev *appeal.Event) audit.Entry {
	var detail []string
	if ev.FromState != "" || ev.ToState != "" {
		detail = append(detail, string(ev.FromState)+"→"+string(ev.ToState))
	}
	if ev.TaskID != 0 {
		detail = append(detail, fmt.Sprintf("task:%d", ev.TaskID))
	}
	e := audit.Entry{At: ev.At, ActorID: ev.ActorID, UnitID: ev.UnitID, Action: "appeal." + string(ev.Action),
		Object: fmt.Sprintf("appeal:%d", ev.AppealID), Outcome: audit.OK, Detail: strings.Join(detail, " ")}
	if ev.ActorID != 0 {
		e.ActorName = ev.ActorName
	}
	return e
}

// SearchAudit returns the entries that match q, newest first (by id).
func (db *DB) SearchAudit(ctx context.Context, q audit.Query) ([]audit.Entry, error) {
	var a args
	var where []string
	if !q.From.IsZero() {
		where = append(where, "at >= "+a.add(q.From.UnixMilli()))
	}
	if !q.To.IsZero() {
		where = append(where, "at < "+a.add(q.To.UnixMilli()))
	}
	if q.ActorID != 0 {
		where = append(where, "actor_id = "+a.add(q.ActorID))
	}
	if q.Action != "" {
		where = append(where, "action LIKE "+a.add(likePrefix(q.Action))+` ESCAPE '!'`)
	}
	if q.Object != "" {
		where = append(where, "object = "+a.add(q.Object))
	}
	if q.Outcome != "" {
		where = append(where, "outcome = "+a.add(string(q.Outcome)))
	}
	if q.Before != 0 {
		where = append(where, "id < "+a.add(q.Before))
	}
	// The page's ids from the indexes first, then its entries (list.go).
	ids := `SELECT id FROM audit_log`
	if len(where) > 0 {
		ids += ` WHERE ` + strings.Join(where, " AND ")
	}
	ids += ` ORDER BY id DESC LIMIT ` + a.add(max(q.Limit, 1))
	query := `SELECT ` + auditSelect + ` FROM audit_log WHERE id IN (` + ids + `) ORDER BY id DESC`
	rows, err := db.readRows(ctx, query, a...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: search audit")
	}
	return collect(rows, "search audit", scanAudit)
}

// likePrefix is the LIKE pattern of the strings that begin with p.
func likePrefix(p string) string {
	r := strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
	return r.Replace(p) + "%"
}

// scanAudit scans the columns of auditSelect.
func scanAudit(row scanner, e *audit.Entry) error {
	var seq sql.NullInt64
	var outcome, hash string
	err := row.Scan(&e.ID, &seq, timeOf{&e.At}, nullID{&e.ActorID}, &e.ActorName, nullID{&e.UnitID}, &e.ClientIP,
		&e.RequestID, &e.Action, &e.Object, &outcome, &e.Detail, &hash)
	if err != nil {
		return err
	}
	e.Seq, e.Outcome = seq.Int64, audit.Outcome(outcome)
	// A hash that is not hex was written by hand: nil, which matches no
	// entry, so that verify names the entry rather than failing to read it.
	e.Hash, _ = hashOf(hash)
	return nil
}

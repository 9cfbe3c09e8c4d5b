package sqlstore

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"zhitong/internal/fault"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
)

var _ outbox.Store = (*DB)(nil)

// Enqueue writes messages into the outbox, due at once, in a transaction
// of their own. (Messages caused by a change are written in the change's
// transaction; see enqueue.)
func (db *DB) Enqueue(ctx context.Context, at time.Time, ms []outbox.New) error {
	return db.inWrite(ctx, "enqueue", func(ctx context.Context, tx *txn) error { return enqueue(ctx, tx, at, ms) })
}

// enqueueBatch is how many messages one INSERT writes: a policy sent to
// thousands of entities takes a hundred statements, not thousands. Not more:
// SQLite finds each $N parameter by name in a list, so that a statement's
// cost grows with the square of its parameters (see importRowByRow).
const enqueueBatch = 50

// enqueue writes messages into the outbox within tx, many rows a
// statement; a message whose id is already there is not written twice.
func enqueue(ctx context.Context, tx querier, at time.Time, ms []outbox.New) error {
	for len(ms) > 0 {
		n := min(len(ms), enqueueBatch)
		var a args
		rows := make([]string, n)
		created := a.add(msNotNull(at))
		for i, m := range ms[:n] {
			params, err := json.Marshal(m.Message.Params)
			if err != nil {
				return fault.Wrap(err, "sqlstore: enqueue")
			}
			rows[i] = "(" + a.add(m.Message.ID) + ", " + a.add(string(m.Message.Kind)) + ", " + a.add(string(m.Message.Channel)) + ", " +
				a.add(m.Message.To) + ", " + a.add(nullable(m.UserID)) + ", " + a.add(string(params)) + ", " + a.add(nullable(m.AppealID)) +
				", " + created + ", 'pending', " + created + ")"
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox (msg_id, kind, channel, recipient, user_id, params, appeal_id, created_at, state, next_at)
			VALUES `+strings.Join(rows, ", ")+` ON CONFLICT (msg_id) DO NOTHING`, a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: enqueue")
		}
		ms = ms[n:]
	}
	return nil
}

// ClaimMessages leases up to limit pending messages due at now to holder
// until until, oldest first. On PostgreSQL rows another instance is
// claiming are skipped, not waited for.
func (db *DB) ClaimMessages(ctx context.Context, holder string, now, until time.Time, limit int) ([]outbox.Pending, error) {
	skip := ""
	if db.pg() {
		skip = " FOR UPDATE SKIP LOCKED"
	}
	const due = `state = 'pending' AND next_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)`
	var out []outbox.Pending
	err := db.inWrite(ctx, "claim messages", func(ctx context.Context, tx *txn) error {
		// The claimed ids are chosen once, in a materialised CTE: as a plain
		// IN subquery PostgreSQL may run the LIMIT again for each row and
		// claim more than limit.
		rows, err := tx.QueryContext(ctx, `WITH c AS MATERIALIZED (SELECT id FROM outbox WHERE `+due+`
				ORDER BY next_at, id LIMIT `+strconv.Itoa(limit)+skip+`)
			UPDATE outbox SET lease_until = $1, leased_by = $2 WHERE id IN (SELECT id FROM c)
			RETURNING id, msg_id, kind, channel, recipient, user_id, params, appeal_id, attempts`,
			msNotNull(until), holder, msNotNull(now))
		if err != nil {
			return fault.Wrap(err, "sqlstore: claim messages")
		}
		out, err = collect(rows, "claim messages", scanPending)
		return err
	})
	return out, err
}

func scanPending(r scanner, p *outbox.Pending) error {
	var kind, channel, params string
	err := r.Scan(&p.ID, &p.Message.ID, &kind, &channel, &p.Message.To, nullID{&p.UserID}, &params, nullID{&p.AppealID}, &p.Attempts)
	if err != nil {
		return err
	}
	p.Message.Kind, p.Message.Channel = notify.Kind(kind), notify.Channel(channel)
	return json.Unmarshal([]byte(params), &p.Message.Params)
}

// Delivered records an attempt of message id and its outcome.
func (db *DB) Delivered(ctx context.Context, id int64, a outbox.Attempt) error {
	return db.inWrite(ctx, "record delivery", func(ctx context.Context, tx *txn) error { return recordAttempt(ctx, tx, id, a) })
}

// DeliverInApp puts an in-app message in its user's inbox, once per
// message id, and records it sent.
func (db *DB) DeliverInApp(ctx context.Context, p *outbox.Pending, r notify.Rendered, a outbox.Attempt) error {
	return db.inWrite(ctx, "deliver in app", func(ctx context.Context, tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO inbox (user_id, msg_id, kind, title, body, appeal_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, msg_id) DO NOTHING`,
			p.UserID, p.Message.ID, string(p.Message.Kind), r.Subject, r.Short, nullable(p.AppealID), msNotNull(a.At))
		if err != nil {
			return fault.Wrap(err, "sqlstore: deliver in app")
		}
		return recordAttempt(ctx, tx, p.ID, a)
	})
}

// recordAttempt logs attempt a of message id and moves the message on:
// sent, to be tried again at a.Next, or given up.
func recordAttempt(ctx context.Context, tx querier, id int64, a outbox.Attempt) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox_attempts (outbox_id, at, ok, permanent, error, took_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
		id, msNotNull(a.At), a.OK, a.Permanent, a.Error, a.Took.Milliseconds())
	if err != nil {
		return fault.Wrap(err, "sqlstore: delivery log")
	}
	state, next := "sent", a.At
	switch {
	case a.OK:
	case a.Next.IsZero():
		state = "failed"
	default:
		state, next = "pending", a.Next
	}
	_, err = tx.ExecContext(ctx, `UPDATE outbox SET state = $1, next_at = $2, attempts = attempts + 1, lease_until = NULL,
		sent_at = $3, last_error = $4 WHERE id = $5`, state, msNotNull(next), ms(sentAt(a)), a.Error, id)
	if err != nil {
		return fault.Wrap(err, "sqlstore: record delivery")
	}
	if state != "pending" {
		return scrubSecrets(ctx, tx, id)
	}
	return nil
}

// scrubSecrets masks the secret parameters of message id.
func scrubSecrets(ctx context.Context, tx querier, id int64) error {
	var raw string
	if err := tx.QueryRowContext(ctx, `SELECT params FROM outbox WHERE id = $1`, id).Scan(&raw); err != nil {
		return fault.Wrap(err, "sqlstore: scrub message")
	}
	var params map[string]string
	if err := json.Unmarshal([]byte(raw), &params); err != nil {
		return fault.Wrap(err, "sqlstore: scrub message")
	}
	changed := false
	for _, k := range notify.Secret { // kept only until the message is sent or given up
		if _, ok := params[k]; ok {
			params[k], changed = "******", true
		}
	}
	if !changed {
		return nil
	}
	b, err := json.Marshal(params)
	if err != nil {
		return fault.Wrap(err, "sqlstore: scrub message")
	}
	_, err = tx.ExecContext(ctx, `UPDATE outbox SET params = $1 WHERE id = $2`, string(b), id)
	return fault.Wrap(err, "sqlstore: scrub message")
}

func sentAt(a outbox.Attempt) time.Time {
	if a.OK {
		return a.At
	}
	return time.Time{}
}

// DeliveryLog returns the messages f selects, newest first, each with its
// attempts.
func (db *DB) DeliveryLog(ctx context.Context, f outbox.LogFilter) ([]outbox.Record, error) {
	q := `SELECT id, msg_id, kind, channel, recipient, user_id, params, appeal_id, created_at, state, attempts, next_at, sent_at, last_error
		FROM outbox WHERE 1 = 1`
	var args []any
	arg := func(cond string, v any) {
		args = append(args, v)
		q += " AND " + cond + " $" + strconv.Itoa(len(args))
	}
	if f.State != "" {
		arg("state =", f.State)
	}
	if f.Channel != "" {
		arg("channel =", string(f.Channel))
	}
	if f.AppealID > 0 {
		arg("appeal_id =", f.AppealID)
	}
	if f.Before > 0 {
		arg("id <", f.Before)
	}
	q += " ORDER BY id DESC LIMIT " + strconv.Itoa(pageLimit(f.Limit))
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: delivery log")
	}
	recs, err := collect(rows, "delivery log", func(r scanner, m *outbox.Record) error {
		var kind, channel, params string
		err := r.Scan(&m.ID, &m.Message.ID, &kind, &channel, &m.Message.To, nullID{&m.UserID}, &params, nullID{&m.AppealID},
			timeOf{&m.CreatedAt}, &m.State, &m.Attempts, timeOf{&m.NextAt}, nullTime{&m.SentAt}, &m.LastError)
		if err != nil {
			return err
		}
		m.Message.Kind, m.Message.Channel = notify.Kind(kind), notify.Channel(channel)
		return json.Unmarshal([]byte(params), &m.Message.Params)
	})
	if err != nil || len(recs) == 0 {
		return recs, err
	}
	at := make(map[int64]int, len(recs))
	ids := make([]string, len(recs))
	for i, m := range recs {
		at[m.ID], ids[i] = i, strconv.FormatInt(m.ID, 10)
	}
	// The ids are integers read from the database, so they may stand in the text.
	rows, err = db.read.QueryContext(ctx, `SELECT outbox_id, at, ok, permanent, error, took_ms FROM outbox_attempts
		WHERE outbox_id IN (`+strings.Join(ids, ",")+`) ORDER BY id`)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: delivery log")
	}
	defer rows.Close()
	for rows.Next() {
		var id, took int64
		var a outbox.Attempt
		if err := rows.Scan(&id, timeOf{&a.At}, &a.OK, &a.Permanent, &a.Error, &took); err != nil {
			return nil, fault.Wrap(err, "sqlstore: delivery log")
		}
		a.Took = time.Duration(took) * time.Millisecond
		m := &recs[at[id]]
		m.Log = append(m.Log, a)
	}
	return recs, fault.Wrap(rows.Err(), "sqlstore: delivery log")
}

// Inbox returns user's in-app messages, newest first, after the page
// ending at before (0: the first page).
func (db *DB) Inbox(ctx context.Context, userID, before int64, limit int) ([]outbox.InboxItem, error) {
	if before <= 0 {
		before = math.MaxInt64
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, msg_id, kind, title, body, appeal_id, created_at, read_at FROM inbox
		WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT `+strconv.Itoa(pageLimit(limit)), userID, before)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: inbox")
	}
	return collect(rows, "inbox", func(r scanner, it *outbox.InboxItem) error {
		return r.Scan(&it.ID, &it.MsgID, &it.Kind, &it.Title, &it.Body, nullID{&it.AppealID}, timeOf{&it.CreatedAt}, nullTime{&it.ReadAt})
	})
}

// Unread counts user's unread in-app messages.
func (db *DB) Unread(ctx context.Context, userID int64) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	return n, fault.Wrap(err, "sqlstore: unread")
}

// MarkRead marks user's messages ids (none: all) read at at; another
// user's ids are left alone. It returns how many were unread.
func (db *DB) MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int, error) {
	a := &args{}
	q := `UPDATE inbox SET read_at = ` + a.add(msNotNull(at)) + ` WHERE user_id = ` + a.add(userID) + ` AND read_at IS NULL`
	if len(ids) > 0 {
		q += " AND id IN (" + list(a, ids) + ")"
	}
	var n int64
	err := db.inWrite(ctx, "mark read", func(ctx context.Context, tx *txn) error {
		res, err := tx.ExecContext(ctx, q, *a...)
		if err != nil {
			return fault.Wrap(err, "sqlstore: mark read")
		}
		n, err = res.RowsAffected()
		return fault.Wrap(err, "sqlstore: mark read")
	})
	return int(n), err
}

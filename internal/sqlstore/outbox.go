package sqlstore

import (
	"context"
	"encoding/json"
	"strconv"
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

// enqueue writes messages into the outbox within tx; a message whose id is
// already there is not written twice.
func enqueue(ctx context.Context, tx querier, at time.Time, ms []outbox.New) error {
	for _, m := range ms {
		params, err := json.Marshal(m.Message.Params)
		if err != nil {
			return fault.Wrap(err, "sqlstore: enqueue")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO outbox (msg_id, kind, channel, recipient, user_id, params, appeal_id, created_at, state, next_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $8) ON CONFLICT (msg_id) DO NOTHING`,
			m.Message.ID, string(m.Message.Kind), string(m.Message.Channel), m.Message.To, nullable(m.UserID), string(params),
			nullable(m.AppealID), msNotNull(at))
		if err != nil {
			return fault.Wrap(err, "sqlstore: enqueue")
		}
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
	return fault.Wrap(err, "sqlstore: record delivery")
}

func sentAt(a outbox.Attempt) time.Time {
	if a.OK {
		return a.At
	}
	return time.Time{}
}

// OutboxMessage is a message's state, for the delivery log and the tests.
type OutboxMessage struct {
	MsgID    string
	State    string
	Attempts int
	LastErr  string
	Log      []outbox.Attempt
}

// OutboxMessages returns the messages of the outbox with their attempts, oldest first.
func (db *DB) OutboxMessages(ctx context.Context) ([]OutboxMessage, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, msg_id, state, attempts, last_error FROM outbox ORDER BY id`)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: outbox")
	}
	var ids []int64
	ms, err := collect(rows, "outbox", func(r scanner, m *OutboxMessage) error {
		var id int64
		err := r.Scan(&id, &m.MsgID, &m.State, &m.Attempts, &m.LastErr)
		ids = append(ids, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		rows, err := db.read.QueryContext(ctx, `SELECT at, ok, permanent, error, took_ms FROM outbox_attempts WHERE outbox_id = $1 ORDER BY id`, id)
		if err != nil {
			return nil, fault.Wrap(err, "sqlstore: delivery log")
		}
		ms[i].Log, err = collect(rows, "delivery log", func(r scanner, a *outbox.Attempt) error {
			var took int64
			err := r.Scan(timeOf{&a.At}, &a.OK, &a.Permanent, &a.Error, &took)
			a.Took = time.Duration(took) * time.Millisecond
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return ms, nil
}

// Inbox returns the newest limit in-app messages of user id.
func (db *DB) Inbox(ctx context.Context, userID int64, limit int) ([]outbox.InboxItem, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, msg_id, kind, title, body, appeal_id, created_at, read_at FROM inbox
		WHERE user_id = $1 ORDER BY id DESC LIMIT `+strconv.Itoa(pageLimit(limit)), userID)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: inbox")
	}
	return collect(rows, "inbox", func(r scanner, it *outbox.InboxItem) error {
		return r.Scan(&it.ID, &it.MsgID, &it.Kind, &it.Title, &it.Body, nullID{&it.AppealID}, timeOf{&it.CreatedAt}, nullTime{&it.ReadAt})
	})
}

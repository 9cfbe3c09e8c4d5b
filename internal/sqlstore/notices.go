package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strconv"
	"sync/atomic"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
)

// Notices says how the notices of changes become outbox messages: which
// channels besides in-app have a sender, and the address of the portal the
// messages point the enterprise to. A channel without a sender gets no
// message, rather than one that fails until it is given up.
type Notices struct {
	Email     bool   // officers with an email address are emailed too
	SMS       bool   // the enterprise is told by SMS at its contact number
	PortalURL string // where the enterprise follows its appeal
}

// notices is the current configuration; the zero value sends in-app only.
type noticeConfig struct{ atomic.Pointer[Notices] }

// SetNotices sets how notices become messages.
func (db *DB) SetNotices(n Notices) { db.notices.Store(&n) }

func (db *DB) noticeConfig() Notices {
	if n := db.notices.Load(); n != nil {
		return *n
	}
	return Notices{}
}

// writeEventNotices writes the messages of the notices of event ev of
// appeal a within tx.
func (db *DB) writeEventNotices(ctx context.Context, tx querier, a *appeal.Appeal, ev *appeal.Event) error {
	return db.writeNotices(ctx, tx, a, "e"+strconv.FormatInt(ev.ID, 10), ev.At, ev.Notices)
}

// writeNotices writes into the outbox, within tx, the messages of notices
// about appeal a, caused at at by cause: an event, a warning. Each
// message's id is made of the cause, the kind, the channel and the
// receiver, so that it is stable and unique.
func (db *DB) writeNotices(ctx context.Context, tx querier, a *appeal.Appeal, cause string, at time.Time, notices []appeal.Notice) error {
	if len(notices) == 0 {
		return nil
	}
	cfg := db.noticeConfig()
	var ms []outbox.New
	for _, n := range notices {
		params := maps.Clone(n.Params)
		if params == nil {
			params = map[string]string{}
		}
		params["number"] = a.Number()
		params["url"] = portalURL(cfg)
		id := func(channel notify.Channel, to string) string {
			return fmt.Sprintf("%s.%s.%s.%s", cause, n.Kind, channel, to)
		}
		msg := func(channel notify.Channel, to string) notify.Message {
			return notify.Message{ID: id(channel, to), Kind: notify.Kind(n.Kind), Channel: channel, To: to, Params: params}
		}
		if n.ToEnterprise() {
			if phone, err := notify.Mobile(a.ContactPhone); err == nil && cfg.SMS {
				m := msg(notify.ChannelSMS, phone)
				m.ID = id(notify.ChannelSMS, receiverKey(phone)) // the number is personal data; the id need not hold it
				ms = append(ms, outbox.New{Message: m, AppealID: a.ID})
			}
			continue
		}
		users, err := noticeReceivers(ctx, tx, a, n)
		if err != nil {
			return err
		}
		for _, u := range users {
			uid := strconv.FormatInt(u.id, 10)
			ms = append(ms, outbox.New{Message: msg(notify.ChannelInApp, uid), UserID: u.id, AppealID: a.ID})
			if addr, err := notify.Address(u.email); err == nil && cfg.Email {
				m := msg(notify.ChannelEmail, addr)
				m.ID = id(notify.ChannelEmail, uid) // the address is personal data; the id need not hold it
				ms = append(ms, outbox.New{Message: m, UserID: u.id, AppealID: a.ID})
			}
		}
	}
	return enqueue(ctx, tx, at, ms)
}

// receiverKey names a phone number in a message id without showing it.
func receiverKey(to string) string {
	sum := sha256.Sum256([]byte(to))
	return "h" + hex.EncodeToString(sum[:6])
}

// portalURL is where the messages send the enterprise; a path alone when
// no address is configured.
func portalURL(cfg Notices) string {
	if cfg.PortalURL != "" {
		return cfg.PortalURL
	}
	return "/portal"
}

type receiver struct {
	id    int64
	email string
}

// noticeReceivers are the active officers a notice is for: the users of a
// unit, or those of the appeal's district who hold the office role.
func noticeReceivers(ctx context.Context, tx querier, a *appeal.Appeal, n appeal.Notice) ([]receiver, error) {
	q, arg := `SELECT id, email FROM users WHERE unit_id = $1 AND active ORDER BY id`, n.UnitID
	if n.Office {
		q, arg = `SELECT u.id, u.email FROM users u JOIN units n ON n.id = u.unit_id
			WHERE u.active AND (n.id = $1 OR n.district_id = $1) AND (',' || u.roles || ',') LIKE '%,office,%' ORDER BY u.id`, a.DistrictID
	}
	rows, err := tx.QueryContext(ctx, q, arg)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: notice receivers")
	}
	return collect(rows, "notice receivers", func(r scanner, u *receiver) error { return r.Scan(&u.id, &u.email) })
}

package sqlstore

import (
	"context"
	"strconv"

	"zhitong/internal/fault"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
	"zhitong/internal/policy"
)

// writePolicyNotices writes into the outbox, within tx, the messages that
// tell policy p's targets about it. Their accounts see it on the portal
// from the targets themselves (the portal is their in-app channel: the
// officers' inbox is not theirs); each entity with a mobile contact number
// is sent an SMS when SMS is configured, as an appeal's enterprise is —
// once per number, however many entities share it.
func (db *DB) writePolicyNotices(ctx context.Context, tx querier, p *policy.Policy) error {
	cfg := db.noticeConfig()
	if !cfg.SMS || p.Targets == 0 {
		return nil
	}
	var issuer string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM units WHERE id = $1`, p.IssuerID).Scan(&issuer); err != nil {
		return fault.Wrap(err, "sqlstore: policy notices: issuer")
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.contact_phone FROM policy_targets t JOIN enterprises e ON e.id = t.enterprise_id
		WHERE t.policy_id = $1 AND e.contact_phone <> ''`, p.ID)
	if err != nil {
		return fault.Wrap(err, "sqlstore: policy notices")
	}
	phones, err := collect(rows, "policy notices", func(r scanner, s *string) error { return r.Scan(s) })
	if err != nil {
		return err
	}
	params := map[string]string{"title": p.Title, "issuer": issuer, "url": portalURL(cfg) + "/policies/" + strconv.FormatInt(p.ID, 10)}
	cause := "p" + strconv.FormatInt(p.ID, 10)
	seen := map[string]bool{}
	var ms []outbox.New
	for _, raw := range phones {
		phone, err := notify.Mobile(raw)
		if err != nil || seen[phone] {
			continue // a landline takes no SMS
		}
		seen[phone] = true
		// The number is personal data; the message id need not hold it.
		id := cause + "." + string(notify.PolicyPublished) + "." + string(notify.ChannelSMS) + "." + receiverKey(phone)
		ms = append(ms, outbox.New{Message: notify.Message{ID: id, Kind: notify.PolicyPublished, Channel: notify.ChannelSMS, To: phone, Params: params}})
	}
	return enqueue(ctx, tx, p.PublishedAt, ms)
}

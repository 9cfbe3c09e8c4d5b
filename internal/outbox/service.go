package outbox

import (
	"context"
	"slices"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/notify"
	"zhitong/internal/personal"
)

// Reader is what the inbox and the delivery log read and change.
type Reader interface {
	// Inbox returns user's in-app messages, newest first, after the page
	// ending at before (0: the first page).
	Inbox(ctx context.Context, userID, before int64, limit int) ([]InboxItem, error)
	// Unread counts user's unread messages.
	Unread(ctx context.Context, userID int64) (int, error)
	// MarkRead marks user's messages ids (none: all) read at at, and
	// returns how many were unread.
	MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int, error)
	DeliveryLog(ctx context.Context, f LogFilter) ([]Record, error)
}

// Service is an officer's inbox and the administrator's delivery log.
type Service struct {
	Store Reader
	Now   func() time.Time
}

// MaxPage is the most messages one page holds.
const MaxPage = 100

// mayHaveInbox: every officer has an inbox; an enterprise account is told
// on its portal pages and by SMS.
func mayHaveInbox(actor *account.Actor) error {
	if actor == nil || actor.UserID <= 0 || actor.IsEnterprise() {
		return fault.E(fault.Forbidden, "forbidden")
	}
	return nil
}

// Inbox returns actor's messages and how many are unread.
func (s *Service) Inbox(ctx context.Context, actor *account.Actor, before int64, limit int) ([]InboxItem, int, error) {
	if err := mayHaveInbox(actor); err != nil {
		return nil, 0, err
	}
	if limit <= 0 || limit > MaxPage {
		limit = MaxPage
	}
	items, err := s.Store.Inbox(ctx, actor.UserID, before, limit)
	if err != nil {
		return nil, 0, err
	}
	n, err := s.Store.Unread(ctx, actor.UserID)
	return items, n, err
}

// MarkRead marks actor's messages ids (none: all of them) read.
func (s *Service) MarkRead(ctx context.Context, actor *account.Actor, ids []int64) (int, error) {
	if err := mayHaveInbox(actor); err != nil {
		return 0, err
	}
	if actor.ReadOnly {
		return 0, fault.E(fault.Forbidden, "forbidden")
	}
	if len(ids) > MaxPage {
		return 0, fault.Field("ids", "inbox.too_many", MaxPage)
	}
	return s.Store.MarkRead(ctx, actor.UserID, ids, s.Now())
}

// MayReadLog: the delivery log is the system administrator's, who keeps
// the gateways running.
func MayReadLog(actor *account.Actor) error {
	if actor == nil || !(actor.System || actor.Has(account.SysAdmin)) {
		return fault.E(fault.Forbidden, "forbidden")
	}
	return nil
}

// Log returns the delivery log f selects, the receivers' addresses and the
// secret parameters masked.
func (s *Service) Log(ctx context.Context, actor *account.Actor, f LogFilter) ([]Record, error) {
	if err := MayReadLog(actor); err != nil {
		return nil, err
	}
	if f.State != "" && !slices.Contains(States, f.State) {
		return nil, fault.Field("state", "one_of", "state", "pending, sent, failed")
	}
	if f.Channel != "" && !slices.Contains(notify.Channels, f.Channel) {
		return nil, fault.Field("channel", "one_of", "channel", "inapp, email, sms")
	}
	if f.Limit <= 0 || f.Limit > MaxPage {
		f.Limit = MaxPage
	}
	rs, err := s.Store.DeliveryLog(ctx, f)
	for i := range rs {
		Mask(&rs[i].Message)
	}
	return rs, err
}

// Mask hides what a reader of the log need not see: the receiver's phone
// number or address but for a few characters, and any one-time or query code.
func Mask(m *notify.Message) {
	switch m.Channel {
	case notify.ChannelSMS:
		m.To = personal.MaskPhone(m.To)
	case notify.ChannelEmail:
		m.To = personal.MaskEmail(m.To)
	}
	for _, k := range notify.Secret {
		if _, ok := m.Params[k]; ok {
			m.Params[k] = "******"
		}
	}
}

// Package outbox delivers the messages that changes write into the
// transactional outbox: at least once, each attempt carrying the message's
// stable id so that a receiver drops a repeat, with retries and backoff for
// what may pass, and a delivery log of every attempt. Any number of
// instances deliver at once: each claims messages under a lease, and a
// message whose sender died is claimed again when its lease ends.
package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"zhitong/internal/notify"
)

// Pending is a message claimed for delivery.
type Pending struct {
	ID       int64 // the row's
	Message  notify.Message
	UserID   int64 // in-app: whose inbox
	AppealID int64
	Attempts int // before this one
}

// New is a message to enqueue.
type New struct {
	Message  notify.Message
	UserID   int64
	AppealID int64
}

// Attempt is the outcome of one delivery attempt, for the log.
type Attempt struct {
	At        time.Time
	Took      time.Duration
	OK        bool
	Permanent bool
	Error     string
	Next      time.Time // when to try again; zero: give up (after a permanent failure or the last attempt)
}

// Store is what delivery needs of the database.
type Store interface {
	// ClaimMessages leases up to limit pending messages due at now to
	// holder until until.
	ClaimMessages(ctx context.Context, holder string, now, until time.Time, limit int) ([]Pending, error)
	// Delivered records an attempt of message id and its outcome.
	Delivered(ctx context.Context, id int64, a Attempt) error
	// DeliverInApp puts an in-app message in its user's inbox (once per
	// message id) and records it sent, in one transaction.
	DeliverInApp(ctx context.Context, p *Pending, r notify.Rendered, a Attempt) error
}

// Dispatcher delivers claimed messages through the senders of their channels.
type Dispatcher struct {
	Store   Store
	Senders map[notify.Channel]notify.Sender
	Holder  string
	Now     func() time.Time
	Log     *slog.Logger
	// Lease is how long a claim lasts before another instance may try the
	// message again (default 2 minutes); Batch how many one pass claims
	// (default 50); MaxAttempts how many attempts before giving up (default 10).
	Lease       time.Duration
	Batch       int
	MaxAttempts int
}

// Deliver claims the messages due and tries each once. It returns how many
// were delivered.
func (d *Dispatcher) Deliver(ctx context.Context) (int, error) {
	now := d.Now()
	ps, err := d.Store.ClaimMessages(ctx, d.Holder, now, now.Add(or(d.Lease, 2*time.Minute)), or(d.Batch, 50))
	if err != nil {
		return 0, err
	}
	sent := 0
	for i := range ps {
		ok, err := d.deliver(ctx, &ps[i])
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// deliver tries one message and records the attempt.
func (d *Dispatcher) deliver(ctx context.Context, p *Pending) (bool, error) {
	start := d.Now()
	if p.Message.Channel == notify.ChannelInApp {
		r, err := notify.Render(p.Message)
		a := d.outcome(p, start, err)
		if err != nil {
			return false, d.Store.Delivered(ctx, p.ID, a)
		}
		return true, d.Store.DeliverInApp(ctx, p, r, a)
	}
	s := d.Senders[p.Message.Channel]
	var err error
	if s == nil {
		err = fmt.Errorf("outbox: no sender configured for %s", p.Message.Channel)
	} else {
		err = s.Send(ctx, p.Message)
	}
	a := d.outcome(p, start, err)
	if err != nil && d.Log != nil {
		d.Log.Warn("outbox: delivery failed", "id", p.Message.ID, "channel", p.Message.Channel, "attempt", p.Attempts+1,
			"permanent", a.Permanent, "retry_at", a.Next, "err", err)
	}
	return err == nil, d.Store.Delivered(ctx, p.ID, a)
}

// outcome is the attempt that ended with err at Now, and when to retry.
func (d *Dispatcher) outcome(p *Pending, start time.Time, err error) Attempt {
	now := d.Now()
	a := Attempt{At: now, Took: now.Sub(start), OK: err == nil}
	if err == nil {
		return a
	}
	a.Error = err.Error()
	a.Permanent = notify.Permanent(err)
	if !a.Permanent && p.Attempts+1 < or(d.MaxAttempts, 10) {
		a.Next = now.Add(Backoff(p.Attempts + 1))
	}
	return a
}

// Backoff is the wait after the n-th failed attempt: 30 s, doubling, at
// most an hour.
func Backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

func or[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// InboxItem is an in-app message as its user reads it.
type InboxItem struct {
	ID        int64
	MsgID     string
	Kind      notify.Kind
	Title     string
	Body      string
	AppealID  int64
	CreatedAt time.Time
	ReadAt    time.Time
}

// Record is a message as the delivery log shows it, with its attempts.
type Record struct {
	ID        int64
	Message   notify.Message // its secret parameters masked once it is sent or given up
	UserID    int64
	AppealID  int64
	CreatedAt time.Time
	State     string // pending, sent, failed (given up)
	Attempts  int
	NextAt    time.Time // pending: not to be tried before
	SentAt    time.Time
	LastError string
	Log       []Attempt // oldest first
}

// The states of a message.
const (
	StatePending = "pending"
	StateSent    = "sent"
	StateFailed  = "failed"
)

// States lists the states of a message.
var States = []string{StatePending, StateSent, StateFailed}

// LogFilter selects messages of the delivery log, newest first; zero
// fields do not filter. Before is the last id of the previous page.
type LogFilter struct {
	State    string
	Channel  notify.Channel
	AppealID int64
	Before   int64
	Limit    int
}

// Package audit keeps the tamper-evident record of every sensitive act:
// logins and failed logins, permission changes, state changes, reveals of
// personal data and exports. Entries are written in the same transaction as
// the act where there is one, then sealed in order into a hash chain keyed
// with a secret kept outside the database (HMAC), so that rewriting a row —
// even with the chain recomputed — or cutting off the tail is detected.
package audit

import (
	"context"
	"time"
)

// Outcome says how the act ended.
type Outcome string

// The outcomes.
const (
	OK     Outcome = "ok"     // done
	Denied Outcome = "denied" // refused: no permission, locked, wrong password
	Failed Outcome = "failed" // attempted and failed for another reason
)

// Entry is one record of the log.
type Entry struct {
	ID        int64 // insertion order; may have gaps
	Seq       int64 // the gapless place in the chain; 0 until sealed
	At        time.Time
	ActorID   int64  // the officer; 0 for anonymous or the system
	ActorName string // the user name or the enterprise account, as known then
	UnitID    int64
	ClientIP  string
	RequestID string
	Action    string // dotted, e.g. "login.fail", "appeal.assign", "reveal.phone", "export.appeals"
	Object    string // what it concerned, e.g. "appeal:12", "user:3"
	Outcome   Outcome
	Detail    string // what a reader needs to understand it; never a secret or a password
	PrevHash  []byte // set when sealed
	Hash      []byte // set when sealed
}

// Recorder appends entries to the log. Services that act outside a store
// transaction (login, reveal, export) record through it.
type Recorder interface {
	Record(ctx context.Context, e Entry) error
}

// Meta is what the request tells about who is asking, carried in the context
// so that the store can stamp the entries it writes within a transaction.
type Meta struct {
	ClientIP  string
	RequestID string
}

type metaKey struct{}

// WithMeta returns ctx carrying m.
func WithMeta(ctx context.Context, m Meta) context.Context {
	return context.WithValue(ctx, metaKey{}, m)
}

// MetaFrom returns the Meta of ctx, or the zero Meta.
func MetaFrom(ctx context.Context) Meta {
	m, _ := ctx.Value(metaKey{}).(Meta)
	return m
}

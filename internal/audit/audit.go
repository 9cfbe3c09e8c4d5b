// Package audit keeps the tamper-evident record of every sensitive act:
// logins and failed logins, permission changes, state changes, reveals of
// personal data and exports. Entries are written in the same transaction as
// the act where there is one, then sealed in order into a hash chain keyed
// with a secret kept outside the database (HMAC), so that rewriting a row —
// even with the chain recomputed — or cutting off the tail is detected.
//
// The design, in the order an entry goes through it:
//
//   - Appending (Recorder; the store's CreateAppeal and Mutate for the
//     appeal's steps) inserts the entry unsealed: no seq, no hash. Intake
//     never waits for the chain.
//   - Sealing (Keeper.Seal, run every half second by serve and demo, and
//     once more when they stop) takes the chain's lock — an advisory lock on
//     PostgreSQL, which every instance's sealer takes, the write lock on
//     SQLite — reads the head (the last sealed seq and hash), and gives the
//     waiting entries, in id order and in batches, the next seqs with no
//     gap and Hash = HMAC-SHA256(key, previous Hash || Canonical(entry)).
//   - The key (Key) lives in a file, never in the database: whoever can
//     write the database cannot compute a Hash.
//   - The head (HeadFile) is written after each batch outside the database,
//     signed with the key, only ever forward and only along the chain, so
//     that a cut-off tail is found even though every remaining row verifies.
//   - Pruning (Keeper.Prune) deletes entries older than Retention (180 days
//     at least) and leaves a Checkpoint — the last pruned seq and Hash,
//     signed — from which verification continues.
//   - Verifying (Keeper.Verify) walks the chain from the latest checkpoint,
//     one entry at a time, and names the first entry that is edited, forged,
//     missing or cut off.
//
// Reading the log is the audit administrator's alone (package review).
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

package audit

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/fault"
)

// Store keeps the log.
type Store interface {
	// Record appends e unsealed, in a transaction of its own.
	Recorder
	// SearchAudit returns the entries that match q, newest first: at most
	// q.Limit, with ids below q.Before when it is set.
	SearchAudit(ctx context.Context, q Query) ([]Entry, error)
}

// Query selects entries of the log.
type Query struct {
	From, To time.Time // At in [From, To); zero: unbounded
	ActorID  int64
	Action   string // a prefix of the action: "appeal." or "login"
	Object   string // exactly, e.g. "appeal:12"
	Outcome  Outcome
	Before   int64 // the cursor: entries with smaller ids; 0 the newest
	Limit    int   // page size: DefaultLimit if 0, at most MaxLimit
}

// The sizes of a page of search results.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	maxDetail    = 2000 // runes of Detail kept
	maxField     = 200  // runes of the other texts kept
)

// Outcomes lists the outcomes.
var Outcomes = []Outcome{OK, Denied, Failed}

// Page is a page of search results.
type Page struct {
	Entries []Entry
	Next    int64 // the Before of the next page; 0 on the last
}

// Service records acts into the log, stamped with its clock. It holds no
// key: sealing, verifying and pruning are the Keeper's; reading the log is
// package review's.
type Service struct {
	Store Recorder // where entries go: the database (*sqlstore.DB)
	Now   func() time.Time
}

var _ Recorder = (*Service)(nil)

// Record appends e to the log. What e leaves out is filled in: At from the
// clock, ClientIP and RequestID from the request's Meta, Outcome OK. An
// entry without an action is a bug of the caller.
func (s *Service) Record(ctx context.Context, e Entry) error {
	if e.At.IsZero() {
		e.At = s.Now()
	}
	Normalize(ctx, &e)
	if e.Action == "" {
		return fault.Wrap(fmt.Errorf("an entry without an action"), "audit: record")
	}
	return s.Store.Record(ctx, e)
}

// Normalize fills in what e leaves out from ctx (ClientIP and RequestID of
// the request's Meta), makes an empty Outcome OK, and cuts over-long texts
// (at a rune boundary) and invalid UTF-8, so that any entry can be stored.
// It leaves At as it is.
func Normalize(ctx context.Context, e *Entry) {
	m := MetaFrom(ctx)
	if e.ClientIP == "" {
		e.ClientIP = m.ClientIP
	}
	if e.RequestID == "" {
		e.RequestID = m.RequestID
	}
	if e.Outcome == "" {
		e.Outcome = OK
	}
	e.Detail = clip(e.Detail, maxDetail)
	for _, p := range []*string{&e.ActorName, &e.ClientIP, &e.RequestID, &e.Action, &e.Object} {
		*p = clip(*p, maxField)
	}
	e.Outcome = Outcome(clip(string(e.Outcome), maxField))
	e.Seq, e.Hash, e.PrevHash = 0, nil, nil
}

func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// Limit is the page size of a query's Limit: DefaultLimit if it is not
// positive, at most MaxLimit.
func Limit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// String describes the query's filter for the record of a search; it holds
// ids, dates and codes only.
func (q Query) String() string {
	var parts []string
	day := func(t time.Time) string { return t.In(cst).Format("2006-01-02") }
	if !q.From.IsZero() {
		parts = append(parts, "from="+day(q.From))
	}
	if !q.To.IsZero() {
		parts = append(parts, "to="+day(q.To.Add(-time.Millisecond)))
	}
	if q.ActorID != 0 {
		parts = append(parts, fmt.Sprintf("actor_id=%d", q.ActorID))
	}
	for _, kv := range [][2]string{{"action", q.Action}, {"object", q.Object}, {"outcome", string(q.Outcome)}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	if q.Before != 0 {
		parts = append(parts, fmt.Sprintf("before=%d", q.Before))
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, " ")
}

// cst is China Standard Time, in which the log's days are counted.
var cst = time.FixedZone("CST", 8*3600)

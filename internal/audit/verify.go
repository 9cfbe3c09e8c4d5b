package audit

import (
	"context"
	"crypto/hmac"
	"errors"
	"io/fs"
	"strconv"
	"time"

	"zhitong/internal/fault"
)

// Report is what Verify found.
type Report struct {
	Entries    int64       // sealed entries verified
	First      int64       // the seq of the first of them; 0 if none
	Last       int64       // the seq of the last of them, or of the checkpoint
	Checkpoint *Checkpoint // where the walk began, if the log was pruned
	Head       *Head       // the head file's, if it was read
	// Unsealed counts the entries written more than UnsealedGrace ago
	// that are still not sealed: is no server sealing?
	Unsealed int64
	// Problem is the first thing wrong, in chain order, as a *fault.Error
	// whose message names the seq and id; nil if the chain is intact.
	Problem error
}

// UnsealedGrace is how long an entry may wait to be sealed before Verify
// reports it.
const UnsealedGrace = time.Minute

// errStop ends a walk at the first problem.
var errStop = errors.New("stop")

// Verify walks the chain from the latest checkpoint (or the first entry)
// to its end and reports the first entry that is broken: edited or
// re-hashed without the key (its Hash does not match), missing (a gap in
// the seqs), a checkpoint that is not signed with the key, or a tail cut off
// (the head file is beyond the chain's end, or its hash differs from the
// chain's at its seq). It reads one entry at a time, so that its memory does
// not grow with the log.
func (k *Keeper) Verify(ctx context.Context) (*Report, error) {
	r := &Report{}
	headMissing := false
	if k.Head != nil {
		h, err := k.Head.Read()
		switch {
		case errors.Is(err, fs.ErrNotExist):
			headMissing = true
		case err != nil:
			r.Problem = err
			return r, nil
		default:
			r.Head = h
		}
	}
	w := &walk{key: k.Key, r: r, expect: 1}
	if err := k.Store.WalkChain(ctx, w.start, w.each); err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	if r.Problem == nil {
		w.end(headMissing, k.Head)
	}
	n, err := k.Store.UnsealedBefore(ctx, k.Now().Add(-UnsealedGrace))
	if err != nil {
		return nil, err
	}
	r.Unsealed = n
	return r, nil
}

// walk is a verification under way.
type walk struct {
	key    Key
	r      *Report
	prev   []byte // the Hash of the last entry verified; nil before the first
	expect int64  // the seq the next entry must have
}

func (w *walk) fail(key string, args ...any) error {
	w.r.Problem = fault.E(fault.Conflict, key, args...)
	return errStop
}

func (w *walk) start(cp *Checkpoint) error {
	if cp == nil {
		return nil
	}
	w.r.Checkpoint = cp
	if !cp.Valid(w.key) {
		return w.fail("audit.broken.checkpoint", cp.Seq)
	}
	w.prev, w.expect, w.r.Last = cp.Hash, cp.Seq+1, cp.Seq
	return nil
}

func (w *walk) each(e *Entry) error {
	switch {
	case e.Seq > w.expect:
		return w.fail("audit.broken.gap", w.expect, e.Seq, e.ID)
	case e.Seq < w.expect: // a store that returns what it should not
		return w.fail("audit.broken.order", e.Seq, e.ID)
	case !linked(w.key, w.prev, e):
		return w.fail("audit.broken.hash", e.Seq, e.ID)
	}
	if h := w.r.Head; h != nil && h.Seq == e.Seq && !hmac.Equal(h.Hash, e.Hash) {
		return w.fail("audit.broken.head", e.Seq, e.ID)
	}
	if w.r.First == 0 {
		w.r.First = e.Seq
	}
	w.prev, w.expect = e.Hash, e.Seq+1
	w.r.Entries++
	w.r.Last = e.Seq
	return nil
}

// end holds the chain's end to the head file.
func (w *walk) end(headMissing bool, f *HeadFile) {
	r := w.r
	switch h := r.Head; {
	case headMissing && r.Last > 0:
		w.fail("audit.head.missing", f.Path)
	case h == nil:
	case h.Seq > r.Last:
		w.fail("audit.broken.tail", r.Last, h.Seq, f.Path)
	case r.Checkpoint != nil && h.Seq == r.Checkpoint.Seq && !hmac.Equal(h.Hash, r.Checkpoint.Hash):
		w.fail("audit.broken.checkpoint", h.Seq)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

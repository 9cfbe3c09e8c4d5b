package audit

import (
	"context"
	"log/slog"
	"time"

	"zhitong/internal/fault"
)

// ChainStore is the log as the Keeper works on it.
type ChainStore interface {
	Recorder
	// SealAudit seals up to max unsealed entries, oldest first, after the
	// chain's head, in one transaction under a lock that other sealers
	// (other instances too) wait for, and returns the head after it and how
	// many it sealed.
	SealAudit(ctx context.Context, key Key, max int) (Head, int, error)
	// WalkChain reads, in one snapshot, the latest checkpoint (nil if the
	// log was never pruned) and passes it to start, then passes each sealed
	// entry after it to each, in seq order, until one of them fails.
	WalkChain(ctx context.Context, start func(*Checkpoint) error, each func(*Entry) error) error
	// ChainContains reports whether the chain holds h: a sealed entry, or
	// the checkpoint, at h.Seq with h.Hash; or h.Seq pruned before the
	// latest checkpoint.
	ChainContains(ctx context.Context, h Head) (bool, error)
	// UnsealedBefore counts the entries not sealed yet that were written before t.
	UnsealedBefore(ctx context.Context, t time.Time) (int64, error)
	// PruneAudit deletes the sealed entries written before before, up to the
	// first one that was not, and leaves a checkpoint of the last one
	// deleted, signed with key, made at now. It returns the checkpoint
	// (nil if nothing was pruned) and the number of entries deleted.
	PruneAudit(ctx context.Context, key Key, before, now time.Time) (*Checkpoint, int64, error)
}

// Keeper holds the key: it seals the log into the chain, writes the head
// outside the database, verifies the chain and prunes it.
type Keeper struct {
	Store ChainStore
	Key   Key
	Head  *HeadFile // nil: no head file is written or checked
	Now   func() time.Time
	Log   *slog.Logger // nil: slog.Default()
	Batch int          // entries sealed per transaction; DefaultBatch if 0
}

// DefaultBatch is how many entries one sealing transaction takes.
const DefaultBatch = 1000

// Retention is how long entries are kept at least (等保 2.0 asks six months).
const Retention = 180 * 24 * time.Hour

// Seal seals every entry that is waiting, a batch per transaction, writing
// the head file after each, and returns how many it sealed.
func (k *Keeper) Seal(ctx context.Context) (int, error) {
	batch := k.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	total := 0
	for {
		head, n, err := k.Store.SealAudit(ctx, k.Key, batch)
		if err != nil {
			return total, err
		}
		total += n
		if k.Head != nil && head.Seq > 0 {
			contains := func(h Head) (bool, error) { return k.Store.ChainContains(ctx, h) }
			if err := k.Head.Advance(head, contains); err != nil {
				return total, err
			}
		}
		if n < batch {
			return total, nil
		}
	}
}

// Run seals at once, then every interval until ctx ends, then once more,
// so that what the last requests recorded is sealed before the process
// ends. Failures are logged: the first of a run of them, then once a minute.
func (k *Keeper) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var failing time.Time
	seal := func(ctx context.Context) {
		_, err := k.Seal(ctx)
		switch {
		case err == nil && !failing.IsZero():
			k.log().Info("audit: sealing works again")
			failing = time.Time{}
		case err != nil && ctx.Err() == nil && (failing.IsZero() || time.Since(failing) > time.Minute):
			k.log().Error("audit: sealing the log or writing its head failed", "err", err)
			failing = time.Now()
		}
	}
	seal(ctx) // what waits from before the start
	for {
		select {
		case <-ctx.Done():
			last, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
			seal(last)
			cancel()
			return
		case <-t.C:
			seal(ctx)
		}
	}
}

func (k *Keeper) log() *slog.Logger {
	if k.Log != nil {
		return k.Log
	}
	return slog.Default()
}

// Prune deletes the sealed entries written before before and leaves a
// signed checkpoint in their place. before may be no later than Retention
// before now. It verifies the chain first and refuses to prune a broken one,
// whose evidence would go with the entries; the prune is itself recorded.
func (k *Keeper) Prune(ctx context.Context, before time.Time) (*Checkpoint, int64, error) {
	now := k.Now()
	if limit := now.Add(-Retention); before.After(limit) {
		days := int(Retention / (24 * time.Hour))
		return nil, 0, fault.Field("before", "audit.retention", days, limit.In(cst).Format("2006-01-02"))
	}
	r, err := k.Verify(ctx)
	if err != nil {
		return nil, 0, err
	}
	if r.Problem != nil {
		return nil, 0, r.Problem
	}
	cp, n, err := k.Store.PruneAudit(ctx, k.Key, before, now)
	if err != nil {
		return nil, 0, err
	}
	detail := "before=" + before.In(cst).Format("2006-01-02") + " entries=" + itoa(n)
	if cp != nil {
		detail += " checkpoint_seq=" + itoa(cp.Seq)
	}
	e := Entry{At: now, ActorName: "system", Action: "audit.prune", Object: "audit", Detail: detail}
	if err := k.Store.Record(ctx, e); err != nil {
		return cp, n, err
	}
	return cp, n, nil
}

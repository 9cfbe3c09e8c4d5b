package appeal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// A client that registers an appeal and loses the answer (a timeout, a
// dropped connection, a server killed mid-request) retries. Under an
// idempotency key the retry registers nothing new: the first registration is
// remembered with its key in the same transaction as the appeal, and a retry
// with the key and the same request is answered with that appeal.

// MaxIdempotencyKey is the longest idempotency key.
const MaxIdempotencyKey = 100

// IdempotencyTTL is how long a key is remembered: a client may retry for a
// day at least. Older keys are forgotten and pruned.
const IdempotencyTTL = 48 * time.Hour

// Remembered is a registration remembered under an idempotency key.
type Remembered struct {
	Actor    string // who registered: "user:3", "account:5" (an enterprise account) or "system"
	Key      string
	Hash     string // hex SHA-256 of the request, normalized (Intake after Validate)
	AppealID int64
	At       time.Time
}

// ValidIdempotencyKey reports whether k is 1 to MaxIdempotencyKey printable
// ASCII characters (space to tilde).
func ValidIdempotencyKey(k string) bool {
	if k == "" || len(k) > MaxIdempotencyKey {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// actorKey names actor for its idempotency keys: each actor's keys are its own.
func actorKey(actor *account.Actor) string {
	switch {
	case actor.UserID != 0:
		return "user:" + strconv.FormatInt(actor.UserID, 10)
	case actor.IsEnterprise():
		return "account:" + strconv.FormatInt(actor.AccountID, 10)
	}
	return "system"
}

// digest is the hash of a validated intake: two requests that differ only
// in spacing, the order of their fields or what Validate trims are the same.
func (in *Intake) digest() string {
	b, err := json.Marshal(in)
	if err != nil {
		panic(err) // an Intake is plain data
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// CreateOnce registers an appeal as Create does, under the client's
// idempotency key; an empty key is Create. The first request with a key is
// registered and remembered with it, in one transaction. A retry by the same
// actor with the key and the same request, within IdempotencyTTL, creates
// nothing and returns the appeal registered first (Replayed, without the
// query code, which is shown once); the key with another request is a
// Conflict (idem.mismatch).
func (s *Service) CreateOnce(ctx context.Context, actor *account.Actor, key string, in Intake) (*Created, error) {
	if key == "" {
		return s.Create(ctx, actor, in)
	}
	if !ValidIdempotencyKey(key) {
		return nil, fault.Field("Idempotency-Key", "idem.key", MaxIdempotencyKey)
	}
	if actor == nil {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	r := &Remembered{Actor: actorKey(actor), Key: key, Hash: in.digest()}
	since := s.Now().Add(-IdempotencyTTL)
	// A retry is found in the store's transaction (CreateAppealOnce); only
	// a request that cannot be registered now is looked up first, so that a
	// retry of one registered before is still answered with it.
	a, ev, code, err := s.draft(ctx, actor, in)
	if err != nil {
		if c, rerr := s.replay(ctx, r, since); c != nil || rerr != nil {
			return c, rerr
		}
		return nil, err
	}
	r.At = a.CreatedAt
	id, err := s.Store.CreateAppealOnce(ctx, a, ev, r, since)
	if fault.Is(err, fault.Conflict) && errorKey(err) == "idem.busy" {
		// Another request with the key won the race and has committed by now.
		if c, rerr := s.replay(ctx, r, since); c != nil || rerr != nil {
			return c, rerr
		}
	}
	switch {
	case err != nil:
		return nil, err
	case id != 0:
		return s.replayed(ctx, id)
	}
	return &Created{Aggregate: &Aggregate{Appeal: *a}, QueryCode: code}, nil
}

// replay answers a retry of r: the appeal remembered under its key, a
// Conflict if the key was used for another request, or nothing (nil, nil)
// if the key is new.
func (s *Service) replay(ctx context.Context, r *Remembered, since time.Time) (*Created, error) {
	old, err := s.Store.Remembered(ctx, r.Actor, r.Key, since)
	switch {
	case fault.Is(err, fault.NotFound):
		return nil, nil
	case err != nil:
		return nil, err
	case old.Hash != r.Hash:
		return nil, fault.E(fault.Conflict, "idem.mismatch")
	}
	return s.replayed(ctx, old.AppealID)
}

func (s *Service) replayed(ctx context.Context, id int64) (*Created, error) {
	g, err := s.Store.Aggregate(ctx, id)
	if err != nil {
		return nil, err
	}
	return &Created{Aggregate: g, Replayed: true}, nil
}

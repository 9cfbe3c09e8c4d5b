package account

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// The limits on guessing passwords. A user name is locked after
// MaxFailures failures within FailureWindow, for LockDuration, from the
// client they came from only: an outsider who types an officer's name five
// times locks it for themselves, not for the officer at their desk. Each
// client is also slowed down by its own failures, of any user name: after n
// failures within ClientWindow it must wait 2^n seconds (at most
// MaxClientDelay) after the last before trying again.
const (
	MaxFailures    = 5
	FailureWindow  = 30 * time.Minute
	LockDuration   = 30 * time.Minute
	ClientWindow   = time.Hour
	MaxClientDelay = 15 * time.Minute
)

// WaitError is the cause of a login refused because the client failed too
// often lately: it may try again after After.
type WaitError struct{ After time.Duration }

func (e *WaitError) Error() string { return "login throttled for " + e.After.String() }

// clientDelay is how long a client with n recent failures waits after the last.
func clientDelay(n int) time.Duration {
	if n <= 0 {
		return 0
	}
	if n >= 20 {
		return MaxClientDelay
	}
	return min(time.Duration(1<<n)*time.Second, MaxClientDelay)
}

// throttle refuses a client that must still wait after its recent failures.
func (s *Service) throttle(ctx context.Context, client string, now time.Time) error {
	n, last, err := s.Store.ClientFailures(ctx, client, now.Add(-ClientWindow))
	if err != nil {
		return err
	}
	wait := last.Add(clientDelay(n)).Sub(now)
	if n == 0 || wait <= 0 {
		return nil
	}
	secs := int(math.Ceil(wait.Seconds()))
	return &fault.Error{Kind: fault.Unauthenticated, Key: "login.wait", Args: []any{secs}, Err: &WaitError{After: wait}}
}

// locked returns the error of a user name locked from client, or nil, with
// the failures that count so far.
func (s *Service) locked(ctx context.Context, username, client string, now time.Time) (int, error) {
	st, err := s.Store.LoginState(ctx, username, client, now.Add(-FailureWindow))
	if err != nil {
		return 0, err
	}
	if !st.LockedUntil.IsZero() && now.Before(st.LockedUntil) {
		return st.Failures, lockedError(st.LockedUntil.Sub(now))
	}
	return st.Failures, nil
}

func lockedError(left time.Duration) error {
	return fault.E(fault.Unauthenticated, "login.locked", int(math.Ceil(left.Minutes())))
}

// fail records a failed attempt of username from client, locks the user
// name from that client at the MaxFailures-th failure that counts, and
// returns the error the caller sees: deny, or the lock. prior is how many
// failures counted before this one.
func (s *Service) fail(ctx context.Context, username string, u *User, reason string, prior int, now time.Time, deny error) error {
	client := audit.MetaFrom(ctx).ClientIP
	if err := s.Store.AddLoginFailure(ctx, LoginFailure{Username: username, ClientIP: client, Reason: reason, At: now}); err != nil {
		return err
	}
	e := audit.Entry{Action: "login.fail", Object: "username:" + username, Outcome: audit.Denied, ActorName: username,
		Detail: "reason=" + reason + " failures=" + strconv.Itoa(prior+1)}
	if u != nil {
		e.ActorID, e.UnitID, e.Object = u.ID, u.UnitID, userObject(u.ID)
	}
	if err := s.record(ctx, e); err != nil {
		return err
	}
	if reason == failLocked || prior+1 < MaxFailures {
		return deny
	}
	until := now.Add(LockDuration)
	if err := s.Store.LockLogin(ctx, username, client, now, until); err != nil {
		return err
	}
	e.Action, e.Detail = "login.lock", fmt.Sprintf("locked from %s until %s after %d failures", orUnknown(client), until.UTC().Format(time.RFC3339), prior+1)
	if err := s.record(ctx, e); err != nil {
		return err
	}
	return lockedError(LockDuration)
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown client)"
	}
	return s
}

func userObject(id int64) string { return "user:" + strconv.FormatInt(id, 10) }

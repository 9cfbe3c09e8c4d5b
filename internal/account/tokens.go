package account

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/fault"
)

// The lifetimes of tokens an officer issues for themselves: they always
// expire, after DefaultTokenTTL unless asked otherwise, and never later
// than MaxTokenTTL. (The command line, run by the operator, may issue
// tokens that do not expire.)
const (
	DefaultTokenTTL = 90 * 24 * time.Hour
	MaxTokenTTL     = 365 * 24 * time.Hour
)

// IssueToken issues a token for the actor themselves and returns its
// secret, shown once. A read-only token issues none, so that a token cannot
// raise its own scope.
func (s *Service) IssueToken(ctx context.Context, actor *Actor, name string, scope TokenScope, ttl time.Duration) (string, *Token, error) {
	if actor == nil || actor.UserID == 0 || actor.ReadOnly {
		return "", nil, fault.E(fault.Forbidden, "forbidden")
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return "", nil, fault.Field("name", "token.name", 100)
	}
	if ttl == 0 {
		ttl = DefaultTokenTTL
	}
	if ttl < 0 || ttl > MaxTokenTTL {
		return "", nil, fault.Field("ttl_days", "token.ttl", int(MaxTokenTTL/(24*time.Hour)))
	}
	secret, t, err := s.CreateToken(ctx, actor.UserID, name, scope, ttl)
	if err != nil {
		return "", nil, err
	}
	detail := fmt.Sprintf("%q, scope %s, expires %s", t.Name, t.Scope, t.ExpiresAt.UTC().Format(time.RFC3339))
	if err := s.record(ctx, entryBy(actor, "token.create", tokenObject(t.ID), detail)); err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// Tokens lists the tokens of user id (0: the actor's own), newest first,
// without their hashes. Only the security administrator lists another's.
func (s *Service) Tokens(ctx context.Context, actor *Actor, id int64) ([]Token, error) {
	if actor == nil || (actor.UserID == 0 && !actor.System) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	if id == 0 {
		id = actor.UserID
	}
	if id != actor.UserID && !actor.System && !actor.Has(SecAdmin) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	ts, err := s.Store.TokensOf(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := range ts {
		ts[i].Hash = nil
	}
	return ts, nil
}

// RevokeToken revokes token id: the owner's own, or any by the security
// administrator. Another's token is not found, so that nobody learns which
// ids exist.
func (s *Service) RevokeToken(ctx context.Context, actor *Actor, id int64) (*Token, error) {
	if actor == nil || actor.ReadOnly || (actor.UserID == 0 && !actor.System) {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	t, err := s.Store.Token(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.UserID != actor.UserID && !isSecurityAdmin(actor) {
		return nil, fault.NotFoundOf("noun.token")
	}
	if err := s.Store.RevokeToken(ctx, id); err != nil {
		return nil, err
	}
	if t, err = s.Store.Token(ctx, id); err != nil {
		return nil, err
	}
	t.Hash = nil
	detail := fmt.Sprintf("%q of user %d", t.Name, t.UserID)
	return t, s.record(ctx, entryBy(actor, "token.revoke", tokenObject(id), detail))
}

func tokenObject(id int64) string { return fmt.Sprintf("token:%d", id) }

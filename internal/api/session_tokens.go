package api

import (
	"net/http"
	"strconv"
	"time"

	"zhitong/internal/account"
)

// One's own API tokens: for scripts, and the read-only display token of a
// wall screen, so that the dashboard need not keep an officer's session
// open. The secret is shown once, at creation; only its hash is kept.

// NewToken is the body of POST /api/v1/tokens.
type NewToken struct {
	Name    string `json:"name" doc:"to recognise it by, at most 100 characters"`
	Scope   string `json:"scope" enum:"full,read,display" doc:"full: all the caller may do; read: reads only; display: the wall-screen dashboard's reads only"`
	TTLDays int    `json:"ttl_days,omitempty" doc:"lifetime in days, 1 to 365; 90 unless given"`
}

// TokenInfo is an API token, without its secret.
type TokenInfo struct {
	ID        int64  `json:"id"`
	UserID    int64  `json:"user_id"`
	Name      string `json:"name"`
	Scope     string `json:"scope" enum:"full,read,display"`
	CreatedAt Time   `json:"created_at"`
	ExpiresAt Time   `json:"expires_at,omitzero" doc:"absent: never (tokens of the command line only)"`
	RevokedAt Time   `json:"revoked_at,omitzero"`
	Active    bool   `json:"active" doc:"neither expired nor revoked"`
}

// TokenCreated answers POST /api/v1/tokens: the token, and its secret,
// shown this once.
type TokenCreated struct {
	Token  TokenInfo `json:"token"`
	Secret string    `json:"secret" doc:"use as Authorization: Bearer <secret>; it cannot be shown again"`
}

// Tokens is a list of tokens, newest first.
type Tokens struct {
	Items []TokenInfo `json:"items"`
}

func (s *server) tokenRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/tokens", name: "createToken", tag: "tokens",
			summary: "Issue an API token for oneself; the secret is in this answer only",
			access:  Write, status: 201, body: typeOf[NewToken](), response: typeOf[TokenCreated](), handle: s.createToken},
		{method: "GET", pattern: "/api/v1/tokens", name: "listTokens", tag: "tokens",
			summary: "One's own tokens, without secrets (security administrators: anyone's, by user_id)",
			access:  Read, status: 200, response: typeOf[Tokens](), query: []param{idParam("user_id", "another user's tokens (security administrators)")}, handle: s.listTokens},
		{method: "DELETE", pattern: "/api/v1/tokens/{id}", name: "revokeToken", tag: "tokens",
			summary: "Revoke a token: one's own, or anyone's by the security administrator",
			access:  Write, status: 200, response: typeOf[TokenInfo](), handle: s.revokeToken},
	}
}

func (s *server) tokenView(t *account.Token) TokenInfo {
	return TokenInfo{ID: t.ID, UserID: t.UserID, Name: t.Name, Scope: string(t.Scope), CreatedAt: at(t.CreatedAt),
		ExpiresAt: at(t.ExpiresAt), RevokedAt: at(t.RevokedAt), Active: t.Active(s.accountsNow())}
}

func (s *server) createToken(c *call) error {
	var b NewToken
	if err := c.decode(&b); err != nil {
		return err
	}
	ttl := time.Duration(b.TTLDays) * 24 * time.Hour
	if b.TTLDays < 0 || b.TTLDays > 366 {
		ttl = -1 // the service says what is allowed
	}
	secret, t, err := s.cfg.Accounts.IssueToken(c.ctx(), c.actor, b.Name, account.TokenScope(b.Scope), ttl)
	if err != nil {
		return err
	}
	c.w.Header().Set("Location", "/api/v1/tokens/"+strconv.FormatInt(t.ID, 10))
	return c.reply(http.StatusCreated, TokenCreated{Token: s.tokenView(t), Secret: secret})
}

func (s *server) listTokens(c *call) error {
	user := c.q.id("user_id")
	if c.q.err != nil {
		return c.q.err
	}
	ts, err := s.cfg.Accounts.Tokens(c.ctx(), c.actor, user)
	if err != nil {
		return err
	}
	out := Tokens{Items: make([]TokenInfo, len(ts))}
	for i := range ts {
		out.Items[i] = s.tokenView(&ts[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) revokeToken(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	t, err := s.cfg.Accounts.RevokeToken(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, s.tokenView(t))
}

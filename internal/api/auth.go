package api

import (
	"net/http"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// authenticate is the one place that resolves who is asking: the bearer
// token of the Authorization header, through the account service, to an
// actor with its roles and data scope. A public route needs none; a route
// that writes refuses a read-only token before its handler runs. What the
// actor may see and do beyond that is for the domain services, which every
// handler calls with the actor.
func (s *server) authenticate(r *http.Request, access Access) (*account.Actor, error) {
	if access == Public {
		return nil, nil
	}
	secret, ok := bearer(r)
	if !ok {
		return nil, fault.E(fault.Unauthenticated, "unauthenticated")
	}
	actor, err := s.cfg.Accounts.Authenticate(r.Context(), secret)
	if err != nil {
		return nil, err
	}
	if access == Write && actor.ReadOnly {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return actor, nil
}

// bearer returns the token of the one Authorization header, "Bearer <token>".
func bearer(r *http.Request) (string, bool) {
	hs := r.Header.Values("Authorization")
	if len(hs) != 1 {
		return "", false
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(hs[0]), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

package api

import (
	"net/http"
	"strings"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// authenticate is the one place that resolves who is asking: the bearer
// token of the Authorization header, or else the session cookie of a
// browser, through the account service, to an actor with its roles and
// data scope. A public route needs neither. Before its handler runs:
//   - a route that writes refuses a read-only token;
//   - a display token reaches only the routes marked display;
//   - a request that changes state on a session cookie must come from a
//     page of ours (csrf.go), as a cookie rides along on any cross-site
//     request while a bearer token does not;
//   - a session that must first change its password or enrol a second
//     factor reaches only the routes that do that (limitedRoutes).
//
// What the actor may see and do beyond that is for the domain services,
// which every handler calls with the actor.
func (s *server) authenticate(r *http.Request, rt *route) (*account.Actor, error) {
	if rt.access == Public {
		return nil, nil
	}
	if len(r.Header.Values("Authorization")) > 0 {
		return s.tokenActor(r, rt)
	}
	if secret, ok := s.sessionSecret(r); ok {
		return s.sessionActor(r, rt, secret)
	}
	return nil, fault.E(fault.Unauthenticated, "unauthenticated")
}

// tokenActor resolves the bearer token of r for route rt.
func (s *server) tokenActor(r *http.Request, rt *route) (*account.Actor, error) {
	secret, ok := bearer(r)
	if !ok {
		return nil, fault.E(fault.Unauthenticated, "unauthenticated")
	}
	actor, err := s.cfg.Accounts.Authenticate(r.Context(), secret)
	if err != nil {
		return nil, err
	}
	if actor.Display && !rt.display {
		return nil, fault.E(fault.Forbidden, "token.display")
	}
	if rt.access == Write && actor.ReadOnly {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	return actor, nil
}

// limitedRoutes are what a session that must first change its password or
// enrol a second factor may call: those, and saying who it is and leaving.
var limitedRoutes = map[string]bool{
	"me": true, "session": true, "logout": true, "passwordPolicy": true,
	"changePassword": true, "enrolTOTP": true, "confirmTOTP": true,
}

// sessionActor resolves the session whose id r's cookie holds, for route rt.
func (s *server) sessionActor(r *http.Request, rt *route, secret string) (*account.Actor, error) {
	if err := checkOrigin(r); err != nil {
		return nil, err
	}
	res, err := s.cfg.Accounts.ResolveSession(r.Context(), secret)
	if err != nil {
		return nil, err
	}
	if res.Limits.Any() && !limitedRoutes[rt.name] {
		if res.Limits.ChangePassword {
			return nil, fault.E(fault.Forbidden, "session.password")
		}
		return nil, fault.E(fault.Forbidden, "session.totp")
	}
	return res.Actor, nil
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

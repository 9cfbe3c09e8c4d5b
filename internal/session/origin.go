package session

import (
	"net/http"

	"zhitong/internal/fault"
)

// CheckOrigin refuses a request that changes state on a session cookie
// unless the browser says it comes from our own origin. The standard
// library's CrossOriginProtection refuses what Sec-Fetch-Site or Origin
// shows to be cross-site, but lets through a request with neither (it
// cannot tell a non-browser client from an old browser); a request that
// carries our session cookie comes from a browser, and every browser we
// support sends one of the two on such a request, so here neither is a
// refusal too. SameSite=Lax on the cookie is a second line.
func CheckOrigin(r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if r.Header.Get("Sec-Fetch-Site") == "" && r.Header.Get("Origin") == "" {
		return fault.E(fault.Forbidden, "csrf")
	}
	return CrossSite(r)
}

// CrossSite refuses a request that Sec-Fetch-Site or Origin shows to come
// from another site; one with neither header passes (a non-browser client).
func CrossSite(r *http.Request) error {
	if err := http.NewCrossOriginProtection().Check(r); err != nil {
		return &fault.Error{Kind: fault.Forbidden, Key: "csrf", Err: err}
	}
	return nil
}

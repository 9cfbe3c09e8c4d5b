// Package api serves zhitong's JSON API under /api/v1, with its OpenAPI
// document, over the domain services. Handlers parse, call one service
// method and render; no rule of the domain lives here.
//
// One table of routes (routes.go) registers the mux and generates the
// OpenAPI document (openapi.go). Each route is wrapped once (endpoint.go):
// its query parameters checked against the table, the caller resolved from
// the bearer token and held to the route's class of access (auth.go), and
// any error rendered from one table of kinds to statuses (errors.go). Who may
// do what to which appeal is decided by the domain services, which every
// handler calls with the caller.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"

	"zhitong/internal/account"
	"zhitong/internal/accountability"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/audit/review"
	"zhitong/internal/cityimport"
	"zhitong/internal/deadline"
	"zhitong/internal/enterprise"
	"zhitong/internal/matching"
	"zhitong/internal/outbox"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
	"zhitong/internal/registryimport"
	"zhitong/internal/report"
	"zhitong/internal/unit"
)

// Config is what the API needs: the domain services, a logger, and a health check.
type Config struct {
	Appeals     *appeal.Service
	Enterprises *enterprise.Service
	Units       *unit.Service
	Accounts    *account.Service
	Reports     *report.Service
	Deadlines   *deadline.Service
	Notices     *outbox.Service
	Cases       *accountability.Service
	CityBatches *cityimport.Service     // the city's batches (citybatch.go); nil refuses them
	Registries  *registryimport.Service // the enterprise registry's import (registry_import.go); nil refuses it
	Visits      *outreach.Service       // visits to enterprises (visits.go); nil refuses them
	Matching    *matching.Service       // the registry's matching and merges (matching.go); nil refuses them
	Policies    *policy.Service         // policies for enterprises (policies.go); nil refuses them
	Logger      *slog.Logger
	// Health reports whether the server can serve (the database answers).
	Health func(ctx context.Context) error
	// Audit records the acts done outside a store transaction (logins,
	// reveals, exports); nil records nothing (tests of other concerns).
	Audit audit.Recorder
	// AuditLog is the audit administrator's search and export of the log
	// (audit_routes.go); nil refuses them to everyone.
	AuditLog *review.Service
	// Pages serves every path outside /api/ and /healthz: the web UI, which
	// gets the same request ids, client address, security headers, panic
	// recovery and log line as the API. Nil answers such paths in JSON.
	Pages http.Handler
	// MaxBody limits the size of a request body; 0 means DefaultMaxBody.
	MaxBody int64
	// BehindTLS says that clients reach the server over HTTPS through a
	// proxy that terminates TLS: session cookies are then Secure and named
	// __Host-, and Strict-Transport-Security is sent, as when the server
	// itself serves TLS (session_cookie.go, headers.go).
	BehindTLS bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (client_ip.go). Without them a proxied deployment would see
	// every officer at the proxy's address, and the per-client lockout would
	// become a per-account one that anyone could trigger.
	TrustedProxies []netip.Prefix
}

// server is the API: the services, the route table, the mux built from it
// and the OpenAPI document generated from it.
type server struct {
	cfg     Config
	log     *slog.Logger
	maxBody int64
	table   []route
	mux     *http.ServeMux
	doc     []byte
}

// New returns the handler of the whole API, /healthz included.
func New(cfg Config) http.Handler {
	return newServer(cfg)
}

func newServer(cfg Config) *server {
	s := &server{cfg: cfg, log: cfg.Logger, maxBody: cfg.MaxBody, mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	s.table = s.routes()
	s.register(s.mux, s.table)
	s.doc = mustDocument(s.table)
	return s
}

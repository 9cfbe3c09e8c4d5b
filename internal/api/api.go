// Package api serves zhitong's JSON API under /api/v1, with its OpenAPI
// document, over the domain services. Handlers parse, call one service
// method and render; no rule of the domain lives here.
package api

import (
	"context"
	"log/slog"
	"net/http"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/enterprise"
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
	Logger      *slog.Logger
	// Health reports whether the server can serve (the database answers).
	Health func(ctx context.Context) error
}

// New returns the handler of the whole API, /healthz included.
func New(cfg Config) http.Handler {
	mux := http.NewServeMux()
	_ = cfg // TODO(api helper): register the route table
	return mux
}

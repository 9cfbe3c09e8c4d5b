package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

type requestIDKey struct{}

// requestID returns the id given to the request, for error bodies and logs.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// statusWriter remembers the status written, for the access log and so that
// a panic after the header went out does not write a second one.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// ServeHTTP gives each request an id, turns a panic into the same 500 as any
// internal error, answers unknown paths and methods in JSON, and logs one
// line per request (no query string: it may hold personal data).
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := newRequestID()
	w.Header().Set("X-Request-Id", id)
	s.setSecurityHeaders(w, r) // headers.go: CSP, nosniff, framing, HSTS over TLS
	ctx := context.WithValue(r.Context(), requestIDKey{}, id)
	ctx = audit.WithMeta(ctx, audit.Meta{ClientIP: s.clientIP(r), RequestID: id})
	r = r.WithContext(ctx)
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			err := &fault.Error{Kind: fault.Internal, Key: "internal", Err: fmt.Errorf("panic: %v", v)}
			if sw.status == 0 {
				s.fail(sw, r, err)
			} else {
				s.log.ErrorContext(r.Context(), "api: panic after the response began", "request_id", id, "err", err)
			}
		}
		s.log.InfoContext(r.Context(), "api", "request_id", id, "method", r.Method, "route", r.Pattern,
			"status", sw.status, "ms", time.Since(start).Milliseconds())
	}()
	if s.cfg.Pages != nil && !apiPath(r.URL.Path) {
		s.cfg.Pages.ServeHTTP(sw, r)
		return
	}
	if h, pattern := s.mux.Handler(r); pattern == "" {
		s.noRoute(sw, r, h)
		return
	}
	s.mux.ServeHTTP(sw, r)
}

// noRoute answers in JSON what the mux would answer in plain text: 404 for
// an unknown path, 405 (with Allow) for a method the path does not take.
func (s *server) noRoute(w http.ResponseWriter, r *http.Request, h http.Handler) {
	probe := &probeWriter{header: http.Header{}}
	h.ServeHTTP(probe, r)
	if probe.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", probe.header.Get("Allow"))
		s.fail(w, r, &httpError{status: http.StatusMethodNotAllowed,
			err: fault.E(fault.Invalid, "api.method", r.Method)})
		return
	}
	s.fail(w, r, fault.E(fault.NotFound, "api.no_route", r.URL.Path))
}

// probeWriter records what the mux's own not-found handler would write.
type probeWriter struct {
	header http.Header
	status int
}

func (p *probeWriter) Header() http.Header { return p.header }

func (p *probeWriter) Write(b []byte) (int, error) { return len(b), nil }

func (p *probeWriter) WriteHeader(status int) { p.status = status }

// apiPath reports whether p is the API's rather than a page's.
func apiPath(p string) bool {
	return p == "/healthz" || p == "/api" || strings.HasPrefix(p, "/api/")
}

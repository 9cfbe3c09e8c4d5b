package api

import (
	"context"
	"net/http"
	"time"
)

// Health is the body of GET /healthz.
type Health struct {
	Status string `json:"status" enum:"ok,unavailable"`
}

// healthTimeout bounds the health check, so that a hung database answers 503.
const healthTimeout = 3 * time.Second

func (s *server) health(c *call) error {
	if s.cfg.Health != nil {
		ctx, cancel := context.WithTimeout(c.ctx(), healthTimeout)
		defer cancel()
		if err := s.cfg.Health(ctx); err != nil {
			s.log.ErrorContext(ctx, "api: health check failed", "request_id", requestID(ctx), "err", err)
			return c.reply(http.StatusServiceUnavailable, Health{Status: "unavailable"})
		}
	}
	return c.reply(http.StatusOK, Health{Status: "ok"})
}

// openapi serves the document generated from the route table at start.
func (s *server) openapi(c *call) error {
	h := c.w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	_, _ = c.w.Write(s.doc) // a client gone away is not an error of ours
	return nil
}

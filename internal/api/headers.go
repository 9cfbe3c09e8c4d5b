package api

import "net/http"

// contentSecurityPolicy allows the pages' own scripts, styles and images
// only: no inline script, no plugin, no <base>, and no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// setSecurityHeaders sets the headers every response carries, success or
// error: what the browser may load and run, no MIME sniffing, no referrer
// to other sites, no framing, and over TLS, HTTPS only from now on.
func (s *server) setSecurityHeaders(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.secure(r) {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

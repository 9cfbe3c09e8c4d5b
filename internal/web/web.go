// Package web serves zhitong's pages: the officers' workbench, lists,
// appeal pages and forms, the administrators' pages, and the enterprises'
// public portal. Pages are rendered on the server from embedded templates
// and work without JavaScript; a small embedded script makes them nicer.
// Every page calls the same domain services as the JSON API, with the actor
// of the browser's session, so that no rule lives here.
//
// One table of pages (pages.go) registers the mux and tells the permission
// tests which pages are public, which need an officer and which the portal
// serves; the services decide everything beyond that.
package web

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/accountability"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/captcha"
	"zhitong/internal/cityimport"
	"zhitong/internal/deadline"
	"zhitong/internal/enterprise"
	"zhitong/internal/fault"
	"zhitong/internal/matching"
	"zhitong/internal/outbox"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
	"zhitong/internal/registryimport"
	"zhitong/internal/report"
	"zhitong/internal/session"
	"zhitong/internal/unit"
)

//go:embed all:templates static
var files embed.FS

// Config is what the pages need.
type Config struct {
	Appeals     *appeal.Service
	Enterprises *enterprise.Service
	Units       *unit.Service
	Accounts    *account.Service
	Deadlines   *deadline.Service
	Notices     *outbox.Service // the inbox and the delivery log
	Reports     *report.Service
	Cases       *accountability.Service
	// CityBatches imports the city's batches (市交办批量导入) and exports
	// their results; nil refuses them.
	CityBatches *cityimport.Service
	// Registries imports the enterprise registry (市场主体名录导入); nil
	// refuses it.
	Registries *registryimport.Service
	// Visits records the visits to enterprises (走访); nil shows none.
	Visits *outreach.Service
	// Matching links appeals to the registry and merges its duplicates;
	// nil shows no suggestions and refuses both.
	Matching *matching.Service
	// Policies publishes the policies for enterprises (惠企政策); nil
	// refuses their pages.
	Policies *policy.Service
	Logger   *slog.Logger
	Audit    audit.Recorder // records exports; nil records nothing
	Now      func() time.Time
	// Captcha signs the portal's challenges; Spend records a challenge's
	// nonce as used and reports whether it was fresh, so that one solved
	// picture files one appeal, across every instance on one database.
	Captcha *captcha.Issuer
	Spend   func(ctx context.Context, nonce string, until time.Time) (bool, error)
	// BehindTLS: see api.Config; the session cookie is shared with the API.
	BehindTLS bool
	// PortalLimit is how many filings and lookups one client may make on the
	// portal per minute; 0 means DefaultPortalLimit.
	PortalLimit int
}

// Server is the web UI.
type Server struct {
	cfg     Config
	log     *slog.Logger
	cookie  session.Cookie // an officer's session
	portal  session.Cookie // an enterprise account's session on the portal
	pages   []page
	mux     *http.ServeMux
	views   *views
	limiter *limiter
}

// New returns the web UI's handler.
func New(cfg Config) (*Server, error) {
	s := &Server{cfg: cfg, log: cfg.Logger, cookie: session.Cookie{BehindTLS: cfg.BehindTLS},
		portal: session.Cookie{BehindTLS: cfg.BehindTLS, Portal: true}, mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.cfg.Now == nil {
		s.cfg.Now = time.Now
	}
	limit := cfg.PortalLimit
	if limit <= 0 {
		limit = DefaultPortalLimit
	}
	s.limiter = newLimiter(limit, time.Minute, s.cfg.Now)
	v, err := parseViews()
	if err != nil {
		return nil, err
	}
	s.views = v
	static, err := fs.Sub(files, "static")
	if err != nil {
		return nil, err
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles(static)))
	s.pages = s.table()
	for i := range s.pages {
		p := &s.pages[i]
		s.mux.Handle(p.method+" "+p.pattern, s.wrap(p))
	}
	return s, nil
}

// ServeHTTP serves the pages; anything else is a page of its own saying so.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		q := s.newReq(w, r, nil)
		s.errorPage(q, http.StatusNotFound, fault.Text(string(q.lang), "web.nopage"))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Pages lists the table of pages, for the permission tests and the
// benchmark: method, pattern and class of access.
func (s *Server) Pages() []PageInfo {
	ps := s.pages
	if ps == nil {
		ps = s.table()
	}
	out := make([]PageInfo, len(ps))
	for i, p := range ps {
		out[i] = PageInfo{Method: p.method, Pattern: p.pattern, Access: p.access}
	}
	return out
}

// PageInfo describes one page of the table.
type PageInfo struct {
	Method, Pattern string
	Access          Access
}

// staticFiles serves the embedded assets, cacheable for a day: they change
// only with a new binary, and a page names them with its version.
func staticFiles(fsys fs.FS) http.Handler {
	h := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

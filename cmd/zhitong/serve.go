package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

const serveAbout = `
Serve zhitong's JSON API (/api/v1/..., /healthz) over HTTP. The database is a
SQLite file (the default, created if need be) or a PostgreSQL server named by a
postgres:// URL; several instances may share one PostgreSQL. Pending migrations
are applied at start. When it listens it prints the address it listens on; it
stops gracefully on SIGINT or SIGTERM, finishing the requests under way.
Audit entries are sealed into the hash chain every half second with the key of
--audit-key-file, which is generated next to a SQLite database on first start
and must be given with PostgreSQL; the chain's head is written to
--audit-head-file. See 'zhitong audit verify --help'.`

// serveFlags are the flags serve and demo share.
type serveFlags struct {
	addr, db, log string
	audit         auditFiles // cmd_audit.go
	behindTLS     bool
	proxies       string
	pprof         string
	web           webOptions  // parsed from behindTLS and proxies by check
	notify        notifyFlags // notify_flags.go
}

// webOptions say how clients reach the server through a reverse proxy.
type webOptions struct {
	behindTLS bool
	proxies   []netip.Prefix
}

func (c *cli) serveFlags(fs *flag.FlagSet, addr, db string) *serveFlags {
	f := &serveFlags{}
	fs.StringVar(&f.addr, "addr", addr, "the address to listen on, host:port (port 0: any free port)")
	fs.StringVar(&f.db, "db", db, "the database: a SQLite file, or postgres://user@host:5432/db?sslmode=disable")
	fs.StringVar(&f.log, "log", "text", "the format of the log on stderr: text or json")
	fs.BoolVar(&f.behindTLS, "behind-tls", c.getenv("ZHITONG_BEHIND_TLS") == "1",
		"clients reach the server over HTTPS through a proxy: Secure cookies and HSTS (env ZHITONG_BEHIND_TLS=1)")
	fs.StringVar(&f.proxies, "trusted-proxies", c.getenv("ZHITONG_TRUSTED_PROXIES"),
		"comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed (env ZHITONG_TRUSTED_PROXIES)")
	fs.StringVar(&f.pprof, "pprof", "",
		"serve Go's profiles (go tool pprof) on this loopback address, e.g. 127.0.0.1:6060; off by default")
	c.auditFlags(fs, &f.audit)
	c.notifyFlags(fs, &f.notify)
	return f
}

func (f *serveFlags) check(cmd string) error {
	if f.log != "text" && f.log != "json" {
		return usagef(cmd, "--log must be text or json, not %q", f.log)
	}
	if f.addr == "" {
		return usagef(cmd, "--addr is required")
	}
	if f.db == "" {
		return usagef(cmd, "--db is required")
	}
	f.web.behindTLS = f.behindTLS
	for _, s := range strings.Split(f.proxies, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return usagef(cmd, "--trusted-proxies: %q is neither an address nor a CIDR", s)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		f.web.proxies = append(f.web.proxies, p)
	}
	return nil
}

func runServe(ctx context.Context, c *cli, args []string) error {
	fs := flags("serve")
	f := c.serveFlags(fs, c.envOr("ZHITONG_ADDR", ":8080"), c.envOr("ZHITONG_DB", "./data/zhitong.db"))
	if err := c.parse("serve", fs, args); err != nil {
		return err
	}
	if err := f.check("serve"); err != nil {
		return err
	}
	if err := f.notify.check("serve", c.message); err != nil {
		return err
	}
	log := newLogger(c.stderr, f.log)
	keeper, err := f.audit.serverKeeper(f.db, "", log)
	if err != nil {
		return err
	}
	a, _, err := open(ctx, f.db, log, time.Now)
	if err != nil {
		return err
	}
	defer a.Close()
	defer a.startSealing(ctx, keeper)()
	defer a.startFolding(ctx)()
	a.useNotify(&f.notify)
	defer a.startScheduler(ctx)()
	log.Info("database open", "engine", a.db.Engine(), "db", redact(f.db))
	h, err := a.handler(ctx, f.web)
	if err != nil {
		return err
	}
	return f.listenAndServe(ctx, h, log, c.stdout)
}

// listenAndServe serves h on f's address, and the profiles if asked for.
func (f *serveFlags) listenAndServe(ctx context.Context, h http.Handler, log *slog.Logger, stdout io.Writer) error {
	stop, err := servePprof(f.pprof, log, stdout)
	if err != nil {
		return err
	}
	defer stop()
	return listenAndServe(ctx, f.addr, h, log, stdout)
}

// Timeouts of the HTTP server: a slow client cannot hold a connection open
// by sending its headers slowly, nor keep an idle one forever.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 20 * time.Second
)

// listenAndServe serves h on addr until ctx ends, then shuts down
// gracefully: no new connections, the requests under way finished.
func listenAndServe(ctx context.Context, addr string, h http.Handler, log *slog.Logger, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String())
	fmt.Fprintf(stdout, "zhitong: listening on http://%s\n", ln.Addr())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

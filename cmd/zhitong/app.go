package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"
	"zhitong/internal/accountability"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"

	"zhitong/internal/account"
	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/audit/review"
	"zhitong/internal/captcha"
	"zhitong/internal/cityimport"
	"zhitong/internal/deadline"
	"zhitong/internal/enterprise"
	"zhitong/internal/matching"
	"zhitong/internal/outreach"
	"zhitong/internal/policy"
	"zhitong/internal/registryimport"
	"zhitong/internal/report"
	"zhitong/internal/sqlstore"
	"zhitong/internal/unit"
	"zhitong/internal/web"
)

// app is an open database with the domain services over it: what every
// command that touches data builds first.
type app struct {
	db          *sqlstore.DB
	log         *slog.Logger
	appeals     *appeal.Service
	enterprises *enterprise.Service
	units       *unit.Service
	accounts    *account.Service
	reports     *report.Service
	audit       *audit.Service  // records acts into the audit log
	auditLog    *review.Service // the audit administrator's search and export
	deadlines   *deadline.Service
	notices     *outbox.Service // the inbox and the delivery log
	cases       *accountability.Service
	holder      string // this instance, in the scheduler's leases and the outbox's claims
	senders     map[notify.Channel]notify.Sender
	// cityBatches imports the city's batches (市交办批量导入) and exports their results.
	cityBatches *cityimport.Service
	// registries imports the enterprise registry (市场主体名录).
	registries *registryimport.Service
	// visits records the visits to enterprises (走访).
	visits *outreach.Service
	// matching links appeals to the registry and merges its duplicates.
	matching *matching.Service
	// policies publishes the policies for enterprises (惠企政策) and reads their reach.
	policies *policy.Service
}

// open opens the database named by dsn, applies the pending migrations
// (which lock themselves, so that several instances may start at once on
// one PostgreSQL) and builds the services, with now as their clock.
func open(ctx context.Context, dsn string, log *slog.Logger, now func() time.Time) (*app, []string, error) {
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", redact(dsn), err)
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("migrate database %s: %w", redact(dsn), err)
	}
	for _, m := range applied {
		log.Info("migration applied", "name", m)
	}
	a := services(db, log, now)
	if err := a.deadlines.Refresh(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("read the calendar and the deadlines: %w", err)
	}
	return a, applied, nil
}

// services wires the domain services over db.
func services(db *sqlstore.DB, log *slog.Logger, now func() time.Time) *app {
	rec := &audit.Service{Store: db, Now: now}
	dl := &deadline.Service{Store: db, Audit: rec, Now: now, Log: log.Info}
	a := &app{
		db:        db,
		log:       log,
		audit:     rec,
		auditLog:  &review.Service{Log: db, Audit: rec},
		deadlines: dl,
		notices:   &outbox.Service{Store: db, Now: now},
		cases: &accountability.Service{Store: db, Now: now, UnitOf: func(ctx context.Context, id int64) (int64, error) {
			u, err := db.Unit(ctx, id)
			if err != nil {
				return 0, err
			}
			return u.DistrictID, nil
		}},
		appeals: &appeal.Service{Store: db, Units: db, Enterprises: db,
			Deadlines: dl, Now: now, Attachments: db},
		enterprises: &enterprise.Service{Store: db, Now: now},
		units:       &unit.Service{Store: db},
		accounts:    &account.Service{Store: db, Units: db, Now: now, Audit: rec},
		reports:     &report.Service{Store: db, Now: now},
	}
	a.cityBatches = &cityimport.Service{Appeals: a.appeals, Store: db, Audit: rec}
	a.registries = &registryimport.Service{Store: db, Now: now}
	a.visits = &outreach.Service{Store: db, Enterprises: a.enterprises, Appeals: a.appeals, Units: db, Now: now}
	a.matching = &matching.Service{Store: db, Appeals: a.appeals, Enterprises: a.enterprises, Units: db, Now: now}
	a.policies = &policy.Service{Store: db, Now: now}
	return a
}

// Close closes the database.
func (a *app) Close() error { return a.db.Close() }

// handler is the whole HTTP surface: the JSON API, /healthz, and the web
// pages and portal behind them.
func (a *app) handler(ctx context.Context, opts webOptions) (http.Handler, error) {
	key, err := a.db.CaptchaKey(ctx)
	if err != nil {
		return nil, fmt.Errorf("portal captcha key: %w", err)
	}
	pages, err := web.New(web.Config{
		Appeals:     a.appeals,
		Enterprises: a.enterprises,
		Units:       a.units,
		Accounts:    a.accounts,
		Deadlines:   a.deadlines,
		Notices:     a.notices,
		CityBatches: a.cityBatches,
		Registries:  a.registries,
		Visits:      a.visits,
		Matching:    a.matching,
		Policies:    a.policies,
		Reports:     a.reports,
		Cases:       a.cases,
		Logger:      a.log,
		Audit:       a.audit,
		Captcha:     &captcha.Issuer{Key: key},
		Spend:       a.db.SpendCaptcha,
		BehindTLS:   opts.behindTLS,
	})
	if err != nil {
		return nil, err
	}
	return api.New(api.Config{
		Pages:          pages,
		Appeals:        a.appeals,
		Enterprises:    a.enterprises,
		Units:          a.units,
		Accounts:       a.accounts,
		Reports:        a.reports,
		Deadlines:      a.deadlines,
		Notices:        a.notices,
		Cases:          a.cases,
		CityBatches:    a.cityBatches,
		Registries:     a.registries,
		Visits:         a.visits,
		Matching:       a.matching,
		Policies:       a.policies,
		Logger:         a.log,
		Health:         a.db.Ping,
		Audit:          a.audit,
		AuditLog:       a.auditLog,
		BehindTLS:      opts.behindTLS,
		TrustedProxies: opts.proxies,
	}), nil
}

// newLogger logs to w as text or JSON.
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// redact hides the password of a PostgreSQL URL, for messages and logs.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

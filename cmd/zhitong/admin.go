package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
	"zhitong/internal/unit"
)

const migrateAbout = `
Apply the pending migrations to the database and print the name of each one
applied. Running it again applies nothing. serve and demo migrate at start as
well; several instances on one PostgreSQL take turns (the migrations lock).`

const userAddAbout = `
Add an officer: a user with a username, a name, the id of their unit (see
'zhitong unit list') and one or more roles, comma-separated:
  intake      受理员/坐席 (registers appeals)
  federation  区工商联 (triage, feedback, return visits)
  office      区优化办 (assignment, review, redo)
  handler     承办单位 (accepts, handles, replies to tasks)
  city        市直通车办 (referred appeals, assignment down)
  cadre       联企干部 (visits, files appeals)
  leader      领导 (reads everything in scope)
  discipline  纪委监委 (accountability)
  sysadmin, secadmin, auditor   the three administrators (三员分立)
What the user sees follows from the unit's place in the tree.`

const tokenCreateAbout = `
Issue an API token for an officer and print its secret on stdout, once: only
its SHA-256 hash is kept. The scope limits it beyond the user's roles: full
(everything the user may do), read (reads only) or display (the wall-screen
dashboard). Use it as 'Authorization: Bearer <token>'.`

const unitListAbout = `
List the units of the organisation tree (province, city, district, township,
departments and offices) with their ids, for 'zhitong user add --unit'.`

// dbFlag adds the --db flag, defaulting to ZHITONG_DB.
func (c *cli) dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", c.envOr("ZHITONG_DB", "./data/zhitong.db"),
		"the database: a SQLite file, or postgres://user@host:5432/db?sslmode=disable")
}

// openQuiet opens and migrates the database for an administrative command,
// logging only warnings.
func (c *cli) openQuiet(ctx context.Context, dsn string) (*app, []string, error) {
	log := slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return open(ctx, dsn, log, time.Now)
}

func runMigrate(ctx context.Context, c *cli, args []string) error {
	fs := flags("migrate")
	dsn := c.dbFlag(fs)
	if err := c.parse("migrate", fs, args); err != nil {
		return err
	}
	if err := required("migrate", fs, "db"); err != nil {
		return err
	}
	a, applied, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	for _, m := range applied {
		fmt.Fprintf(c.stdout, "applied %s\n", m)
	}
	if len(applied) == 0 {
		fmt.Fprintf(c.stdout, "%s is up to date: no migration to apply\n", redact(*dsn))
	}
	return nil
}

func runUserAdd(ctx context.Context, c *cli, args []string) error {
	const cmd = "user add"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	username := fs.String("username", "", "the login name (required)")
	name := fs.String("name", "", "the person's name, e.g. 周志强 (required)")
	unitID := fs.Int64("unit", 0, "the id of the user's unit (required; see 'zhitong unit list')")
	roles := fs.String("roles", "", "the roles, comma-separated, e.g. office or handler,cadre (required)")
	phone := fs.String("phone", "", "the user's phone number")
	pwFile := fs.String("password-file", "", "a file whose first line is the first password, to be changed at the first login ('-': standard input); none: no login until 'zhitong user passwd'")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "db", "username", "name", "unit", "roles"); err != nil {
		return err
	}
	rs, err := parseRoles(*roles)
	if err != nil {
		return usagef(cmd, "%s", err)
	}
	password, err := c.firstPassword(cmd, *pwFile, *username) // cmd_account.go
	if err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.units.Get(ctx, account.SystemActor(), *unitID); err != nil {
		return fmt.Errorf("--unit %d: %s", *unitID, c.message(err))
	}
	u := &account.User{Username: *username, Name: *name, UnitID: *unitID, Roles: rs, Phone: *phone}
	if err := a.accounts.CreateBy(ctx, operator(), u); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "added user %s (id %d): %s, unit %d, roles %s\n", u.Username, u.ID, u.Name, u.UnitID, *roles)
	return c.setFirstPassword(ctx, a, u, password) // cmd_account.go
}

func parseRoles(s string) ([]account.Role, error) {
	var rs []account.Role
	for _, p := range strings.Split(s, ",") {
		r := account.Role(strings.TrimSpace(p))
		if r == "" {
			continue
		}
		if !account.ValidRole(r) {
			names := make([]string, len(account.Roles))
			for i, x := range account.Roles {
				names[i] = string(x)
			}
			return nil, fmt.Errorf("--roles: unknown role %q; choose from %s", r, strings.Join(names, ", "))
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("--roles: name at least one role")
	}
	return rs, nil
}

func runTokenCreate(ctx context.Context, c *cli, args []string) error {
	const cmd = "token create"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	user := fs.String("user", "", "the username of the token's owner (required)")
	name := fs.String("name", "cli", "a name for the token, to recognise it later")
	scope := fs.String("scope", "full", "full, read or display")
	ttl := fs.Duration("ttl", 720*time.Hour, "how long the token lasts; 0: until revoked")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "db", "user"); err != nil {
		return err
	}
	sc := account.TokenScope(*scope)
	if sc != account.ScopeFull && sc != account.ScopeRead && sc != account.ScopeDisplay {
		return usagef(cmd, "--scope must be full, read or display, not %q", *scope)
	}
	if *ttl < 0 {
		return usagef(cmd, "--ttl must not be negative")
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.db.UserByUsername(ctx, *user)
	if fault.Is(err, fault.NotFound) {
		return fault.E(fault.NotFound, "cli.nouser", *user)
	} else if err != nil {
		return err
	}
	secret, t, err := a.accounts.CreateToken(ctx, u.ID, *name, sc, *ttl)
	if err != nil {
		return err
	}
	exp := "never expires"
	if !t.ExpiresAt.IsZero() {
		exp = "expires " + t.ExpiresAt.In(appeal.CST).Format("2006-01-02 15:04 MST") + " (" + durationText(*ttl) + ")"
	}
	fmt.Fprintf(c.stderr, "token %d for %s (%s), scope %s, %s; the secret is shown this once:\n", t.ID, u.Username, u.Name, t.Scope, exp)
	fmt.Fprintln(c.stdout, secret)
	return nil
}

func runUnitList(ctx context.Context, c *cli, args []string) error {
	const cmd = "unit list"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	root := fs.Int64("root", 0, "list only the units under this one (0: all)")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	us, err := a.units.List(ctx, account.SystemActor(), *root)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPARENT\tLEVEL\tKIND\tCAPABILITIES\tASSESSED\tNAME")
	for _, u := range treeOrder(us) {
		caps := make([]string, len(u.Capabilities))
		for i, x := range u.Capabilities {
			caps[i] = string(x)
		}
		indent := strings.Repeat("  ", max(0, strings.Count(u.Path, "/")-2))
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%v\t%s%s\n", u.ID, u.ParentID, u.Level, u.Kind, orDash(strings.Join(caps, ",")), u.Assessed, indent, u.Name)
	}
	return tw.Flush()
}

// treeOrder sorts units depth first, each unit's children by id, so that
// the list reads as the tree.
func treeOrder(us []unit.Unit) []unit.Unit {
	kids := map[int64][]unit.Unit{}
	ids := map[int64]bool{}
	for _, u := range us {
		ids[u.ID] = true
	}
	var roots []unit.Unit
	for _, u := range us {
		if ids[u.ParentID] {
			kids[u.ParentID] = append(kids[u.ParentID], u)
		} else {
			roots = append(roots, u)
		}
	}
	out := make([]unit.Unit, 0, len(us))
	var walk func([]unit.Unit)
	walk = func(level []unit.Unit) {
		slices.SortFunc(level, func(a, b unit.Unit) int { return cmp.Compare(a.ID, b.ID) })
		for _, u := range level {
			out = append(out, u)
			walk(kids[u.ID])
		}
	}
	walk(roots)
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

func runVersion(ctx context.Context, c *cli, args []string) error {
	fs := flags("version")
	if err := c.parse("version", fs, args); err != nil {
		return err
	}
	rev, when := "", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			}
		}
	}
	line := "zhitong " + version
	if rev != "" {
		line += " (commit " + rev[:min(12, len(rev))]
		if when != "" {
			line += ", " + when
		}
		line += ")"
	}
	fmt.Fprintf(c.stdout, "%s %s %s/%s\n", line, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

const unitAddAbout = `
Add a unit under its parent (--parent, an id from 'zhitong unit list'; none
for the province or a city at the top). A unit has a level (province, city,
district, township), a kind (region: the government of a province, city or
district itself; township: 乡镇街道; department: 部门; vertical: 垂管单位 and
utilities) and may carry office capabilities (federation, office,
city_office, hotline, discipline). Units outside the assessment (纳入考核)
still handle tasks.`

func runUnitAdd(ctx context.Context, c *cli, args []string) error {
	const cmd = "unit add"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	name := fs.String("name", "", "the unit's name, e.g. 娄星区 or 区发改局 (required)")
	parent := fs.Int64("parent", 0, "the id of the parent unit")
	level := fs.String("level", "", "province, city, district or township (required)")
	kind := fs.String("kind", "", "region, township, department or vertical (required)")
	caps := fs.String("capabilities", "", "office capabilities, comma-separated: federation, office, city_office, hotline, discipline")
	code := fs.String("code", "", "the unit's code, e.g. the division code 431302")
	assessed := fs.Bool("assessed", true, "whether the unit is assessed (纳入考核)")
	if err := c.parse(cmd, fs, args); err != nil {
		return err
	}
	if err := required(cmd, fs, "db", "name", "level", "kind"); err != nil {
		return err
	}
	u := &unit.Unit{ParentID: *parent, Name: *name, Code: *code, Level: unit.Level(*level), Kind: unit.Kind(*kind), Assessed: *assessed}
	if !unit.ValidLevel(u.Level) {
		return usagef(cmd, "--level must be province, city, district or township, not %q", *level)
	}
	if !unit.ValidKind(u.Kind) {
		return usagef(cmd, "--kind must be region, township, department or vertical, not %q", *kind)
	}
	for _, p := range strings.Split(*caps, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !unit.ValidCapability(unit.Capability(p)) {
			return usagef(cmd, "--capabilities: unknown capability %q", p)
		}
		u.Capabilities = append(u.Capabilities, unit.Capability(p))
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.units.Create(ctx, account.SystemActor(), u); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "added unit %s (id %d): %s %s, under %d\n", u.Name, u.ID, u.Level, u.Kind, u.ParentID)
	return nil
}

package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
	"zhitong/internal/sqlstore"
)

// The audit chain's key and head on the command line, and the commands
// that verify, seal and prune the chain.

const auditVerifyAbout = `
Verify the tamper-evident audit log: walk the hash chain from the latest
checkpoint (or the first entry) to its end, recomputing each entry's HMAC with
the key, and hold the end to the head file kept outside the database. Prints
"verified N entries up to seq S" and exits 0 when the chain is intact; exits 1
with one line naming the first broken entry otherwise: edited or re-hashed
without the key, missing (a gap in the seqs), a forged checkpoint, or a tail
cut off. Also says when entries wait unsealed for more than a minute. Reads
one entry at a time: millions of entries take seconds, not memory.`

const auditSealAbout = `
Seal the audit entries that wait unsealed into the hash chain and write the
head file. serve and demo seal continually (every half second, and when they
stop); this is for a database that no server runs on, such as after a restore.`

const auditPruneAbout = `
Delete the sealed audit entries written before a day (China Standard Time) and
leave a signed checkpoint in their place, so that verify still works from
there. Entries are kept at least 180 days: a later day is refused. The chain is
verified first, and a broken chain is not pruned (the evidence would go with
the entries). The prune is itself recorded in the log.`

// auditCommands are the subcommands of this file's concern; see commands().
func auditCommands() []command {
	return []command{
		{"audit verify", "verify the audit log's hash chain; names the first broken entry", auditVerifyAbout, runAuditVerify},
		{"audit seal", "seal waiting audit entries into the chain (serve does it continually)", auditSealAbout, runAuditSeal},
		{"audit prune", "delete audit entries older than a day (≥ 180 days), leaving a signed checkpoint", auditPruneAbout, runAuditPrune},
	}
}

// The environment that names the key and head files.
const (
	envAuditKey  = "ZHITONG_AUDIT_KEY_FILE"
	envAuditHead = "ZHITONG_AUDIT_HEAD_FILE"
)

// auditFiles are the files of the audit chain outside the database, as the
// flags name them; empty for the default.
type auditFiles struct {
	key, head string
}

// auditFlags adds --audit-key-file and --audit-head-file to fs.
func (c *cli) auditFlags(fs *flag.FlagSet, f *auditFiles) {
	fs.StringVar(&f.key, "audit-key-file", c.getenv(envAuditKey),
		"the secret key of the audit chain's HMAC, kept outside the database (env "+envAuditKey+"; default: audit.key next to a SQLite database)")
	fs.StringVar(&f.head, "audit-head-file", c.getenv(envAuditHead),
		"where the chain's head is written outside the database (env "+envAuditHead+"; default: audit-head.json next to the key file)")
}

// keyPath returns the key file: the one named, else next to a SQLite
// database (or in dir, when given, for a PostgreSQL one). With PostgreSQL
// and no dir, the key must be named.
func (f *auditFiles) keyPath(dsn, dir string) (string, error) {
	switch {
	case f.key != "":
		return f.key, nil
	case !sqlstore.IsPostgres(dsn):
		return filepath.Join(filepath.Dir(dsn), "audit.key"), nil
	case dir != "":
		return filepath.Join(dir, "audit.key"), nil
	}
	return "", fault.E(fault.Invalid, "audit.key.required")
}

// headFile returns the head file for key, at the path named or next to the
// key file.
func (f *auditFiles) headFile(keyPath string, key audit.Key) *audit.HeadFile {
	path := f.head
	if path == "" {
		path = audit.DefaultHeadPath(keyPath)
	}
	return &audit.HeadFile{Path: path, Key: key}
}

// serverKeeper returns the keeper of a server's audit chain, generating the
// key on first start where serve and demo may (next to a SQLite database,
// or in dir for demo), and saying where.
func (f *auditFiles) serverKeeper(dsn, dir string, log *slog.Logger) (*audit.Keeper, error) {
	path, err := f.keyPath(dsn, dir)
	if err != nil {
		return nil, err
	}
	var key audit.Key
	var created bool
	if f.key != "" {
		key, err = audit.LoadKey(path)
	} else {
		key, created, err = audit.LoadOrCreateKey(path)
	}
	if err != nil {
		return nil, err
	}
	head := f.headFile(path, key)
	if created {
		log.Warn("audit key generated: keep it safe and apart from database backups", "file", path, "key_id", key.ID())
	}
	log.Info("audit chain", "key_file", path, "key_id", key.ID(), "head_file", head.Path)
	return &audit.Keeper{Key: key, Head: head, Now: time.Now, Log: log}, nil
}

// sealEvery is how often a server seals the audit entries waiting.
const sealEvery = 500 * time.Millisecond

// startSealing runs k over a's database until the returned stop is called,
// which seals what is left and waits for it. It does not end with ctx: the
// requests under way when a server is told to stop still record, and are
// sealed after them.
func (a *app) startSealing(ctx context.Context, k *audit.Keeper) (stop func()) {
	k.Store = a.db
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() { k.Run(sctx, sealEvery) })
	return func() {
		cancel()
		wg.Wait()
	}
}

// cliKeeper reads the key named for an administrative command (never
// generating one) and returns the keeper of dsn's chain, to be given the
// database as its Store.
func (c *cli) cliKeeper(cmd string, f *auditFiles, dsn string) (*audit.Keeper, error) {
	path, err := f.keyPath(dsn, "")
	if err != nil {
		return nil, usagef(cmd, "--audit-key-file is required with PostgreSQL (or set %s)", envAuditKey)
	}
	key, err := audit.LoadKey(path)
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return &audit.Keeper{Key: key, Head: f.headFile(path, key), Now: time.Now, Log: log}, nil
}

// auditFlagSet is the flag set of an audit command: --db and the key and
// head files; parse reads args into it and builds the keeper for the files.
type auditFlagSet struct {
	cmd   string
	fs    *flag.FlagSet
	dsn   *string
	files auditFiles
}

func (c *cli) auditFlagSet(cmd string) *auditFlagSet {
	a := &auditFlagSet{cmd: cmd, fs: flags(cmd)}
	a.dsn = c.dbFlag(a.fs)
	c.auditFlags(a.fs, &a.files)
	return a
}

// parse reads args and requires --db and the names given.
func (a *auditFlagSet) parse(c *cli, args []string, names ...string) error {
	if err := c.parse(a.cmd, a.fs, args); err != nil {
		return err
	}
	return required(a.cmd, a.fs, append([]string{"db"}, names...)...)
}

// keeper builds the keeper of the key and head files the flags name.
func (a *auditFlagSet) keeper(c *cli) (*audit.Keeper, error) {
	return c.cliKeeper(a.cmd, &a.files, *a.dsn)
}

func runAuditVerify(ctx context.Context, c *cli, args []string) error {
	set := c.auditFlagSet("audit verify")
	dsn := set.dsn
	if err := set.parse(c, args); err != nil {
		return err
	}
	k, err := set.keeper(c)
	if err != nil {
		return err
	}
	// Verify only reads: the database is opened, not migrated.
	db, err := sqlstore.Open(ctx, *dsn)
	if err != nil {
		return fmt.Errorf("open database %s: %w", redact(*dsn), err)
	}
	defer db.Close()
	k.Store = db
	r, err := k.Verify(ctx)
	if err != nil {
		return err
	}
	if r.Unsealed > 0 {
		fmt.Fprintf(c.stdout, "warning: %d audit entries written more than %s ago are not sealed yet: is no server sealing? ('zhitong audit seal' seals them)\n",
			r.Unsealed, audit.UnsealedGrace)
	}
	if r.Problem != nil {
		return r.Problem
	}
	msg := fmt.Sprintf("verified %d entries up to seq %d", r.Entries, r.Last)
	if r.Checkpoint != nil {
		msg += fmt.Sprintf(", from the checkpoint at seq %d", r.Checkpoint.Seq)
	}
	if r.Head != nil {
		msg += fmt.Sprintf("; the head file (%s) is at seq %d", k.Head.Path, r.Head.Seq)
	}
	fmt.Fprintln(c.stdout, msg)
	return nil
}

func runAuditSeal(ctx context.Context, c *cli, args []string) error {
	set := c.auditFlagSet("audit seal")
	dsn := set.dsn
	if err := set.parse(c, args); err != nil {
		return err
	}
	k, err := set.keeper(c)
	if err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	k.Store = a.db
	n, err := k.Seal(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "sealed %d audit entries\n", n)
	return nil
}

func runAuditPrune(ctx context.Context, c *cli, args []string) error {
	const cmd = "audit prune"
	set := c.auditFlagSet(cmd)
	dsn := set.dsn
	beforeText := set.fs.String("before", "", "delete the entries written before this day, YYYY-MM-DD (China Standard Time); at least 180 days ago (required)")
	if err := set.parse(c, args, "before"); err != nil {
		return err
	}
	before, err := time.ParseInLocation("2006-01-02", *beforeText, appeal.CST)
	if err != nil {
		return usagef(cmd, "--before must be a day, YYYY-MM-DD, not %q", *beforeText)
	}
	k, err := set.keeper(c)
	if err != nil {
		return err
	}
	a, _, err := c.openQuiet(ctx, *dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	k.Store = a.db
	cp, n, err := k.Prune(ctx, before)
	if err != nil {
		return err
	}
	if cp == nil {
		fmt.Fprintf(c.stdout, "nothing to prune: no sealed audit entry was written before %s\n", *beforeText)
		return nil
	}
	fmt.Fprintf(c.stdout, "pruned %d audit entries written before %s; the checkpoint at seq %d keeps the chain verifiable\n",
		n, *beforeText, cp.Seq)
	return nil
}

package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"zhitong/internal/audit"
	"zhitong/internal/sqlstore"
)

// Backup and restore of the database: a consistent copy of a live SQLite
// file, put back in place of a stopped server's; PostgreSQL has pg_dump
// and pg_restore, whose commands these print.

const backupAbout = `
Take a consistent copy of a live SQLite database into the file OUT (VACUUM
INTO: one snapshot, while the server goes on writing), check the copy's
integrity, and copy the audit chain's head file next to it (OUT.audit-head.json),
so that a restore can verify the chain of the copy. It never writes over a
file. Keep the audit key file apart from the backups.
Usage: zhitong backup --db FILE OUT
For PostgreSQL it prints the pg_dump command to use and exits with status 2.`

const restoreAbout = `
Put the backup IN in place of the SQLite database FILE of a stopped server:
the backup is copied next to FILE, checked (PRAGMA integrity_check, and the
audit chain verified with the key against the head copied at backup), and
renamed over FILE in one step; the database it replaces is kept as
FILE.pre-restore-TIME, and the audit head file is set back to the backup's.
A database that a server has open is refused: stop the server first (--force
skips that check and a failed audit verification, for when you are sure).
Usage: zhitong restore --db FILE IN
For PostgreSQL it prints the pg_restore command to use and exits with status 2.`

// backupCommands are the subcommands of this file's concern; see commands().
func backupCommands() []command {
	return []command{
		{"backup", "copy a live SQLite database consistently into a new file", backupAbout, runBackup},
		{"restore", "put a backup in place of a stopped server's SQLite database", restoreAbout, runRestore},
	}
}

// headSuffix names the copy of the audit head file that goes with a backup.
const headSuffix = ".audit-head.json"

// parseOne parses args for cmd, which takes flags and one file argument,
// before or after the flags.
func (c *cli) parseOne(cmd string, fs *flag.FlagSet, args []string, what string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", c.parse(cmd, fs, args) // the same error, as a usage line (or the help)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return "", usagef(cmd, "name the %s", what)
	}
	file := rest[0]
	if err := c.parse(cmd, fs, rest[1:]); err != nil {
		return "", err
	}
	return file, nil
}

func runBackup(ctx context.Context, c *cli, args []string) error {
	const cmd = "backup"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	var af auditFiles
	c.auditFlags(fs, &af)
	out, err := c.parseOne(cmd, fs, args, "backup file to write, OUT")
	if err != nil {
		return err
	}
	if sqlstore.IsPostgres(*dsn) {
		fmt.Fprintf(c.stdout, "Back up PostgreSQL with pg_dump, which reads one consistent snapshot while the servers go on:\n"+
			"  pg_dump --format=custom --file=%s '%s'\n"+
			"and copy the audit head file (%s) with it; keep the audit key file apart.\n", out, *dsn, orDash(af.head))
		return usagef(cmd, "--db is a PostgreSQL server: back it up with pg_dump as shown above")
	}
	if _, err := os.Stat(*dsn); err != nil {
		return fmt.Errorf("--db %s: %w", *dsn, err)
	}
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%s exists already: a backup never writes over a file; name a new one", out)
	}
	headNote, err := copyHead(&af, *dsn, out+headSuffix)
	if err != nil {
		return err
	}
	tmp := tempName(out)
	defer os.Remove(tmp)
	err = sqlstore.BackupSQLite(ctx, *dsn, tmp)
	if err == nil {
		err = sqlstore.CheckSQLite(ctx, tmp)
	}
	if err == nil {
		err = os.Link(tmp, out) // unlike a rename, never over a file
	}
	if err != nil {
		os.Remove(out + headSuffix)
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncDir(filepath.Dir(out)); err != nil {
		return err
	}
	st, _ := os.Stat(out)
	fmt.Fprintf(c.stdout, "backed up %s to %s (%d bytes, integrity ok)%s\n", *dsn, out, st.Size(), headNote)
	return nil
}

// copyHead copies the audit head file of the database at dsn to dst,
// before the database is copied: the head it holds is then never beyond the
// copy's chain. It says what it did, for the report.
func copyHead(af *auditFiles, dsn, dst string) (string, error) {
	key, err := af.keyPath(dsn, "")
	if err != nil {
		return "", err
	}
	src := af.head
	if src == "" {
		src = audit.DefaultHeadPath(key)
	}
	b, err := os.ReadFile(src)
	if errors.Is(err, fs.ErrNotExist) {
		return "; no audit head file to copy", nil
	} else if err != nil {
		return "", err
	}
	if err := writeNew(dst, b); err != nil {
		return "", err
	}
	return "; audit head copied to " + dst, nil
}

func runRestore(ctx context.Context, c *cli, args []string) error {
	const cmd = "restore"
	fs := flags(cmd)
	dsn := c.dbFlag(fs)
	force := fs.Bool("force", false, "restore even if the database seems in use or the backup's audit chain does not verify")
	var af auditFiles
	c.auditFlags(fs, &af)
	in, err := c.parseOne(cmd, fs, args, "backup file to restore, IN")
	if err != nil {
		return err
	}
	if sqlstore.IsPostgres(*dsn) {
		fmt.Fprintf(c.stdout, "Restore PostgreSQL with pg_restore, into an empty database, with no server running on it:\n"+
			"  pg_restore --dbname='%s' --no-owner --exit-on-error --single-transaction %s\n"+
			"then put back the audit head file saved with the dump and run 'zhitong audit verify'.\n", *dsn, in)
		return usagef(cmd, "--db is a PostgreSQL server: restore it with pg_restore as shown above")
	}
	if _, err := os.Stat(in); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if inUse, err := sqlstore.SQLiteInUse(ctx, *dsn); err != nil {
		return err
	} else if inUse && !*force {
		return fmt.Errorf("%s is in use: a server has it open; stop the server first (or give --force if you are sure none runs)", *dsn)
	}
	tmp := tempName(*dsn)
	defer removeDB(tmp)
	report, head, err := c.checkBackup(ctx, &af, *dsn, in, tmp, *force)
	if err != nil {
		return err
	}
	kept, err := install(tmp, *dsn)
	if err != nil {
		return err
	}
	if err := resetHead(head, in+headSuffix); err != nil {
		return err
	}
	if err := c.recordRestore(ctx, *dsn, in, kept); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "restored %s from %s (integrity ok; %s)\n", *dsn, in, report)
	if kept != "" {
		fmt.Fprintf(c.stdout, "the database it replaced is kept as %s\n", kept)
	}
	return nil
}

// checkBackup copies the backup in to tmp and checks the copy: its
// integrity, and its audit chain (see verifyBackup), which force lets
// fail. It returns what it found and the live audit head file.
func (c *cli) checkBackup(ctx context.Context, af *auditFiles, dsn, in, tmp string, force bool) (string, *audit.HeadFile, error) {
	if err := copyNew(in, tmp); err != nil {
		return "", nil, err
	}
	if err := sqlstore.CheckSQLite(ctx, tmp); err != nil {
		return "", nil, err
	}
	report, head, err := c.verifyBackup(ctx, af, dsn, tmp, in+headSuffix)
	switch {
	case err != nil && !force:
		return "", nil, fmt.Errorf("the backup's audit chain does not verify, so it was not restored (--force restores it anyway): %w", err)
	case err != nil:
		report = "audit chain NOT verified (--force): " + oneLine(err.Error())
	}
	return report, head, nil
}

// verifyBackup verifies the audit chain of the copy tmp of a backup, with
// the key of the database at dsn and the head saved with the backup, and
// returns what it found in a few words and the live head file. A database
// without an audit key (never served) has nothing to verify.
func (c *cli) verifyBackup(ctx context.Context, af *auditFiles, dsn, tmp, savedHead string) (string, *audit.HeadFile, error) {
	keyPath, err := af.keyPath(dsn, "")
	if err != nil {
		return "", nil, err
	}
	key, err := audit.LoadKey(keyPath)
	if errors.Is(err, fs.ErrNotExist) {
		return "no audit key at " + keyPath + ": the audit chain was not verified", nil, nil
	} else if err != nil {
		return "", nil, err
	}
	live := af.headFile(keyPath, key)
	k := &audit.Keeper{Key: key, Now: time.Now}
	if _, err := os.Stat(savedHead); err == nil {
		k.Head = &audit.HeadFile{Path: savedHead, Key: key}
	}
	db, err := sqlstore.Open(ctx, tmp)
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil { // a backup from before the audit log has none to verify
		return "", nil, err
	}
	k.Store = db
	r, err := k.Verify(ctx)
	if err != nil {
		return "", nil, err
	}
	if r.Problem != nil {
		return "", live, fmt.Errorf("%s", c.message(r.Problem))
	}
	msg := fmt.Sprintf("audit chain verified: %d entries up to seq %d", r.Entries, r.Last)
	if k.Head == nil {
		msg += fmt.Sprintf(" (no head saved with the backup: %s was not there)", savedHead)
	}
	return msg, live, nil
}

// install renames tmp over dst in one step, keeping the database it
// replaces (hard-linked, so that it costs no copy) and dropping that
// database's WAL and shared-memory files, which belong to it alone. It
// returns the name the old database is kept under, "" if there was none.
func install(tmp, dst string) (string, error) {
	var kept string
	if _, err := os.Stat(dst); err == nil {
		kept = dst + ".pre-restore-" + time.Now().Format("20060102-150405")
		if err := os.Link(dst, kept); err != nil {
			return "", fmt.Errorf("keep the database restored over: %w", err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		return "", err
	}
	return kept, syncDir(filepath.Dir(dst))
}

// resetHead sets the live audit head file back to the head saved with the
// backup: the live one is at the end of the chain that the restore has just
// replaced, and would report the restored chain as cut off. Without a saved
// head, the live file is moved aside; the next seal writes a new one.
func resetHead(live *audit.HeadFile, saved string) error {
	if live == nil {
		return nil
	}
	b, err := os.ReadFile(saved)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Rename(live.Path, live.Path+".pre-restore-"+time.Now().Format("20060102-150405")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	case err != nil:
		return err
	}
	tmp := tempName(live.Path)
	defer os.Remove(tmp)
	if err := writeNew(tmp, b); err != nil {
		return err
	}
	return os.Rename(tmp, live.Path)
}

// recordRestore writes the restore into the restored database's audit log
// (sealed when a server next starts), migrating it first if it is older
// than this binary.
func (c *cli) recordRestore(ctx context.Context, dsn, in, kept string) error {
	a, _, err := c.openQuiet(ctx, dsn)
	if err != nil {
		return err
	}
	defer a.Close()
	detail := "restored from the backup " + in
	if kept != "" {
		detail += "; the database replaced is kept as " + kept
	}
	return a.db.Record(ctx, audit.Entry{At: time.Now(), ActorName: "zhitong restore", Action: "system.restore",
		Object: "database", Outcome: audit.OK, Detail: detail})
}

// removeDB removes a SQLite file and what SQLite may have left next to it.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// tempName returns a fresh name in path's directory for a file that
// becomes path.
func tempName(path string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+hex.EncodeToString(b))
}

// writeNew writes b to the new file path, synced; it never writes over one.
func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// copyNew copies the file src to the new file dst, synced.
func copyNew(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncDir flushes a directory's entries (a rename or link in it) to the disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

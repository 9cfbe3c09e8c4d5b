package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
)

// Backups of a SQLite database, for the backup and restore commands. A
// PostgreSQL database is backed up with pg_dump and restored with
// pg_restore, which need nothing of ours.

// openFile opens an existing SQLite file on one connection, with pragmas;
// it refuses a file that does not exist rather than create an empty one.
func openFile(path string, pragmas ...string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	q := url.Values{"_pragma": append([]string{"busy_timeout(10000)"}, pragmas...)}
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// BackupSQLite writes a consistent copy of the SQLite database at src to
// dst with VACUUM INTO: one read transaction, so that a server keeps
// writing meanwhile (WAL) and the copy is the database as of one moment,
// compacted. It never writes over a file: dst must not exist.
func BackupSQLite(ctx context.Context, src, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s exists already", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	db, err := openFile(src)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO $1`, dst); err != nil {
		return fmt.Errorf("backup %s: %w", src, err)
	}
	return syncFile(dst)
}

// CheckSQLite runs PRAGMA integrity_check on the SQLite database at path
// and returns nil if it says ok, else an error with what it found first.
// It also checks that the file is a database of zhitong (it has migrations).
func CheckSQLite(ctx context.Context, path string) error {
	db, err := openFile(path)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var found []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return fmt.Errorf("%s: %w", path, err)
		}
		found = append(found, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(found) != 1 || found[0] != "ok" {
		return fmt.Errorf("%s fails its integrity check: %s", path, strings.Join(found[:min(len(found), 5)], "; "))
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n == 0 {
		return fmt.Errorf("%s is not a zhitong database (no migrations in it)", path)
	}
	return nil
}

// SQLiteInUse reports whether another connection — a server — has the
// SQLite database at path open. It asks to take the database out of WAL
// mode, which SQLite does only for a connection that has the file alone;
// a file nobody has open is checkpointed into one file by it, which is
// what a restore wants. A file that does not exist is not in use.
func SQLiteInUse(ctx context.Context, path string) (bool, error) {
	db, err := openFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return false, err
	}
	var mode string
	err = db.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode)
	if err != nil {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return true, nil
		}
		return false, err
	}
	return !strings.EqualFold(mode, "delete"), nil
}

// syncFile flushes path to the disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// The nouns of not-found errors of this file and sessions.go.
const (
	nounSession = "noun.session"
	nounSetting = "noun.setting"
)

// Credentials reads the credentials of user id.
func (db *DB) Credentials(ctx context.Context, userID int64) (*account.Credentials, error) {
	c := account.Credentials{UserID: userID}
	err := db.readRow(ctx, `SELECT password_hash, must_change, password_changed_at, totp_secret, totp_enabled, totp_last_step, sms_enabled
		FROM users WHERE id = $1`, userID).
		Scan(&c.PasswordHash, &c.MustChange, nullTime{&c.PasswordChangedAt}, &c.TOTPSecret, &c.TOTPEnabled, &c.TOTPLastStep, &c.SMSEnabled)
	if err != nil {
		return nil, readErr(err, "credentials", nounUser)
	}
	return &c, nil
}

// updateUser runs one UPDATE of user id's row in tx: no row is NotFound.
func updateUser(ctx context.Context, tx *txn, op, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fault.Wrap(err, "sqlstore: "+op)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fault.Wrap(err, "sqlstore: "+op)
	} else if n == 0 {
		return notFound(nounUser)
	}
	return nil
}

// SetPassword stores a new password hash of user id and revokes every
// session of the user but keep, in one transaction.
func (db *DB) SetPassword(ctx context.Context, userID int64, hash string, mustChange bool, at time.Time, keep int64) error {
	return db.inWrite(ctx, "set password", func(ctx context.Context, tx *txn) error {
		if err := updateUser(ctx, tx, "set password", `UPDATE users SET password_hash = $1, must_change = $2, password_changed_at = $3
			WHERE id = $4`, hash, mustChange, msNotNull(at), userID); err != nil {
			return err
		}
		_, err := revokeSessions(ctx, tx, userID, at, keep)
		return err
	})
}

// SetTOTP stores the second factor of user id; with revoke it also ends
// every session of the user. A new secret may be used from any step on.
func (db *DB) SetTOTP(ctx context.Context, userID int64, secret string, enabled bool, at time.Time, revoke bool) error {
	return db.inWrite(ctx, "set totp", func(ctx context.Context, tx *txn) error {
		if err := updateUser(ctx, tx, "set totp", `UPDATE users SET totp_secret = $1, totp_enabled = $2,
			totp_last_step = CASE WHEN totp_secret = $1 THEN totp_last_step ELSE 0 END WHERE id = $3`,
			secret, enabled, userID); err != nil {
			return err
		}
		if !revoke {
			return nil
		}
		_, err := revokeSessions(ctx, tx, userID, at, 0)
		return err
	})
}

// UseTOTPStep records step as used by user id, unless it or a later step
// was used before.
func (db *DB) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := db.write.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
	if err != nil {
		return false, fault.Wrap(err, "sqlstore: use totp step")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fault.Wrap(err, "sqlstore: use totp step")
	}
	return n == 1, nil
}

// SetRoles replaces the roles of user id.
func (db *DB) SetRoles(ctx context.Context, userID int64, roles []account.Role) error {
	return db.inWrite(ctx, "set roles", func(ctx context.Context, tx *txn) error {
		return updateUser(ctx, tx, "set roles", `UPDATE users SET roles = $1 WHERE id = $2`, joinList(roles), userID)
	})
}

// SetActive activates or deactivates user id; deactivating revokes every
// session of the user in the same transaction.
func (db *DB) SetActive(ctx context.Context, userID int64, active bool, at time.Time) error {
	return db.inWrite(ctx, "set active", func(ctx context.Context, tx *txn) error {
		if err := updateUser(ctx, tx, "set active", `UPDATE users SET active = $1 WHERE id = $2`, active, userID); err != nil {
			return err
		}
		if active {
			return nil
		}
		_, err := revokeSessions(ctx, tx, userID, at, 0)
		return err
	})
}

// AddLoginFailure records a failed login.
func (db *DB) AddLoginFailure(ctx context.Context, f account.LoginFailure) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO login_failures (username, client_ip, reason, at) VALUES ($1, $2, $3, $4)`,
		f.Username, f.ClientIP, f.Reason, msNotNull(f.At))
	return fault.Wrap(err, "sqlstore: add login failure")
}

// LoginState returns the failures of username from client that count (since
// since and the last reset, attempts during a lock excluded) and the lock.
func (db *DB) LoginState(ctx context.Context, username, client string, since time.Time) (account.LoginState, error) {
	var st account.LoginState
	err := db.inRead(ctx, "login state", func(tx *txn) error {
		var reset int64
		err := tx.QueryRowContext(ctx, `SELECT locked_until, reset_at FROM login_locks WHERE username = $1 AND client_ip = $2`,
			username, client).Scan(nullTime{&st.LockedUntil}, &reset)
		if err != nil && err != sql.ErrNoRows {
			return fault.Wrap(err, "sqlstore: login state")
		}
		from := max(since.UnixMilli(), reset)
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM login_failures
			WHERE username = $1 AND client_ip = $2 AND at > $3 AND reason <> 'locked'`, username, client, from).Scan(&st.Failures)
		return fault.Wrap(err, "sqlstore: login state")
	})
	return st, err
}

// ClientFailures returns how many logins failed from client since since,
// and when the last one failed.
func (db *DB) ClientFailures(ctx context.Context, client string, since time.Time) (int, time.Time, error) {
	var n int
	var last time.Time
	err := db.readRow(ctx, `SELECT count(*), max(at) FROM login_failures WHERE client_ip = $1 AND at > $2`,
		client, since.UnixMilli()).Scan(&n, nullTime{&last})
	if err != nil {
		return 0, time.Time{}, fault.Wrap(err, "sqlstore: client failures")
	}
	return n, last, nil
}

// upsertLock writes the lock row of username from client.
const upsertLock = `INSERT INTO login_locks (username, client_ip, locked_until, reset_at) VALUES ($1, $2, $3, $4)
	ON CONFLICT (username, client_ip) DO UPDATE SET locked_until = excluded.locked_until, reset_at = excluded.reset_at`

// LockLogin locks username from client until until; failures before at no longer count.
func (db *DB) LockLogin(ctx context.Context, username, client string, at, until time.Time) error {
	_, err := db.write.ExecContext(ctx, upsertLock, username, client, msNotNull(until), msNotNull(at))
	return fault.Wrap(err, "sqlstore: lock login")
}

// ResetLogin forgets the failures of username from client before at and
// lifts the lock of that client.
func (db *DB) ResetLogin(ctx context.Context, username, client string, at time.Time) error {
	_, err := db.write.ExecContext(ctx, upsertLock, username, client, nil, msNotNull(at))
	return fault.Wrap(err, "sqlstore: reset login")
}

// UnlockLogin lifts the locks of username from every client, forgets the
// failures before at, and returns how many locks were in force.
func (db *DB) UnlockLogin(ctx context.Context, username string, at time.Time) (int, error) {
	var n int
	err := db.inWrite(ctx, "unlock login", func(ctx context.Context, tx *txn) error {
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM login_locks WHERE username = $1 AND locked_until > $2`,
			username, msNotNull(at)).Scan(&n)
		if err != nil {
			return fault.Wrap(err, "sqlstore: unlock login")
		}
		_, err = tx.ExecContext(ctx, `UPDATE login_locks SET locked_until = NULL, reset_at = $1 WHERE username = $2`,
			msNotNull(at), username)
		return fault.Wrap(err, "sqlstore: unlock login")
	})
	return n, err
}

// Setting reads a setting; NotFound when it was never set.
func (db *DB) Setting(ctx context.Context, name string) (string, error) {
	var v string
	err := db.readRow(ctx, `SELECT value FROM settings WHERE name = $1`, name).Scan(&v)
	if err != nil {
		return "", readErr(err, "setting", nounSetting)
	}
	return v, nil
}

// SetSetting stores a setting, by user by (0: the command line).
func (db *DB) SetSetting(ctx context.Context, name, value string, at time.Time, by int64) error {
	return putSetting(ctx, db.write, name, value, at, by)
}

func scanToken(row scanner, t *account.Token) error {
	var h string
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Scope, &h, timeOf{&t.CreatedAt},
		nullTime{&t.ExpiresAt}, nullTime{&t.RevokedAt}, nullTime{&t.LastUsed}); err != nil {
		return err
	}
	var err error
	t.Hash, err = hashOf(h)
	return err
}

// Token reads token id.
func (db *DB) Token(ctx context.Context, id int64) (*account.Token, error) {
	var t account.Token
	if err := scanToken(db.readRow(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE id = $1`, id), &t); err != nil {
		return nil, readErr(err, "token", nounToken)
	}
	return &t, nil
}

// TokensOf lists the tokens of user id, newest first.
func (db *DB) TokensOf(ctx context.Context, userID int64) ([]account.Token, error) {
	rows, err := db.readRows(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: tokens")
	}
	return collect(rows, "tokens", scanToken)
}

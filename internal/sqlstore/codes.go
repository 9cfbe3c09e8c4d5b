package sqlstore

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
)

// IssueCode stores c, retires the unused codes of its purpose and subject,
// and writes the SMS carrying code, in one transaction; a code issued for
// them less than resend ago makes it a Conflict (code.wait).
func (db *DB) IssueCode(ctx context.Context, c *account.OneTimeCode, code string, resend time.Duration) error {
	kind := notify.LoginCode
	if c.Purpose == account.CodeAccount {
		kind = notify.AccountCode
	}
	return db.inWrite(ctx, "issue code", func(ctx context.Context, tx *txn) error {
		var last int64
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(created_at), 0) FROM one_time_codes WHERE purpose = $1 AND subject = $2`,
			string(c.Purpose), c.Subject).Scan(&last)
		if err != nil {
			return fault.Wrap(err, "sqlstore: issue code")
		}
		if wait := time.UnixMilli(last).Add(resend).Sub(c.CreatedAt); last > 0 && wait > 0 {
			return fault.E(fault.Conflict, "code.wait", int(wait.Seconds())+1)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE one_time_codes SET used_at = $1 WHERE purpose = $2 AND subject = $3 AND used_at IS NULL`,
			msNotNull(c.CreatedAt), string(c.Purpose), c.Subject); err != nil {
			return fault.Wrap(err, "sqlstore: issue code")
		}
		id, err := insertID(ctx, tx, `INSERT INTO one_time_codes (purpose, subject, hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, string(c.Purpose), c.Subject, hexOf(c.Hash), msNotNull(c.CreatedAt), msNotNull(c.ExpiresAt))
		if err != nil {
			return writeErr(err, "issue code", nil)
		}
		minutes := strconv.Itoa(int(c.ExpiresAt.Sub(c.CreatedAt).Minutes()))
		m := notify.Message{ID: "code" + strconv.FormatInt(id, 10), Kind: kind, Channel: notify.ChannelSMS, To: c.Phone,
			Params: map[string]string{"code": code, "minutes": minutes}}
		return enqueue(ctx, tx, c.CreatedAt, []outbox.New{{Message: m}})
	})
}

// UseCode reports whether hash is the live code of purpose and subject at
// now, and uses it up; each try counts, and the maxAttempts-th retires it.
func (db *DB) UseCode(ctx context.Context, purpose account.CodePurpose, subject int64, hash []byte, now time.Time, maxAttempts int) (bool, error) {
	ok := false
	err := db.inWrite(ctx, "use code", func(ctx context.Context, tx *txn) error {
		var id int64
		var stored string
		var attempts int
		err := tx.QueryRowContext(ctx, `SELECT id, hash, attempts FROM one_time_codes
			WHERE purpose = $1 AND subject = $2 AND used_at IS NULL AND expires_at > $3 ORDER BY id DESC LIMIT 1`,
			string(purpose), subject, msNotNull(now)).Scan(&id, &stored, &attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return fault.Wrap(err, "sqlstore: use code")
		}
		ok = subtle.ConstantTimeCompare([]byte(stored), []byte(hexOf(hash))) == 1
		used := "NULL"
		if ok || attempts+1 >= maxAttempts {
			used = strconv.FormatInt(msNotNull(now), 10)
		}
		_, err = tx.ExecContext(ctx, `UPDATE one_time_codes SET attempts = attempts + 1, used_at = `+used+` WHERE id = $1`, id)
		return fault.Wrap(err, "sqlstore: use code")
	})
	return ok, err
}

// VerifyEnterprisePhone records that account id's holder proved the phone
// at at, and confirms the account if the phone is its enterprise's contact
// number in the registry. It reports whether the account is confirmed.
func (db *DB) VerifyEnterprisePhone(ctx context.Context, id int64, at time.Time) (bool, error) {
	var confirmed bool
	err := db.inWrite(ctx, "verify phone", func(ctx context.Context, tx *txn) error {
		var phone, contact string
		err := tx.QueryRowContext(ctx, `SELECT a.phone, e.contact_phone FROM enterprise_accounts a JOIN enterprises e ON e.id = a.enterprise_id
			WHERE a.id = $1`, id).Scan(&phone, &contact)
		if err != nil {
			return readErr(err, "verify phone", nounAccount)
		}
		a, aerr := notify.Mobile(contact)
		b, berr := notify.Mobile(phone)
		same := aerr == nil && berr == nil && a == b
		if _, err := tx.ExecContext(ctx, `UPDATE enterprise_accounts SET phone_verified_at = $1,
			confirmed_at = CASE WHEN $2 AND NOT confirmed THEN $1 ELSE confirmed_at END,
			confirmed = confirmed OR $2 WHERE id = $3`, msNotNull(at), same, id); err != nil {
			return fault.Wrap(err, "sqlstore: verify phone")
		}
		return tx.QueryRowContext(ctx, `SELECT confirmed FROM enterprise_accounts WHERE id = $1`, id).Scan(&confirmed)
	})
	return confirmed, err
}

// SetSMSFactor records whether user id signs in with SMS codes.
func (db *DB) SetSMSFactor(ctx context.Context, userID int64, on bool) error {
	return db.inWrite(ctx, "set sms factor", func(ctx context.Context, tx *txn) error {
		return updateUser(ctx, tx, "set sms factor", `UPDATE users SET sms_enabled = $1 WHERE id = $2`, on, userID)
	})
}

package sqlstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"zhitong/internal/fault"
)

// SpendCaptcha records the nonce of a portal challenge as used until it
// expires, and reports whether it was fresh. Expired nonces are pruned as
// they go by: a challenge past its expiry is refused by its signature.
func (db *DB) SpendCaptcha(ctx context.Context, nonce string, until time.Time) (bool, error) {
	fresh := false
	err := db.inWrite(ctx, "captcha: spend", func(ctx context.Context, tx *txn) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO captcha_spent (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING`,
			nonce, until.UnixMilli())
		if err != nil {
			return fault.Wrap(err, "sqlstore: captcha: spend")
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fault.Wrap(err, "sqlstore: captcha: spend")
		}
		fresh = n == 1
		if _, err = tx.ExecContext(ctx, `DELETE FROM captcha_spent WHERE expires_at < $1`, time.Now().Add(-time.Minute).UnixMilli()); err != nil {
			return fault.Wrap(err, "sqlstore: captcha: prune")
		}
		return nil
	})
	return fresh, err
}

// captchaKeySetting names the setting that holds the key the portal's
// challenges are signed with: one key in the database serves every
// instance, so that a picture drawn by one is checked by another.
const captchaKeySetting = "captcha_key"

// CaptchaKey returns the portal's signing key, made on first use. Two
// instances starting together may both make one; the first stored wins and
// both read it back.
func (db *DB) CaptchaKey(ctx context.Context) ([]byte, error) {
	v, err := db.Setting(ctx, captchaKeySetting)
	if fault.Is(err, fault.NotFound) {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, fault.Wrap(err, "sqlstore: captcha key")
		}
		if _, err := db.write.ExecContext(ctx, `INSERT INTO settings (name, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
			captchaKeySetting, hex.EncodeToString(b), time.Now().UnixMilli()); err != nil {
			return nil, fault.Wrap(err, "sqlstore: captcha key")
		}
		v, err = db.Setting(ctx, captchaKeySetting)
	}
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) < 32 {
		return nil, fault.Wrap(fmt.Errorf("setting %s is not a 32-byte hex key", captchaKeySetting), "sqlstore: captcha key")
	}
	return key, nil
}

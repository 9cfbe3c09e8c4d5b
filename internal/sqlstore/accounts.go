package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

const userColumns = `id, username, name, phone, unit_id, roles, active, created_at, email`

func scanUser(row scanner, u *account.User) error {
	var roles string
	err := row.Scan(&u.ID, &u.Username, &u.Name, &u.Phone, &u.UnitID, &roles, &u.Active, timeOf{&u.CreatedAt}, &u.Email)
	u.Roles = splitList[account.Role](roles)
	return err
}

// CreateUser inserts u and sets its ID. A taken user name is a Conflict.
func (db *DB) CreateUser(ctx context.Context, u *account.User) error {
	id, err := insertID(ctx, db.write, `INSERT INTO users (username, name, phone, unit_id, roles, active, created_at, email)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		u.Username, u.Name, u.Phone, u.UnitID, joinList(u.Roles), u.Active, msNotNull(u.CreatedAt), u.Email)
	if err != nil {
		return writeErr(err, "create user", fault.E(fault.Conflict, "account.dup", u.Username))
	}
	u.ID = id
	return nil
}

// User reads one officer.
func (db *DB) User(ctx context.Context, id int64) (*account.User, error) {
	return db.user(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id)
}

// UserByUsername reads one officer by user name.
func (db *DB) UserByUsername(ctx context.Context, username string) (*account.User, error) {
	return db.user(ctx, `SELECT `+userColumns+` FROM users WHERE username = $1`, username)
}

func (db *DB) user(ctx context.Context, query string, arg any) (*account.User, error) {
	var u account.User
	if err := scanUser(db.readRow(ctx, query, arg), &u); err != nil {
		return nil, readErr(err, "user", nounUser)
	}
	return &u, nil
}

// Users lists the officers of the units under root (root included; 0: all), by id.
func (db *DB) Users(ctx context.Context, root int64) ([]account.User, error) {
	prefix, err := db.pathOf(ctx, root)
	if err != nil {
		return nil, err
	}
	rows, err := db.readRows(ctx, `SELECT `+prefixed("u.", userColumns)+`
		FROM users u JOIN units n ON n.id = u.unit_id WHERE n.path LIKE $1 ORDER BY u.id`, prefix+"%")
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: users")
	}
	return collect(rows, "users", scanUser)
}

const enterpriseAccountColumns = `id, enterprise_id, name, phone, confirmed, created_at, password_hash, confirmed_by, confirmed_at, phone_verified_at`

// CreateEnterpriseAccount inserts a and sets its ID. A phone already taken
// is a Conflict.
func (db *DB) CreateEnterpriseAccount(ctx context.Context, a *account.EnterpriseAccount) error {
	id, err := insertID(ctx, db.write, `INSERT INTO enterprise_accounts (enterprise_id, name, phone, confirmed, created_at, password_hash)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, a.EnterpriseID, a.Name, a.Phone, a.Confirmed, msNotNull(a.CreatedAt), a.PasswordHash)
	if err != nil {
		return writeErr(err, "create enterprise account", fault.Field("phone", "signup.phone"))
	}
	a.ID = id
	return nil
}

func scanEnterpriseAccount(row scanner, a *account.EnterpriseAccount) error {
	var by sql.NullInt64
	err := row.Scan(&a.ID, &a.EnterpriseID, &a.Name, &a.Phone, &a.Confirmed, timeOf{&a.CreatedAt}, &a.PasswordHash, &by, nullTime{&a.ConfirmedAt}, nullTime{&a.PhoneVerifiedAt})
	a.ConfirmedBy = by.Int64
	return err
}

// EnterpriseAccount reads one enterprise account.
func (db *DB) EnterpriseAccount(ctx context.Context, id int64) (*account.EnterpriseAccount, error) {
	var a account.EnterpriseAccount
	if err := scanEnterpriseAccount(db.readRow(ctx, `SELECT `+enterpriseAccountColumns+` FROM enterprise_accounts WHERE id = $1`, id), &a); err != nil {
		return nil, readErr(err, "enterprise account", nounAccount)
	}
	return &a, nil
}

// EnterpriseAccountByPhone reads the enterprise account of a phone number.
func (db *DB) EnterpriseAccountByPhone(ctx context.Context, phone string) (*account.EnterpriseAccount, error) {
	var a account.EnterpriseAccount
	if err := scanEnterpriseAccount(db.readRow(ctx, `SELECT `+enterpriseAccountColumns+` FROM enterprise_accounts WHERE phone = $1`, phone), &a); err != nil {
		return nil, readErr(err, "enterprise account", nounAccount)
	}
	return &a, nil
}

// EnterpriseAccounts lists the enterprise accounts, those awaiting
// confirmation first, newest first within each, up to limit.
func (db *DB) EnterpriseAccounts(ctx context.Context, limit int) ([]account.EnterpriseAccount, error) {
	rows, err := db.readRows(ctx, `SELECT `+enterpriseAccountColumns+` FROM enterprise_accounts
		ORDER BY confirmed, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: enterprise accounts")
	}
	return collect(rows, "enterprise accounts", scanEnterpriseAccount)
}

// ConfirmEnterpriseAccount records that officer by confirmed account id at at.
func (db *DB) ConfirmEnterpriseAccount(ctx context.Context, id, by int64, at time.Time) error {
	res, err := db.write.ExecContext(ctx, `UPDATE enterprise_accounts SET confirmed = TRUE, confirmed_by = $1, confirmed_at = $2
		WHERE id = $3 AND NOT confirmed`, nullable(by), msNotNull(at), id)
	if err != nil {
		return fault.Wrap(err, "sqlstore: confirm enterprise account")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fault.Wrap(err, "sqlstore: confirm enterprise account")
	} else if n == 0 {
		return fault.E(fault.Conflict, "signup.confirmed")
	}
	return nil
}

const tokenColumns = `id, user_id, name, scope, hash, created_at, expires_at, revoked_at, last_used_at`

// CreateToken inserts t and sets its ID; the hash is stored as lowercase hex.
func (db *DB) CreateToken(ctx context.Context, t *account.Token) error {
	id, err := insertID(ctx, db.write, `INSERT INTO tokens (user_id, name, scope, hash, created_at, expires_at, revoked_at, last_used_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		t.UserID, t.Name, t.Scope, hexOf(t.Hash), msNotNull(t.CreatedAt), ms(t.ExpiresAt), ms(t.RevokedAt), ms(t.LastUsed))
	if err != nil {
		return writeErr(err, "create token", fault.E(fault.Conflict, "token.dup"))
	}
	t.ID = id
	return nil
}

// TokenByHash finds a token by the SHA-256 hash of its secret.
func (db *DB) TokenByHash(ctx context.Context, hash []byte) (*account.Token, error) {
	var t account.Token
	var h string
	err := db.readRow(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = $1`, hexOf(hash)).
		Scan(&t.ID, &t.UserID, &t.Name, &t.Scope, &h, timeOf{&t.CreatedAt},
			nullTime{&t.ExpiresAt}, nullTime{&t.RevokedAt}, nullTime{&t.LastUsed})
	if err != nil {
		return nil, readErr(err, "token", nounToken)
	}
	if t.Hash, err = hashOf(h); err != nil {
		return nil, fault.Wrap(err, "sqlstore: token")
	}
	return &t, nil
}

// RevokeToken marks token id revoked now; a token revoked before keeps the
// time it was first revoked.
func (db *DB) RevokeToken(ctx context.Context, id int64) error {
	res, err := db.write.ExecContext(ctx, `UPDATE tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`,
		time.Now().UnixMilli(), id)
	if err != nil {
		return fault.Wrap(err, "sqlstore: revoke token")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fault.Wrap(err, "sqlstore: revoke token")
	} else if n == 0 {
		return notFound(nounToken)
	}
	return nil
}

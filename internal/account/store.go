package account

import "context"

// Store persists officers, enterprise accounts and tokens.
type Store interface {
	CreateUser(ctx context.Context, u *User) error
	User(ctx context.Context, id int64) (*User, error)
	UserByUsername(ctx context.Context, username string) (*User, error)
	// Users lists the users of the units under root (0: all), by id.
	Users(ctx context.Context, root int64) ([]User, error)

	CreateEnterpriseAccount(ctx context.Context, a *EnterpriseAccount) error
	EnterpriseAccount(ctx context.Context, id int64) (*EnterpriseAccount, error)

	CreateToken(ctx context.Context, t *Token) error
	// TokenByHash finds a token by the SHA-256 hash of its secret.
	TokenByHash(ctx context.Context, hash []byte) (*Token, error)
	RevokeToken(ctx context.Context, id int64) error

	SecurityStore   // security_store.go: credentials, sessions, failed logins, settings
	EnterpriseStore // enterprise_login.go: enterprise accounts' sign-in and sessions
	CodeStore       // smscode.go: one-time codes sent by SMS
}

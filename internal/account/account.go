// Package account holds the people who use zhitong: officers with roles in
// units, enterprise accounts apart from them, the API tokens they hold, and
// the Actor — who is asking, and what they may see — that every service
// receives.
package account

import (
	"slices"
	"time"
)

// Role is what an officer may do. An officer may hold several.
type Role string

// The roles of DOMAIN.md.
const (
	Intake     Role = "intake"     // 受理员/坐席: registers appeals
	Federation Role = "federation" // 区工商联: triage, feedback, return visit
	Office     Role = "office"     // 区优化办: assignment, review, redo
	Handler    Role = "handler"    // 承办单位: accepts, handles, replies to tasks
	CityOffice Role = "city"       // 市直通车办: referred appeals, assignment down
	Cadre      Role = "cadre"      // 联企干部: visits, files appeals
	Leader     Role = "leader"     // 领导: reads everything in scope
	Discipline Role = "discipline" // 纪委监委: accountability
	SysAdmin   Role = "sysadmin"   // 系统管理员
	SecAdmin   Role = "secadmin"   // 安全管理员
	Auditor    Role = "auditor"    // 审计管理员
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{Intake, Federation, Office, Handler, CityOffice, Cadre, Leader, Discipline, SysAdmin, SecAdmin, Auditor}

// ValidRole reports whether r is one of the roles.
func ValidRole(r Role) bool { return slices.Contains(Roles, r) }

// User is an officer's account.
type User struct {
	ID        int64
	Username  string
	Name      string
	Phone     string
	Email     string // where notifications are emailed, if anywhere
	UnitID    int64
	Roles     []Role
	Active    bool
	CreatedAt time.Time
}

// HasRole reports whether u holds r.
func (u *User) HasRole(r Role) bool { return slices.Contains(u.Roles, r) }

// EnterpriseAccount is a company's contact person's account on the portal,
// kept apart from officers: it sees its own enterprise's appeals only.
type EnterpriseAccount struct {
	ID           int64
	EnterpriseID int64
	Name         string
	Phone        string // signs in with it; one account per phone
	Confirmed    bool
	CreatedAt    time.Time
	PasswordHash string    // argon2id, as the officers'; empty: no password (cannot sign in)
	ConfirmedBy  int64     // the officer who confirmed it
	ConfirmedAt  time.Time // zero until confirmed
	// PhoneVerifiedAt is when the holder proved the phone with an SMS code;
	// zero if never.
	PhoneVerifiedAt time.Time
}

// Token is an API token. Only the SHA-256 hash of its secret is stored.
type Token struct {
	ID        int64
	UserID    int64 // the officer it acts for
	Name      string
	Scope     TokenScope
	Hash      []byte
	CreatedAt time.Time
	ExpiresAt time.Time // zero: never
	RevokedAt time.Time // zero: in force
	LastUsed  time.Time
}

// TokenScope limits what a token may do beyond its owner's roles.
type TokenScope string

// The scopes.
const (
	ScopeFull    TokenScope = "full"    // everything the owner may do
	ScopeRead    TokenScope = "read"    // reads only
	ScopeDisplay TokenScope = "display" // the wall-screen dashboard only
)

// Active reports whether t may be used at now.
func (t *Token) Active(now time.Time) bool {
	if !t.RevokedAt.IsZero() {
		return false
	}
	return t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt)
}

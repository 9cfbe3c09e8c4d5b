package sqlstore

import (
	"context"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/fault"
)

// sessionTable is a table of browser sessions: the officers' (sessions,
// owned by user_id) or the enterprise accounts' (enterprise_sessions, owned
// by account_id). Both are kept the same way.
type sessionTable struct{ table, owner string }

var (
	officerSessions    = sessionTable{"sessions", "user_id"}
	enterpriseSessions = sessionTable{"enterprise_sessions", "account_id"}
)

// create inserts s and sets its ID; the hash is stored as lowercase hex.
// The owner's sessions that began before prune are deleted.
func (t sessionTable) create(ctx context.Context, db *DB, s *account.Session, prune time.Time) error {
	return db.inWrite(ctx, "create session", func(ctx context.Context, tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.table+` WHERE `+t.owner+` = $1 AND created_at < $2`,
			s.UserID, msNotNull(prune)); err != nil {
			return fault.Wrap(err, "sqlstore: prune sessions")
		}
		id, err := insertID(ctx, tx, `INSERT INTO `+t.table+` (hash, `+t.owner+`, client_ip, created_at, last_seen_at, revoked_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			hexOf(s.Hash), s.UserID, s.ClientIP, msNotNull(s.CreatedAt), msNotNull(s.LastSeen), ms(s.RevokedAt))
		if err != nil {
			return writeErr(err, "create session", fault.E(fault.Conflict, "session.dup"))
		}
		s.ID = id
		return nil
	})
}

func (t sessionTable) byHash(ctx context.Context, db *DB, hash []byte) (*account.Session, error) {
	var s account.Session
	var h string
	err := db.readRow(ctx, `SELECT id, hash, `+t.owner+`, client_ip, created_at, last_seen_at, revoked_at FROM `+t.table+` WHERE hash = $1`, hexOf(hash)).
		Scan(&s.ID, &h, &s.UserID, &s.ClientIP, timeOf{&s.CreatedAt}, timeOf{&s.LastSeen}, nullTime{&s.RevokedAt})
	if err != nil {
		return nil, readErr(err, "session", nounSession)
	}
	if s.Hash, err = hashOf(h); err != nil {
		return nil, fault.Wrap(err, "sqlstore: session")
	}
	return &s, nil
}

func (t sessionTable) touch(ctx context.Context, db *DB, id int64, at time.Time) error {
	_, err := db.write.ExecContext(ctx, `UPDATE `+t.table+` SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1`, msNotNull(at), id)
	return fault.Wrap(err, "sqlstore: touch session")
}

func (t sessionTable) revoke(ctx context.Context, db *DB, id int64, at time.Time) error {
	res, err := db.write.ExecContext(ctx, `UPDATE `+t.table+` SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`, msNotNull(at), id)
	if err != nil {
		return fault.Wrap(err, "sqlstore: revoke session")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fault.Wrap(err, "sqlstore: revoke session")
	} else if n == 0 {
		return notFound(nounSession)
	}
	return nil
}

// CreateSession inserts an officer's session s and sets its ID; the user's
// sessions that began before prune are deleted.
func (db *DB) CreateSession(ctx context.Context, s *account.Session, prune time.Time) error {
	return officerSessions.create(ctx, db, s, prune)
}

// SessionByHash finds an officer's session by the SHA-256 of its id.
func (db *DB) SessionByHash(ctx context.Context, hash []byte) (*account.Session, error) {
	return officerSessions.byHash(ctx, db, hash)
}

// TouchSession records that session id was used at at (never moving back).
func (db *DB) TouchSession(ctx context.Context, id int64, at time.Time) error {
	return officerSessions.touch(ctx, db, id, at)
}

// RevokeSession ends session id at at; a session ended before keeps its time.
func (db *DB) RevokeSession(ctx context.Context, id int64, at time.Time) error {
	return officerSessions.revoke(ctx, db, id, at)
}

// CreateEnterpriseSession inserts an enterprise account's session s (its
// UserID is the account's id), pruning the account's older ones.
func (db *DB) CreateEnterpriseSession(ctx context.Context, s *account.Session, prune time.Time) error {
	return enterpriseSessions.create(ctx, db, s, prune)
}

// EnterpriseSessionByHash finds an enterprise account's session.
func (db *DB) EnterpriseSessionByHash(ctx context.Context, hash []byte) (*account.Session, error) {
	return enterpriseSessions.byHash(ctx, db, hash)
}

// TouchEnterpriseSession records that an enterprise session was used.
func (db *DB) TouchEnterpriseSession(ctx context.Context, id int64, at time.Time) error {
	return enterpriseSessions.touch(ctx, db, id, at)
}

// RevokeEnterpriseSession ends an enterprise session.
func (db *DB) RevokeEnterpriseSession(ctx context.Context, id int64, at time.Time) error {
	return enterpriseSessions.revoke(ctx, db, id, at)
}

// RevokeSessions ends every session of user id in force but keep (0: all)
// and returns how many it ended.
func (db *DB) RevokeSessions(ctx context.Context, userID int64, at time.Time, keep int64) (int, error) {
	var n int
	err := db.inWrite(ctx, "revoke sessions", func(ctx context.Context, tx *txn) error {
		var err error
		n, err = revokeSessions(ctx, tx, userID, at, keep)
		return err
	})
	return n, err
}

func revokeSessions(ctx context.Context, tx *txn, userID int64, at time.Time, keep int64) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND id <> $3 AND revoked_at IS NULL`,
		msNotNull(at), userID, keep)
	if err != nil {
		return 0, fault.Wrap(err, "sqlstore: revoke sessions")
	}
	n, err := res.RowsAffected()
	return int(n), fault.Wrap(err, "sqlstore: revoke sessions")
}

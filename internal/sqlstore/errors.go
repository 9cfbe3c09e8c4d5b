package sqlstore

import (
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"zhitong/internal/fault"
)

// The SQLite extended result codes of the constraint violations the domain
// can cause (https://sqlite.org/rescode.html).
const (
	sqliteForeignKey = 787
	sqlitePrimaryKey = 1555
	sqliteUnique     = 2067
)

// violation is the constraint an error violated, as far as the domain cares.
type violation int

const (
	noViolation violation = iota
	uniqueViolation
	foreignKeyViolation
)

// violationOf classifies err on either engine.
func violationOf(err error) violation {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqliteUnique, sqlitePrimaryKey:
			return uniqueViolation
		case sqliteForeignKey:
			return foreignKeyViolation
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return uniqueViolation
		case "23503":
			return foreignKeyViolation
		}
	}
	return noViolation
}

// notFound is the error for a missing object, named by its noun key (messages_nouns.go).
func notFound(noun string) error { return fault.NotFoundOf(noun) }

// The nouns of not-found errors.
const (
	nounAppeal     = "noun.appeal"
	nounTask       = "noun.task"
	nounContest    = "noun.contest"
	nounCase       = "noun.case"
	nounUnit       = "noun.unit"
	nounUser       = "noun.user"
	nounEnterprise = "noun.enterprise"
	nounAccount    = "noun.account"
	nounToken      = "noun.token"
	nounCategory   = "noun.category"
)

// readErr maps the error of reading one object: no row is NotFound of noun.
func readErr(err error, op, noun string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(noun)
	}
	return fault.Wrap(err, "sqlstore: "+op)
}

// writeErr maps the error of a write: a unique violation is dup (or a
// generic conflict when dup is nil), a foreign key violation is Invalid,
// anything else Internal.
func writeErr(err error, op string, dup *fault.Error) error {
	if err == nil {
		return nil
	}
	switch violationOf(err) {
	case uniqueViolation:
		if dup == nil {
			dup = fault.E(fault.Conflict, "store.dup")
		}
		dup.Err = err
		return dup
	case foreignKeyViolation:
		return &fault.Error{Kind: fault.Invalid, Key: "store.ref", Err: err}
	}
	return fault.Wrap(err, "sqlstore: "+op)
}

// Package fault defines the closed set of error kinds that zhitong's domain
// reports, and the error type that carries them with a message a person can
// act on in Chinese and in English.
package fault

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds. The zero value is Internal, so that an unclassified error is
// never mistaken for the client's fault.
const (
	Internal        Kind = iota // a fault of ours: logged whole, shown as an apology
	Invalid                     // the request is malformed or breaks a rule
	NotFound                    // no such object, or the caller may not know it exists
	Conflict                    // the object changed since the caller read it, or its state forbids the action
	Forbidden                   // the caller is known but may not do this
	Unauthenticated             // the caller is not known
	TooLarge                    // the request is too big
)

var kindNames = [...]string{"internal", "invalid", "not_found", "conflict", "forbidden", "unauthenticated", "too_large"}

// String returns the stable code of the kind, as sent to API clients.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "internal"
}

// Error is a domain error: a kind, a message key with its arguments (see
// messages.go), the field it concerns if any, and the underlying cause.
type Error struct {
	Kind  Kind
	Key   string // message key in the catalog
	Args  []any  // arguments of the message
	Field string // the input field at fault, if any
	Err   error  // the cause, never shown to a client
}

// E builds an Error of kind k with the message key and its arguments.
func E(k Kind, key string, args ...any) *Error {
	return &Error{Kind: k, Key: key, Args: args}
}

// Field builds an Invalid error about one input field.
func Field(field, key string, args ...any) *Error {
	return &Error{Kind: Invalid, Key: key, Args: args, Field: field}
}

// Wrap returns an Internal error that records op and the cause.
func Wrap(err error, op string) error {
	if err == nil {
		return nil
	}
	var fe *Error
	if errors.As(err, &fe) {
		return err
	}
	return &Error{Kind: Internal, Key: "internal", Err: fmt.Errorf("%s: %w", op, err)}
}

func (e *Error) Error() string {
	msg := e.Message("en")
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Message renders the error's message in the language lang ("zh" or "en").
func (e *Error) Message(lang string) string { return Text(lang, e.Key, e.Args...) }

// KindOf returns the kind of err: Internal unless err is or wraps an *Error.
func KindOf(err error) Kind {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return Internal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

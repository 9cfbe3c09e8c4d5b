package notify

import (
	"errors"
	"fmt"

	"zhitong/internal/fault"
)

// Failure is the error Send returns: a message was not delivered. It says
// whether trying again can help, so that the caller's retry policy need not
// know SMTP or HTTP. Its text names the channel and the message id, never a
// password, key, secret or the message's parameters.
type Failure struct {
	Channel   Channel
	ID        string // the message's stable id
	Permanent bool   // trying again will fail the same way: give up on this message
	Code      int    // the SMTP reply code or HTTP status that decided it, 0 when there was none
	Err       error  // the cause
}

func (f *Failure) Error() string {
	how := "temporary"
	if f.Permanent {
		how = "permanent"
	}
	return fmt.Sprintf("notify: %s message %s: %s failure: %v", f.Channel, f.ID, how, f.Err)
}

func (f *Failure) Unwrap() error { return f.Err }

// Permanent reports whether err is a failure that trying again cannot mend:
// the receiver's address or number is malformed, the message lacks a
// parameter or has an unknown kind, the mail server refused it with a 5xx
// reply, or the SMS gateway answered 4xx (except 408, 425 and 429) or an
// error code in its body. Everything else is temporary and worth retrying
// with backoff: a connection refused or broken, a timeout, an SMTP 4xx reply,
// a gateway 5xx or 429, and a configuration that someone must mend first.
// A nil error is not permanent.
func Permanent(err error) bool {
	var f *Failure
	if errors.As(err, &f) {
		return f.Permanent
	}
	return err != nil && fault.Is(err, fault.Invalid)
}

// permanent wraps an error about the message itself.
func permanent(ch Channel, id string, err error) *Failure {
	return &Failure{Channel: ch, ID: id, Permanent: true, Err: err}
}

// temporary wraps an error that may pass.
func temporary(ch Channel, id string, err error) *Failure {
	return &Failure{Channel: ch, ID: id, Err: err}
}

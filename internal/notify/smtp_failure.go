package notify

import (
	"errors"
	"net/textproto"

	"github.com/wneessen/go-mail"
)

// smtpFailure classifies what go-mail returned. A reply code decides when
// there is one: 5xx is permanent (the address does not exist, the message or
// the credentials were refused), 4xx temporary (greylisting, a full mailbox,
// a busy server). A message go-mail could not even address is permanent.
// Anything without a code — a connection refused, reset or timed out, a TLS
// handshake that failed — is temporary.
func smtpFailure(id string, err error) *Failure {
	f := temporary(ChannelEmail, id, err)
	var se *mail.SendError
	var te *textproto.Error
	switch {
	case errors.As(err, &se):
		f.Code = se.ErrorCode()
		switch se.Reason {
		case mail.ErrGetSender, mail.ErrGetRcpts, mail.ErrNoUnencoded:
			f.Permanent = true
		}
	case errors.As(err, &te):
		f.Code = te.Code
	}
	if f.Code >= 500 && f.Code < 600 {
		f.Permanent = true
	}
	return f
}

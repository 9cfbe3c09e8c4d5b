// Package notify delivers notifications: it renders a message from the
// catalog of templates in Chinese or English and sends it by email (SMTP) or
// by SMS (an HTTP gateway in front of a provider's template SMS).
//
// The package keeps no state and touches no database: an outbox records what
// is to be sent and a scheduler calls Send, retrying what failed for a
// temporary reason (see Permanent). Every message carries a stable id, sent
// along on each channel, so that a receiver drops a repeat of a message that
// was delivered although its sender never heard so.
package notify

import (
	"context"
	"regexp"

	"zhitong/internal/fault"
)

// Kind says what a message is about; each kind has its templates in the
// catalog and needs its own parameters (see Needs).
type Kind string

// The kinds of message.
const (
	AppealRegistered Kind = "appeal.registered" // to the enterprise: its appeal number, query code and where to follow it
	AppealAnswered   Kind = "appeal.answered"   // to the enterprise: a reply is there to read
	RateRequest      Kind = "appeal.rate"       // to the enterprise: please rate how the appeal was handled
	TaskAssigned     Kind = "task.assigned"     // to a unit: a task with its appeal number, title and deadline
	TaskReminded     Kind = "task.reminded"     // to a unit: 催办, hurry up
	TaskSupervised   Kind = "task.supervised"   // to a unit: 督办, under supervision with a document number
	TaskDueSoon      Kind = "task.due_soon"     // to a unit: 即将超期
	TaskOverdue      Kind = "task.overdue"      // to a unit: 已超期
	LoginCode        Kind = "login.code"        // a one-time code to sign in
	AccountCode      Kind = "account.code"      // a one-time code that confirms an enterprise account
	Notice           Kind = "notice"            // a general notice with a title and a body
	PolicyPublished  Kind = "policy.published"  // to an enterprise: a policy for it (惠企政策), its title and issuer, where to read it
)

// Channel is the way a message travels.
type Channel string

// The channels.
const (
	ChannelInApp Channel = "inapp" // shown in the application; its store delivers it, not this package
	ChannelEmail Channel = "email" // sent by Email
	ChannelSMS   Channel = "sms"   // sent by SMS
)

// Secret are the parameters that give access — a query code, a one-time
// code: what a delivery log masks, and what is kept no longer than needed.
var Secret = []string{"code"}

// Channels lists the channels.
var Channels = []Channel{ChannelInApp, ChannelEmail, ChannelSMS}

// Message is one notification to one receiver.
type Message struct {
	ID      string            // stable id of the message: a receiver drops repeats by it (letters, digits, '.', '_', '-'; at most 128)
	Kind    Kind              // what the message says
	Channel Channel           // how it travels
	To      string            // an email address, a mainland mobile number, or a user id for in-app messages
	Params  map[string]string // the values the kind's templates need (see Needs); others are ignored
	Lang    string            // "zh" (the default when empty) or "en"
}

// Sender delivers messages on one channel. Email and SMS are Senders.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

var (
	_ Sender = (*Email)(nil)
	_ Sender = (*SMS)(nil)
)

// idPattern keeps ids fit for a Message-ID header and a JSON field alike.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// checkEnvelope checks what every channel needs of a message before it is
// rendered: an id and the right channel.
func checkEnvelope(m Message, ch Channel) error {
	if !idPattern.MatchString(m.ID) {
		return fault.Field("id", "notify.id", 128)
	}
	if m.Channel != ch {
		return fault.Field("channel", "notify.channel", string(m.Channel), string(ch))
	}
	return nil
}

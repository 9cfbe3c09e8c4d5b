package notify

import (
	"context"
	"crypto/tls"
	"time"

	"github.com/wneessen/go-mail"
)

// Email sends messages through an SMTP server (a submission server of the
// government's mail system, typically). The zero value is not usable: set at
// least Host and From, and call Check when the program starts.
type Email struct {
	Host      string        // the server's name or IP address, without a port
	Port      int           // 0: 25 with TLS "none", 587 with "starttls", 465 with "tls"
	Username  string        // empty: send without authenticating
	Password  string        // never logged nor put in an error
	From      string        // the sender, "a@b.cn" or "Name <a@b.cn>"
	TLS       string        // "starttls" (the default when empty), "tls" (implicit, as on port 465) or "none"
	Timeout   time.Duration // bounds connecting and each step of the SMTP dialogue; 0: 30 seconds
	TLSConfig *tls.Config   // optional: the roots to trust; nil: the system's, for Host
}

// The TLS modes of Email.
const (
	TLSNone     = "none"
	TLSStartTLS = "starttls"
	TLSImplicit = "tls"
)

const defaultTimeout = 30 * time.Second

// Send renders the message and delivers it to m.To through the server. The
// email carries "Message-ID: <ID@zhitong>" and "X-Zhitong-Message-Id: ID",
// the same on every try, so that a repeat can be recognized. A failure is a
// *Failure; see Permanent. The context's deadline shortens Timeout.
func (e *Email) Send(ctx context.Context, m Message) error {
	if err := checkEnvelope(m, ChannelEmail); err != nil {
		return permanent(ChannelEmail, m.ID, err)
	}
	to, err := Address(m.To)
	if err != nil {
		return permanent(ChannelEmail, m.ID, err)
	}
	r, err := Render(m)
	if err != nil {
		return permanent(ChannelEmail, m.ID, err)
	}
	if err := e.Check(); err != nil {
		return temporary(ChannelEmail, m.ID, err)
	}
	msg, err := e.compose(m.ID, to, r)
	if err != nil {
		return permanent(ChannelEmail, m.ID, err)
	}
	timeout, err := e.timeout(ctx)
	if err != nil {
		return temporary(ChannelEmail, m.ID, err)
	}
	client, err := mail.NewClient(e.Host, e.options(timeout)...)
	if err != nil {
		return temporary(ChannelEmail, m.ID, err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return smtpFailure(m.ID, hide(err, to, maskAddress(to)))
	}
	return nil
}

// compose builds the email: plain text in UTF-8, base64 encoded, headers in
// RFC 2047 words, marked as sent automatically.
func (e *Email) compose(id, to string, r Rendered) (*mail.Msg, error) {
	msg := mail.NewMsg(mail.WithEncoding(mail.EncodingB64), mail.WithNoDefaultUserAgent())
	if err := msg.From(e.From); err != nil {
		return nil, err
	}
	if err := msg.To(to); err != nil {
		return nil, err
	}
	msg.Subject(r.Subject)
	msg.SetMessageIDWithValue(id + "@zhitong")
	msg.SetGenHeader("X-Zhitong-Message-Id", id)
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(mail.HeaderContentLang, map[string]string{"zh": "zh-CN", "en": "en"}[r.Lang])
	msg.SetDate()
	msg.SetBodyString(mail.TypeTextPlain, r.Body)
	return msg, nil
}

// timeout returns Timeout, or less if the context ends sooner.
func (e *Email) timeout(ctx context.Context) (time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	d := e.Timeout
	if d == 0 {
		d = defaultTimeout
	}
	if end, ok := ctx.Deadline(); ok && time.Until(end) < d {
		d = max(time.Until(end), time.Millisecond)
	}
	return d, nil
}

// options turns the configuration into go-mail's client options.
func (e *Email) options(timeout time.Duration) []mail.Option {
	opts := []mail.Option{mail.WithPort(e.port()), mail.WithTimeout(timeout)}
	switch e.mode() {
	case TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
	}
	if e.TLSConfig != nil {
		c := e.TLSConfig.Clone()
		if c.ServerName == "" {
			c.ServerName = e.Host
		}
		c.MinVersion = max(c.MinVersion, tls.VersionTLS12)
		opts = append(opts, mail.WithTLSConfig(c))
	}
	if e.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(e.Username), mail.WithPassword(e.Password))
	}
	return opts
}

// mode returns the TLS mode, "starttls" when none is set.
func (e *Email) mode() string {
	if e.TLS == "" {
		return TLSStartTLS
	}
	return e.TLS
}

// port returns the port, or the usual one for the TLS mode.
func (e *Email) port() int {
	if e.Port != 0 {
		return e.Port
	}
	return map[string]int{TLSNone: 25, TLSStartTLS: 587, TLSImplicit: 465}[e.mode()]
}

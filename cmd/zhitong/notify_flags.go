package main

import (
	"flag"
	"net/url"
	"strings"
	"time"

	"zhitong/internal/notify"
	"zhitong/internal/sqlstore"
)

// notifyFlags configure the channels notifications travel by besides the
// in-app inbox: an SMTP server for officers' email and an SMS gateway for
// the enterprises. Each is off until configured. Secrets come from the
// environment only, never from a flag that would show in ps.
type notifyFlags struct {
	publicURL string

	smtpHost, smtpUser, smtpPassword, smtpFrom, smtpTLS string
	smtpPort                                            int

	smsURL, smsSign, smsKey, smsSecret, smsTemplates string

	senders map[notify.Channel]notify.Sender // built by check
	notices sqlstore.Notices
}

// smsKinds are the messages that travel by SMS: the enterprise's (its
// appeal's, the policies published for it), and the one-time codes.
var smsKinds = []notify.Kind{notify.AppealRegistered, notify.AppealAnswered, notify.RateRequest, notify.LoginCode, notify.AccountCode,
	notify.PolicyPublished}

func (c *cli) notifyFlags(fs *flag.FlagSet, f *notifyFlags) {
	fs.StringVar(&f.publicURL, "public-url", c.getenv("ZHITONG_PUBLIC_URL"),
		"the address enterprises reach the portal at, put in their messages, e.g. https://zhitong.example.gov.cn (env ZHITONG_PUBLIC_URL)")
	fs.StringVar(&f.smtpHost, "smtp-host", c.getenv("ZHITONG_SMTP_HOST"), "the SMTP server that emails officers; empty: no email (env ZHITONG_SMTP_HOST)")
	fs.IntVar(&f.smtpPort, "smtp-port", 0, "the SMTP server's port (0: 587 with starttls, 465 with tls, 25 with none)")
	fs.StringVar(&f.smtpTLS, "smtp-tls", c.envOr("ZHITONG_SMTP_TLS", notify.TLSStartTLS), "starttls, tls or none (env ZHITONG_SMTP_TLS)")
	fs.StringVar(&f.smtpUser, "smtp-user", c.getenv("ZHITONG_SMTP_USER"), "the SMTP user name; its password is in env ZHITONG_SMTP_PASSWORD")
	fs.StringVar(&f.smtpFrom, "smtp-from", c.getenv("ZHITONG_SMTP_FROM"), "the sender of the emails, e.g. \"直通车 <zhitong@example.gov.cn>\" (env ZHITONG_SMTP_FROM)")
	fs.StringVar(&f.smsURL, "sms-url", c.getenv("ZHITONG_SMS_URL"), "the SMS gateway's endpoint; empty: no SMS (env ZHITONG_SMS_URL)")
	fs.StringVar(&f.smsSign, "sms-sign", c.getenv("ZHITONG_SMS_SIGN"), "the SMS signature name registered with the provider (env ZHITONG_SMS_SIGN)")
	fs.StringVar(&f.smsKey, "sms-key", c.getenv("ZHITONG_SMS_KEY"), "our key at the gateway; the signing secret is in env ZHITONG_SMS_SECRET")
	fs.StringVar(&f.smsTemplates, "sms-templates", c.getenv("ZHITONG_SMS_TEMPLATES"),
		"the provider's template id of each kind, kind=id,...: "+kindList(smsKinds)+" (env ZHITONG_SMS_TEMPLATES)")
	f.smtpPassword, f.smsSecret = c.getenv("ZHITONG_SMTP_PASSWORD"), c.getenv("ZHITONG_SMS_SECRET")
}

func kindList(ks []notify.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// check builds the senders of what is configured and checks each as it
// starts, so that a wrong setting stops the program rather than every
// message later.
func (f *notifyFlags) check(cmd string, describe func(error) string) error {
	f.senders = map[notify.Channel]notify.Sender{}
	f.notices = sqlstore.Notices{PortalURL: strings.TrimRight(f.publicURL, "/")}
	if f.publicURL != "" {
		if u, err := url.Parse(f.publicURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return usagef(cmd, "--public-url must be an http or https address, not %q", f.publicURL)
		}
		f.notices.PortalURL += "/portal"
	}
	if f.smtpHost != "" {
		e := &notify.Email{Host: f.smtpHost, Port: f.smtpPort, Username: f.smtpUser, Password: f.smtpPassword,
			From: f.smtpFrom, TLS: f.smtpTLS, Timeout: 30 * time.Second}
		if err := e.Check(); err != nil {
			return usagef(cmd, "the SMTP settings: %s", describe(err))
		}
		f.senders[notify.ChannelEmail], f.notices.Email = e, true
	}
	if f.smsURL != "" {
		s := &notify.SMS{URL: f.smsURL, Sign: f.smsSign, Key: f.smsKey, Secret: f.smsSecret, Templates: map[notify.Kind]string{}}
		for _, kv := range strings.Split(f.smsTemplates, ",") {
			if kv = strings.TrimSpace(kv); kv == "" {
				continue
			}
			k, id, ok := strings.Cut(kv, "=")
			if !ok {
				return usagef(cmd, "--sms-templates: %q is not kind=id", kv)
			}
			s.Templates[notify.Kind(strings.TrimSpace(k))] = strings.TrimSpace(id)
		}
		if err := s.Check(smsKinds...); err != nil {
			return usagef(cmd, "the SMS settings: %s", describe(err))
		}
		f.senders[notify.ChannelSMS], f.notices.SMS = s, true
	}
	return nil
}

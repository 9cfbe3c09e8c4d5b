package notify

import (
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"zhitong/internal/fault"
)

// Check reports the first fault in the configuration, in words an operator
// can act on: a missing or malformed host, a port out of range, an unknown TLS
// mode, a malformed sender, a username without a password (or the other way
// round), credentials that would cross the network in clear, a negative
// timeout. Call it when the program starts; Send calls it too.
func (e *Email) Check() error {
	switch {
	case !validHost(e.Host):
		return fault.Field("host", "notify.smtp.host")
	case e.Port < 0 || e.Port > 65535:
		return fault.Field("port", "notify.smtp.port", e.Port)
	case e.mode() != TLSNone && e.mode() != TLSStartTLS && e.mode() != TLSImplicit:
		return fault.Field("tls", "notify.smtp.tls", e.TLS)
	}
	if _, err := Address(e.From); err != nil {
		return fault.Field("from", "notify.smtp.from")
	}
	switch {
	case (e.Username == "") != (e.Password == ""):
		return fault.Field("username", "notify.smtp.auth")
	case e.Username != "" && e.mode() == TLSNone && !loopback(e.Host):
		return fault.Field("tls", "notify.smtp.clear")
	case e.Timeout < 0:
		return fault.Field("timeout", "notify.timeout")
	}
	return nil
}

// Check reports the first fault in the configuration: a missing or malformed
// URL (https, or http to this machine only), a missing or malformed signature
// name, a missing key or secret, a template id given for an unknown kind or
// left empty, and a kind among sent that has no template id. Pass as sent
// every kind the program routes to SMS. Call it when the program starts.
func (s *SMS) Check(sent ...Kind) error {
	if err := checkGatewayURL(s.URL); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(s.Sign); strings.TrimSpace(s.Sign) == "" || n > 20 || strings.ContainsAny(s.Sign, "【】[]") {
		return fault.Field("sign", "notify.sms.sign", 20)
	}
	if s.Key == "" || s.Secret == "" {
		return fault.Field("secret", "notify.sms.secret")
	}
	for _, k := range kinds {
		if id, ok := s.Templates[k]; ok && strings.TrimSpace(id) == "" {
			return fault.Field("templates", "notify.sms.template", string(k))
		}
	}
	for k := range s.Templates {
		if _, ok := catalog[k]; !ok {
			return fault.Field("templates", "notify.kind", string(k))
		}
	}
	for _, k := range sent {
		if strings.TrimSpace(s.Templates[k]) == "" {
			return fault.Field("templates", "notify.sms.template", string(k))
		}
	}
	return nil
}

// checkGatewayURL accepts an absolute https URL, or http to a loopback address.
func checkGatewayURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return fault.Field("url", "notify.sms.url")
	}
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return fault.Field("url", "notify.sms.https")
	}
	return nil
}

// validHost accepts a host name or an IP address, with no port, scheme or path.
func validHost(h string) bool {
	if h == "" || h != strings.TrimSpace(h) {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	return !strings.ContainsAny(h, ":/@ \t[]")
}

// loopback reports whether host is this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// registered is an email to an enterprise about its new appeal.
func registered() Message {
	return Message{
		ID: "outbox-42", Kind: AppealRegistered, Channel: ChannelEmail,
		To: "湖南利钢 <contact@ligang.example.cn>", Params: sample,
	}
}

// plainEmail returns a configuration for a server on this machine without TLS.
func plainEmail(port int) *Email {
	return &Email{Host: "127.0.0.1", Port: port, From: "营商环境直通车 <noreply@zt.example.gov.cn>", TLS: TLSNone, Timeout: 5 * time.Second}
}

func TestEmailDeliversChineseWithAStableMessageID(t *testing.T) {
	box := &mailbox{}
	port, _ := startSMTP(t, box, TLSNone)
	e := plainEmail(port)
	for range 2 {
		if err := e.Send(context.Background(), registered()); err != nil {
			t.Fatal(err)
		}
	}
	mails := box.received()
	if len(mails) != 2 {
		t.Fatalf("the server took %d mails", len(mails))
	}
	want, _ := Render(registered())
	for _, m := range mails {
		if m.from != "noreply@zt.example.gov.cn" || len(m.to) != 1 || m.to[0] != "contact@ligang.example.cn" {
			t.Errorf("envelope: from %q to %q", m.from, m.to)
		}
		h, subject, body := readMail(t, m.data)
		if subject != want.Subject || subject != "您的诉求已登记（编号 20260302-0042）" {
			t.Errorf("subject: %q", subject)
		}
		if body != strings.ReplaceAll(want.Body, "\n", "\r\n") && body != want.Body {
			t.Errorf("body: %q", body)
		}
		if !strings.Contains(body, "查询码为 K7P9QX") {
			t.Errorf("the body lacks the query code: %q", body)
		}
		if got := h.Get("Message-Id"); got != "<outbox-42@zhitong>" {
			t.Errorf("Message-ID: %q", got)
		}
		if got := h.Get("X-Zhitong-Message-Id"); got != "outbox-42" {
			t.Errorf("X-Zhitong-Message-Id: %q", got)
		}
		if got := h.Get("Auto-Submitted"); got != "auto-generated" {
			t.Errorf("Auto-Submitted: %q", got)
		}
	}
}

// readMail parses a received email and decodes its subject and body.
func readMail(t *testing.T, data []byte) (netmail.Header, string, string) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if ct := msg.Header.Get("Content-Type"); !strings.Contains(strings.ToLower(ct), "charset=utf-8") {
		t.Errorf("Content-Type: %q", ct)
	}
	r := msg.Body
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return msg.Header, subject, string(body)
}

func TestEmailRefusals(t *testing.T) {
	for _, c := range []struct {
		name      string
		box       *mailbox
		code      int
		permanent bool
	}{
		{"550 at RCPT", &mailbox{rcptErr: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}}, 550, true},
		{"451 at RCPT", &mailbox{rcptErr: &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "greylisted, try later"}}, 451, false},
		{"554 after DATA", &mailbox{dataErr: &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "content refused"}}, 554, true},
		{"452 after DATA", &mailbox{dataErr: &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 3, 1}, Message: "out of storage"}}, 452, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			port, _ := startSMTP(t, c.box, TLSNone)
			err := plainEmail(port).Send(context.Background(), registered())
			var f *Failure
			if !errors.As(err, &f) || f.Code != c.code || Permanent(err) != c.permanent {
				t.Fatalf("got %v (%#v)", err, f)
			}
			if !strings.Contains(err.Error(), "outbox-42") || strings.Contains(err.Error(), "contact@") {
				t.Errorf("the error does not name the message, or shows the address: %v", err)
			}
		})
	}
}

func TestEmailConnectionRefusedIsTemporary(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	err = plainEmail(port).Send(context.Background(), registered())
	if err == nil || Permanent(err) {
		t.Fatalf("got %v", err)
	}
}

func TestEmailSilentServerTimesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	e := plainEmail(ln.Addr().(*net.TCPAddr).Port)
	e.Timeout = 300 * time.Millisecond
	start := time.Now()
	err = e.Send(context.Background(), registered())
	if err == nil || Permanent(err) || time.Since(start) > 3*time.Second {
		t.Fatalf("got %v after %v", err, time.Since(start))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	e.Timeout = time.Minute
	start = time.Now()
	if err := e.Send(ctx, registered()); err == nil || Permanent(err) || time.Since(start) > 3*time.Second {
		t.Fatalf("with a context deadline: got %v after %v", err, time.Since(start))
	}
}

func TestEmailOverTLSWithAuthentication(t *testing.T) {
	for _, mode := range []string{TLSStartTLS, TLSImplicit} {
		t.Run(mode, func(t *testing.T) {
			box := &mailbox{user: "zt-notify", pass: "Pa55-word-of-smtp"}
			port, roots := startSMTP(t, box, mode)
			e := &Email{Host: "127.0.0.1", Port: port, From: "noreply@zt.example.gov.cn", TLS: mode,
				Username: box.user, Password: box.pass, Timeout: 5 * time.Second, TLSConfig: &tls.Config{RootCAs: roots}}
			if err := e.Send(context.Background(), registered()); err != nil {
				t.Fatal(err)
			}
			if n := len(box.received()); n != 1 {
				t.Fatalf("the server took %d mails", n)
			}
			e.Password = "Wrong-secret-123"
			err := e.Send(context.Background(), registered())
			if err == nil || !Permanent(err) || strings.Contains(err.Error(), e.Password) {
				t.Fatalf("a wrong password: %v", err)
			}
		})
	}
}

func TestEmailUntrustedCertificateIsTemporary(t *testing.T) {
	port, _ := startSMTP(t, &mailbox{}, TLSStartTLS)
	e := &Email{Host: "127.0.0.1", Port: port, From: "noreply@zt.example.gov.cn", Timeout: 5 * time.Second}
	if err := e.Send(context.Background(), registered()); err == nil || Permanent(err) {
		t.Fatalf("got %v", err)
	}
}

func TestEmailRefusesABadMessageBeforeConnecting(t *testing.T) {
	e := plainEmail(1) // nothing listens there; a message problem is found first
	for name, m := range map[string]Message{
		"bad address":   {ID: "m1", Kind: Notice, Channel: ChannelEmail, To: "not an address", Params: sample},
		"missing param": {ID: "m2", Kind: TaskAssigned, Channel: ChannelEmail, To: "a@b.cn"},
		"unknown kind":  {ID: "m3", Kind: "x", Channel: ChannelEmail, To: "a@b.cn"},
		"wrong channel": {ID: "m4", Kind: Notice, Channel: ChannelSMS, To: "a@b.cn", Params: sample},
		"no id":         {Kind: Notice, Channel: ChannelEmail, To: "a@b.cn", Params: sample},
	} {
		if err := e.Send(context.Background(), m); !Permanent(err) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

func TestEmailCheck(t *testing.T) {
	good := Email{Host: "smtp.example.gov.cn", From: "noreply@example.gov.cn"}
	if err := good.Check(); err != nil {
		t.Fatalf("a good configuration: %v", err)
	}
	for _, c := range []struct {
		name string
		edit func(*Email)
		want string
	}{
		{"no host", func(e *Email) { e.Host = "" }, "host"},
		{"host with port", func(e *Email) { e.Host = "smtp.example.gov.cn:25" }, "host"},
		{"host as URL", func(e *Email) { e.Host = "smtp://smtp.example.gov.cn" }, "host"},
		{"negative port", func(e *Email) { e.Port = -1 }, "port"},
		{"port too big", func(e *Email) { e.Port = 70000 }, "port"},
		{"unknown TLS", func(e *Email) { e.TLS = "ssl" }, "ssl"},
		{"no sender", func(e *Email) { e.From = "" }, "sender"},
		{"user without password", func(e *Email) { e.Username = "zt" }, "password"},
		{"password in clear", func(e *Email) { e.Username, e.Password, e.TLS = "zt", "pw", TLSNone }, "clear"},
		{"negative timeout", func(e *Email) { e.Timeout = -time.Second }, "timeout"},
	} {
		e := good
		c.edit(&e)
		err := e.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error about %s", c.name, err, c.want)
		}
	}
	local := Email{Host: "127.0.0.1", From: "a@b.cn", Username: "zt", Password: "pw", TLS: TLSNone}
	if err := local.Check(); err != nil {
		t.Errorf("credentials to this machine in clear: %v", err)
	}
}

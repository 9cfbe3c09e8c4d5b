package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// SMS sends messages through an SMS gateway: an HTTP endpoint that takes a
// JSON POST (see SMSRequest) and passes it to a provider's template SMS, where
// the text lives with the provider and a request names the signature (签名),
// the template and its parameters. Each request is signed (see Signature).
// Call Check when the program starts.
type SMS struct {
	URL       string           // the gateway's endpoint: https, or http to this machine
	Sign      string           // the signature name registered with the provider, without 【】
	Templates map[Kind]string  // the provider's template id of each kind sent by SMS
	Key       string           // names us to the gateway, sent in the X-Zhitong-Key header
	Secret    string           // signs each request; never sent, logged or put in an error
	Busy      []string         // answer codes that mean "later" (a provider's flow control): temporary, not permanent
	Client    *http.Client     // nil: a client that gives up after 10 seconds
	Now       func() time.Time // nil: time.Now; the time that is signed
}

// SMSRequest is the JSON body the gateway receives.
type SMSRequest struct {
	ID       string            `json:"id"`       // the message's stable id: the gateway drops a repeat by it
	Phone    string            `json:"phone"`    // 11 digits, without +86
	Sign     string            `json:"sign"`     // the signature name
	Template string            `json:"template"` // the provider's template id
	Params   map[string]string `json:"params"`   // exactly the parameters the kind needs (see Needs)
}

// smsAnswer is what the gateway may answer, in any status: a code (a string
// or a number) and a message. No body, or a code of "OK", "0", 0 or "200",
// means accepted.
type smsAnswer struct {
	Code    any    `json:"code"`
	Message string `json:"message"`
}

// The headers that carry our key, the time and the signature of a request.
const (
	HeaderKey       = "X-Zhitong-Key"
	HeaderTimestamp = "X-Zhitong-Timestamp"
	HeaderSignature = "X-Zhitong-Signature"
)

// Send asks the gateway to send the message to the mobile number m.To, with
// the template configured for its kind and the parameters that kind needs
// (none other). The provider's template holds the text, so m.Lang need only be
// valid. A failure is a *Failure; see Permanent.
func (s *SMS) Send(ctx context.Context, m Message) error {
	if err := checkEnvelope(m, ChannelSMS); err != nil {
		return permanent(ChannelSMS, m.ID, err)
	}
	phone, err := Mobile(m.To)
	if err != nil {
		return permanent(ChannelSMS, m.ID, err)
	}
	if _, err := Render(m); err != nil {
		return permanent(ChannelSMS, m.ID, err)
	}
	if err := s.Check(m.Kind); err != nil {
		return temporary(ChannelSMS, m.ID, err)
	}
	body, err := json.Marshal(SMSRequest{ID: m.ID, Phone: phone, Sign: s.Sign, Template: s.Templates[m.Kind], Params: templateParams(m)})
	if err != nil {
		return permanent(ChannelSMS, m.ID, err)
	}
	req, err := s.request(ctx, body)
	if err != nil {
		return temporary(ChannelSMS, m.ID, err)
	}
	resp, err := s.client().Do(req)
	if err != nil {
		return temporary(ChannelSMS, m.ID, transportError(req, err))
	}
	defer resp.Body.Close()
	return s.answer(m.ID, phone, resp)
}

// request builds the signed POST.
func (s *SMS) request(ctx context.Context, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("sms request: %w", err)
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	ts := strconv.FormatInt(now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(HeaderKey, s.Key)
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Signature(s.Secret, ts, body))
	return req, nil
}

func (s *SMS) client() *http.Client {
	if s.Client != nil {
		return s.Client
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// transportError drops the URL from a client error, since a gateway's URL may
// carry a token in its query, and keeps the cause.
func transportError(req *http.Request, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.Host, ue.Err)
	}
	return err
}

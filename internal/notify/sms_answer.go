package notify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"zhitong/internal/personal"
)

// Signature returns the signature of a request to the SMS gateway: the
// lowercase hex HMAC-SHA256, keyed with the secret, of the timestamp (decimal
// Unix seconds, as in the X-Zhitong-Timestamp header) followed at once by the
// body. A gateway checks it, and the timestamp's age, before it sends.
func Signature(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// answerLimit bounds what is read of the gateway's answer.
const answerLimit = 64 << 10

// answer classifies the gateway's response. 2xx is delivered unless the body
// carries an error code; 408, 425, 429 and 5xx are temporary; any other 4xx
// is permanent; anything else (a redirect not followed) is temporary. The
// phone number is masked wherever the answer repeats it.
func (s *SMS) answer(id, phone string, resp *http.Response) error {
	raw, err := io.ReadAll(io.LimitReader(resp.Body, answerLimit))
	if err != nil {
		return &Failure{Channel: ChannelSMS, ID: id, Code: resp.StatusCode, Err: fmt.Errorf("reading the gateway's answer: %w", err)}
	}
	var a smsAnswer
	parsed := len(bytes.TrimSpace(raw)) > 0 && json.Unmarshal(raw, &a) == nil
	f := &Failure{Channel: ChannelSMS, ID: id, Code: resp.StatusCode}
	if c := resp.StatusCode; c >= 200 && c < 300 {
		if s.accepted(f, raw, parsed, a) {
			return nil
		}
	} else {
		retry := c == http.StatusRequestTimeout || c == http.StatusTooEarly || c == http.StatusTooManyRequests
		f.Permanent = c >= 400 && c < 500 && !retry
		f.Err = fmt.Errorf("the gateway answered %s%s", resp.Status, detail(parsed, a))
	}
	f.Err = hide(f.Err, phone, personal.MaskPhone(phone))
	return f
}

// accepted looks into a 2xx answer and reports whether the message was
// taken: nothing, or a code of success, is; a code in Busy is a temporary
// failure; another code a permanent one; a body that is not JSON a temporary
// one (a retry is safe: the gateway drops the repeat by its id).
func (s *SMS) accepted(f *Failure, raw []byte, parsed bool, a smsAnswer) bool {
	if len(bytes.TrimSpace(raw)) == 0 {
		return true
	}
	if !parsed {
		f.Err = errors.New("the gateway's answer is not JSON")
		return false
	}
	code := answerCode(a.Code)
	if code == "" || code == "0" || code == "200" || strings.EqualFold(code, "ok") {
		return true
	}
	f.Permanent = !slices.Contains(s.Busy, code)
	f.Err = fmt.Errorf("the gateway refused the message%s", detail(true, a))
	return false
}

// answerCode turns a code given as a string or a number into a string.
func answerCode(c any) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	case float64:
		return fmt.Sprintf("%g", v)
	}
	return fmt.Sprint(c)
}

// detail is the gateway's code and message, shortened, for an error's text.
func detail(parsed bool, a smsAnswer) string {
	if !parsed {
		return ""
	}
	msg := []rune(a.Message)
	if len(msg) > 200 {
		msg = append(msg[:200], '…')
	}
	return fmt.Sprintf(": code %q: %s", answerCode(a.Code), string(msg))
}

package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const testSecret = "gateway-secret-0123456789"

// gateway is an SMS gateway on a real loopback HTTP server: it keeps the
// requests it gets and answers with status and answer after delay.
type gateway struct {
	status int
	answer string
	delay  time.Duration

	mu   sync.Mutex
	seen []*http.Request
	body [][]byte
}

func startGateway(t *testing.T, g *gateway) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		g.mu.Lock()
		g.seen, g.body = append(g.seen, r), append(g.body, b)
		g.mu.Unlock()
		select {
		case <-time.After(g.delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(cmp(g.status, http.StatusOK))
		io.WriteString(w, g.answer)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func cmp(v, otherwise int) int {
	if v == 0 {
		return otherwise
	}
	return v
}

func (g *gateway) first() (*http.Request, []byte) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.seen[0], g.body[0]
}

func (g *gateway) requests() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.seen)
}

// smsTo returns a configuration for the gateway with a stopped clock.
func smsTo(base string) *SMS {
	return &SMS{
		URL: base + "/sms/send", Sign: "娄星区优化办",
		Templates: map[Kind]string{TaskAssigned: "SMS_100001", LoginCode: "SMS_100002"},
		Key:       "zhitong-prod", Secret: testSecret,
		Client: &http.Client{Timeout: 5 * time.Second},
		Now:    func() time.Time { return time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC) },
	}
}

// assigned is an SMS to a unit about a new task, with a parameter it does not need.
func assigned() Message {
	params := map[string]string{"note": "内部备注", "url": "https://x"}
	for _, k := range []string{"number", "title", "deadline"} {
		params[k] = sample[k]
	}
	return Message{ID: "outbox-7", Kind: TaskAssigned, Channel: ChannelSMS, To: "+86 138-1234-5678", Params: params}
}

func TestSMSDeliversASignedRequest(t *testing.T) {
	g := &gateway{answer: `{"code":"OK","message":"OK"}`}
	srv := startGateway(t, g)
	if err := smsTo(srv.URL).Send(context.Background(), assigned()); err != nil {
		t.Fatal(err)
	}
	if g.requests() != 1 {
		t.Fatalf("the gateway got %d requests", g.requests())
	}
	r, body := g.first()
	if r.Method != http.MethodPost || r.URL.Path != "/sms/send" || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Errorf("request: %s %s %s", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
	}
	ts := r.Header.Get(HeaderTimestamp)
	if ts != "1772443800" || r.Header.Get(HeaderKey) != "zhitong-prod" {
		t.Errorf("headers: %v", r.Header)
	}
	mac := hmac.New(sha256.New, []byte(testSecret))
	mac.Write([]byte(ts + string(body)))
	got, err := hex.DecodeString(r.Header.Get(HeaderSignature))
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		t.Errorf("the signature does not verify with the secret: %q", r.Header.Get(HeaderSignature))
	}
	if strings.Contains(string(body), testSecret) || strings.Contains(r.Header.Get(HeaderSignature), testSecret) {
		t.Error("the secret went over the wire")
	}
	var req SMSRequest
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"number": sample["number"], "title": sample["title"], "deadline": sample["deadline"]}
	if req.ID != "outbox-7" || req.Phone != "13812345678" || req.Sign != "娄星区优化办" || req.Template != "SMS_100001" || !equalMaps(req.Params, want) {
		t.Errorf("body: %+v", req)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestSMSAnswers(t *testing.T) {
	for _, c := range []struct {
		name      string
		status    int
		answer    string
		delivered bool
		permanent bool
	}{
		{"200 OK", 200, `{"code":"OK","message":"OK"}`, true, false},
		{"200 code 0", 200, `{"code":0,"message":"success"}`, true, false},
		{"200 no body", 200, ``, true, false},
		{"204", 204, ``, true, false},
		{"200 error code", 200, `{"code":"isv.MOBILE_NUMBER_ILLEGAL","message":"非法手机号 13812345678"}`, false, true},
		{"200 busy code", 200, `{"code":"isv.BUSINESS_LIMIT_CONTROL","message":"触发流控"}`, false, false},
		{"200 not JSON", 200, `<html>ok</html>`, false, false},
		{"400", 400, `{"code":"bad_request","message":"template params mismatch"}`, false, true},
		{"401", 401, ``, false, true},
		{"404", 404, `not found`, false, true},
		{"429", 429, ``, false, false},
		{"500", 500, ``, false, false},
		{"503", 503, `{"code":"unavailable"}`, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := smsTo(startGateway(t, &gateway{status: c.status, answer: c.answer}).URL)
			s.Busy = []string{"isv.BUSINESS_LIMIT_CONTROL"}
			err := s.Send(context.Background(), assigned())
			if (err == nil) != c.delivered || (err != nil && Permanent(err) != c.permanent) {
				t.Fatalf("got %v; want delivered %v, permanent %v", err, c.delivered, c.permanent)
			}
			var f *Failure
			if err != nil && (!errors.As(err, &f) || f.Code != c.status || strings.Contains(err.Error(), testSecret) || strings.Contains(err.Error(), "13812345678")) {
				t.Errorf("failure: %#v", f)
			}
		})
	}
}

func TestSMSSlowGatewayIsTemporary(t *testing.T) {
	g := &gateway{delay: 10 * time.Second}
	s := smsTo(startGateway(t, g).URL)
	s.Client = &http.Client{Timeout: 200 * time.Millisecond}
	start := time.Now()
	err := s.Send(context.Background(), assigned())
	if err == nil || Permanent(err) || time.Since(start) > 3*time.Second {
		t.Fatalf("got %v after %v", err, time.Since(start))
	}
	s.Client = nil
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := s.Send(ctx, assigned()); err == nil || Permanent(err) {
		t.Fatalf("with a context deadline: got %v", err)
	}
}

func TestSMSConnectionRefusedIsTemporary(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := smsTo("http://" + addr)
	s.URL += "?token=hush-hush"
	err = s.Send(context.Background(), assigned())
	if err == nil || Permanent(err) || strings.Contains(err.Error(), "hush-hush") {
		t.Fatalf("got %v", err)
	}
}

func TestSMSRefusesABadMessageWithoutAsking(t *testing.T) {
	g := &gateway{}
	s := smsTo(startGateway(t, g).URL)
	bad := assigned()
	bad.To = "0738-8312345"
	if err := s.Send(context.Background(), bad); !Permanent(err) {
		t.Errorf("a landline: %v", err)
	}
	bad = assigned()
	delete(bad.Params, "deadline")
	if err := s.Send(context.Background(), bad); !Permanent(err) || !strings.Contains(err.Error(), "deadline") {
		t.Errorf("a missing parameter: %v", err)
	}
	notConfigured := Message{ID: "outbox-8", Kind: TaskOverdue, Channel: ChannelSMS, To: "13812345678", Params: sample}
	if err := s.Send(context.Background(), notConfigured); err == nil || Permanent(err) || !strings.Contains(err.Error(), "task.overdue") {
		t.Errorf("a kind without a template: %v", err)
	}
	if g.requests() != 0 {
		t.Errorf("the gateway was asked %d times", g.requests())
	}
}

func TestSMSCheck(t *testing.T) {
	good := SMS{URL: "https://sms.example.gov.cn/send", Sign: "娄星区优化办", Key: "k", Secret: "Check-secret-value",
		Templates: map[Kind]string{LoginCode: "SMS_1", TaskAssigned: "SMS_2"}}
	if err := good.Check(LoginCode, TaskAssigned); err != nil {
		t.Fatalf("a good configuration: %v", err)
	}
	for _, c := range []struct {
		name string
		edit func(*SMS)
		sent []Kind
		want string
	}{
		{"no URL", func(s *SMS) { s.URL = "" }, nil, "URL"},
		{"relative URL", func(s *SMS) { s.URL = "/send" }, nil, "URL"},
		{"ftp URL", func(s *SMS) { s.URL = "ftp://sms.example.gov.cn" }, nil, "URL"},
		{"user in URL", func(s *SMS) { s.URL = "https://u:p@sms.example.gov.cn" }, nil, "URL"},
		{"http elsewhere", func(s *SMS) { s.URL = "http://sms.example.gov.cn/send" }, nil, "https"},
		{"no sign", func(s *SMS) { s.Sign = " " }, nil, "signature"},
		{"bracketed sign", func(s *SMS) { s.Sign = "【娄星区】" }, nil, "signature"},
		{"no secret", func(s *SMS) { s.Secret = "" }, nil, "secret"},
		{"empty template id", func(s *SMS) { s.Templates[Notice] = "" }, nil, "notice"},
		{"unknown kind", func(s *SMS) { s.Templates["appeal.lost"] = "SMS_9" }, nil, "appeal.lost"},
		{"routed kind without template", func(*SMS) {}, []Kind{TaskOverdue}, "task.overdue"},
	} {
		s := good
		s.Templates = map[Kind]string{LoginCode: "SMS_1", TaskAssigned: "SMS_2"}
		c.edit(&s)
		err := s.Check(c.sent...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error about %s", c.name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), good.Secret) {
			t.Errorf("%s: the error shows the secret", c.name)
		}
	}
	local := good
	local.URL = "http://127.0.0.1:9000/send"
	if err := local.Check(); err != nil {
		t.Errorf("http to this machine: %v", err)
	}
}

package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"zhitong/internal/captcha"
	"zhitong/internal/notify"
)

// The scheduler's warning pass finds the demo district's overdue tasks and
// escalates them to the office, whose officer finds them in the inbox,
// unread, each linking to its appeal, and marks them read; the system
// administrator sees each message delivered in the delivery log. A second
// pass warns of nothing again.
func TestInboxPage(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	w.a.holder = "test"
	if err := w.a.warnTasks(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.a.deliver(ctx); err != nil {
		t.Fatal(err)
	}
	office, admin := w.signInHTTP("yhb_zhouzhiqiang"), w.signInHTTP("admin_sys_sunhao")
	page := w.page(office, "/inbox")
	m := regexp.MustCompile(`data-unread="([0-9]+)"`).FindStringSubmatch(page)
	overdue := strings.Count(page, `data-kind="task.overdue"`)
	if m == nil || m[1] == "0" || overdue == 0 || !strings.Contains(page, `<a href="/appeals/`) {
		t.Fatalf("the office's inbox after the warning pass: no unread overdue task linking to its appeal")
	}
	if res := w.post(office, "/inbox/read", url.Values{}, true); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/inbox?done=read" {
		t.Fatalf("mark all read: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	page = w.page(office, "/inbox?done=read")
	if !strings.Contains(page, `data-unread="0"`) || strings.Contains(page, `class="inbox-item unread"`) {
		t.Errorf("after marking all read the inbox still shows unread messages")
	}

	log := w.page(admin, "/admin/deliveries?state=sent&channel=inapp")
	if sent := strings.Count(log, `data-state="sent"`); sent < overdue {
		t.Errorf("the delivery log shows %d in-app messages sent; the office alone got %d", sent, overdue)
	}
	if status, _ := w.read(office, "/admin/deliveries"); status != http.StatusForbidden {
		t.Errorf("the office read the delivery log: %d", status)
	}

	before := w.page(office, "/inbox")
	if err := w.a.warnTasks(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.a.deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if after := w.page(office, "/inbox"); strings.Count(after, "inbox-item") != strings.Count(before, "inbox-item") {
		t.Errorf("a second warning pass told the office again")
	}
}

// An enterprise files on the portal; the SMS gateway configured by the
// serve flags (a real HTTP server here) receives, signed, the number and
// query code the page showed, under the template configured for it.
func TestPortalFilingTextsTheCode(t *testing.T) {
	w := newPageWorld(t)
	got, c := w.smsGateway(t)

	client := newClient()
	token := w.portalForm(client)
	answer, _ := (&captcha.Issuer{Key: w.key}).Answer(token)
	status, body := w.postBody(client, "/portal/file", url.Values{"enterprise_name": {"娄底市朝阳塑胶有限公司"}, "type": {"consult"},
		"contact_name": {"李明"}, "contact_phone": {"13973880000"}, "district_id": {strconv.FormatInt(w.units["娄星区"], 10)},
		"title": {"咨询市级审批事项办理流程"}, "content": {"请问市级审批的办理流程和时限。"}, "captcha_token": {token}, "captcha_answer": {answer}})
	if status != http.StatusCreated {
		t.Fatalf("filing: %d", status)
	}
	number := regexp.MustCompile(`ZT[0-9]{14}`).FindString(body)
	if err := w.a.deliver(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case req := <-got:
		if req.Phone != "13973880000" || req.Template != "SMS_1" || req.Sign != "娄星直通车" || req.Params["number"] != number ||
			req.Params["code"] == "" || !strings.Contains(body, req.Params["code"]) || req.Params["url"] != "https://zt.example.gov.cn/portal" {
			t.Fatalf("the gateway got %+v; the page showed %s", req, number)
		}
	default:
		t.Fatal("the gateway got nothing")
	}

	// A wrong setting stops the program before it serves.
	fs := flags("serve")
	f := c.serveFlags(fs, ":0", "x.db")
	if err := fs.Parse([]string{"--sms-url", "http://sms.example.com/send", "--sms-sign", "直通车", "--sms-key", "zt"}); err != nil {
		t.Fatal(err)
	}
	if err := f.notify.check("serve", c.message); err == nil {
		t.Error("an SMS gateway over plain HTTP to another machine, without templates, was accepted")
	}
}

// smsGateway starts an SMS gateway (a real HTTP server) that hands over
// what it receives, and configures the server's notifications to use it,
// as the serve flags would; it returns the requests and the command line.
func (w *pageWorld) smsGateway(t *testing.T) (<-chan notify.SMSRequest, *cli) {
	got := make(chan notify.SMSRequest, 16)
	gateway := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var req notify.SMSRequest
		if r.Header.Get(notify.HeaderSignature) == "" || json.NewDecoder(r.Body).Decode(&req) != nil {
			http.Error(rw, `{"code":"bad"}`, http.StatusBadRequest)
			return
		}
		got <- req
		rw.Write([]byte(`{"code":"OK"}`))
	}))
	t.Cleanup(gateway.Close)
	env := map[string]string{"ZHITONG_SMS_SECRET": "s3cret"}
	c := &cli{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return env[k] }}
	fs := flags("serve")
	f := c.serveFlags(fs, ":0", "x.db")
	if err := fs.Parse([]string{"--sms-url", gateway.URL, "--sms-sign", "娄星直通车", "--sms-key", "zt",
		"--sms-templates", "appeal.registered=SMS_1,appeal.answered=SMS_2,appeal.rate=SMS_3,login.code=SMS_4,account.code=SMS_5,policy.published=SMS_6",
		"--public-url", "https://zt.example.gov.cn"}); err != nil {
		t.Fatal(err)
	}
	if err := f.notify.check("serve", c.message); err != nil {
		t.Fatal(err)
	}
	w.a.useNotify(&f.notify)
	w.a.holder = "test"
	return got, c
}

// sent delivers the outbox and returns the SMS the gateway got.
func (w *pageWorld) sent(t *testing.T, got <-chan notify.SMSRequest) notify.SMSRequest {
	t.Helper()
	if err := w.a.deliver(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case req := <-got:
		return req
	default:
		t.Fatal("the gateway got nothing")
		return notify.SMSRequest{}
	}
}

// An officer without an authenticator chooses SMS codes as the second
// factor, proving the phone is theirs with a code; from then on the right
// password sends a code, and only the code signs in.
func TestSMSSecondFactor(t *testing.T) {
	w := newPageWorld(t)
	got, _ := w.smsGateway(t)
	const user = "lx_zjj"
	c := w.signInHTTP(user)
	if res := w.post(c, "/account/sms", url.Values{}, true); res.StatusCode != http.StatusOK {
		t.Fatalf("asking for a code: %d", res.StatusCode)
	}
	req := w.sent(t, got)
	if req.Template != "SMS_4" || len(req.Params["code"]) != 6 {
		t.Fatalf("the enrolment SMS: %+v", req)
	}
	if status, _ := w.postBody(c, "/account/sms/confirm", url.Values{"code": {"000000"}}); status != http.StatusBadRequest && req.Params["code"] != "000000" {
		t.Fatalf("a wrong code: %d", status)
	}
	if res := w.post(c, "/account/sms/confirm", url.Values{"code": {req.Params["code"]}}, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirming with the code: %d", res.StatusCode)
	}

	fresh := newClient()
	login := func(code string) (int, string) {
		return w.postBody(fresh, "/login", url.Values{"username": {user}, "password": {w.users[user].Password}, "totp": {code}, "next": {"/"}})
	}
	status, body := login("")
	if status != http.StatusUnauthorized || !strings.Contains(body, "验证码已发送至") {
		t.Fatalf("the password alone: %d", status)
	}
	req = w.sent(t, got)
	if status, _ := login(req.Params["code"]); status != http.StatusSeeOther {
		t.Fatalf("the right code: %d", status)
	}
	if status, body := login(req.Params["code"]); status != http.StatusUnauthorized || !strings.Contains(body, "短信验证码不正确") {
		t.Fatalf("a code used twice: %d", status)
	}
}

// Someone signs up for a company on the portal with a phone that is not
// the company's registered number: a code reaches the phone, the code
// proves it, and the account waits for the federation, which sees it
// proven; a wrong code proves nothing.
func TestPortalSignupProvesThePhone(t *testing.T) {
	w := newPageWorld(t)
	got, _ := w.smsGateway(t)
	c := newClient()
	token := w.portalForm(c)
	answer, _ := (&captcha.Issuer{Key: w.key}).Answer(token)
	status, body := w.postBody(c, "/portal/signup", url.Values{"credit_code": {w.companyCode("湖南利钢金属制品有限公司")},
		"name": {"王会计"}, "phone": {"13712345678"}, "password": {"Lg-2026-caiwu!"}, "captcha_token": {token}, "captcha_answer": {answer}})
	if status != http.StatusCreated || !strings.Contains(body, "137****5678") {
		t.Fatalf("signing up: %d, or the page does not say where the code went", status)
	}
	req := w.sent(t, got)
	if req.Phone != "13712345678" || req.Template != "SMS_5" {
		t.Fatalf("the account's SMS: %+v", req)
	}
	wrong := "000000"
	if req.Params["code"] == wrong {
		wrong = "000001"
	}
	if status, _ := w.postBody(c, "/portal/signup/verify", url.Values{"phone": {"13712345678"}, "code": {wrong}}); status != http.StatusBadRequest {
		t.Fatalf("a wrong code: %d", status)
	}
	status, body = w.postBody(c, "/portal/signup/verify", url.Values{"phone": {"13712345678"}, "code": {req.Params["code"]}})
	if status != http.StatusOK || !strings.Contains(body, "data-verified") || strings.Contains(body, "data-confirmed") {
		t.Fatalf("the right code for a number not registered: %d", status)
	}
	fed := w.signInHTTP("gsl_liujianhua")
	if page := w.page(fed, "/admin/accounts"); strings.Count(page, "data-phone-verified") != 1 {
		t.Errorf("the federation does not see the one proven phone")
	}
}

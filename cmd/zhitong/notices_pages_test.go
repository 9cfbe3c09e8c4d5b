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
	got := make(chan notify.SMSRequest, 4)
	gateway := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var req notify.SMSRequest
		if r.Header.Get(notify.HeaderSignature) == "" || json.NewDecoder(r.Body).Decode(&req) != nil {
			http.Error(rw, `{"code":"bad"}`, http.StatusBadRequest)
			return
		}
		got <- req
		rw.Write([]byte(`{"code":"OK"}`))
	}))
	defer gateway.Close()
	env := map[string]string{"ZHITONG_SMS_SECRET": "s3cret"}
	c := &cli{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return env[k] }}
	fs := flags("serve")
	f := c.serveFlags(fs, ":0", "x.db")
	if err := fs.Parse([]string{"--sms-url", gateway.URL, "--sms-sign", "娄星直通车", "--sms-key", "zt",
		"--sms-templates", "appeal.registered=SMS_1,appeal.answered=SMS_2,appeal.rate=SMS_3",
		"--public-url", "https://zt.example.gov.cn"}); err != nil {
		t.Fatal(err)
	}
	if err := f.notify.check("serve", c.message); err != nil {
		t.Fatal(err)
	}
	w.a.useNotify(&f.notify)
	w.a.holder = "test"

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
	fs = flags("serve")
	f = c.serveFlags(fs, ":0", "x.db")
	if err := fs.Parse([]string{"--sms-url", "http://sms.example.com/send", "--sms-sign", "直通车", "--sms-key", "zt"}); err != nil {
		t.Fatal(err)
	}
	if err := f.notify.check("serve", c.message); err == nil {
		t.Error("an SMS gateway over plain HTTP to another machine, without templates, was accepted")
	}
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/captcha"
	"zhitong/internal/demo"
	"zhitong/internal/enterprise"
	"zhitong/internal/web"
)

// pageWorld is the demo district served over HTTP by the real wiring of
// the binary: the API and the pages behind it.
type pageWorld struct {
	t         *testing.T
	a         *app
	url       string
	users     map[string]demo.Token
	units     map[string]int64
	key       []byte // the portal's CAPTCHA key, to read a picture as a person would
	companies []demo.Company
	now       func() time.Time // the server's clock
}

func newPageWorld(t *testing.T) *pageWorld { t.Helper(); return newPageWorldAt(t, time.Now) }

// newPageWorldAt serves the demo district with now as the server's clock.
func newPageWorldAt(t *testing.T, now func() time.Time) *pageWorld {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, _, err := open(ctx, filepath.Join(t.TempDir(), "pages.db"), log, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	res, err := demo.Seed(ctx, a.db, demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := a.handler(ctx, webOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	w := &pageWorld{t: t, a: a, url: srv.URL, users: map[string]demo.Token{}, units: map[string]int64{}, companies: res.Companies, now: now}
	for _, tok := range res.Tokens {
		w.users[tok.Username] = tok
	}
	us, err := a.db.Units(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		w.units[u.Name] = u.ID
	}
	if w.key, err = a.db.CaptchaKey(ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

// testLog shows the server's warnings and errors in the test's output.
type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

var captchaToken = regexp.MustCompile(`name="captcha_token" value="([^"]+)"`)

// portalForm fetches the filing form and returns its CAPTCHA token.
func (w *pageWorld) portalForm(c *http.Client) string {
	w.t.Helper()
	res, err := c.Get(w.url + "/portal/file")
	if err != nil {
		w.t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := captchaToken.FindSubmatch(b)
	if m == nil {
		w.t.Fatalf("the filing form has no CAPTCHA token")
	}
	return string(m[1])
}

func (w *pageWorld) postBody(c *http.Client, path string, form url.Values) (int, string) {
	w.t.Helper()
	res := w.send(c, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), true)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// The portal's filing: a wrong answer keeps what was typed and spends the
// picture; a picture answered once files nothing more; the right answer to a
// new one files; and a client that posts too often is told to wait.
func TestPortalCaptchaAndLimit(t *testing.T) {
	w := newPageWorld(t)
	c := newClient()
	issuer := &captcha.Issuer{Key: w.key}
	form := url.Values{"enterprise_name": {"娄底市朝阳塑胶有限公司"}, "type": {"consult"}, "contact_name": {"李明"},
		"contact_phone": {"13973880000"}, "district_id": {strconv.FormatInt(w.units["娄星区"], 10)},
		"title": {"咨询市级审批事项办理流程"}, "content": {"请问市级审批的办理流程和时限。"}}

	token := w.portalForm(c)
	form.Set("captcha_token", token)
	form.Set("captcha_answer", "WRONG")
	status, body := w.postBody(c, "/portal/file", form)
	if status != http.StatusBadRequest || !strings.Contains(body, "验证码不正确") || !strings.Contains(body, "咨询市级审批事项办理流程") {
		t.Fatalf("a wrong answer: %d, message or typed title missing", status)
	}
	answer, _ := issuer.Answer(token)
	form.Set("captcha_answer", answer)
	if status, body = w.postBody(c, "/portal/file", form); status != http.StatusBadRequest || !strings.Contains(body, "已使用过") {
		t.Fatalf("the right answer to a picture already answered: %d", status)
	}
	token = w.portalForm(c)
	answer, _ = issuer.Answer(token)
	form.Set("captcha_token", token)
	form.Set("captcha_answer", " "+strings.ToLower(answer)+" ")
	if status, body = w.postBody(c, "/portal/file", form); status != http.StatusCreated || !strings.Contains(body, `id="query-code"`) {
		t.Fatalf("the right answer to a new picture: %d", status)
	}

	// Lookups with made-up codes: refused as unknown, until the limit.
	limited := 0
	for i := 0; i < 2*web.DefaultPortalLimit && limited == 0; i++ {
		st, _ := w.postBody(c, "/portal/follow", url.Values{"number": {"ZT20260101000001"}, "code": {"ABCDEFGH"}})
		switch st {
		case http.StatusNotFound:
		case http.StatusTooManyRequests:
			limited = i + 1
		default:
			t.Fatalf("lookup %d: %d", i+1, st)
		}
	}
	// Three posts went before (the filings); the limit counts them all.
	if limited != web.DefaultPortalLimit-3+1 {
		t.Fatalf("the portal refused the %dth lookup, want the %dth", limited, web.DefaultPortalLimit-3+1)
	}
}

// The administrators keep accounts on the users' pages, each to their own
// part (三员分立): the security administrator grants roles, the system
// administrator does not; the system administrator deactivates, and the
// account's sessions end at once.
func TestUserAdministration(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	sec, sys, unit := w.signInHTTP("admin_sec_wangjing"), w.signInHTTP("admin_sys_sunhao"), w.signInHTTP("lx_zjj")
	u, err := w.a.db.UserByUsername(ctx, "lx_zjj")
	if err != nil {
		t.Fatal(err)
	}
	page := "/admin/users/" + strconv.FormatInt(u.ID, 10)
	if status, body := w.postBody(sys, page, url.Values{"act": {"roles"}, "roles": {"handler", "cadre"}}); status != http.StatusForbidden || !strings.Contains(body, "没有权限") {
		t.Fatalf("the system administrator granting roles: %d", status)
	}
	if res := w.post(sec, page, url.Values{"act": {"roles"}, "roles": {"handler", "cadre"}}, true); res.StatusCode != http.StatusSeeOther ||
		!strings.Contains(res.Header.Get("Location"), "done=user.roles") {
		t.Fatalf("the security administrator granting roles: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if u, _ = w.a.db.UserByUsername(ctx, "lx_zjj"); !u.HasRole("cadre") || !u.HasRole("handler") {
		t.Fatalf("after the grant the roles are %v", u.Roles)
	}
	if status, body := w.postBody(sec, page, url.Values{"act": {"roles"}, "roles": {"auditor", "handler"}}); status != http.StatusBadRequest || !strings.Contains(body, `class="flash flash-error"`) {
		t.Fatalf("the audit administrator's role with another: %d, want 400 on the form", status)
	}
	if res := w.post(sys, page, url.Values{"act": {"deactivate"}}, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivating: %d", res.StatusCode)
	}
	if res := w.get(unit, "/"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Fatalf("a deactivated officer's workbench: %d to %q, want the sign-in page", res.StatusCode, res.Header.Get("Location"))
	}
}

// companyCode is the credit code of a demo company, found by its name.
func (w *pageWorld) companyCode(name string) string {
	w.t.Helper()
	es, err := w.a.enterprises.Find(context.Background(), account.SystemActor(), enterprise.Filter{Query: name, Limit: 1})
	if err != nil || len(es) == 0 {
		w.t.Fatalf("no demo company %s: %v", name, err)
	}
	return es[0].CreditCode
}

// companySignIn signs a demo company's account in on the portal.
func (w *pageWorld) companySignIn(name string) *http.Client {
	w.t.Helper()
	phone := ""
	for _, c := range w.companies {
		if c.Name == name {
			phone = c.Phone
		}
	}
	c := newClient()
	res := w.post(c, "/portal/login", url.Values{"phone": {phone}, "password": {demo.DemoPassword}}, true)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/portal/mine" {
		w.t.Fatalf("%s: portal sign-in answered %d to %q", name, res.StatusCode, res.Header.Get("Location"))
	}
	return c
}

// upload sends a file to the appeal page's attachment form; it returns the
// status and the page, or where it was sent on.
func (w *pageWorld) upload(c *http.Client, appealID int64, name string, data []byte) (int, string) {
	w.t.Helper()
	status, loc, body := w.uploadTo(c, "/appeals/"+strconv.FormatInt(appealID, 10)+"/attachments", name, data, true)
	return status, body + loc
}

func (w *pageWorld) uploadTo(c *http.Client, path, name string, data []byte, ours bool) (status int, location, body string) {
	w.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	res := w.send(c, path, mw.FormDataContentType(), &b, ours)
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(page)
}

var pdf = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// Files on an appeal: the office attaches one, the unit with the task
// downloads it byte for byte; a program dressed as a PDF, an unknown kind
// and a file too large are refused with a message; on an appeal dispatched
// anonymously the unit never sees the intake's papers, only its own.
func TestAttachments(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	office, unit, other := w.signInHTTP("yhb_zhouzhiqiang"), w.signInHTTP("lx_zjj"), w.signInHTTP("lx_gongdian")
	p, err := w.a.appeals.List(ctx, account.SystemActor(), appeal.Filter{UnitID: w.units["区住建局"], States: []appeal.State{appeal.InProgress}, Limit: 1})
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("no appeal in progress at 区住建局: %v", err)
	}
	id := p.Items[0].ID
	if status, loc := w.upload(office, id, "现场照片说明.pdf", pdf); status != http.StatusSeeOther || !strings.Contains(loc, "done=attach") {
		t.Fatalf("the office attaching a PDF: %d %s", status, loc)
	}
	files, err := w.a.appeals.ListAttachments(ctx, account.SystemActor(), id)
	if err != nil || len(files) != 1 || files[0].Name != "现场照片说明.pdf" || files[0].Size != int64(len(pdf)) {
		t.Fatalf("the appeal's attachments: %+v %v", files, err)
	}
	res := w.get(unit, fmt.Sprintf("/appeals/%d", id))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the unit's appeal page: %d", res.StatusCode)
	}
	dl, err := unit.Get(fmt.Sprintf("%s/appeals/%d/attachments/%d", w.url, id, files[0].ID))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(dl.Body)
	dl.Body.Close()
	if dl.StatusCode != http.StatusOK || !bytes.Equal(got, pdf) || !strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("the unit downloading: %d, %d bytes, %q", dl.StatusCode, len(got), dl.Header.Get("Content-Disposition"))
	}
	if res := w.get(other, fmt.Sprintf("/appeals/%d/attachments/%d", id, files[0].ID)); res.StatusCode != http.StatusNotFound {
		t.Fatalf("a unit without a task downloading: %d, want 404", res.StatusCode)
	}
	for _, c := range []struct {
		name   string
		data   []byte
		status int
		msg    string
	}{
		{"通知.pdf", append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0}, 100)...), 400, "不符"},
		{"脚本.exe", []byte("MZ"), 400, "不支持这种文件"},
		{"扫描件.pdf", append(pdf, bytes.Repeat([]byte{' '}, appeal.MaxAttachmentSize)...), 413, "文件过大"},
	} {
		if status, body := w.upload(office, id, c.name, c.data); status != c.status || !strings.Contains(body, c.msg) {
			t.Errorf("%s: %d, want %d with %q", c.name, status, c.status, c.msg)
		}
	}
	if files, _ = w.a.appeals.ListAttachments(ctx, account.SystemActor(), id); len(files) != 1 {
		t.Fatalf("refused files were kept: %d attachments", len(files))
	}

	// An appeal dispatched anonymously: the intake's papers stay with the offices.
	anon, err := w.a.appeals.List(ctx, account.SystemActor(), appeal.Filter{DistrictID: w.units["娄星区"], States: []appeal.State{appeal.InProgress}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var secret *appeal.Appeal
	for i := range anon.Items {
		if anon.Items[i].Anonymous {
			secret = &anon.Items[i]
		}
	}
	if secret == nil {
		t.Fatal("the demo has no anonymous appeal in progress")
	}
	g, err := w.a.db.Aggregate(ctx, secret.ID)
	if err != nil {
		t.Fatal(err)
	}
	var handler string
	for _, tk := range g.Current() {
		for name, uid := range w.units {
			if uid == tk.UnitID {
				for _, tok := range w.users {
					if tok.Unit == name && len(tok.Roles) == 1 && tok.Roles[0] == account.Handler {
						handler = tok.Username
					}
				}
			}
		}
	}
	if handler == "" {
		t.Fatal("no handler of the anonymous appeal's unit")
	}
	if status, _ := w.upload(office, secret.ID, "举报材料.pdf", pdf); status != http.StatusSeeOther {
		t.Fatalf("the office attaching to the anonymous appeal: %d", status)
	}
	h := w.signInHTTP(handler)
	if status, _ := w.upload(h, secret.ID, "核查情况.pdf", pdf); status != http.StatusSeeOther {
		t.Fatalf("the unit attaching its own file: %d", status)
	}
	page, _ := h.Get(fmt.Sprintf("%s/appeals/%d", w.url, secret.ID))
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if strings.Contains(string(body), "举报材料.pdf") || !strings.Contains(string(body), "核查情况.pdf") {
		t.Fatalf("on the anonymous appeal the unit sees the intake's file, or not its own")
	}
	all, _ := w.a.appeals.ListAttachments(ctx, account.SystemActor(), secret.ID)
	for _, f := range all {
		if f.Name == "举报材料.pdf" {
			if res := w.get(h, fmt.Sprintf("/appeals/%d/attachments/%d", secret.ID, f.ID)); res.StatusCode != http.StatusNotFound {
				t.Fatalf("the unit downloading the intake's file of an anonymous appeal: %d, want 404", res.StatusCode)
			}
		}
	}
}

var caseNumber = regexp.MustCompile(`>(ZT[0-9]{14})<`)

// The list page sorts by registration either way, and its header turns
// the order round.
func TestListSorting(t *testing.T) {
	w := newPageWorld(t)
	office := w.signInHTTP("yhb_zhouzhiqiang")
	first := func(path string) (string, string) {
		res, err := office.Get(w.url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := caseNumber.FindSubmatch(b)
		if res.StatusCode != http.StatusOK || m == nil {
			t.Fatalf("%s: %d, no case number", path, res.StatusCode)
		}
		flip := regexp.MustCompile(`<a class="sort (asc|desc)" href="([^"]+)"`).FindSubmatch(b)
		if flip == nil {
			t.Fatalf("%s: the registration column does not sort", path)
		}
		return string(m[1]), html.UnescapeString(string(flip[2]))
	}
	newest, toOldest := first("/appeals?status=closed")
	oldest, toNewest := first(toOldest)
	if oldest >= newest {
		t.Fatalf("oldest first begins with %s, newest first with %s", oldest, newest)
	}
	if again, _ := first(toNewest); again != newest {
		t.Fatalf("turned round twice the list begins with %s, not %s", again, newest)
	}
	p, err := w.a.appeals.List(context.Background(), account.SystemActor(), appeal.Filter{
		States: []appeal.State{appeal.Closed}, DistrictID: w.units["娄星区"], Oldest: true, Limit: 1})
	if err != nil || len(p.Items) == 0 || p.Items[0].Number() != oldest {
		t.Fatalf("the oldest closed appeal is not %s: %v", oldest, err)
	}
}

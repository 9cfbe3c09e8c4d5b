package main

import (
	"context"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/captcha"
)

// The browser tests drive Debian's headless chromium through the pages of
// the real server, as people would: an appeal filed on the portal goes
// round the whole loop through five users and is rated by its enterprise.
// They write screenshots of the main pages to ../../screenshots (or
// $ZHITONG_SCREENSHOTS) for a person to look at. Without chromium they
// skip, and say so; with ZHITONG_REQUIRE_BROWSER=1 (CI) a missing browser
// fails them instead.

const chromiumPath = "/usr/bin/chromium"

// browserWorld is a demo district served over HTTP, and a browser.
type browserWorld struct {
	*pageWorld
	shots string
	root  context.Context // the browser; each user gets a context of their own in it
}

func newBrowserWorld(t *testing.T) *browserWorld {
	t.Helper()
	path, err := osexec.LookPath(chromiumPath)
	if err != nil {
		if os.Getenv("ZHITONG_REQUIRE_BROWSER") != "" {
			t.Fatalf("browser tests: %s is not installed, and ZHITONG_REQUIRE_BROWSER is set", chromiumPath)
		}
		t.Skipf("browser tests SKIPPED: %s is not installed (apt-get install chromium fonts-noto-cjk)", chromiumPath)
	}
	w := &browserWorld{pageWorld: newPageWorld(t)}
	w.shots = os.Getenv("ZHITONG_SCREENSHOTS")
	if w.shots == "" {
		w.shots = filepath.Join("..", "..", "screenshots")
	}
	if err := os.MkdirAll(w.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 768))
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	root, cancelRoot := chromedp.NewContext(alloc)
	t.Cleanup(cancelRoot)
	if err := chromedp.Do(root); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	w.root = root
	return w
}

// user is one person's browser: a context of its own, with its own cookies.
type user struct {
	w    *browserWorld
	name string
	ctx  context.Context
}

func (w *browserWorld) person(name string) *user {
	ctx, cancel := chromedp.NewContext(w.root, chromedp.WithNewBrowserContext())
	w.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // the tab opens; no deadline on this first call
		w.t.Fatalf("%s: open a tab: %v", name, err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	w.t.Cleanup(cancelT)
	return &user{w: w, name: name, ctx: ctx}
}

// signIn signs the demo user in on the login page, with the code of their
// authenticator where their roles require one.
func (w *browserWorld) signIn(username string) *user {
	w.t.Helper()
	tok, ok := w.users[username]
	if !ok {
		w.t.Fatalf("no demo user %s", username)
	}
	u := w.person(username)
	code := ""
	if tok.TOTP != "" {
		var err error
		if code, err = totp.GenerateCode(tok.TOTP, time.Now()); err != nil {
			w.t.Fatal(err)
		}
	}
	u.open("/")
	u.run(chromedp.SendKeys(chromedp.CSS(`#username`), username),
		chromedp.SendKeys(chromedp.CSS(`#password`), tok.Password),
		chromedp.SendKeys(chromedp.CSS(`#totp`), code))
	u.submit(`form[action="/login"]`, `h1.page-title`)
	if got := u.text(`h1.page-title`); !strings.Contains(got, "我的工作台") {
		w.t.Fatalf("%s signed in to %q, not the workbench", username, got)
	}
	return u
}

func (u *user) run(steps ...chromedp.Action[chromedp.Void]) {
	u.w.t.Helper()
	if err := chromedp.Do(u.ctx, steps...); err != nil {
		u.w.t.Fatalf("%s at %s: %v", u.name, u.location(), err)
	}
}

// get runs one action that reads something.
func read[T any](u *user, a chromedp.Action[T]) T {
	u.w.t.Helper()
	v, err := chromedp.Run(u.ctx, a)
	if err != nil {
		u.w.t.Fatalf("%s at %s: %v", u.name, u.location(), err)
	}
	return v
}

func (u *user) location() string {
	s, _ := chromedp.Run(u.ctx, chromedp.Location())
	return s
}

// text is the text of the element sel, which the page must show: a page
// without it fails the test at once, with what the page shows instead.
func (u *user) text(sel string) string {
	u.w.t.Helper()
	u.must(sel)
	return strings.TrimSpace(read(u, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible)))
}

func (u *user) must(sel string) {
	u.w.t.Helper()
	if n := read(u, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))); n == 0 {
		msg, _ := chromedp.Run(u.ctx, chromedp.Text(chromedp.CSS(`body`)))
		u.w.t.Fatalf("%s: the page at %s shows no %s: %.400s", u.name, u.location(), sel, msg)
	}
}

func (u *user) value(sel string) string {
	u.w.t.Helper()
	return read(u, chromedp.Value(chromedp.CSS(sel)))
}

func (u *user) open(path string) {
	u.w.t.Helper()
	u.run(chromedp.Navigate(u.w.url+path), chromedp.WaitReady(chromedp.CSS(`body`)))
}

// shot writes a screenshot of the whole page for a person to look at.
func (u *user) shot(name string) {
	u.w.t.Helper()
	u.run(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	png := read(u, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(u.w.shots, name+".png"), png, 0o644); err != nil {
		u.w.t.Fatal(err)
	}
}

// leave takes an action that leaves the page (a click that sends a form or
// follows a link) and waits until the next page has loaded: the old page
// carries a mark that the new one does not.
func (u *user) leave(a chromedp.Action[chromedp.Void]) {
	u.w.t.Helper()
	u.run(chromedp.Evaluate[chromedp.Void](`window.__ztOld = true`), a)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// While the browser navigates, evaluating fails: try again.
		if done, err := chromedp.Run(u.ctx, chromedp.Evaluate[bool](`!window.__ztOld && document.readyState === "complete"`)); err == nil && done {
			return
		}
	}
	u.w.t.Fatalf("%s: the page at %s did not go on", u.name, u.location())
}

// submit sends the form and waits for the next page, which must show want.
func (u *user) submit(form, want string) {
	u.w.t.Helper()
	u.leave(chromedp.Click(chromedp.CSS(form + ` button[type=submit]`)))
	u.must(want)
}

// act opens the form of an action on the appeal page (the first whose
// data-action begins with name), lets fill complete it, and sends it; the
// page must come back saying it was done.
func (u *user) act(appealID int64, name string, fill ...chromedp.Action[chromedp.Void]) {
	u.w.t.Helper()
	u.open("/appeals/" + strconv.FormatInt(appealID, 10))
	form := fmt.Sprintf(`details[data-action^="%s"]`, name)
	u.must(form)
	u.run(chromedp.Click(chromedp.CSS(form+` > summary`)), chromedp.WaitVisible(chromedp.CSS(form+` form`)))
	u.run(fill...)
	u.leave(chromedp.Click(chromedp.CSS(form + ` button[type=submit]`)))
	if at := u.location(); !strings.Contains(at, "done=") {
		msg, _ := chromedp.Run(u.ctx, chromedp.Text(chromedp.CSS(`.flash`)))
		u.w.t.Fatalf("%s: %s on appeal %d was not done: %q at %s", u.name, name, appealID, msg, at)
	}
}

func (u *user) state() string { return u.text(`h1.page-title .tag`) }

func TestBrowserLoop(t *testing.T) {
	w := newBrowserWorld(t)

	// The enterprise files on the portal, past the CAPTCHA.
	ent := w.person("enterprise")
	ent.open("/portal")
	ent.shot("portal-home")
	ent.open("/portal/file")
	token := ent.value(`input[name=captcha_token]`)
	answer, err := (&captcha.Issuer{Key: w.key}).Answer(token)
	if err != nil {
		t.Fatal(err)
	}
	ent.run(
		chromedp.SendKeys(chromedp.CSS(`#enterprise_name`), "娄底海特科技发展有限公司"),
		chromedp.SetValue(chromedp.CSS(`#type`), "help"),
		chromedp.SetValue(chromedp.CSS(`#district_id`), strconv.FormatInt(w.units["娄星区"], 10)),
		chromedp.SendKeys(chromedp.CSS(`#contact_name`), "龙海涛"),
		chromedp.SendKeys(chromedp.CSS(`#contact_phone`), "13973881234"),
		chromedp.SendKeys(chromedp.CSS(`#title`), "新生产线用电报装等待40天未接电"),
		chromedp.SendKeys(chromedp.CSS(`#content`), "我司新生产线的用电报装已提交40天，至今未接电，影响投产。"),
		chromedp.SendKeys(chromedp.CSS(`#captcha_answer`), strings.ToLower(answer)))
	ent.shot("portal-file")
	ent.submit(`form[action="/portal/file"]`, `#query-code`)
	number, code := ent.text(`#appeal-number`), ent.text(`#query-code`)
	id, ok := appeal.ParseNumber(number)
	if !ok || len(code) != 8 {
		t.Fatalf("the receipt shows number %q and code %q", number, code)
	}
	ent.shot("portal-filed")

	// The federation triages it to the office.
	fed := w.signIn("gsl_liujianhua")
	fed.open("/appeals/" + strconv.FormatInt(id, 10))
	if s := fed.state(); s != "待分办" {
		t.Fatalf("a new portal appeal is %q, want 待分办", s)
	}
	fed.act(id, "refer_district", chromedp.SendKeys(chromedp.CSS(`details[data-action="refer_district"] textarea[name=note]`), "供电报装，请优化办交办"))

	// The office assigns it to the wrong unit; the unit returns it.
	office := w.signIn("yhb_zhouzhiqiang")
	office.act(id, "assign", chromedp.SetValue(chromedp.CSS(`details[data-action="assign"] select[name=lead_unit_id]`), strconv.FormatInt(w.units["区住建局"], 10)))
	wrong := w.signIn("lx_zjj")
	wrong.open("/")
	if n := wrong.text(`a[data-tile="wb.pending"] .kpi-value`); n == "0" {
		t.Fatal("the assigned unit's workbench shows nothing to accept")
	}
	wrong.act(id, "return", chromedp.SendKeys(chromedp.CSS(`details[data-action^="return"] textarea[name=note]`), "供电报装不属本单位职责"))

	// Re-assigned to the utility, accepted, replied, approved.
	office.act(id, "assign", chromedp.SetValue(chromedp.CSS(`details[data-action="assign"] select[name=lead_unit_id]`), strconv.FormatInt(w.units["国网娄星供电公司"], 10)))
	office.shot("appeal-office")
	power := w.signIn("lx_gongdian")
	power.act(id, "accept")
	power.act(id, "reply",
		chromedp.Click(chromedp.CSS(`details[data-action^="reply"] input[name=outcome][value=solved]`)),
		chromedp.SendKeys(chromedp.CSS(`details[data-action^="reply"] textarea[name=text]`), "已于12月3日完成接电，生产线可按期投产。"))
	reply := filepath.Join(t.TempDir(), "接电验收单.pdf")
	if err := os.WriteFile(reply, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	power.run(chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{reply}))
	power.leave(chromedp.Click(chromedp.CSS(`form[action$="/attachments"] button[type=submit]`)))
	if files := power.text(`#attachments`); !strings.Contains(files, "接电验收单.pdf") {
		t.Fatalf("after the upload the attachments read %q", files)
	}
	office.act(id, "approve")
	if s := office.state(); s != "待回访" {
		t.Fatalf("after the approval the appeal is %q, want 待回访", s)
	}
	office.open(fmt.Sprintf("/appeals/%d/sheet", id))
	if no := office.text(`.doc-no`); !strings.Contains(no, "号") {
		t.Fatalf("the assignment sheet has no document number: %q", no)
	}
	office.shot("sheet")

	// The federation tells the enterprise; the enterprise reads and rates it.
	fed.act(id, "feedback", chromedp.SendKeys(chromedp.CSS(`details[data-action="feedback"] textarea[name=told]`), "您反映的用电报装已于12月3日接电。"))
	ent.open("/portal/follow")
	ent.run(chromedp.SendKeys(chromedp.CSS(`#number`), number), chromedp.SendKeys(chromedp.CSS(`#code`), code))
	ent.submit(`form[action="/portal/follow"]`, `#reply`)
	if r := ent.text(`#reply`); !strings.Contains(r, "完成接电") {
		t.Fatalf("the enterprise reads %q, not the reply", r)
	}
	ent.run(chromedp.Click(chromedp.CSS(`input[name=satisfaction][value=satisfied]`)), chromedp.Click(chromedp.CSS(`input[name=resolved][value=yes]`)))
	ent.shot("portal-rate")
	ent.submit(`form[action="/portal/rate"]`, `.flash-ok`)
	ent.shot("portal-rated")

	// Closed, with the enterprise's rating, one number from start to end.
	office.open("/appeals/" + strconv.FormatInt(id, 10))
	if s := office.state(); s != "已办结" {
		t.Fatalf("after the rating the appeal is %q, want 已办结", s)
	}
	timeline := office.text(`ol.timeline`)
	for _, step := range []string{"登记", "报区优化办", "交办", "退回", "签收", "答复", "审核通过", "反馈企业", "回访"} {
		if !strings.Contains(timeline, step) {
			t.Errorf("the timeline lacks %s:\n%s", step, timeline)
		}
	}
	office.shot("appeal-closed")
	office.open("/")
	office.shot("workbench-office")
	office.open("/appeals")
	office.shot("appeals")
}

// waitFor polls a JavaScript condition on the page until it holds.
func (u *user) waitFor(what, cond string) {
	u.w.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(u.ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
	}
	u.w.t.Fatalf("%s at %s: %s never happened", u.name, u.location(), what)
}

// The hotline seat's day: find the enterprise as they type, see its open
// appeals, lose the page mid-call and find the draft again, register past
// the duplicate warning; the language switch; a page the role may not see.
func TestBrowserIntake(t *testing.T) {
	w := newBrowserWorld(t)
	seat := w.signIn("zx_lixiaoyan")
	seat.open("/appeals/new")
	seat.run(chromedp.SendKeys(chromedp.CSS(`#enterprise_name`), "利钢"))
	seat.waitFor("the enterprise suggested", `document.querySelectorAll('ul.typeahead li[role=option]:not([aria-disabled])').length > 0`)
	seat.run(chromedp.Click(chromedp.CSS(`ul.typeahead li[role=option]`)))
	seat.waitFor("the enterprise picked", `document.querySelector('#enterprise_id').value !== ''`)
	if cc := seat.value(`#credit_code`); len(cc) != 18 {
		t.Fatalf("picking the enterprise filled the credit code with %q", cc)
	}
	seat.waitFor("its open appeals pointed out", `!document.querySelector('#open-appeals').hidden`)
	if s := seat.text(`#open-appeals`); !strings.Contains(s, "ZT") {
		t.Fatalf("the open appeals box shows %q", s)
	}
	const title = "咨询留抵退税的申请条件"
	seat.run(chromedp.SetValue(chromedp.CSS(`#type`), "consult"),
		chromedp.SendKeys(chromedp.CSS(`#title`), title),
		chromedp.SendKeys(chromedp.CSS(`#content`), "企业财务经理来电咨询增值税留抵退税的申请条件和所需材料。"))
	seat.waitFor("the draft saved", `(document.querySelector('[data-autosave-status]').textContent || '').includes('草稿已自动保存')`)
	seat.shot("intake")

	// The call drops; the page is reloaded; what was typed is there.
	seat.run(chromedp.Reload())
	seat.waitFor("the draft restored", `document.querySelector('#title').value === '`+title+`'`)
	if c := seat.value(`#content`); !strings.Contains(c, "留抵退税") {
		t.Fatalf("after a reload the content is %q", c)
	}

	// Saving points out the open appeals first; confirmed, it registers.
	seat.submit(`form[action="/appeals/new"]`, `input[name=confirm_dup]`)
	seat.run(chromedp.Click(chromedp.CSS(`input[name=confirm_dup]`)))
	seat.submit(`form[action="/appeals/new"]`, `#query-code`)
	if n := seat.text(`#appeal-number`); !strings.HasPrefix(n, "ZT") {
		t.Fatalf("registered as %q", n)
	}
	seat.open("/appeals/new")
	if v := seat.value(`#title`); v != "" {
		t.Fatalf("the draft outlived its registration: the title reads %q", v)
	}

	// The language switch, there and back.
	seat.open("/")
	seat.leave(chromedp.Click(chromedp.CSS(`a.lang`)))
	if h := seat.text(`h1.page-title`); !strings.HasPrefix(h, "My workbench") {
		t.Fatalf("after switching to English the workbench reads %q", h)
	}
	seat.open("/appeals")
	if m := seat.text(`.sidebar a[aria-current=page]`); m != "Appeals" {
		t.Fatalf("the English menu reads %q", m)
	}
	seat.shot("appeals-en")
	seat.leave(chromedp.Click(chromedp.CSS(`a.lang`)))
	if h := seat.text(`h1.page-title`); h != "诉求列表" {
		t.Fatalf("after switching back the page reads %q", h)
	}

	// A handling unit may not open the administrators' pages.
	unit := w.signIn("lx_zjj")
	unit.open("/admin/units")
	if msg := unit.text(`main .flash-error`); !strings.Contains(msg, "没有权限") {
		t.Fatalf("a unit opening the units page reads %q", msg)
	}
	unit.shot("forbidden")
}

// A liaison cadre files from a phone on a visit; the portal too is used on
// phones: no page is wider than the screen.
func TestBrowserPhone(t *testing.T) {
	w := newBrowserWorld(t)
	cadre := w.signIn("lqgb_luozhiyong")
	cadre.run(chromedp.EmulateViewport(390, 844))
	ent := w.person("enterprise")
	ent.run(chromedp.EmulateViewport(390, 844))
	for _, c := range []struct {
		u    *user
		path string
		shot string
	}{{cadre, "/appeals/new", "phone-intake"}, {cadre, "/", "phone-workbench"}, {ent, "/portal", "phone-portal"}, {ent, "/portal/file", "phone-portal-file"}} {
		c.u.open(c.path)
		if wide := read(c.u, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); wide > 390 {
			t.Errorf("%s is %d px wide on a 390 px phone", c.path, wide)
		}
		c.u.shot(c.shot)
	}
	cadre.open("/appeals/new")
	cadre.run(chromedp.SetValue(chromedp.CSS(`#channel`), "visit"),
		chromedp.SetValue(chromedp.CSS(`#type`), "help"),
		chromedp.SendKeys(chromedp.CSS(`#enterprise_name`), "娄底市某小型机械厂"),
		chromedp.SendKeys(chromedp.CSS(`#title`), "走访发现：厂区道路照明不足"),
		chromedp.SendKeys(chromedp.CSS(`#content`), "走访时企业反映厂区外道路夜间无路灯，员工下班不安全。"))
	cadre.submit(`form[action="/appeals/new"]`, `#query-code`)
}

// unlabelled finds the form fields of the page a screen reader could not
// name: no <label>, no aria-label, no aria-labelledby.
const unlabelled = `Array.from(document.querySelectorAll('input, select, textarea'))
	.filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
	.map(e => e.name || e.id || e.outerHTML.slice(0, 60))`

// Every field of the main pages has a label, the action forms of the
// appeal page included; the keyboard reaches the intake form.
func TestBrowserAccessible(t *testing.T) {
	w := newBrowserWorld(t)
	office := w.signIn("yhb_zhouzhiqiang")
	ctx := context.Background()
	p, err := w.a.appeals.List(ctx, account.SystemActor(), appeal.Filter{DistrictID: w.units["娄星区"], States: []appeal.State{appeal.Unassigned}, Limit: 1})
	if err != nil || len(p.Items) == 0 {
		t.Fatalf("no appeal to assign in the demo: %v", err)
	}
	anon := w.person("anonymous")
	for _, c := range []struct {
		u    *user
		path string
	}{{office, "/"}, {office, "/appeals"}, {office, "/appeals/new"}, {office, "/tasks"}, {office, "/admin/users"},
		{office, "/admin/categories"}, {office, "/policies"}, {office, fmt.Sprintf("/appeals/%d", p.Items[0].ID)},
		{anon, "/login"}, {anon, "/portal/file"}, {anon, "/portal/follow"}} {
		c.u.open(c.path)
		c.u.run(chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
		if bad := read(c.u, chromedp.Evaluate[[]string](unlabelled)); len(bad) > 0 {
			t.Errorf("%s: fields without a label: %v", c.path, bad)
		}
	}
	office.open("/")
	office.leave(chromedp.KeyEvent("n"))
	if at := office.location(); !strings.HasSuffix(at, "/appeals/new") {
		t.Fatalf("the n key on the workbench went to %s, not the intake form", at)
	}
}

// A company's contact person opens an account on the portal; the
// federation confirms it; the company signs in, sees its own appeals and
// files one more without a CAPTCHA.
func TestBrowserCompanyAccount(t *testing.T) {
	w := newBrowserWorld(t)
	ent := w.person("company")
	ent.open("/portal/signup")
	token := ent.value(`input[name=captcha_token]`)
	answer, err := (&captcha.Issuer{Key: w.key}).Answer(token)
	if err != nil {
		t.Fatal(err)
	}
	const phone, password = "13900001111", "Chaoyang-Plastic-2026"
	ent.run(chromedp.SendKeys(chromedp.CSS(`#credit_code`), w.companyCode("娄底市朝阳塑胶有限公司")),
		chromedp.SendKeys(chromedp.CSS(`#name`), "王会计"),
		chromedp.SendKeys(chromedp.CSS(`#phone`), phone),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.SendKeys(chromedp.CSS(`#captcha_answer`), answer))
	ent.submit(`form[action="/portal/signup"]`, `.flash-ok`)

	signIn := func() {
		ent.open("/portal/login")
		ent.run(chromedp.SendKeys(chromedp.CSS(`#phone`), phone), chromedp.SendKeys(chromedp.CSS(`#password`), password))
		ent.leave(chromedp.Click(chromedp.CSS(`form[action="/portal/login"] button[type=submit]`)))
	}
	signIn()
	if msg := ent.text(`.flash-error`); !strings.Contains(msg, "等待工作人员确认") {
		t.Fatalf("an unconfirmed account signing in reads %q", msg)
	}

	fed := w.signIn("gsl_liujianhua")
	fed.open("/admin/accounts")
	fed.shot("accounts")
	fed.leave(chromedp.Click(chromedp.CSS(`tr:has(td.mono) form[action$="/confirm"] button`)))
	if msg := fed.text(`.flash-ok`); !strings.Contains(msg, "已确认") {
		t.Fatalf("confirming reads %q", msg)
	}

	signIn()
	if h := ent.text(`main h1`); !strings.Contains(h, "我的诉求") || !strings.Contains(h, "王会计") {
		t.Fatalf("after signing in the company reads %q", h)
	}
	before := read(ent, chromedp.Evaluate[int](`document.querySelectorAll('main tbody a[href^="/portal/mine/"]').length`))
	ent.open("/portal/file")
	ent.must(`main p.field-wide`) // filed as the company: no name to type, no CAPTCHA
	ent.run(chromedp.SetValue(chromedp.CSS(`#type`), "consult"),
		chromedp.SendKeys(chromedp.CSS(`#contact_name`), "王会计"),
		chromedp.SendKeys(chromedp.CSS(`#contact_phone`), phone),
		chromedp.SendKeys(chromedp.CSS(`#title`), "咨询出口退税备案手续"),
		chromedp.SendKeys(chromedp.CSS(`#content`), "请问出口退税备案需要哪些材料，可否网上办理？"))
	ent.submit(`form[action="/portal/file"]`, `#query-code`)
	ent.open("/portal/mine")
	ent.shot("portal-mine")
	after := read(ent, chromedp.Evaluate[int](`document.querySelectorAll('main tbody a[href^="/portal/mine/"]').length`))
	if after != before+2 { // the number and the title of the new appeal
		t.Fatalf("the company's list grew from %d to %d links, want two more", before, after)
	}
	if s := ent.text(`main tbody tr`); !strings.Contains(s, "咨询出口退税备案手续") {
		t.Fatalf("the newest appeal listed is %q", s)
	}
}

// The leader reads the dashboard, the monthly report and the assessment in
// a real browser: every chart is drawn and has width on the page, the
// report's tables and ranking are there, a unit's figure opens its tasks;
// screenshots for a person to look at.
func TestBrowserDashboardAndReport(t *testing.T) {
	w := newBrowserWorld(t)
	leader := w.signIn("ld_pengjianguo")
	leader.open("/dashboard")
	leader.must(`svg[data-chart="line"]`)
	if n := read(leader, chromedp.Evaluate[int](`[...document.querySelectorAll('svg[data-chart]')].filter(s => s.getBoundingClientRect().width > 200).length`)); n != 8 {
		t.Errorf("%d charts drawn wider than 200 px, want 8", n)
	}
	leader.shot("dashboard")
	now := time.Now().In(appeal.CST)
	leader.open("/reports/monthly?from=" + now.AddDate(0, 0, -90).Format(time.DateOnly) + "&to=" + now.Format(time.DateOnly))
	leader.must(`table[data-table="units"] tbody tr`)
	if got := leader.text(`tr[data-row="all"] th`); got != "全部诉求" {
		t.Errorf("the report's total row reads %q", got)
	}
	leader.must(`table[data-table="ranking"] tbody tr`)
	leader.shot("monthly-report")
	// A unit's figure opens the tasks behind it.
	leader.leave(chromedp.Click(chromedp.CSS(`table[data-table="units"] tbody tr a[data-figure="overdue"]`)))
	if !strings.HasPrefix(leader.location(), w.url+"/tasks?") || !strings.Contains(leader.text(`#figure-caption`), "逾期") {
		t.Errorf("the overdue figure opened %s", leader.location())
	}
	leader.open("/reports/assessment?from=" + now.AddDate(0, 0, -90).Format(time.DateOnly) + "&to=" + now.Format(time.DateOnly))
	leader.must(`table[data-kind] tbody tr td[data-score]`)
	leader.shot("assessment")
	leader.open("/events")
	leader.must(`tr[data-campaign] progress`)
	leader.must(`tr[data-event] a[href^="/events/"]`)
	leader.shot("events")
}

// A liaison cadre, on a phone, records a visit on an entity's page and
// files an appeal there: the page comes back with the visit in its history
// and the appeal linked, and is no wider than the screen.
func TestBrowserCadreVisit(t *testing.T) {
	w := newBrowserWorld(t)
	cadre := w.signIn("lqgb_luozhiyong")
	cadre.run(chromedp.EmulateViewport(390, 844))
	e, err := w.a.db.EnterpriseByCode(context.Background(), w.companyCode(w.companies[0].Name))
	if err != nil {
		t.Fatal(err)
	}
	cadre.open(fmt.Sprintf("/registry/%d", e.ID))
	cadre.run(chromedp.Click(chromedp.CSS(`details.visit-form summary`)),
		chromedp.WaitVisible(chromedp.CSS(`#vs-found`)), // the details open before the fields take keys
		chromedp.SendKeys(chromedp.CSS(`#vs-found`), "订单充足，技术工人紧缺"),
		chromedp.SendKeys(chromedp.CSS(`#vs-pol`), "稳岗补贴、以工代训"),
		chromedp.SendKeys(chromedp.CSS(`#vs-title`), "招工难：急需数控技工"),
		chromedp.SendKeys(chromedp.CSS(`#vs-content`), "走访时企业反映急需数控技工 20 名，希望人社部门组织专场招聘。"))
	cadre.submit(`form[action$="/visits"]`, `tr[data-visit] a[href^="/appeals/"]`)
	if got := cadre.text(`tr[data-visit] td:nth-child(3)`); got != "订单充足，技术工人紧缺" {
		t.Errorf("the visit's findings read %q", got)
	}
	if wide := read(cadre, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); wide > 390 {
		t.Errorf("the entity's page is %d px wide on a 390 px phone", wide)
	}
	cadre.shot("phone-visit")
}

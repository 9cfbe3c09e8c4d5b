package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhitong/internal/demo"
)

// The office publishes a policy for every entity of 娄星区 in a real
// browser, every field of the form labelled; the policy's page shows its
// text, the reach 0.0% and its targets. 湖南利钢's contact person signs in
// on the portal, finds it unread above the policy the demo had it read,
// opens it, and the officers' page counts the read. Screenshots for a
// person to look at.
func TestBrowserPolicy(t *testing.T) {
	w := newBrowserWorld(t)
	office := w.signIn("yhb_zhouzhiqiang")
	office.open("/policies")
	office.run(chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
	if bad := read(office, chromedp.Evaluate[[]string](unlabelled)); len(bad) > 0 {
		t.Errorf("/policies: fields without a label: %v", bad)
	}
	office.run(chromedp.SendKeys(chromedp.CSS(`#pl-title`), "个体工商户房租减免实施细则"),
		chromedp.SetValue(chromedp.CSS(`#pl-issuer`), strconv.FormatInt(w.units["区发改局"], 10)),
		chromedp.SetValue(chromedp.CSS(`#pl-from`), "2026-12-01"),
		chromedp.SendKeys(chromedp.CSS(`#pl-docno`), "娄星发改〔2026〕9号"),
		chromedp.SendKeys(chromedp.CSS(`#pl-body`), "承租国有房屋从事生产经营的个体工商户，减免 3 个月租金。"))
	office.shot("policies")
	office.submit(`form[action="/policies"]`, `.flash-ok`)
	at := office.location()
	if reach := office.text(`section[data-reach]`); !strings.Contains(reach, "0.0%") {
		t.Fatalf("the new policy's reach reads %q", reach)
	}
	office.must(`tr[data-target]`)

	ligang := ""
	for _, c := range w.companies {
		if c.Name == demo.Ligang {
			ligang = c.Phone
		}
	}
	ent := w.person("company")
	ent.open("/portal/login")
	ent.run(chromedp.SendKeys(chromedp.CSS(`#phone`), ligang), chromedp.SendKeys(chromedp.CSS(`#password`), demo.DemoPassword))
	ent.leave(chromedp.Click(chromedp.CSS(`form[action="/portal/login"] button[type=submit]`)))
	ent.open("/portal/policies")
	ent.shot("portal-policies")
	if first := ent.text(`main li.inbox-item`); !strings.Contains(first, "个体工商户房租减免实施细则") || !strings.Contains(first, "未读") {
		t.Fatalf("the company's first policy is %q, want the new one unread", first)
	}
	ent.leave(chromedp.Click(chromedp.CSS(`main li.inbox-item a`)))
	if h := ent.text(`main h1`); h != "个体工商户房租减免实施细则" {
		t.Fatalf("the policy opened is %q", h)
	}
	office.open(strings.TrimPrefix(at, w.url))
	if reach := office.text(`section[data-reach]`); strings.Contains(reach, "知晓率: 0.0%") {
		t.Fatalf("after the company read it the reach still reads %q", reach)
	}
	office.shot("policy")
}

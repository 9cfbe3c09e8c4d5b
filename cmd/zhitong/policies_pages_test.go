package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhitong/internal/account"
	"zhitong/internal/appeal"
	"zhitong/internal/demo"
	"zhitong/internal/enterprise"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
	"zhitong/internal/sqlstore"
)

// policyEntity is an entity the policy test registers, with a portal
// account when phone is given.
type policyEntity struct {
	name, district, township, industry string
	size                               enterprise.Size
	contact, account                   string // the entity's contact number; its account's phone ("": none)
	target                             bool   // the tags below select it
}

// The demo's entities have no size: the size tags leave them all out, so
// that the entities here are the only ones a policy for small and micro
// ones of 乐坪 and 花山 in manufacturing (C) and software (65) can reach.
var policyEntities = []policyEntity{
	{"乐坪食品小型有限公司", "娄星区", "乐坪街道", "13", enterprise.Small, "13907385101", "13907385201", true},
	{"花山塑料微型有限公司", "娄星区", "花山街道", "29", enterprise.Micro, "13907385102", "13907385202", true},
	{"乐坪软件微型有限公司", "娄星区", "乐坪街道", "65", enterprise.Micro, "13907385103", "", true},
	{"乐坪食品大型有限公司", "娄星区", "乐坪街道", "13", enterprise.Large, "13907385104", "", false},
	{"花山批发小型有限公司", "娄星区", "花山街道", "51", enterprise.Small, "13907385105", "13907385205", false},
	{"大科食品小型有限公司", "娄星区", "大科街道", "13", enterprise.Small, "13907385106", "", false},
	{"双峰食品小型有限公司", "双峰县", "永丰街道", "13", enterprise.Small, "13907385107", "", false},
}

// register registers the policy test's entities and their confirmed portal
// accounts, returning the entities' ids by name.
func (w *pageWorld) registerPolicyEntities() map[string]int64 {
	w.t.Helper()
	ctx, sys := context.Background(), account.SystemActor()
	ids := map[string]int64{}
	for i, pe := range policyEntities {
		if w.units[pe.district] == 0 || w.units[pe.township] == 0 {
			w.t.Fatalf("the demo has no %s or %s", pe.district, pe.township)
		}
		base := fmt.Sprintf("91431302MA4P%05d", 500+i)
		e := &enterprise.Enterprise{Name: pe.name, CreditCode: base + string(enterprise.CreditCheckChar(base)), DistrictID: w.units[pe.district],
			TerritoryID: w.units[pe.township], IndustryCode: pe.industry, Size: pe.size, ContactName: "经办人", ContactPhone: pe.contact}
		if err := w.a.enterprises.Create(ctx, sys, e); err != nil {
			w.t.Fatalf("%s: %v", pe.name, err)
		}
		ids[pe.name] = e.ID
		if pe.account == "" {
			continue
		}
		a, err := w.a.accounts.SignUp(ctx, account.Signup{EnterpriseID: e.ID, Name: "经办人", Phone: pe.account, Password: demo.DemoPassword})
		if err != nil {
			w.t.Fatal(err)
		}
		if err := w.a.accounts.ConfirmEnterpriseAccount(ctx, sys, a.ID); err != nil {
			w.t.Fatal(err)
		}
	}
	return ids
}

// accountSignIn signs an enterprise account in on the portal by its phone.
func (w *pageWorld) accountSignIn(phone string) *http.Client {
	w.t.Helper()
	c := newClient()
	if res := w.post(c, "/portal/login", url.Values{"phone": {phone}, "password": {demo.DemoPassword}}, true); res.StatusCode != http.StatusSeeOther {
		w.t.Fatalf("%s: portal sign-in answered %d", phone, res.StatusCode)
	}
	return c
}

var targetRow = regexp.MustCompile(`data-target="([0-9]+)" data-read="(true|false)"`)

// The office publishes on the policies page a policy of 区发改局, with its
// PDF, for small and micro entities of 乐坪 and 花山 in manufacturing or
// software: exactly the three entities built so are its targets, and each
// contact with a mobile number is told by SMS through the outbox. Two of
// them read it on the portal — it is unread first, then read — and the
// reach is 2/3 = 66.7%, 1/2 in 乐坪 and 1/1 in 花山, through the API and on
// the page; reading again counts nothing more. The wholesaler's account
// sees no such policy and cannot open it; a form with bad dates keeps what
// was typed. The liaison cadre explains it at a visit to the third target,
// which has no account: 3/3, that one marked as reached by the visit.
func TestPolicyPages(t *testing.T) {
	w := newPageWorld(t)
	ctx := context.Background()
	w.a.db.SetNotices(sqlstore.Notices{SMS: true})
	ids := w.registerPolicyEntities()
	office := w.signInHTTP("yhb_zhouzhiqiang")
	if page := w.page(office, "/policies"); !strings.Contains(page, `action="/policies"`) {
		t.Fatal("the office has no publishing form")
	}
	if page := w.page(w.signInHTTP("ld_pengjianguo"), "/policies"); strings.Contains(page, `action="/policies"`) {
		t.Fatal("a leader is offered the publishing form")
	}
	form := url.Values{"title": {"小微企业贷款贴息"}, "issuer_id": {strconv.FormatInt(w.units["区发改局"], 10)}, "doc_no": {"娄星发改〔2026〕5号"},
		"effective_from": {"2026-03-01"}, "effective_to": {"2026-12-31"}, "body": {"对符合条件的小微企业给予贷款贴息。\n申报材料见附件。"},
		"industries": {"C，65"}, "territories": {strconv.FormatInt(w.units["乐坪街道"], 10), strconv.FormatInt(w.units["花山街道"], 10)},
		"sizes": {"small", "micro"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("effective_to", "2026-02-01")
	if status, _, page := w.uploadForm(office, "/policies", bad, "申报指南.pdf", pdf); status != http.StatusBadRequest ||
		!strings.Contains(page, "截止日不能早于起始日") || !strings.Contains(page, "小微企业贷款贴息") {
		t.Fatalf("a policy ending before it starts: %d", status)
	}
	status, loc, _ := w.uploadForm(office, "/policies", form, "申报指南.pdf", pdf)
	m := regexp.MustCompile(`^/policies/([0-9]+)\?done=published_policy$`).FindStringSubmatch(loc)
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("publishing: %d to %q", status, loc)
	}
	path := "/policies/" + m[1]
	id, _ := strconv.ParseInt(m[1], 10, 64)

	var want []string
	for _, pe := range policyEntities {
		if pe.target {
			want = append(want, strconv.FormatInt(ids[pe.name], 10))
		}
	}
	targets := func() (got []string, read []string) {
		for _, r := range targetRow.FindAllStringSubmatch(w.page(office, path), -1) {
			got = append(got, r[1])
			if r[2] == "true" {
				read = append(read, r[1])
			}
		}
		return got, read
	}
	if got, read := targets(); !slices.Equal(got, want) || len(read) != 0 {
		t.Fatalf("the targets on the page: %v (read %v), want %v", got, read, want)
	}
	var sms []string
	log, err := w.a.db.DeliveryLog(ctx, outbox.LogFilter{Channel: notify.ChannelSMS, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range log {
		if r.Message.Kind == notify.PolicyPublished {
			sms = append(sms, r.Message.To)
		}
	}
	slices.Sort(sms)
	if !slices.Equal(sms, []string{"13907385101", "13907385102", "13907385103"}) {
		t.Fatalf("the SMS of the policy went to %v", sms)
	}

	// Two targeted entities read it on the portal, told on the page they
	// land on after signing in.
	for _, phone := range []string{"13907385201", "13907385202"} {
		c := w.accountSignIn(phone)
		if mine := w.page(c, "/portal/mine"); !strings.Contains(mine, `data-unread-policies="1"`) {
			t.Fatalf("%s: the company is not told of the policy on signing in", phone)
		}
		list := w.page(c, "/portal/policies")
		if !strings.Contains(list, fmt.Sprintf(`data-policy="%d" data-read="false"`, id)) {
			t.Fatalf("%s: the policy is not listed unread", phone)
		}
		if page := w.page(c, "/portal/policies/"+m[1]); !strings.Contains(page, "小微企业贷款贴息") || !strings.Contains(page, "申报指南.pdf") {
			t.Fatalf("%s: the policy's page lacks its title or file", phone)
		}
		if !strings.Contains(w.page(c, "/portal/policies"), fmt.Sprintf(`data-policy="%d" data-read="true"`, id)) {
			t.Fatalf("%s: the policy is not read after opening it", phone)
		}
		w.page(c, "/portal/policies/"+m[1]) // a second read counts nothing
	}
	wholesaler := w.accountSignIn("13907385205")
	if page := w.page(wholesaler, "/portal/policies"); strings.Contains(page, "小微企业贷款贴息") {
		t.Fatal("an entity the tags leave out sees the policy")
	}
	if status, _ := w.read(wholesaler, "/portal/policies/"+m[1]); status != http.StatusNotFound {
		t.Fatalf("an entity the tags leave out opens the policy: %d", status)
	}

	type rate struct {
		Num, Den int
		Percent  string
	}
	var p struct {
		Reach     rate
		Townships []struct {
			TerritoryID int64 `json:"territory_id"`
			Reach       rate
		}
		Files []struct{ ID int64 }
	}
	w.apiGet("ld_pengjianguo", fmt.Sprintf("/api/v1/policies/%d", id), &p)
	if p.Reach != (rate{2, 3, "66.7%"}) || len(p.Townships) != 2 || len(p.Files) != 1 {
		t.Fatalf("the reach: %+v", p)
	}
	byTown := map[int64]rate{}
	for _, t := range p.Townships {
		byTown[t.TerritoryID] = t.Reach
	}
	if byTown[w.units["乐坪街道"]] != (rate{1, 2, "50.0%"}) || byTown[w.units["花山街道"]] != (rate{1, 1, "100.0%"}) {
		t.Fatalf("the reach by township: %+v", byTown)
	}
	got, read := targets()
	if wantRead := want[:2]; !slices.Equal(got, want) || !slices.Equal(read, wantRead) {
		t.Fatalf("after two reads the page shows read %v, want %v", read, wantRead)
	}
	page := w.page(w.signInHTTP("ld_pengjianguo"), path)
	if !strings.Contains(page, `data-reach="66.7%"`) || !regexp.MustCompile(`(?s)data-town="`+strconv.FormatInt(w.units["乐坪街道"], 10)+`">.*?50\.0%`).MatchString(page) {
		t.Fatal("the leader's page does not show the reach 66.7% and 乐坪's 50.0%")
	}
	if status, ct, b := w.download(office, fmt.Sprintf("%s/attachments/%d", path, p.Files[0].ID)); status != http.StatusOK || ct != "application/pdf" || string(b) != string(pdf) {
		t.Fatalf("the policy's file: %d %s", status, ct)
	}
	if list := w.page(office, "/policies"); !regexp.MustCompile(`(?s)data-policy="` + m[1] + `">.*?data-reach>66\.7%`).MatchString(list) {
		t.Fatal("the list of policies does not show the reach")
	}

	// The liaison cadre explains it at a visit to the third target, which
	// has no account: reached too, 3/3.
	cadre := w.signInHTTP("lqgb_luozhiyong")
	soft := fmt.Sprintf("/registry/%d", ids["乐坪软件微型有限公司"])
	if page := w.page(cadre, soft); !strings.Contains(page, fmt.Sprintf(`name="policy_ids" value="%d"`, id)) {
		t.Fatal("the visit form does not offer the policy sent to the entity")
	}
	today := w.now().In(appeal.CST).Format(time.DateOnly)
	if res := w.post(cadre, soft+"/visits", url.Values{"visited_on": {today}, "visitors": {"罗志勇"}, "policy_ids": {m[1]}}, true); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a visit explaining the policy: %d", res.StatusCode)
	}
	w.apiGet("ld_pengjianguo", fmt.Sprintf("/api/v1/policies/%d", id), &p)
	if p.Reach != (rate{3, 3, "100.0%"}) {
		t.Fatalf("the reach after the visit: %+v", p.Reach)
	}
	if page := w.page(office, path); !strings.Contains(page, "data-by-visit") {
		t.Fatal("the policy's page does not say a target was reached by a visit")
	}
	wholesale := fmt.Sprintf("/registry/%d/visits", ids["花山批发小型有限公司"])
	if status, _ := w.postBody(cadre, wholesale, url.Values{"visited_on": {today}, "visitors": {"罗志勇"}, "policy_ids": {m[1]}}); status != http.StatusBadRequest {
		t.Fatalf("explaining a policy not sent to the entity: %d", status)
	}
}

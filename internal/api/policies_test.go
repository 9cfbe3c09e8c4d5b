package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"zhitong/internal/account"
	"zhitong/internal/enterprise"
	"zhitong/internal/notify"
	"zhitong/internal/outbox"
	"zhitong/internal/sqlstore"
)

// policyEntities registers entities of known township, industry and size
// besides the world's four (which have neither a division nor a size):
// the tags C or I65, 乐坪 or 花山, small or micro select exactly the first
// three. Their keys name what each is.
func (w *world) policyEntities(t *testing.T) {
	t.Helper()
	add := func(key, district, township, code string, size enterprise.Size, phone string, n int) {
		e := &enterprise.Enterprise{Name: "政策测试" + key, CreditCode: creditCode(n), DistrictID: w.unit(district), IndustryCode: code,
			Size: size, ContactName: "联系人" + key, ContactPhone: phone}
		if township != "" {
			e.TerritoryID = w.unit(township)
		}
		if err := w.cfg.Enterprises.Create(bg, account.SystemActor(), e); err != nil {
			t.Fatalf("enterprise %s: %v", key, err)
		}
		w.enterprises[key] = e
	}
	add("乐坪食品小型", "louxing", "leping", "13", enterprise.Small, "13907381101", 101)
	add("花山塑料微型", "louxing", "huashan", "29", enterprise.Micro, "13907381102", 102)
	add("乐坪软件微型", "louxing", "leping", "65", enterprise.Micro, "0738-8312345", 103) // a landline: no SMS
	add("乐坪食品大型", "louxing", "leping", "13", enterprise.Large, "13907381104", 104)
	add("花山批发小型", "louxing", "huashan", "51", enterprise.Small, "13907381105", 105)
	add("无镇街食品小型", "louxing", "", "13", enterprise.Small, "13907381106", 106)
	add("双峰食品小型", "shuangfeng", "sfTown", "13", enterprise.Small, "13907381107", 107)
}

type policyBody = map[string]any

func (w *world) policyBody(title string) policyBody {
	return policyBody{"issuer_id": w.unit("fagai"), "title": title, "doc_no": "娄星发改〔2026〕5号", "effective_from": "2026-03-01",
		"effective_to": "2026-12-31", "body": "对符合条件的小微企业给予贷款贴息。"}
}

type policyOut struct {
	ID          int64
	Title       string
	Industries  []string `json:"industries"`
	Territories []int64  `json:"territories"`
	Reach       struct {
		Num, Den int
		Percent  string
	}
	Townships []struct {
		TerritoryID int64 `json:"territory_id"`
		Reach       struct {
			Num, Den int
			Percent  string
		}
	}
}

// The federation publishes a policy of 娄星区发改局 for manufacturing (C)
// and software (I65), in 乐坪 and 花山, for small and micro entities: exactly
// the three entities built so are targeted — not the large one, the
// wholesaler, the one without a township, 双峰县's, nor the world's four of
// unknown size — each SMS-able contact is told through the outbox (the
// landline is not), and the reach is 0 of 3 until someone reads it. A
// policy without tags targets every entity of the district.
func TestPublishPolicyTargets(t *testing.T) {
	w := newWorld(t)
	w.db.SetNotices(sqlstore.Notices{SMS: true, PortalURL: "https://zt.example.gov.cn/portal"})
	w.policyEntities(t)
	fed := w.as(t, "fed")
	b := w.policyBody("小微企业贷款贴息")
	b["industries"] = []string{"C", "I65", "c"}
	b["territories"] = []int64{w.unit("leping"), w.unit("huashan")}
	b["sizes"] = []string{"small", "micro"}
	var p policyOut
	fed.post("/api/v1/policies", b).want(201).into(&p)
	if !slices.Equal(p.Industries, []string{"C", "65"}) || p.Reach.Den != 3 || p.Reach.Num != 0 || p.Reach.Percent != "0.0%" {
		t.Fatalf("the policy published: %+v", p)
	}
	var page struct {
		Items []struct {
			EnterpriseID int64 `json:"enterprise_id"`
			Name         string
			ContactPhone string  `json:"contact_phone"`
			ReadAt       *string `json:"read_at"`
		}
		NextCursor string `json:"next_cursor"`
	}
	w.as(t, "leader").get(fmt.Sprintf("/api/v1/policies/%d/targets", p.ID)).want(200).into(&page)
	var names []string
	for _, it := range page.Items {
		names = append(names, it.Name)
		if it.ReadAt != nil || strings.Contains(it.ContactPhone, "1390738110") {
			t.Errorf("a target read already or its phone shown to a leader: %+v", it)
		}
	}
	if want := []string{"政策测试乐坪食品小型", "政策测试花山塑料微型", "政策测试乐坪软件微型"}; !slices.Equal(names, want) || page.NextCursor != "" {
		t.Fatalf("targets %v, want %v", names, want)
	}
	// Two pages of two.
	w.as(t, "fed").get(fmt.Sprintf("/api/v1/policies/%d/targets?limit=2", p.ID)).want(200).into(&page)
	if len(page.Items) != 2 || page.NextCursor == "" || page.Items[0].ContactPhone != "13907381101" {
		t.Fatalf("the first page of two: %+v", page)
	}
	w.as(t, "fed").get(fmt.Sprintf("/api/v1/policies/%d/targets?limit=2&cursor=%s", p.ID, page.NextCursor)).want(200).into(&page)
	if len(page.Items) != 1 || page.Items[0].Name != "政策测试乐坪软件微型" {
		t.Fatalf("the second page: %+v", page)
	}

	log, err := w.db.DeliveryLog(bg, outbox.LogFilter{Channel: notify.ChannelSMS, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range log {
		if m.Message.Kind == notify.PolicyPublished {
			to = append(to, m.Message.To)
			if m.Message.Params["issuer"] != "娄星区发改局" || m.Message.Params["url"] != fmt.Sprintf("https://zt.example.gov.cn/portal/policies/%d", p.ID) {
				t.Errorf("the message's parameters: %v", m.Message.Params)
			}
		}
	}
	slices.Sort(to)
	if !slices.Equal(to, []string{"13907381101", "13907381102"}) {
		t.Fatalf("SMS sent to %v", to)
	}

	var all policyOut
	w.as(t, "office").post("/api/v1/policies", w.policyBody("全区企业用电优惠")).want(201).into(&all)
	if all.Reach.Den != 10 { // the world's four and the six of 娄星区 built here
		t.Fatalf("a policy without tags targets %d entities, want 10", all.Reach.Den)
	}
	var detail policyOut
	w.as(t, "cadre").get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(200).into(&detail)
	if len(detail.Townships) != 2 || detail.Townships[0].TerritoryID != w.unit("leping") || detail.Townships[0].Reach.Den != 2 ||
		detail.Townships[1].Reach.Den != 1 || detail.Townships[0].Reach.Percent != "0.0%" {
		t.Fatalf("the reach by township: %+v", detail.Townships)
	}
	var list struct{ Items []policyOut }
	w.as(t, "fagai").get("/api/v1/policies").want(200).into(&list)
	if len(list.Items) != 2 || list.Items[0].ID != all.ID || list.Items[1].Reach.Den != 3 {
		t.Fatalf("the district's policies: %+v", list.Items)
	}
	w.as(t, "sfOffice").get("/api/v1/policies").want(200).into(&list)
	if len(list.Items) != 0 {
		t.Fatalf("双峰县 sees 娄星区's policies: %+v", list.Items)
	}
	w.as(t, "sfOffice").get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(404)
}

// Publishing is refused to a handling unit, a read-only token and another
// district's office, and when the tags or dates are wrong — each with a
// 4xx naming the field, and nothing written.
func TestPublishPolicyRefused(t *testing.T) {
	w := newWorld(t)
	w.policyEntities(t)
	fed := w.as(t, "fed")
	w.as(t, "fagai").post("/api/v1/policies", w.policyBody("承办单位发布")).wantError(403, "forbidden")
	w.asRead(t, "fed").post("/api/v1/policies", w.policyBody("只读令牌")).want(403)
	w.as(t, "leader").post("/api/v1/policies", w.policyBody("领导发布")).wantError(403, "forbidden")
	other := w.policyBody("外区发布")
	other["district_id"] = w.unit("louxing")
	w.as(t, "sfOffice").post("/api/v1/policies", other).wantError(400, "policy.district")
	sfIssuer := w.policyBody("外区发文单位")
	sfIssuer["issuer_id"] = w.unit("sfOffice")
	fed.post("/api/v1/policies", sfIssuer).wantError(400, "policy.issuer")
	for _, c := range []struct {
		field string
		value any
		key   string
	}{
		{"industries", []string{"Z"}, "policy.industry"},
		{"industries", []string{"制造业"}, "policy.industry"},
		{"industries", []string{"99"}, "policy.industry"},
		{"territories", []int64{w.unit("sfTown")}, "policy.territory"},
		{"territories", []int64{w.unit("fagai")}, "policy.territory"},
		{"sizes", []string{"huge"}, "enterprise.size"},
		{"effective_to", "2026-02-28", "policy.dates"},
		{"effective_from", "2026-02-30", "bad_date"},
		{"title", " ", "required"},
		{"body", "", "required"},
	} {
		b := w.policyBody("错误的政策")
		b[c.field] = c.value
		e := fed.post("/api/v1/policies", b).wantError(400, c.key)
		if e.Field != c.field {
			t.Errorf("%s = %v: the error names %q", c.field, c.value, e.Field)
		}
	}
	var list struct{ Items []policyOut }
	fed.get("/api/v1/policies").want(200).into(&list)
	if len(list.Items) != 0 {
		t.Fatalf("refused policies were written: %+v", list.Items)
	}
}

// Files of a policy: the office attaches a PDF and a leader downloads it
// byte for byte; a program dressed as a PDF is refused by the same check
// as an appeal's files; a handling unit attaches nothing.
func TestPolicyAttachments(t *testing.T) {
	w := newWorld(t)
	var p policyOut
	w.as(t, "office").post("/api/v1/policies", w.policyBody("附件测试")).want(201).into(&p)
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	path := fmt.Sprintf("/api/v1/policies/%d/attachments", p.ID)
	var f struct {
		ID   int64
		Name string
	}
	w.as(t, "office").post(path+"?name=申报指南.pdf", pdf).want(201).into(&f)
	status, h, got := download(t, w, "leader", fmt.Sprintf("%s/%d", path, f.ID))
	if status != 200 || string(got) != string(pdf) || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("the file read back: %d %v", status, h)
	}
	w.as(t, "office").post(path+"?name=setup.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00")).wantError(400, "attach.content")
	w.as(t, "fagai").post(path+"?name=a.txt", []byte("承办单位的附件")).wantError(403, "forbidden")
	var d struct {
		Files []struct{ Name string }
	}
	w.as(t, "fagai").get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(200).into(&d)
	if len(d.Files) != 1 || d.Files[0].Name != "申报指南.pdf" {
		t.Fatalf("the policy's files: %+v", d.Files)
	}
	w.as(t, "sfOffice").get(fmt.Sprintf("%s/%d", path, f.ID)).want(404)
}

// The liaison cadre of 乐坪 explains the policy at a visit to the software
// firm it was sent to: the firm counts as reached (1 of 3), by that visit,
// and the visit lists the policy; explaining it again counts nothing more.
// A visit explaining it to the wholesaler it was not sent to, or on a day
// before it was published, is refused with nothing written.
func TestVisitExplainsPolicy(t *testing.T) {
	w := newWorld(t)
	w.policyEntities(t)
	b := w.policyBody("小微企业贷款贴息")
	b["industries"], b["sizes"] = []string{"C", "65"}, []string{"small", "micro"}
	b["territories"] = []int64{w.unit("leping"), w.unit("huashan")}
	var p policyOut
	w.as(t, "fed").post("/api/v1/policies", b).want(201).into(&p)
	cadre := w.as(t, "cadre")
	soft := fmt.Sprintf("/api/v1/enterprises/%d/visits", w.enterprises["乐坪软件微型"].ID)
	var v struct {
		ID        int64
		PolicyIDs []int64 `json:"policy_ids"`
	}
	visit := map[string]any{"visited_on": "2026-03-02", "visitors": "许诺", "policies": "贷款贴息", "policy_ids": []int64{p.ID}}
	cadre.post(soft, visit).want(201).into(&v)
	if !slices.Equal(v.PolicyIDs, []int64{p.ID}) {
		t.Fatalf("the visit: %+v", v)
	}
	var d policyOut
	w.as(t, "office").get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(200).into(&d)
	if d.Reach.Num != 1 || d.Reach.Den != 3 || d.Reach.Percent != "33.3%" {
		t.Fatalf("the reach after the visit: %+v", d.Reach)
	}
	var page struct {
		Items []struct {
			EnterpriseID int64   `json:"enterprise_id"`
			ReadAt       *string `json:"read_at"`
			ReadVisit    int64   `json:"read_visit"`
		}
	}
	w.as(t, "office").get(fmt.Sprintf("/api/v1/policies/%d/targets", p.ID)).want(200).into(&page)
	for _, it := range page.Items {
		if reached := it.EnterpriseID == w.enterprises["乐坪软件微型"].ID; reached != (it.ReadAt != nil) || reached && it.ReadVisit != v.ID {
			t.Errorf("target %+v", it)
		}
	}
	cadre.post(soft, visit).want(201)
	w.as(t, "office").get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(200).into(&d)
	if d.Reach.Num != 1 {
		t.Fatalf("explaining it twice counted %d", d.Reach.Num)
	}
	wholesaler := fmt.Sprintf("/api/v1/enterprises/%d/visits", w.enterprises["花山批发小型"].ID)
	w.as(t, "fed").post(wholesaler, visit).wantError(400, "visit.policy")
	early := map[string]any{"visited_on": "2026-03-01", "visitors": "许诺", "policy_ids": []int64{p.ID}}
	w.as(t, "fed").post(fmt.Sprintf("/api/v1/enterprises/%d/visits", w.enterprises["乐坪食品小型"].ID), early).wantError(400, "visit.policy")
	var list struct{ Items []struct{ ID int64 } }
	w.as(t, "fed").get(wholesaler).want(200).into(&list)
	if len(list.Items) != 0 {
		t.Fatalf("a refused visit was written: %+v", list.Items)
	}
	w.as(t, "office").get(fmt.Sprintf("/api/v1/policies/%d", p.ID)).want(200).into(&d)
	if d.Reach.Num != 1 {
		t.Fatalf("a refused visit counted: %+v", d.Reach)
	}
}

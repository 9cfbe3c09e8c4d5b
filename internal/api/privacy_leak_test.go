package api_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"zhitong/internal/api"
)

// The anonymous-dispatch leak test (敏感诉求匿名交办). An enterprise reports an
// inspector; the appeal goes round the loop dispatched anonymously, its
// appellant's phone, ID number and name written in its fields and in its
// text, the notes and what the enterprise is told. Then the handling units
// call every read route of the API — every GET the OpenAPI document lists,
// the lists searched by every identifying term, and the reveal — and none
// of the answers, errors included, carries the phone, the ID number, the
// contact's name, the enterprise's name or credit code, or the officer who
// took the call.
func TestAnonymousDispatchLeaksNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		log := w.withAuditLog(t)
		const (
			phone   = "13912345678"
			contact = "举报人钱多多"
			idNo    = testIDNo
		)
		ent := w.enterprises["yongan"]
		secrets := []string{phone, idNo, contact, ent.Name, ent.CreditCode, "钱多多", "坐席王芳"}

		seat, fed, office := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office")
		body := w.newAppeal("hotline_12345", "report", "执法人员检查时索要好处", "yongan")
		body["anonymous"], body["contact_name"], body["contact_phone"], body["contact_id_no"] = true, contact, phone, idNo
		body["content"] = ent.Name + "反映：上月执法检查时，检查人员暗示需要“表示”。联系人" + contact +
			"，电话 " + phone + "，身份证号 " + idNo + "，要求对其身份保密。"
		created := seat.create(body)
		id := created.ID
		d := fed.act(id, "refer-district", 1, map[string]any{"told": "已受理，将联系" + contact + " " + phone,
			"note": ent.Name + "的敏感诉求，匿名交办"}).detail()
		d = office.act(id, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai"),
			"co_unit_ids": []int64{w.unit("zhujian")}, "note": "请核实，" + contact + "（" + phone + "）要求保密"}).detail()
		lead, co := w.as(t, "fagai"), w.as(t, "zhujian")
		for _, u := range []struct {
			c    *client
			unit string
		}{{co, "zhujian"}, {lead, "fagai"}} {
			tk := taskOf(t, d, w.unit(u.unit))
			d = u.c.taskAct(tk.ID, "accept", tk.Version, nil).detail()
			tk = taskOf(t, d, w.unit(u.unit))
			d = u.c.taskAct(tk.ID, "reply", tk.Version, map[string]any{"outcome": "solved", "text": "已核查，相关人员已调离执法岗位。"}).detail()
		}
		tk := taskOf(t, d, w.unit("fagai"))
		d = office.taskAct(tk.ID, "approve", tk.Version, nil).detail()
		d = fed.act(id, "feedback", d.Version, map[string]any{"told": contact + "您好，您反映的问题已处理"}).detail()
		d = fed.act(id, "visit", d.Version, map[string]any{"reached": true, "satisfaction": "satisfied", "resolved": true,
			"words": contact + "表示满意"}).detail()

		// The offices know the appellant: the test would prove nothing if
		// the secrets were nowhere to find.
		if got := fed.appeal(id); got.EnterpriseName != ent.Name || !strings.Contains(got.Content, phone) {
			t.Fatalf("the federation sees %+v", got.Appeal)
		}
		var found api.AppealPage
		fed.get("/api/v1/appeals?q=" + phone).want(200).into(&found)
		if len(found.Items) != 1 {
			t.Fatalf("the federation cannot find it by the phone: %+v", found)
		}

		reads := unitReads(w, id, ent.ID, created.Number, secrets)
		for _, unit := range []*client{lead, co, w.asRead(t, "fagai")} {
			for _, path := range reads {
				r := unit.get(path)
				leaks(t, "GET "+path, r, secrets)
			}
			for _, f := range []string{"phone", "name", "id_no"} {
				r := unit.post(fmt.Sprintf("/api/v1/appeals/%d/reveal", id), revealBody(f))
				if r.status != 403 {
					t.Errorf("a unit revealed the %s: %d %s", f, r.status, clip(r.raw))
				}
				leaks(t, "reveal "+f, r, secrets)
			}
		}
		// A search is a read too: what it finds tells. Searched or filtered
		// by anything that names the appellant, the unit finds nothing.
		for _, q := range append(append([]string{}, secrets...), "永安", "煤矿机械") {
			for _, unit := range []*client{lead, co} {
				var p api.AppealPage
				unit.get("/api/v1/appeals?q=" + url.QueryEscape(q)).want(200).into(&p)
				if len(p.Items) != 0 || p.Total != 0 {
					t.Errorf("searching %q, the unit finds %d appeals", q, p.Total)
				}
			}
		}
		var byEnterprise api.AppealPage
		lead.get(fmt.Sprintf("/api/v1/appeals?enterprise_id=%d", ent.ID)).want(200).into(&byEnterprise)
		if byEnterprise.Total != 0 {
			t.Errorf("filtering by the enterprise, the unit finds %d appeals", byEnterprise.Total)
		}
		// The unit still finds and reads its task: by the matter.
		var mine api.AppealPage
		lead.get("/api/v1/appeals?q=" + url.QueryEscape("索要好处")).want(200).into(&mine)
		if len(mine.Items) != 1 || mine.Items[0].ID != id || !strings.Contains(mine.Items[0].Content, "检查人员暗示") {
			t.Errorf("the unit cannot find its task by the matter: %+v", mine)
		}
		for _, e := range log.all() {
			for _, s := range secrets[:3] {
				if strings.Contains(e.Detail, s) {
					t.Errorf("the audit log holds %q: %+v", s, e)
				}
			}
		}
	})
}

// unitReads lists the reads a unit can make of the appeal: every GET of the
// OpenAPI document, its path filled in, and the lists filtered and searched
// by everything that names the appellant.
func unitReads(w *world, id, enterpriseID int64, number string, secrets []string) []string {
	var paths []string
	for _, op := range w.doc.ops {
		if op.method != "GET" {
			continue
		}
		p := op.path
		switch {
		case strings.HasPrefix(p, "/api/v1/enterprises/"):
			p = strings.Replace(p, "{id}", strconv.FormatInt(enterpriseID, 10), 1)
		case strings.HasPrefix(p, "/api/v1/units/"):
			p = strings.Replace(p, "{id}", strconv.FormatInt(w.unit("fagai"), 10), 1)
		}
		paths = append(paths, pathParam(p, id))
	}
	for _, q := range append(append([]string{}, secrets...), "永安", "煤矿机械", "5678", number, "1238") {
		paths = append(paths, "/api/v1/appeals?q="+url.QueryEscape(q), "/api/v1/appeals?limit=200&q="+url.QueryEscape(q))
	}
	paths = append(paths, fmt.Sprintf("/api/v1/appeals?enterprise_id=%d", enterpriseID),
		fmt.Sprintf("/api/v1/appeals?enterprise_id=%d&status=closed", enterpriseID),
		fmt.Sprintf("/api/v1/appeals?unit_id=%d", w.unit("fagai")),
		"/api/v1/tasks?status=done", "/api/v1/tasks?limit=200",
		fmt.Sprintf("/api/v1/tasks?unit_id=%d", w.unit("fagai")))
	return paths
}

// pathParam fills every {name} of a documented path with id.
func pathParam(p string, id int64) string {
	for {
		i := strings.Index(p, "{")
		j := strings.Index(p, "}")
		if i < 0 || j < i {
			return p
		}
		p = p[:i] + strconv.FormatInt(id, 10) + p[j+1:]
	}
}

// leaks fails the test for each secret in the answer. The registry of
// enterprises may name the enterprise (secrets[3:5]) and the directory of
// officers the seat (the last) — they are open to officers and link neither
// to the appeal — but nothing of the appellant.
func leaks(t *testing.T, what string, r *resp, secrets []string) {
	t.Helper()
	body := string(r.raw)
	for i, s := range secrets {
		if strings.Contains(what, "/api/v1/enterprises") && (i == 3 || i == 4) ||
			strings.Contains(what, "/api/v1/users") && i == len(secrets)-1 {
			continue
		}
		if strings.Contains(body, s) {
			t.Errorf("%s (%d) shows the unit %q: %s", what, r.status, s, clip(r.raw))
		}
	}
}

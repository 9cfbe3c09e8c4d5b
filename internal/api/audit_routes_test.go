package api_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/audit"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// auditPage searches the log as c, wanting 200.
func (c *client) auditPage(query string) api.AuditPage {
	c.t.Helper()
	var p api.AuditPage
	c.get("/api/v1/audit?" + query).want(200).into(&p)
	return p
}

// The audit administrator finds the appeal's steps with the request that
// made them, pages through the log, and every search is itself recorded.
func TestAuditorSearchesTheLog(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorldOn(t, db)
		created := w.as(t, "intake").post("/api/v1/appeals", w.newAppeal("hotline_12345", "help", "审计检索测试", "ligang")).want(201)
		var d api.AppealDetail
		created.into(&d)
		w.as(t, "fed").act(d.ID, "refer-district", d.Version, nil).detail()

		auditor := w.as(t, "auditor")
		p := auditor.auditPage("object=" + url.QueryEscape(fmt.Sprintf("appeal:%d", d.ID)))
		if len(p.Items) != 2 || p.Items[0].Action != "appeal.refer_district" || p.Items[1].Action != "appeal.register" {
			t.Fatalf("the appeal's entries: %+v", p.Items)
		}
		reg := p.Items[1]
		if reg.RequestID != created.header.Get("X-Request-Id") || reg.ClientIP != "127.0.0.1" ||
			reg.ActorID != w.people["intake"].user.ID || reg.Outcome != "ok" || reg.Detail != "→registered" {
			t.Errorf("the register entry %+v", reg)
		}

		// Pages, by the cursor.
		first := auditor.auditPage("action=appeal.&limit=1")
		if len(first.Items) != 1 || first.NextCursor == "" {
			t.Fatalf("first page %+v", first)
		}
		second := auditor.auditPage("action=appeal.&limit=1&cursor=" + first.NextCursor)
		if len(second.Items) != 1 || second.Items[0].ID >= first.Items[0].ID {
			t.Fatalf("second page %+v after %+v", second, first)
		}

		// The searches are in the log, with what they looked for.
		searches := auditor.auditPage("action=audit.search&actor_id=" + fmt.Sprint(w.people["auditor"].user.ID))
		if len(searches.Items) < 3 || !strings.Contains(searches.Items[len(searches.Items)-1].Detail, fmt.Sprintf("object=appeal:%d", d.ID)) {
			t.Errorf("the searches recorded: %+v", searches.Items)
		}

		// Filters that make no sense are refused.
		auditor.get("/api/v1/audit?from=2026-03-05&to=2026-03-01").wantError(400, "audit.range")
		auditor.get("/api/v1/audit?outcome=maybe").wantError(400, "one_of")
		auditor.get("/api/v1/audit?cursor="+encodeOtherCursor()).wantError(400, "cursor.bad")
		w.anon(t).get("/api/v1/audit").wantError(401, "unauthenticated")
		today := auditor.auditPage("from=2026-03-02&to=2026-03-02&action=appeal.")
		tomorrow := auditor.auditPage("from=2026-03-03&action=appeal.")
		if len(today.Items) != 2 || len(tomorrow.Items) != 0 {
			t.Errorf("by day: %d entries today, %d from tomorrow", len(today.Items), len(tomorrow.Items))
		}
	})
}

// encodeOtherCursor is a cursor of another list.
func encodeOtherCursor() string { return "YXBwZWFsczo1" } // "appeals:5"

// No one but the audit administrator reads the log: not the system or the
// security administrator (三员分立), not the offices or the leader; and
// each refusal is itself recorded.
func TestOnlyTheAuditorReadsTheLog(t *testing.T) {
	w := newWorld(t)
	for _, who := range []string{"sysadmin", "secadmin", "office", "leader", "city", "intake", "fagai"} {
		c := w.as(t, who)
		c.get("/api/v1/audit").wantError(403, "audit.forbidden")
		c.get("/api/v1/audit/export").wantError(403, "audit.forbidden")
		w.asRead(t, who).get("/api/v1/audit").wantError(403, "audit.forbidden")
	}
	denied := w.as(t, "auditor").auditPage("outcome=denied&action=audit.")
	if len(denied.Items) != 21 {
		t.Errorf("%d refusals recorded, want 21", len(denied.Items))
	}
	for _, e := range denied.Items {
		if e.ActorID == 0 || e.ActorID == w.people["auditor"].user.ID {
			t.Errorf("a refusal without its actor: %+v", e)
		}
	}
	// Without the log configured, nobody reads it, the auditor included.
	bare := newWorld(t)
	bare.as(t, "sysadmin").get("/api/v1/audit").wantError(403, "audit.forbidden")
}

// The audit administrator reads the log and nothing else: no appeal, no
// report, no worklist, and may register nothing.
func TestTheAuditorReadsNothingElse(t *testing.T) {
	w := newWorld(t)
	created := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "审计员不可见", "ligang"))
	a := w.as(t, "auditor")
	if r := a.get("/api/v1/appeals"); r.status != 403 {
		var page api.AppealPage
		r.want(200).into(&page)
		if page.Total != 0 || len(page.Items) != 0 {
			t.Errorf("the auditor lists appeals: %+v", page)
		}
	}
	a.get(fmt.Sprintf("/api/v1/appeals/%d", created.ID)).wantError(404, "not_found")
	a.get(fmt.Sprintf("/api/v1/appeals/%d/timeline", created.ID)).wantError(404, "not_found")
	a.get(fmt.Sprintf("/api/v1/appeals/%d/visits", created.ID)).wantError(404, "not_found")
	if r := a.get("/api/v1/tasks"); r.status != 403 {
		var tasks api.TaskPage
		r.want(200).into(&tasks)
		if len(tasks.Items) != 0 {
			t.Errorf("the auditor sees tasks: %+v", tasks)
		}
	}
	if r := a.get("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31"); r.status != 403 {
		var sum map[string]any
		r.want(200).into(&sum)
		if strings.Contains(string(r.raw), `"registered":1`) {
			t.Errorf("the auditor reads the report: %s", r.raw)
		}
	}
	a.post("/api/v1/appeals", w.newAppeal("hotline_12345", "help", "审计员登记", "ligang")).wantError(403, "forbidden")
}

// exportCSV downloads the export as person key; it checks the response
// against the document (text/csv) and marks the operation covered.
func exportCSV(t *testing.T, w *world, key, query string) (*http.Response, [][]string) {
	t.Helper()
	path := "/api/v1/audit/export?" + query
	req, _ := http.NewRequest("GET", w.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+w.people[key].token)
	res, err := w.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("export: %d %s", res.StatusCode, raw)
	}
	for h, want := range map[string]string{"Content-Type": "text/csv; charset=utf-8", "Cache-Control": "no-store",
		"X-Content-Type-Options": "nosniff"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("export %s: %q, want %q", h, got, want)
		}
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".csv") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		t.Errorf("no byte order mark: %q", clip(raw))
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v\n%s", err, clip(raw))
	}
	op := w.doc.find("GET", path)
	ok, _ := op.op["responses"].(map[string]any)["200"].(map[string]any)
	if _, documented := ok["content"].(map[string]any)["text/csv"]; !documented {
		t.Errorf("the document does not say the export is text/csv: %v", ok)
	} else {
		coverage.mark(op.id, 200)
	}
	return res, rows
}

func TestAuditExport(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorldOn(t, db)
		created := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "导出测试", "ligang"))
		// Text a person or a client chose, that a spreadsheet would run.
		for _, e := range []audit.Entry{
			{Action: "login.fail", ActorName: "=HYPERLINK(\"http://evil\",\"x\")", Object: "username:=1+1", Outcome: audit.Denied},
			{Action: "login.fail", ActorName: "+86 138", Object: "-2", Detail: "@SUM(A1)", Outcome: audit.Denied},
			{Action: "login.fail", ActorName: "\t=cmd", Detail: "\r=cmd", Outcome: audit.Denied},
		} {
			e.At = w.clock.Now()
			if err := db.Record(bg, e); err != nil {
				t.Fatal(err)
			}
		}
		_, rows := exportCSV(t, w, "auditor", "")
		if got := strings.Join(rows[0], ","); got != "序号,编号,时间,操作人编号,操作人,单位编号,客户端地址,请求编号,操作,对象,结果,详情,哈希" {
			t.Errorf("header %q", got)
		}
		if len(rows) != 1+5 { // the register, the three above and the export itself
			t.Fatalf("%d rows: %q", len(rows), rows)
		}
		for _, row := range rows[1:] {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("a cell a spreadsheet would run: %q", cell)
				}
			}
		}
		// (encoding/csv reads a carriage return in a field as it likes: the
		// cell with one is checked by its quote and the rest.)
		want := map[string]bool{`'=HYPERLINK("http://evil","x")`: false, "'+86 138": false, "'-2": false, "'@SUM(A1)": false,
			"'\t=cmd": false, "'username:=1+1": false}
		for _, row := range rows[1:] {
			for _, cell := range row {
				if _, ok := want[cell]; ok {
					want[cell] = true
				}
			}
		}
		delete(want, "'username:=1+1") // begins with a letter: left as it is
		for cell, found := range want {
			if !found {
				t.Errorf("%q is not in the export", cell)
			}
		}
		if cr := rows[2][11]; !strings.HasPrefix(cr, "'") || !strings.HasSuffix(cr, "=cmd") {
			t.Errorf("a detail that begins with a carriage return: %q", cr)
		}
		if rows[1][8] != "audit.export" || rows[len(rows)-1][8] != "appeal.register" ||
			rows[len(rows)-1][9] != fmt.Sprintf("appeal:%d", created.ID) {
			t.Errorf("newest first, the export first: %q … %q", rows[1], rows[len(rows)-1])
		}
		// English headers when asked; the filter applies.
		_, en := exportCSV(t, w, "auditor", "action=appeal.&lang=en")
		if len(en) != 2 || en[0][0] != "seq" || en[1][8] != "appeal.register" {
			t.Errorf("the filtered English export: %q", en)
		}
		// The exports are recorded.
		if p := w.as(t, "auditor").auditPage("action=audit.export"); len(p.Items) != 2 || p.Items[0].Detail != "action=appeal." {
			t.Errorf("the exports recorded: %+v", p.Items)
		}
	})
}

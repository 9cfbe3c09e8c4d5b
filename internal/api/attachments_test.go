package api_test

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// download reads an attachment as person key; it checks the response
// against the document (application/octet-stream) and marks it covered.
func download(t *testing.T, w *world, key, path string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", w.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+w.people[key].token)
	res, err := w.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode == 200 {
		op := w.doc.find("GET", path)
		ok, _ := op.op["responses"].(map[string]any)["200"].(map[string]any)
		if _, documented := ok["content"].(map[string]any)["application/octet-stream"]; !documented {
			t.Errorf("the document does not say a download is application/octet-stream: %v", ok)
		} else {
			coverage.mark(op.id, 200)
		}
	}
	return res.StatusCode, res.Header, raw
}

// The office attaches a file through the API; the unit with the task lists
// and downloads it byte for byte, recorded in the audit log; a unit without
// a task finds nothing; a file of the wrong kind is refused.
func TestAttachmentsAPI(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorldOn(t, db)
		fed, office := w.as(t, "fed"), w.as(t, "office")
		a := w.as(t, "intake").create(w.newAppeal("hotline_12345", "help", "附件测试诉求", "ligang"))
		d := fed.act(a.ID, "refer-district", 1, nil).detail()
		office.act(a.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("fagai")}).want(200)

		content := []byte("现场核查记录：企业用电报装材料齐全。\n")
		base := "/api/v1/appeals/" + strconv.FormatInt(a.ID, 10) + "/attachments"
		var got api.Attachment
		office.post(base+"?name="+"核查记录.txt", content).want(201).into(&got)
		if got.Name != "核查记录.txt" || got.Size != int64(len(content)) || len(got.SHA256) != 64 {
			t.Fatalf("attached %+v", got)
		}
		office.post(base+"?name=setup.exe", []byte("MZ")).wantError(400, "attach.type")

		var list api.Attachments
		w.as(t, "fagai").get(base).want(200).into(&list)
		if len(list.Items) != 1 || list.Items[0].ID != got.ID {
			t.Fatalf("the unit lists %+v", list.Items)
		}
		path := base + "/" + strconv.FormatInt(got.ID, 10)
		status, h, raw := download(t, w, "fagai", path)
		if status != 200 || !bytes.Equal(raw, content) || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
			t.Fatalf("the unit downloading: %d %q %q", status, h.Get("Content-Disposition"), raw)
		}
		if status, _, _ := download(t, w, "ziran", path); status != http.StatusNotFound {
			t.Fatalf("a unit without a task downloading: %d, want 404", status)
		}
		p := w.as(t, "auditor").auditPage("action=attachment.read&object=appeal:" + strconv.FormatInt(a.ID, 10))
		if len(p.Items) != 1 {
			t.Fatalf("the download left %d audit entries, want 1", len(p.Items))
		}
	})
}

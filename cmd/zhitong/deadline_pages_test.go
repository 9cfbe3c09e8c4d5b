package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The workbench's 即将超期 and 已超期 count the unanswered tasks the office
// sees that have used four fifths of their time, or all of it, and lead to
// a worklist of exactly those, each marked. The expected figures are counted
// here from the API's own task list, by the rule as stated, on a server
// whose clock stands still so that no task turns colour mid-test.
func TestDeadlineTiles(t *testing.T) {
	var clock atomic.Pointer[time.Time]
	start := time.Now().Truncate(time.Second)
	clock.Store(&start)
	w := newPageWorldAt(t, func() time.Time { return *clock.Load() })
	const office = "yhb_zhouzhiqiang"

	type apiTask struct {
		ID         int64     `json:"id"`
		AssignedAt time.Time `json:"assigned_at"`
		ReplyDue   time.Time `json:"reply_due"`
		PausedAt   time.Time `json:"paused_at"`
	}
	var tasks []apiTask
	q := url.Values{"status": {"pending,handling"}, "limit": {"100"}}
	for {
		var page struct {
			Items      []apiTask `json:"items"`
			NextCursor string    `json:"next_cursor"`
		}
		w.apiGet(office, "/api/v1/tasks?"+q.Encode(), &page)
		tasks = append(tasks, page.Items...)
		if page.NextCursor == "" {
			break
		}
		q.Set("cursor", page.NextCursor)
	}
	// Stop the clock just after the task due last turned yellow, so that
	// there is something in both lists.
	var last apiTask
	for _, tk := range tasks {
		if tk.ReplyDue.After(last.ReplyDue) {
			last = tk
		}
	}
	at := last.AssignedAt.Add(last.ReplyDue.Sub(last.AssignedAt) * 4 / 5).Add(time.Second).Truncate(time.Second)
	clock.Store(&at)
	var soon, overdue int
	for _, tk := range tasks {
		switch {
		case tk.ReplyDue.IsZero() || !tk.PausedAt.IsZero(): // a paused task's clock stands still
		case at.After(tk.ReplyDue):
			overdue++
		case at.Sub(tk.AssignedAt)*5 >= tk.ReplyDue.Sub(tk.AssignedAt)*4:
			soon++
		}
	}
	if overdue == 0 || soon == 0 {
		t.Fatalf("at %v the demo district should have tasks due soon and overdue: %d and %d of %d open", at, soon, overdue, len(tasks))
	}
	t.Logf("at %v: %d open tasks, %d due soon, %d overdue", at, len(tasks), soon, overdue)

	c := w.signInHTTP(office)
	body := w.page(c, "/")
	for key, want := range map[string]int{"wb.overdue": overdue, "wb.soon": soon} {
		m := regexp.MustCompile(`<a class="kpi([^"]*)" href="([^"]+)" data-tile="` + key + `"><span class="kpi-label">[^<]+</span><span class="kpi-value">([0-9,]+)</span>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("the office's workbench has no %s tile", key)
		}
		if m[3] != fmt.Sprint(want) {
			t.Errorf("%s shows %s, the API's tasks count %d", key, m[3], want)
		}
		if danger := strings.Contains(m[1], "kpi-danger"); danger != (key == "wb.overdue") {
			t.Errorf("%s marked as danger: %v", key, danger)
		}
		list := w.page(c, strings.ReplaceAll(m[2], "&amp;", "&"))
		if !strings.Contains(list, fmt.Sprintf("共 %d 条", want)) {
			t.Errorf("the list behind %s does not say 共 %d 条", key, want)
		}
		label := map[string]string{"wb.overdue": "已超期", "wb.soon": "即将超期"}[key]
		rows := strings.Count(list, "<tr>") - 1 - strings.Count(list, `class="empty"`)
		if marked := strings.Count(list, `class="tag tag-due-`); marked != rows || rows != min(want, 20) {
			t.Errorf("the list behind %s has %d rows, %d marked; want %d", key, rows, marked, min(want, 20))
		}
		if want > 0 && !strings.Contains(list, ">"+label+"</span>") {
			t.Errorf("the list behind %s does not mark its tasks %s", key, label)
		}
	}
	if status, body := w.read(c, "/tasks?due=late"); status != http.StatusBadRequest || !strings.Contains(body, "overdue") {
		t.Errorf("an unknown clock answered %d without naming the ones there are", status)
	}
}

// apiGet reads one API answer as demo user username.
func (w *pageWorld) apiGet(username, path string, out any) {
	w.t.Helper()
	req, _ := http.NewRequest("GET", w.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+w.users[username].Secret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		w.t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		w.t.Fatalf("GET %s: %v", path, err)
	}
}

// page reads one page that must answer 200.
func (w *pageWorld) page(c *http.Client, path string) string {
	w.t.Helper()
	status, body := w.read(c, path)
	if status != http.StatusOK {
		w.t.Fatalf("GET %s: %d", path, status)
	}
	return body
}

// read reads one page.
func (w *pageWorld) read(c *http.Client, path string) (int, string) {
	w.t.Helper()
	res, err := c.Get(w.url + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

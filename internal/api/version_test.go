package api_test

import (
	"fmt"
	"strings"
	"testing"

	"zhitong/internal/appeal"
)

// Every change carries the version the client read: a stale one is 409 even
// when the action itself is allowed, a missing one 400, and neither changes
// anything.
func TestVersions(t *testing.T) {
	eachEngine(t, func(t *testing.T, w *world) {
		seat, fed, office, fagai := w.as(t, "intake"), w.as(t, "fed"), w.as(t, "office"), w.as(t, "fagai")
		created := seat.create(w.newAppeal("hotline_12345", "help", "贷款贴息政策咨询", "ligang"))
		id := created.ID
		if created.Version != 1 {
			t.Fatalf("a new appeal has version %d", created.Version)
		}
		d := fed.act(id, "refer-district", 1, nil).detail()
		if d.Version != 2 {
			t.Fatalf("after one action: version %d", d.Version)
		}
		assign := map[string]any{"lead_unit_id": w.unit("fagai")}
		path := fmt.Sprintf("/api/v1/appeals/%d/assign", id)

		// Assigning is allowed now, but not on what the office read before.
		e := office.act(id, "assign", 1, assign).wantError(409, "stale")
		if !strings.Contains(e.Message, "第 1 版") || !strings.Contains(e.Message, "第 2 版") {
			t.Errorf("stale message %q", e.Message)
		}
		e = office.with("Accept-Language", "en-US,en;q=0.9,zh;q=0.5").act(id, "assign", 1, assign).wantError(409, "stale")
		if !strings.Contains(e.Message, "you read version 1, it is now version 2") {
			t.Errorf("stale message in English %q", e.Message)
		}
		office.with("If-Match", `"1"`).post(path, assign).wantError(409, "stale")
		office.post(path, assign).wantError(400, "version.missing")
		office.with("If-Match", `"abc"`).post(path, assign).wantError(400, "api.if_match")
		office.with("If-Match", `"2"`).post(path, map[string]any{"version": 3, "lead_unit_id": w.unit("fagai")}).
			wantError(400, "api.version_twice")
		if after := office.appeal(id); after.Version != 2 || after.State != appeal.Unassigned || len(after.Tasks) != 0 {
			t.Fatalf("a refused action changed the appeal: %+v", after)
		}
		if n := len(office.timeline(id)); n != 2 {
			t.Errorf("%d events after refused actions", n)
		}

		// If-Match in its three forms.
		d = office.with("If-Match", `W/"2"`).post(path, assign).detail()
		task := taskOf(t, d, w.unit("fagai"))
		taskPath := fmt.Sprintf("/api/v1/tasks/%d/accept", task.ID)
		fagai.post(taskPath, nil).wantError(400, "version.missing")
		fagai.taskAct(task.ID, "accept", task.Version+1, nil).wantError(409, "stale")
		d = fagai.with("If-Match", fmt.Sprint(task.Version)).post(taskPath, nil).detail()
		if got := taskOf(t, d, w.unit("fagai")); got.State != appeal.TaskHandling || got.Version != task.Version+1 {
			t.Errorf("accepted task %+v", got)
		}
		// The task's version is the task's, not the appeal's.
		fagai.taskAct(task.ID, "reply", d.Version, map[string]any{"outcome": "solved", "text": "x"}).wantError(409, "stale")
	})
}

package api_test

import (
	"fmt"
	"strings"
	"testing"

	"zhitong/internal/api"
	"zhitong/internal/outbox"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// An assignment reaches the unit's inbox and no one else's; its officer
// reads it and marks it read; the system administrator follows the
// enterprise's SMS in the delivery log with the number masked and the
// query code hidden, and no one else may read the log.
func TestInboxAndDeliveryLog(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorldOn(t, db)
		db.SetNotices(sqlstore.Notices{SMS: true, PortalURL: "https://zt.example.gov.cn/portal"})
		fed, office, zhujian, power, admin := w.as(t, "fed"), w.as(t, "office"), w.as(t, "zhujian"), w.as(t, "power"), w.as(t, "sysadmin")

		created := fed.create(w.newAppeal("portal", "help", "新生产线电力报装已等待40天", "haite"))
		d := fed.act(created.ID, "refer-district", created.Version, nil).detail()
		office.act(created.ID, "assign", d.Version, map[string]any{"lead_unit_id": w.unit("zhujian")}).detail()
		// Only the in-app messages are delivered here: no gateway runs.
		dispatch := &outbox.Dispatcher{Store: db, Holder: "test", Now: w.clock.Now}
		if _, err := dispatch.Deliver(t.Context()); err != nil {
			t.Fatal(err)
		}

		var in api.Inbox
		zhujian.get("/api/v1/inbox").want(200).into(&in)
		if in.Unread != 1 || len(in.Items) != 1 || in.Items[0].AppealID != created.ID || in.Items[0].Kind != "task.assigned" ||
			!strings.Contains(in.Items[0].Body, created.Number) || !strings.Contains(in.Items[0].Title, "新生产线电力报装") {
			t.Fatalf("住建局's inbox after the assignment: %+v", in)
		}
		theirs := in.Items[0].ID
		power.get("/api/v1/inbox").want(200).into(&in)
		if len(in.Items) != 0 {
			t.Fatalf("another unit's officer got %+v", in.Items)
		}
		var m api.Marked
		if power.post("/api/v1/inbox/read", map[string]any{"ids": []int64{theirs}}).want(200).into(&m); m.Marked != 0 {
			t.Fatalf("another officer marked 住建局's message read")
		}
		zhujian.post("/api/v1/inbox/read", nil).want(200).into(&m)
		zhujian.get("/api/v1/inbox").want(200).into(&in)
		if m.Marked != 1 || in.Unread != 0 || in.Items[0].ReadAt.IsZero() {
			t.Fatalf("after marking all read: marked %d, %+v", m.Marked, in)
		}

		office.get("/api/v1/deliveries").want(403)
		var log api.Deliveries
		admin.get(fmt.Sprintf("/api/v1/deliveries?appeal_id=%d&channel=sms", created.ID)).want(200).into(&log)
		if len(log.Items) != 1 {
			t.Fatalf("the SMS log of the appeal: %+v", log.Items)
		}
		sms := log.Items[0]
		if sms.Kind != "appeal.registered" || sms.State != "pending" || sms.To != "139****1234" ||
			sms.Params["code"] != "******" || sms.Params["number"] != created.Number || strings.Contains(sms.MessageID, "13907381234") {
			t.Fatalf("the registration SMS in the log: %+v", sms)
		}
		admin.get("/api/v1/deliveries?state=lost").apiError(400)
	})
}

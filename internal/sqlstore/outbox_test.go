package sqlstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"zhitong/internal/notify"
	"zhitong/internal/outbox"
	"zhitong/internal/sqlstore"
	"zhitong/internal/sqlstore/sqltest"
)

// killedAfterSend is the database of an instance that dies after the
// gateway accepted a message and before it could record that: the record
// is never written.
type killedAfterSend struct{ *sqlstore.DB }

var errKilled = errors.New("the instance died here")

func (k killedAfterSend) Delivered(context.Context, int64, outbox.Attempt) error { return errKilled }

// An instance dies between sending an SMS and marking it sent: once its
// lease ends another instance sends it again with the same id, which the
// gateway uses to drop the repeat, and nothing is lost. A gateway that is
// busy gets the message again after the backoff; a message that cannot be
// sent is given up at once; an in-app message lands in the inbox once.
func TestOutboxAtLeastOnce(t *testing.T) {
	t.Parallel()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		var mu sync.Mutex
		got := map[string]int{} // message id → requests received
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var req notify.SMSRequest
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			mu.Lock()
			got[req.ID]++
			mu.Unlock()
			if req.Phone == "13900000000" && got[req.ID] == 1 {
				http.Error(w, `{"code":"busy"}`, http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte(`{"code":"OK"}`))
		}))
		t.Cleanup(srv.Close)
		now := ms(2026, 12, 1, 9, 0, 0, 0)
		clock := func() time.Time { return now }
		sms := &notify.SMS{URL: srv.URL, Sign: "营商环境直通车", Key: "k", Secret: "s", Now: clock,
			Templates: map[notify.Kind]string{notify.AppealRegistered: "SMS_001"}}
		params := map[string]string{"number": "ZT20261201000001", "code": "483920", "url": "http://127.0.0.1/portal/follow"}
		err := db.Enqueue(ctx, now, []outbox.New{
			{Message: notify.Message{ID: "a1-registered-sms", Kind: notify.AppealRegistered, Channel: notify.ChannelSMS, To: "13800138000", Params: params}, AppealID: 1},
			{Message: notify.Message{ID: "a2-registered-sms", Kind: notify.AppealRegistered, Channel: notify.ChannelSMS, To: "13900000000", Params: params}, AppealID: 2},
			{Message: notify.Message{ID: "a3-registered-sms", Kind: notify.AppealRegistered, Channel: notify.ChannelSMS, To: "12345", Params: params}, AppealID: 3},
			{Message: notify.Message{ID: "n1-inapp", Kind: notify.Notice, Channel: notify.ChannelInApp, To: "7",
				Params: map[string]string{"title": "系统通知", "body": "2027 年节假日安排待确认"}}, UserID: 7},
		})
		if err != nil {
			t.Fatal(err)
		}
		// The same message enqueued again (a retried transaction) is one message.
		if err := db.Enqueue(ctx, now, []outbox.New{{Message: notify.Message{ID: "a1-registered-sms", Kind: notify.AppealRegistered,
			Channel: notify.ChannelSMS, To: "13800138000", Params: params}}}); err != nil {
			t.Fatal(err)
		}
		senders := map[notify.Channel]notify.Sender{notify.ChannelSMS: sms}
		dying := &outbox.Dispatcher{Store: killedAfterSend{db}, Senders: senders, Holder: "a", Now: clock, Batch: 1}
		if _, err := dying.Deliver(ctx); !errors.Is(err, errKilled) {
			t.Fatalf("the dying instance: %v", err)
		}
		if got["a1-registered-sms"] != 1 {
			t.Fatalf("the gateway got %v", got)
		}
		other := &outbox.Dispatcher{Store: db, Senders: senders, Holder: "b", Now: clock}
		if n, err := other.Deliver(ctx); err != nil || n != 1 {
			t.Fatalf("the other instance delivered %d at once (want the in-app one; a2 is busy, a3 bad, a1 leased): %v", n, err)
		}
		if got["a1-registered-sms"] != 1 {
			t.Fatalf("a message leased to the dead instance was sent again before its lease ended: %v", got)
		}
		now = now.Add(3 * time.Minute) // the lease ends; the busy gateway's backoff too
		for range 2 {
			if _, err := other.Deliver(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got["a1-registered-sms"] != 2 || got["a2-registered-sms"] != 2 || got["a3-registered-sms"] != 0 {
			t.Fatalf("the gateway got %v: want a1 twice (the repeat after the crash), a2 twice (after busy), a3 never", got)
		}
		msgs, err := db.DeliveryLog(ctx, outbox.LogFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]struct {
			state    string
			attempts int
		}{"a1-registered-sms": {"sent", 1}, "a2-registered-sms": {"sent", 2}, "a3-registered-sms": {"failed", 1}, "n1-inapp": {"sent", 1}}
		if len(msgs) != len(want) {
			t.Fatalf("%d messages in the outbox, want %d", len(msgs), len(want))
		}
		for _, m := range msgs {
			w := want[m.Message.ID]
			if m.State != w.state || m.Attempts != w.attempts || len(m.Log) != w.attempts {
				t.Errorf("%s: %s after %d attempts (%d logged), want %s after %d", m.Message.ID, m.State, m.Attempts, len(m.Log), w.state, w.attempts)
			}
			if code, ok := m.Message.Params["code"]; ok && code != "******" {
				t.Errorf("%s: the query code %q is kept after the message was %s", m.Message.ID, code, m.State)
			}
			if m.Message.ID == "a2-registered-sms" && (m.Log[0].OK || m.Log[0].Permanent || m.Log[0].Error == "" || !m.Log[1].OK) {
				t.Errorf("a2's log: %+v", m.Log)
			}
			if m.Message.ID == "a3-registered-sms" && !m.Log[0].Permanent {
				t.Errorf("a bad phone number is not given up: %+v", m.Log)
			}
		}
		inbox, err := db.Inbox(ctx, 7, 0, 10)
		if err != nil || len(inbox) != 1 || inbox[0].Title != "系统通知" {
			t.Fatalf("user 7's inbox: %+v, %v", inbox, err)
		}
	})
}

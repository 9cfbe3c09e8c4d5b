package web

import (
	"net/http"
	"slices"
	"strconv"

	"zhitong/internal/notify"
	"zhitong/internal/outbox"
)

// The inbox page: an officer's in-app messages — tasks assigned, due
// soon, overdue, reminders — newest first; and the delivery log, where the
// system administrator sees every message and each attempt to send it.

const noticePage = 50

type inboxData struct {
	Items  []outbox.InboxItem
	Unread int
	More   int64 // the before of the next page; 0 at the end
}

func (s *Server) inboxPage(q *req) error {
	before, _ := strconv.ParseInt(q.r.URL.Query().Get("before"), 10, 64)
	items, unread, err := s.cfg.Notices.Inbox(q.ctx(), q.actor, before, noticePage)
	if err != nil {
		return err
	}
	d := inboxData{Items: items, Unread: unread}
	if len(items) == noticePage {
		d.More = items[len(items)-1].ID
	}
	return q.render(http.StatusOK, "inbox", q.lang.T("menu.inbox"), d)
}

// markRead marks every message of the officer read.
func (s *Server) markRead(q *req) error {
	if _, err := s.cfg.Notices.MarkRead(q.ctx(), q.actor, nil); err != nil {
		return err
	}
	return q.redirect("/inbox?done=read")
}

type deliveriesData struct {
	Items    []outbox.Record
	States   []string
	Channels []notify.Channel
	State    string
	Channel  string
	More     int64
}

func (s *Server) deliveriesPage(q *req) error {
	v := q.r.URL.Query()
	f := outbox.LogFilter{Limit: noticePage}
	if st := v.Get("state"); slices.Contains(outbox.States, st) {
		f.State = st
	}
	if ch := notify.Channel(v.Get("channel")); slices.Contains(notify.Channels, ch) {
		f.Channel = ch
	}
	f.Before, _ = strconv.ParseInt(v.Get("before"), 10, 64)
	rs, err := s.cfg.Notices.Log(q.ctx(), q.actor, f)
	if err != nil {
		return err
	}
	d := deliveriesData{Items: rs, States: outbox.States, Channels: notify.Channels, State: f.State, Channel: string(f.Channel)}
	if len(rs) == noticePage {
		d.More = rs[len(rs)-1].ID
	}
	return q.render(http.StatusOK, "deliveries", q.lang.T("menu.deliveries"), d)
}

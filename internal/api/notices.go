package api

import (
	"net/http"

	"zhitong/internal/appeal"

	"zhitong/internal/notify"
	"zhitong/internal/outbox"
)

// An officer's inbox of in-app messages, and the delivery log of every
// message (the system administrator's).

// InboxItem is one in-app message.
type InboxItem struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind" doc:"task.assigned, task.due_soon, task.overdue, task.reminded, task.supervised, notice, ..."`
	Title     string `json:"title"`
	Body      string `json:"body"`
	AppealID  int64  `json:"appeal_id,omitempty"`
	CreatedAt Time   `json:"created_at"`
	ReadAt    Time   `json:"read_at,omitzero"`
}

// Inbox is a page of the caller's messages, newest first.
type Inbox struct {
	Items      []InboxItem `json:"items"`
	Unread     int         `json:"unread"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

// MarkRead names the messages to mark read.
type MarkRead struct {
	IDs []int64 `json:"ids,omitempty" doc:"the messages; none: all the caller's messages"`
}

// Marked says how many messages were unread.
type Marked struct {
	Marked int `json:"marked"`
}

// Attempt is one try at delivering a message.
type Attempt struct {
	At        Time   `json:"at"`
	OK        bool   `json:"ok"`
	Permanent bool   `json:"permanent,omitempty" doc:"the failure will not pass: the message is given up"`
	Error     string `json:"error,omitempty"`
	TookMS    int64  `json:"took_ms"`
}

// Delivery is one message of the delivery log.
type Delivery struct {
	ID        int64             `json:"id"`
	MessageID string            `json:"message_id" doc:"the stable id the receiver drops repeats by"`
	Kind      string            `json:"kind"`
	Channel   string            `json:"channel" doc:"inapp, email or sms"`
	To        string            `json:"to" doc:"masked"`
	AppealID  int64             `json:"appeal_id,omitempty"`
	Params    map[string]string `json:"params" doc:"codes masked"`
	State     string            `json:"state" doc:"pending, sent or failed (given up)"`
	Attempts  int               `json:"attempts"`
	CreatedAt Time              `json:"created_at"`
	NextAt    Time              `json:"next_at,omitzero" doc:"pending: the next try"`
	SentAt    Time              `json:"sent_at,omitzero"`
	LastError string            `json:"last_error,omitempty"`
	Log       []Attempt         `json:"log"`
}

// Deliveries is a page of the delivery log, newest first.
type Deliveries struct {
	Items      []Delivery `json:"items"`
	NextCursor string     `json:"next_cursor,omitempty"`
}

var (
	inboxParams    = []param{cursorParam, limitParam}
	deliveryParams = []param{cursorParam, limitParam,
		enumParam("state", "pending, sent or failed", outbox.States),
		enumParam("channel", "inapp, email or sms", notify.Channels),
		idParam("appeal_id", "the messages about this appeal")}
)

func (s *server) noticeRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/inbox", name: "getInbox", tag: "notifications",
			summary: "The caller's in-app messages, newest first, and how many are unread",
			access:  Read, status: http.StatusOK, response: typeOf[Inbox](), query: inboxParams, handle: s.getInbox},
		{method: "POST", pattern: "/api/v1/inbox/read", name: "markRead", tag: "notifications",
			summary: "Mark the caller's messages read (all of them when none is named)",
			access:  Write, status: http.StatusOK, body: typeOf[MarkRead](), optional: true, response: typeOf[Marked](), handle: s.markRead},
		{method: "GET", pattern: "/api/v1/deliveries", name: "listDeliveries", tag: "notifications",
			summary: "The delivery log: every message with its attempts (system administrators)",
			access:  Read, status: http.StatusOK, response: typeOf[Deliveries](), query: deliveryParams, handle: s.listDeliveries},
	}
}

func (s *server) getInbox(c *call) error {
	before, limit := c.q.cursor("inbox"), pageSize(c.q)
	if c.q.err != nil {
		return c.q.err
	}
	items, unread, err := s.cfg.Notices.Inbox(c.ctx(), c.actor, before, limit)
	if err != nil {
		return err
	}
	out := Inbox{Items: make([]InboxItem, len(items)), Unread: unread}
	for i, it := range items {
		out.Items[i] = InboxItem{ID: it.ID, Kind: string(it.Kind), Title: it.Title, Body: it.Body, AppealID: it.AppealID,
			CreatedAt: at(it.CreatedAt), ReadAt: at(it.ReadAt)}
	}
	if len(items) == limit {
		out.NextCursor = encodeCursor("inbox", items[len(items)-1].ID)
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) markRead(c *call) error {
	var b MarkRead
	if err := c.decode(&b); err != nil {
		return err
	}
	n, err := s.cfg.Notices.MarkRead(c.ctx(), c.actor, b.IDs)
	if err != nil {
		return err
	}
	return c.reply(http.StatusOK, Marked{Marked: n})
}

func (s *server) listDeliveries(c *call) error {
	f := outbox.LogFilter{State: queryEnum(c.q, "state", outbox.States), Channel: queryEnum(c.q, "channel", notify.Channels),
		AppealID: c.q.id("appeal_id"), Before: c.q.cursor("deliveries"), Limit: pageSize(c.q)}
	if c.q.err != nil {
		return c.q.err
	}
	rs, err := s.cfg.Notices.Log(c.ctx(), c.actor, f)
	if err != nil {
		return err
	}
	out := Deliveries{Items: make([]Delivery, len(rs))}
	for i, r := range rs {
		d := Delivery{ID: r.ID, MessageID: r.Message.ID, Kind: string(r.Message.Kind), Channel: string(r.Message.Channel),
			To: r.Message.To, AppealID: r.AppealID, Params: r.Message.Params, State: r.State, Attempts: r.Attempts,
			CreatedAt: at(r.CreatedAt), SentAt: at(r.SentAt), LastError: r.LastError, Log: make([]Attempt, len(r.Log))}
		if d.Params == nil {
			d.Params = map[string]string{}
		}
		if r.State == outbox.StatePending {
			d.NextAt = at(r.NextAt)
		}
		for j, a := range r.Log {
			d.Log[j] = Attempt{At: at(a.At), OK: a.OK, Permanent: a.Permanent, Error: a.Error, TookMS: a.Took.Milliseconds()}
		}
		out.Items[i] = d
	}
	if len(rs) == f.Limit {
		out.NextCursor = encodeCursor("deliveries", rs[len(rs)-1].ID)
	}
	return c.reply(http.StatusOK, out)
}

// pageSize is the limit asked for, or the default page.
func pageSize(q *query) int {
	if n := q.limit(outbox.MaxPage); n > 0 {
		return n
	}
	return appeal.DefaultLimit
}

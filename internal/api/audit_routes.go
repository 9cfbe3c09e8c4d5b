package api

import (
	"encoding/hex"
	"net/http"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/audit"
	"zhitong/internal/export"
	"zhitong/internal/fault"
)

// The audit administrator's view of the audit log: search and export.
// Package review decides who may (the audit administrator only) and records
// every reading; these handlers parse and render.

// AuditEntry is one entry of the audit log.
type AuditEntry struct {
	ID        int64  `json:"id"`
	Seq       int64  `json:"seq,omitempty" doc:"the entry's place in the hash chain; absent until sealed, a moment after it is written"`
	At        Time   `json:"at"`
	ActorID   int64  `json:"actor_id,omitempty" doc:"the officer; absent for the system, an enterprise or someone unknown"`
	ActorName string `json:"actor_name,omitempty"`
	UnitID    int64  `json:"unit_id,omitempty"`
	ClientIP  string `json:"client_ip,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	Action    string `json:"action" doc:"dotted, such as appeal.assign, login.fail, reveal.phone, audit.export"`
	Object    string `json:"object,omitempty" doc:"what it concerned, such as appeal:12 or user:3"`
	Outcome   string `json:"outcome" enum:"ok,denied,failed"`
	Detail    string `json:"detail,omitempty"`
	Hash      string `json:"hash,omitempty" doc:"hex HMAC-SHA256 of the chain; absent until sealed"`
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Items      []AuditEntry `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

var auditFilterParams = []param{
	dateParam("from", "entries on or after this day (China Standard Time)"),
	dateParam("to", "entries on or before this day (China Standard Time)"),
	idParam("actor_id", "the officer who acted"),
	textParam("action", "the beginning of the action: appeal. or login.fail", 100),
	textParam("object", "exactly, such as appeal:12", 100),
	enumParam("outcome", "", audit.Outcomes),
}

var auditSearchParams = append(append([]param{}, auditFilterParams...), cursorParam, limitParam)

// auditRoutes lists the routes of this file's concern; see routes.go.
func (s *server) auditRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/audit", name: "searchAudit", tag: "audit",
			summary: "Search the audit log, newest first (audit administrators only; the search is itself recorded)",
			access:  Read, status: 200, response: typeOf[AuditPage](), query: auditSearchParams, handle: s.searchAudit},
		{method: "GET", pattern: "/api/v1/audit/export", name: "exportAudit", tag: "audit",
			summary: "Export the entries the filter selects as a CSV file for Excel (audit administrators only; recorded)",
			access:  Read, status: 200, response: typeOf[CSV](), query: auditFilterParams, handle: s.exportAudit},
	}
}

// auditQuery reads the filter of a search or export; to is inclusive.
func auditQuery(q *query) (audit.Query, error) {
	from, to := q.day("from"), q.day("to")
	aq := audit.Query{ActorID: q.id("actor_id"), Action: q.text("action"), Object: q.text("object"),
		Outcome: queryEnum(q, "outcome", audit.Outcomes)}
	if q.err != nil {
		return aq, q.err
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return aq, fault.Field("from", "audit.range")
	}
	aq.From, aq.To = from, to
	return aq, nil
}

func (s *server) searchAudit(c *call) error {
	aq, err := auditQuery(c.q)
	if err != nil {
		return err
	}
	aq.Before, aq.Limit = c.q.cursor("audit"), c.q.limit(audit.MaxLimit)
	if c.q.err != nil {
		return c.q.err
	}
	if s.cfg.AuditLog == nil {
		return fault.E(fault.Forbidden, "audit.forbidden")
	}
	p, err := s.cfg.AuditLog.Search(c.ctx(), c.actor, aq)
	if err != nil {
		return err
	}
	out := AuditPage{Items: make([]AuditEntry, len(p.Entries)), NextCursor: encodeCursor("audit", p.Next)}
	for i := range p.Entries {
		out.Items[i] = auditView(&p.Entries[i])
	}
	return c.reply(http.StatusOK, out)
}

func auditView(e *audit.Entry) AuditEntry {
	v := AuditEntry{ID: e.ID, Seq: e.Seq, At: at(e.At), ActorID: e.ActorID, ActorName: e.ActorName, UnitID: e.UnitID,
		ClientIP: e.ClientIP, RequestID: e.RequestID, Action: e.Action, Object: e.Object, Outcome: string(e.Outcome),
		Detail: e.Detail}
	if e.Seq != 0 {
		v.Hash = hex.EncodeToString(e.Hash)
	}
	return v
}

// exportAudit answers a CSV file (package export): UTF-8 with a byte order
// mark, so that Excel reads the Chinese; a header row in the request's
// language; every cell that a spreadsheet would take for a formula
// neutralised. Should the log fail to read half way, the response is cut
// off, not ended cleanly, so that no one takes a partial file for the whole.
func (s *server) exportAudit(c *call) error {
	aq, err := auditQuery(c.q)
	if err != nil {
		return err
	}
	if s.cfg.AuditLog == nil {
		return fault.E(fault.Forbidden, "audit.forbidden")
	}
	entries, err := s.cfg.AuditLog.Export(c.ctx(), c.actor, aq)
	if err != nil {
		return err
	}
	h := c.w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="audit-log.csv"`)
	h.Set("Cache-Control", "no-store")
	c.w.WriteHeader(http.StatusOK)
	w := export.NewCSV(c.w)
	lang := language(c.r)
	head := make([]string, len(auditColumns))
	for i, col := range auditColumns {
		head[i] = fault.Text(lang, "audit.col."+col)
	}
	w.Write(head...)
	for e, err := range entries {
		if err != nil {
			s.log.ErrorContext(c.ctx(), "api: audit export broke off", "request_id", requestID(c.ctx()), "err", err)
			panic(http.ErrAbortHandler)
		}
		w.Write(auditRow(e)...)
	}
	w.Flush()
	return nil
}

// auditColumns are the columns of the export, by their message keys' ends.
var auditColumns = []string{"seq", "id", "at", "actor_id", "actor_name", "unit_id", "client_ip", "request_id",
	"action", "object", "outcome", "detail", "hash"}

// auditRow is the cells of an entry, as export.CSV neutralises them.
func auditRow(e *audit.Entry) []string {
	v := auditView(e)
	num := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	return []string{num(v.Seq), num(v.ID), e.At.In(appeal.CST).Format("2006-01-02 15:04:05"), num(v.ActorID), v.ActorName,
		num(v.UnitID), v.ClientIP, v.RequestID, v.Action, v.Object, v.Outcome, v.Detail, v.Hash}
}

package api

import (
	"net/http"

	"zhitong/internal/appeal"
)

// RevealRequest is the body of POST /api/v1/appeals/{id}/reveal.
type RevealRequest struct {
	Field  appeal.Detail `json:"field" enum:"phone,name,id_no" doc:"which of the appellant's details to show in the clear"`
	Reason string        `json:"reason" doc:"why it is needed, 1 to 200 characters; recorded in the audit log"`
}

// Revealed answers a reveal: one detail in the clear, for this response
// only (Cache-Control: no-store).
type Revealed struct {
	AppealID int64         `json:"appeal_id"`
	Field    appeal.Detail `json:"field" enum:"phone,name,id_no"`
	Value    string        `json:"value" doc:"the detail in the clear; empty when the appeal has none"`
}

// privacyRoutes lists the routes of this file's concern; see routes.go. A
// reveal is a deliberate act, not a read: read-only and display tokens are
// refused before the domain's rule (which records every attempt it judges).
func (s *server) privacyRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/v1/appeals/{id}/reveal", name: "revealAppellant", tag: "appeals",
			summary: "Show one masked detail of the appellant (phone, name, ID number) in the clear, on purpose and on record: " +
				"the federation, the office and intake of the appeal's district, and a handling unit of an appeal not dispatched anonymously",
			access: Write, status: http.StatusOK, body: typeOf[RevealRequest](), response: typeOf[Revealed](), handle: s.reveal},
	}
}

func (s *server) reveal(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	var b RevealRequest
	if err := c.decode(&b); err != nil {
		return err
	}
	r, err := s.cfg.Appeals.Reveal(c.ctx(), c.actor, s.cfg.Audit, id, b.Field, b.Reason)
	if err != nil {
		return err
	}
	c.w.Header().Set("Cache-Control", "no-store")
	return c.reply(http.StatusOK, Revealed{AppealID: r.AppealID, Field: r.Detail, Value: r.Value})
}

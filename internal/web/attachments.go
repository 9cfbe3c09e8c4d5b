package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"zhitong/internal/api"
	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// attach takes a file sent from the appeal page.
func (s *Server) attach(q *req) error {
	id, err := q.pathID()
	if err != nil {
		return err
	}
	// A little room above the file's own limit for the form's other parts.
	q.r.Body = http.MaxBytesReader(q.w, q.r.Body, appeal.MaxAttachmentSize+64<<10)
	var data []byte
	name := ""
	f, hdr, err := q.r.FormFile("file")
	switch {
	case err == nil:
		defer f.Close()
		name = hdr.Filename
		data, err = io.ReadAll(f)
	case errors.Is(err, http.ErrMissingFile):
		err = fault.Field("file", "attach.empty")
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = fault.E(fault.TooLarge, "attach.size", appeal.MaxAttachmentSize>>20)
	} else if err != nil && fault.KindOf(err) == fault.Internal {
		err = fault.E(fault.Invalid, "web.form")
	}
	if err == nil {
		_, err = s.cfg.Appeals.Attach(q.ctx(), q.actor, id, name, data)
	}
	if msg, ok := q.shown(err); ok && !fault.Is(err, fault.NotFound) {
		d, derr := s.appealData(q, id)
		if derr != nil {
			return derr
		}
		d.Error, d.Failed = msg, "attach"
		return q.render(statusOf(err), "appeal", d.V.Appeal.Number(), d)
	} else if err != nil {
		return err
	}
	return q.redirect("/appeals/" + strconv.FormatInt(id, 10) + "?done=attach#attachments")
}

// attachment sends one attachment, as a download.
func (s *Server) attachment(q *req) error {
	id, err := q.pathID()
	if err != nil {
		return err
	}
	aid, err := strconv.ParseInt(q.r.PathValue("aid"), 10, 64)
	if err != nil || aid <= 0 {
		return fault.NotFoundOf("noun.attachment")
	}
	a, data, err := s.cfg.Appeals.OpenAttachment(q.ctx(), q.actor, s.cfg.Audit, id, aid)
	if err != nil {
		return err
	}
	return api.SendAttachment(q.w, a, data)
}

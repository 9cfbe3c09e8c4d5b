package web

import (
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
	name, data, err := q.uploadedFile(appeal.MaxAttachmentSize, fault.Field("file", "attach.empty"), tooLargeFile())
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

// tooLargeFile is the refusal of a file above an attachment's size.
func tooLargeFile() error {
	return fault.E(fault.TooLarge, "attach.size", appeal.MaxAttachmentSize>>20)
}

// fileIDs are the {id} of the path — an appeal, a policy — and the {aid}
// of its file, or not found.
func (q *req) fileIDs() (id, aid int64, err error) {
	if id, err = q.pathID(); err != nil {
		return 0, 0, err
	}
	aid, err = strconv.ParseInt(q.r.PathValue("aid"), 10, 64)
	if err != nil || aid <= 0 {
		return 0, 0, fault.NotFoundOf("noun.attachment")
	}
	return id, aid, nil
}

// attachment sends one attachment, as a download.
func (s *Server) attachment(q *req) error {
	id, aid, err := q.fileIDs()
	if err != nil {
		return err
	}
	a, data, err := s.cfg.Appeals.OpenAttachment(q.ctx(), q.actor, s.cfg.Audit, id, aid)
	if err != nil {
		return err
	}
	return api.SendAttachment(q.w, a, data)
}

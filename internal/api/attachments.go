package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

// File is the body of a route that takes or answers a file's bytes as they
// are (application/octet-stream), rather than JSON.
type File []byte

// FileInfo is a kept file — an appeal's, a policy's — without its content.
type FileInfo struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size" doc:"bytes"`
	SHA256      string `json:"sha256" doc:"hex SHA-256 of the content"`
	By          string `json:"by" doc:"who attached it"`
	At          Time   `json:"at"`
}

// Attachment is a file of an appeal, without its content.
type Attachment struct {
	FileInfo
	AppealID int64 `json:"appeal_id"`
	TaskID   int64 `json:"task_id,omitempty" doc:"the unit's task it came with; absent for an office's or intake's file"`
}

// Attachments lists the files of an appeal the caller may see.
type Attachments struct {
	Items []Attachment `json:"items"`
}

func attachmentView(a *appeal.Attachment) Attachment {
	return Attachment{FileInfo: FileInfo{ID: a.ID, Name: a.Name, ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256,
		By: a.ByName, At: at(a.At)}, AppealID: a.AppealID, TaskID: a.TaskID}
}

func (s *server) attachmentRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/appeals/{id}/attachments", name: "listAttachments", tag: "appeals",
			summary: "The files of an appeal the caller may see (a unit does not see an anonymous appeal's intake papers)",
			access:  Read, status: http.StatusOK, response: typeOf[Attachments](), handle: s.listAttachments},
		{method: "POST", pattern: "/api/v1/appeals/{id}/attachments", name: "addAttachment", tag: "appeals",
			summary: "Attach a file (PDF, pictures, Word, Excel, OFD, text; at most 10 MB), the bytes as the body, its name in ?name=",
			access:  Write, status: http.StatusCreated, body: typeOf[File](), response: typeOf[Attachment](),
			query:  []param{requiredParam(textParam("name", "the file's name, with its extension", appeal.MaxAttachmentName))},
			handle: s.addAttachment},
		{method: "GET", pattern: "/api/v1/appeals/{id}/attachments/{aid}", name: "getAttachment", tag: "appeals",
			summary: "One file's content, as a download; every read is recorded in the audit log",
			access:  Read, status: http.StatusOK, response: typeOf[File](), handle: s.getAttachment},
	}
}

func (s *server) listAttachments(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	as, err := s.cfg.Appeals.ListAttachments(c.ctx(), c.actor, id)
	if err != nil {
		return err
	}
	out := Attachments{Items: make([]Attachment, len(as))}
	for i := range as {
		out.Items[i] = attachmentView(&as[i])
	}
	return c.reply(http.StatusOK, out)
}

func (s *server) addAttachment(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	name, data, err := c.file()
	if err != nil {
		return err
	}
	a, err := s.cfg.Appeals.Attach(c.ctx(), c.actor, id, name, data)
	if err != nil {
		return err
	}
	c.w.Header().Set("Location", appealPath(id)+"/attachments/"+strconv.FormatInt(a.ID, 10))
	return c.reply(http.StatusCreated, attachmentView(a))
}

func (s *server) getAttachment(c *call) error {
	id, err := c.id()
	if err != nil {
		return err
	}
	aid, err := pathID(c.r, "aid")
	if err != nil {
		return err
	}
	a, data, err := s.cfg.Appeals.OpenAttachment(c.ctx(), c.actor, s.cfg.Audit, id, aid)
	if err != nil {
		return err
	}
	return SendAttachment(c.w, a, data)
}

// file reads a file sent as the body, its name in ?name=, of at most an
// attachment's size: a larger one is refused as too large before it is
// all read.
func (c *call) file() (string, []byte, error) {
	name := c.q.text("name")
	if c.q.err != nil {
		return "", nil, c.q.err
	}
	if name == "" {
		return "", nil, fault.Field("name", "required", "name")
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.w, c.r.Body, appeal.MaxAttachmentSize+1))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return "", nil, fault.E(fault.TooLarge, "attach.size", appeal.MaxAttachmentSize>>20)
	} else if err != nil {
		return "", nil, fault.E(fault.Invalid, "api.body_read")
	}
	return name, data, nil
}

// SendAttachment writes one attachment as a download, never shown inline,
// so that no file of anyone's runs as a page of ours. The pages send
// files through it too.
func SendAttachment(w http.ResponseWriter, a *appeal.Attachment, data []byte) error {
	return SendFile(w, a.Name, a.ContentType, data)
}

// SendFile writes a kept file (an appeal's, a policy's) as a download of
// its name and content type, never inline.
func SendFile(w http.ResponseWriter, name, contentType string, data []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(data)
	return err
}

package appeal

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zhitong/internal/account"
	"zhitong/internal/audit"
	"zhitong/internal/fault"
)

// Attachment is a file that goes with an appeal: what the enterprise sent
// at intake, the materials of a unit's reply, the office's documents. The
// content is kept in the database with its SHA-256, so that a backup holds
// it and a copy can be checked.
type Attachment struct {
	ID          int64
	AppealID    int64
	TaskID      int64 // the task of the unit that attached it; 0 for an office's or intake's file
	Name        string
	ContentType string
	Size        int64
	SHA256      string // hex
	By          int64
	ByName      string
	At          time.Time
}

// Limits on attachments.
const (
	MaxAttachmentSize = 10 << 20 // 10 MiB: a scanned document, a few photographs
	MaxAttachments    = 30       // per appeal
	MaxAttachmentName = 100
)

// attachmentTypes are the kinds of file accepted, by extension, with the
// content types a browser may send for them. What the bytes show is checked
// too: an executable named .pdf is refused.
var attachmentTypes = map[string]string{
	".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
	".doc": "application/msword", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls": "application/vnd.ms-excel", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".txt": "text/plain; charset=utf-8", ".ofd": "application/ofd",
}

// AttachmentExtensions lists the accepted extensions, for forms and messages.
func AttachmentExtensions() []string {
	var out []string
	for e := range attachmentTypes {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// AttachmentStore persists attachments: their content with their record.
type AttachmentStore interface {
	// AddAttachment inserts a with its content and sets its ID, unless the
	// appeal holds MaxAttachments already (a Conflict).
	AddAttachment(ctx context.Context, a *Attachment, data []byte) error
	Attachments(ctx context.Context, appealID int64) ([]Attachment, error)
	// AttachmentData reads one attachment of an appeal with its content.
	AttachmentData(ctx context.Context, appealID, id int64) (*Attachment, []byte, error)
}

// sniffable are the extensions whose content http.DetectContentType knows;
// for the others (Office files, OFD) it sees a zip or plain bytes.
var sniffed = map[string][]string{
	".pdf": {"application/pdf"}, ".jpg": {"image/jpeg"}, ".jpeg": {"image/jpeg"}, ".png": {"image/png"},
	".txt": {"text/plain"},
}

// CheckFile refuses a file whose name or content is not acceptable, and
// returns its clean name and content type. Every file the system keeps —
// an appeal's, a policy's — passes through it.
func CheckFile(name string, data []byte) (clean, contentType string, err error) {
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, "\\", "/")))
	if name == "" || name == "." || name == "/" || utf8.RuneCountInString(name) > MaxAttachmentName || !utf8.ValidString(name) {
		return "", "", fault.Field("file", "attach.name", MaxAttachmentName)
	}
	if len(data) == 0 {
		return "", "", fault.Field("file", "attach.empty")
	}
	if len(data) > MaxAttachmentSize {
		return "", "", fault.E(fault.TooLarge, "attach.size", MaxAttachmentSize>>20)
	}
	ext := strings.ToLower(path.Ext(name))
	ct, ok := attachmentTypes[ext]
	if !ok {
		return "", "", fault.Field("file", "attach.type", strings.Join(AttachmentExtensions(), " "))
	}
	sniff := http.DetectContentType(data)
	if want, ok := sniffed[ext]; ok && !slices.ContainsFunc(want, func(w string) bool { return strings.HasPrefix(sniff, w) }) {
		return "", "", fault.Field("file", "attach.content", ext)
	}
	if strings.HasPrefix(sniff, "application/x-msdownload") || strings.HasPrefix(sniff, "text/html") {
		return "", "", fault.Field("file", "attach.content", ext)
	}
	return name, ct, nil
}

// mayAttach decides whether actor may attach to g: who sees the appeal and
// works on it — its district's officers and a unit with a task in this
// round — with a token that may write.
func mayAttach(actor *account.Actor, g *Aggregate) (taskID int64, err error) {
	rel := RelationOf(actor, g)
	switch {
	case rel == NoRelation:
		return 0, fault.NotFoundOf("noun.appeal")
	case actor.ReadOnly || rel == AsEnterprise:
		return 0, fault.E(fault.Forbidden, "forbidden")
	case rel == AsUnit:
		for _, t := range g.Current() {
			if t.UnitID == actor.UnitID && t.State != TaskReturned && t.State != TaskCancelled {
				return t.ID, nil
			}
		}
		return 0, fault.E(fault.Forbidden, "scope.unit")
	}
	return 0, nil
}

// Attach adds a file to appeal id on behalf of actor.
func (s *Service) Attach(ctx context.Context, actor *account.Actor, id int64, name string, data []byte) (*Attachment, error) {
	if s.Attachments == nil {
		return nil, fault.E(fault.Forbidden, "forbidden")
	}
	g, err := s.Store.Aggregate(ctx, id)
	if err != nil {
		return nil, err
	}
	taskID, err := mayAttach(actor, g)
	if err != nil {
		return nil, err
	}
	name, ct, err := CheckFile(name, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	a := &Attachment{AppealID: id, TaskID: taskID, Name: name, ContentType: ct, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), By: actor.UserID, ByName: cmp.Or(actor.Name, actor.Username), At: s.Now()}
	if err := s.Attachments.AddAttachment(ctx, a, data); err != nil {
		return nil, err
	}
	return a, nil
}

// visibleAttachment reports whether one who relates to the appeal as rel
// sees attachment a: a unit does not see, on an appeal dispatched
// anonymously, the files that did not come from a unit — the enterprise's
// own papers name it.
func visibleAttachment(rel Relation, g *Aggregate, a *Attachment) bool {
	return !(rel == AsUnit && g.Appeal.Anonymous && a.TaskID == 0)
}

// ListAttachments returns the attachments of appeal id that actor may see.
func (s *Service) ListAttachments(ctx context.Context, actor *account.Actor, id int64) ([]Attachment, error) {
	if s.Attachments == nil {
		return nil, nil
	}
	g, rel, err := s.related(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	all, err := s.Attachments.Attachments(ctx, id)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for i := range all {
		if visibleAttachment(rel, g, &all[i]) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// OpenAttachment returns attachment attID of appeal id with its content,
// for actor, and records that actor read it: attachments hold personal
// data. A read that cannot be recorded does not happen.
func (s *Service) OpenAttachment(ctx context.Context, actor *account.Actor, rec audit.Recorder, id, attID int64) (*Attachment, []byte, error) {
	if s.Attachments == nil || rec == nil {
		return nil, nil, fault.NotFoundOf("noun.attachment")
	}
	g, rel, err := s.related(ctx, actor, id)
	if err != nil {
		return nil, nil, err
	}
	a, data, err := s.Attachments.AttachmentData(ctx, id, attID)
	if err != nil {
		return nil, nil, err
	}
	if !visibleAttachment(rel, g, a) {
		return nil, nil, fault.NotFoundOf("noun.attachment")
	}
	m := audit.MetaFrom(ctx)
	if err := rec.Record(ctx, audit.Entry{At: s.Now(), ClientIP: m.ClientIP, RequestID: m.RequestID, ActorID: actor.UserID,
		UnitID: actor.UnitID, ActorName: cmp.Or(actor.Username, actor.Name), Action: "attachment.read",
		Object: "appeal:" + strconv.FormatInt(id, 10), Detail: "attachment " + strconv.FormatInt(attID, 10) + ": " + a.Name}); err != nil {
		return nil, nil, err
	}
	return a, data, nil
}

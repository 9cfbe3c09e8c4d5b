package sqlstore

import (
	"context"

	"zhitong/internal/appeal"
	"zhitong/internal/fault"
)

const attachmentColumns = `id, appeal_id, task_id, name, content_type, size, sha256, uploaded_by, by_name, uploaded_at`

// AddAttachment inserts a with its content and sets its ID, unless the
// appeal holds appeal.MaxAttachments already.
func (db *DB) AddAttachment(ctx context.Context, a *appeal.Attachment, data []byte) error {
	return db.inWrite(ctx, "add attachment", func(ctx context.Context, tx *txn) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attachments WHERE appeal_id = $1`, a.AppealID).Scan(&n); err != nil {
			return fault.Wrap(err, "sqlstore: count attachments")
		}
		if n >= appeal.MaxAttachments {
			return fault.E(fault.Conflict, "attach.full", appeal.MaxAttachments)
		}
		id, err := insertID(ctx, tx, `INSERT INTO attachments (appeal_id, task_id, name, content_type, size, sha256, data, uploaded_by, by_name, uploaded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			a.AppealID, a.TaskID, a.Name, a.ContentType, a.Size, a.SHA256, data, a.By, a.ByName, msNotNull(a.At))
		if err != nil {
			return writeErr(err, "add attachment", nil)
		}
		a.ID = id
		return nil
	})
}

func scanAttachment(row scanner, a *appeal.Attachment) error {
	return row.Scan(&a.ID, &a.AppealID, &a.TaskID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.By, &a.ByName, timeOf{&a.At})
}

// Attachments lists an appeal's attachments, oldest first, without content.
func (db *DB) Attachments(ctx context.Context, appealID int64) ([]appeal.Attachment, error) {
	rows, err := db.readRows(ctx, `SELECT `+attachmentColumns+` FROM attachments WHERE appeal_id = $1 ORDER BY id`, appealID)
	if err != nil {
		return nil, fault.Wrap(err, "sqlstore: attachments")
	}
	return collect(rows, "attachments", scanAttachment)
}

// AttachmentData reads one attachment of an appeal with its content.
func (db *DB) AttachmentData(ctx context.Context, appealID, id int64) (*appeal.Attachment, []byte, error) {
	var a appeal.Attachment
	var data []byte
	row := db.readRow(ctx, `SELECT `+attachmentColumns+`, data FROM attachments WHERE appeal_id = $1 AND id = $2`, appealID, id)
	err := row.Scan(&a.ID, &a.AppealID, &a.TaskID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.By, &a.ByName, timeOf{&a.At}, &data)
	if err != nil {
		return nil, nil, readErr(err, "attachment", "noun.attachment")
	}
	return &a, data, nil
}

-- The files of appeals, kept in the database with their SHA-256, so that a
-- backup holds them and every instance serves them. (BYTEA is PostgreSQL's
-- type; SQLite keeps the bytes as a blob whatever the column's type.)
CREATE TABLE attachments (
    id           {{pk}},
    appeal_id    BIGINT  NOT NULL REFERENCES appeals (id),
    task_id      BIGINT  NOT NULL DEFAULT 0, -- the unit's task it came with; 0: an office's or intake's
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    sha256       TEXT    NOT NULL,
    data         BYTEA   NOT NULL,
    uploaded_by  BIGINT  NOT NULL, -- the officer
    by_name      TEXT    NOT NULL,
    uploaded_at  BIGINT  NOT NULL
);
CREATE INDEX attachments_appeal ON attachments (appeal_id, id);

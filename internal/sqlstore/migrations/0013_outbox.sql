-- The scheduler's leases: a job that must run on one instance at a time is
-- run by the instance that takes its lease, until the lease's end.
CREATE TABLE job_leases (
    name      TEXT    PRIMARY KEY,
    holder    TEXT    NOT NULL,
    until     BIGINT  NOT NULL,
    last_run  BIGINT  NOT NULL
);

-- The transactional outbox: every message is written in the transaction of
-- the change that causes it, and delivered at least once afterwards. msg_id
-- is sent with every attempt, so that a receiver drops a repeat.
CREATE TABLE outbox (
    id           {{pk}},
    msg_id       TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    channel      TEXT    NOT NULL, -- inapp, email, sms
    recipient    TEXT    NOT NULL, -- a user id (inapp), an address, a phone number
    user_id      BIGINT,           -- the officer or enterprise account it is for, if one
    params       TEXT    NOT NULL, -- JSON object of the template's parameters
    appeal_id    BIGINT,
    created_at   BIGINT  NOT NULL,
    state        TEXT    NOT NULL, -- pending, sent, failed (given up)
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      BIGINT  NOT NULL, -- not to be tried before
    lease_until  BIGINT,           -- claimed by a sender until then
    leased_by    TEXT    NOT NULL DEFAULT '',
    sent_at      BIGINT,
    last_error   TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX outbox_msg ON outbox (msg_id);
CREATE INDEX outbox_due ON outbox (state, next_at);
CREATE INDEX outbox_appeal ON outbox (appeal_id, id);

-- The delivery log: every attempt, with what the receiver answered.
CREATE TABLE outbox_attempts (
    id         {{pk}},
    outbox_id  BIGINT  NOT NULL REFERENCES outbox (id),
    at         BIGINT  NOT NULL,
    ok         BOOLEAN NOT NULL,
    permanent  BOOLEAN NOT NULL DEFAULT FALSE,
    error      TEXT    NOT NULL DEFAULT '',
    took_ms    INTEGER NOT NULL
);
CREATE INDEX outbox_attempts_message ON outbox_attempts (outbox_id, id);

-- In-app messages: delivered by writing them here, once per msg_id.
CREATE TABLE inbox (
    id         {{pk}},
    user_id    BIGINT  NOT NULL,
    msg_id     TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    appeal_id  BIGINT,
    created_at BIGINT  NOT NULL,
    read_at    BIGINT
);
CREATE UNIQUE INDEX inbox_msg ON inbox (user_id, msg_id);
CREATE INDEX inbox_user ON inbox (user_id, id);

-- Officers may be told by email as well.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
-- When a task was last warned of and found overdue, so that each is said once.
ALTER TABLE tasks ADD COLUMN warned_at BIGINT;
ALTER TABLE tasks ADD COLUMN overdue_at BIGINT;

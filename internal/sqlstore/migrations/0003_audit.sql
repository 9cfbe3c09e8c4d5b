-- The audit log (package audit), one design for SQLite and PostgreSQL.
-- An entry is inserted unsealed (seq NULL, hash '') in the transaction of the
-- act it records; the sealer then gives the waiting entries, in id order,
-- the next seqs of the chain (gapless) and their hashes: hex HMAC-SHA256 with
-- a key kept outside the database. Times are BIGINT milliseconds (UTC).

CREATE TABLE audit_log (
    id         {{pk}},
    seq        BIGINT,                     -- the place in the chain; NULL until sealed
    at         BIGINT  NOT NULL,
    actor_id   BIGINT,                     -- the officer; NULL for anonymous or the system
    actor_name TEXT    NOT NULL DEFAULT '',
    unit_id    BIGINT,
    client_ip  TEXT    NOT NULL DEFAULT '',
    request_id TEXT    NOT NULL DEFAULT '',
    action     TEXT    NOT NULL,           -- dotted: appeal.assign, login.fail, audit.export
    object     TEXT    NOT NULL DEFAULT '', -- appeal:12, user:3
    outcome    TEXT    NOT NULL,           -- ok, denied, failed
    detail     TEXT    NOT NULL DEFAULT '',
    hash       TEXT    NOT NULL DEFAULT '' -- hex; '' until sealed
);
-- The chain, in order; one entry per seq.
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq) WHERE seq IS NOT NULL;
-- What the sealer takes next, without scanning what is sealed.
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;
-- The audit administrator's searches: by time, by actor, by action.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- What pruning leaves of the entries it deletes: the last deleted entry's
-- seq and hash, from which verify continues, signed with the key (mac, hex
-- HMAC-SHA256 of seq, hash, before_at and pruned_at).
CREATE TABLE audit_checkpoints (
    id         {{pk}},
    seq        BIGINT  NOT NULL UNIQUE,
    hash       TEXT    NOT NULL,
    before_at  BIGINT  NOT NULL,           -- the entries written before it were pruned
    pruned_at  BIGINT  NOT NULL,
    mac        TEXT    NOT NULL
);

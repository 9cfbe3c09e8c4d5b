-- Personal data and safe retries, one design for SQLite and PostgreSQL.

-- The appellant's ID number (居民身份证号码), checked at intake and shown
-- masked (430102********1234) unless revealed.
ALTER TABLE appeals ADD COLUMN contact_id_no TEXT NOT NULL DEFAULT '';

-- Registrations remembered under the client's Idempotency-Key, written in
-- the transaction of the appeal they created: a retry with the same key and
-- request gets that appeal back instead of a second one. Each actor's keys
-- are its own; keys are kept two days (package appeal, IdempotencyTTL) and
-- pruned after.
CREATE TABLE idempotency_keys (
    actor        TEXT    NOT NULL,            -- user:3, account:5 (an enterprise account), system
    idem_key     TEXT    NOT NULL,            -- as the client sent it: 1 to 100 printable ASCII characters
    request_hash TEXT    NOT NULL,            -- hex SHA-256 of the normalized request
    appeal_id    BIGINT  NOT NULL REFERENCES appeals (id),
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (actor, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

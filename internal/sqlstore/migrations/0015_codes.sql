-- One-time codes sent by SMS: only their hash, how often each was tried,
-- and when it was used (or retired).
CREATE TABLE one_time_codes (
    id          {{pk}},
    purpose     TEXT    NOT NULL, -- login, enrol, account
    subject     BIGINT  NOT NULL, -- the user or the enterprise account
    hash        TEXT    NOT NULL, -- hex SHA-256
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     BIGINT
);
CREATE INDEX one_time_codes_subject ON one_time_codes (purpose, subject, id);

-- Officers who sign in with an SMS code instead of an authenticator app.
ALTER TABLE users ADD COLUMN sms_enabled BOOLEAN NOT NULL DEFAULT FALSE;

-- An enterprise account whose holder proved the phone with a code; one
-- whose phone is the registry's contact number is confirmed by it.
ALTER TABLE enterprise_accounts ADD COLUMN phone_verified_at BIGINT;

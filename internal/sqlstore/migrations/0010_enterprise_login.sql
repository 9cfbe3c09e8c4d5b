-- Enterprise accounts sign in on the portal: by phone and password, once
-- an officer has confirmed the account (confirmed_by, confirmed_at). Their
-- sessions are kept apart from the officers'.
ALTER TABLE enterprise_accounts ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise_accounts ADD COLUMN confirmed_by BIGINT;
ALTER TABLE enterprise_accounts ADD COLUMN confirmed_at BIGINT;
CREATE UNIQUE INDEX enterprise_accounts_phone ON enterprise_accounts (phone) WHERE phone <> '';
CREATE INDEX enterprise_accounts_pending ON enterprise_accounts (confirmed, id);

CREATE TABLE enterprise_sessions (
    id            {{pk}},
    hash          TEXT    NOT NULL UNIQUE, -- hex SHA-256 of the cookie's value
    account_id    BIGINT  NOT NULL REFERENCES enterprise_accounts (id),
    client_ip     TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    revoked_at    BIGINT
);
CREATE INDEX enterprise_sessions_account ON enterprise_sessions (account_id);

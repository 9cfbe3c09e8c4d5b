-- Accounts' security: passwords, the second factor, browser sessions, failed
-- logins and the locks they cause, and the settings the security
-- administrator keeps. One design for SQLite and PostgreSQL; times are BIGINT
-- milliseconds since the Unix epoch (UTC), an absent time is NULL.

-- users.password_hash (0001) holds the PHC string of argon2id
-- ($argon2id$v=19$m=19456,t=2,p=1$salt$hash); '' is no password: no login.
ALTER TABLE users ADD COLUMN must_change BOOLEAN NOT NULL DEFAULT FALSE;  -- change the password at the next login
ALTER TABLE users ADD COLUMN password_changed_at BIGINT;                  -- for the maximum password age
-- The TOTP secret, base32 as the authenticator app reads it. It is stored in
-- clear (as any TOTP verifier must be able to recompute codes) and never
-- logged or answered after enrolment; '' is none.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled BOOLEAN NOT NULL DEFAULT FALSE; -- confirmed with a code
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;    -- the last time step used: no code twice

-- Browser sessions, shared by every instance on the database. Only the
-- SHA-256 of the session id (the cookie) is stored.
CREATE TABLE sessions (
    id            {{pk}},
    hash          TEXT    NOT NULL UNIQUE, -- hex SHA-256 of the cookie's value
    user_id       BIGINT  NOT NULL REFERENCES users (id),
    client_ip     TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    revoked_at    BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every failed login, by the user name as typed (known or not) and the
-- client's address. reason: unknown, password, totp, inactive, locked.
CREATE TABLE login_failures (
    id            {{pk}},
    username      TEXT    NOT NULL,
    client_ip     TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    at            BIGINT  NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (username, client_ip, at);
CREATE INDEX login_failures_client ON login_failures (client_ip, at);

-- The lock of a user name from one client: failures before reset_at no
-- longer count (a success, a lock, an unlock); locked_until is the end of
-- the lock, NULL when none.
CREATE TABLE login_locks (
    username      TEXT    NOT NULL,
    client_ip     TEXT    NOT NULL,
    locked_until  BIGINT,
    reset_at      BIGINT  NOT NULL,
    PRIMARY KEY (username, client_ip)
);

-- Settings the administrators keep, such as the maximum password age.
CREATE TABLE settings (
    name          TEXT    PRIMARY KEY,
    value         TEXT    NOT NULL,
    updated_at    BIGINT  NOT NULL,
    updated_by    BIGINT  -- the user; NULL for the command line
);

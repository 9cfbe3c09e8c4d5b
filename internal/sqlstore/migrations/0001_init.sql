-- The core schema, one design for SQLite and PostgreSQL.
-- {{pk}} is the engine's auto-incrementing 64-bit primary key; every time is
-- BIGINT milliseconds since the Unix epoch (UTC); an absent time or id is NULL.

CREATE TABLE units (
    id            {{pk}},
    parent_id     BIGINT REFERENCES units (id),
    code          TEXT    NOT NULL DEFAULT '',
    name          TEXT    NOT NULL,
    level         TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    capabilities  TEXT    NOT NULL DEFAULT '', -- comma-separated
    district_id   BIGINT,                      -- the district it belongs to; NULL above district level
    path          TEXT    NOT NULL,            -- '/1/4/9/': ids from the root down
    assessed      BOOLEAN NOT NULL DEFAULT TRUE,
    active        BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_district ON units (district_id);

CREATE TABLE users (
    id            {{pk}},
    username      TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    phone         TEXT    NOT NULL DEFAULT '',
    unit_id       BIGINT  NOT NULL REFERENCES units (id),
    roles         TEXT    NOT NULL DEFAULT '', -- comma-separated
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE enterprises (
    id            {{pk}},
    credit_code   TEXT    NOT NULL DEFAULT '',
    name          TEXT    NOT NULL,
    district_id   BIGINT REFERENCES units (id),
    territory_id  BIGINT REFERENCES units (id),
    industry      TEXT    NOT NULL DEFAULT '',
    address       TEXT    NOT NULL DEFAULT '',
    contact_name  TEXT    NOT NULL DEFAULT '',
    contact_phone TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL
);
CREATE UNIQUE INDEX enterprises_code ON enterprises (credit_code) WHERE credit_code <> '';
CREATE INDEX enterprises_name ON enterprises (name);

CREATE TABLE enterprise_accounts (
    id            {{pk}},
    enterprise_id BIGINT  NOT NULL REFERENCES enterprises (id),
    name          TEXT    NOT NULL,
    phone         TEXT    NOT NULL DEFAULT '',
    confirmed     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX enterprise_accounts_enterprise ON enterprise_accounts (enterprise_id);

CREATE TABLE tokens (
    id            {{pk}},
    user_id       BIGINT  NOT NULL REFERENCES users (id),
    name          TEXT    NOT NULL DEFAULT '',
    scope         TEXT    NOT NULL,
    hash          TEXT    NOT NULL UNIQUE, -- hex SHA-256 of the secret
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT,
    revoked_at    BIGINT,
    last_used_at  BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE categories (
    id            {{pk}},
    code          TEXT    NOT NULL DEFAULT '',
    name          TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE UNIQUE INDEX categories_code ON categories (code) WHERE code <> '';

CREATE TABLE appeals (
    id              {{pk}},
    external_no     TEXT    NOT NULL DEFAULT '',
    channel         TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    category_id     BIGINT REFERENCES categories (id),
    urgency         TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    content         TEXT    NOT NULL,
    enterprise_id   BIGINT REFERENCES enterprises (id),
    enterprise_name TEXT    NOT NULL,
    credit_code     TEXT    NOT NULL DEFAULT '',
    contact_name    TEXT    NOT NULL DEFAULT '',
    contact_phone   TEXT    NOT NULL DEFAULT '',
    anonymous       BOOLEAN NOT NULL DEFAULT FALSE,
    district_id     BIGINT  NOT NULL REFERENCES units (id),
    territory_id    BIGINT REFERENCES units (id),
    route           TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL,
    round           INTEGER NOT NULL DEFAULT 0,
    merged_into     BIGINT REFERENCES appeals (id),
    created_by      BIGINT REFERENCES users (id),
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    due_at          BIGINT,
    version         INTEGER NOT NULL,
    result_outcome  TEXT    NOT NULL DEFAULT '',
    result_text     TEXT    NOT NULL DEFAULT '',
    result_at       BIGINT,
    feedback_at     BIGINT,
    reported_up_at  BIGINT,
    visit_attempts  INTEGER NOT NULL DEFAULT 0,
    satisfaction    TEXT    NOT NULL DEFAULT '',
    resolved        BOOLEAN NOT NULL DEFAULT FALSE,
    unreachable     BOOLEAN NOT NULL DEFAULT FALSE,
    closed_at       BIGINT,
    query_code_hash TEXT    NOT NULL DEFAULT ''
);
-- Lists are newest first within a district; worklists filter by state.
CREATE INDEX appeals_district ON appeals (district_id, id);
CREATE INDEX appeals_district_state ON appeals (district_id, state, id);
-- Reports read a cohort by registration time; the columns the counting
-- rules look at are in the index, so a month is read from the index alone.
CREATE INDEX appeals_cohort ON appeals (district_id, created_at, channel, route, state, satisfaction, resolved, unreachable);
CREATE INDEX appeals_creator ON appeals (created_by, id);
CREATE INDEX appeals_enterprise ON appeals (enterprise_id, id);
CREATE INDEX appeals_territory ON appeals (territory_id, id);

CREATE TABLE tasks (
    id            {{pk}},
    appeal_id     BIGINT  NOT NULL REFERENCES appeals (id),
    district_id   BIGINT  NOT NULL,
    round         INTEGER NOT NULL,
    unit_id       BIGINT  NOT NULL REFERENCES units (id),
    role          TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    note          TEXT    NOT NULL DEFAULT '',
    assigned_by   BIGINT,
    assigned_at   BIGINT  NOT NULL,
    accept_due    BIGINT,
    reply_due     BIGINT,
    accepted_at   BIGINT,
    returned_at   BIGINT,
    reason        TEXT    NOT NULL DEFAULT '',
    outcome       TEXT    NOT NULL DEFAULT '',
    reply_text    TEXT    NOT NULL DEFAULT '',
    replied_at    BIGINT,
    replied_by    BIGINT,
    reviewed_at   BIGINT,
    reviewed_by   BIGINT,
    sent_back     INTEGER NOT NULL DEFAULT 0,
    redone        BOOLEAN NOT NULL DEFAULT FALSE,
    version       INTEGER NOT NULL
);
CREATE INDEX tasks_appeal ON tasks (appeal_id, id);
-- A unit's worklist: its tasks in a state, newest first.
CREATE INDEX tasks_unit_state ON tasks (unit_id, state, id);
CREATE INDEX tasks_district_state ON tasks (district_id, state, id);

CREATE TABLE appeal_events (
    id            {{pk}},
    appeal_id     BIGINT  NOT NULL REFERENCES appeals (id),
    at            BIGINT  NOT NULL,
    actor_id      BIGINT,
    actor_name    TEXT    NOT NULL DEFAULT '',
    unit_id       BIGINT,
    action        TEXT    NOT NULL,
    from_state    TEXT    NOT NULL DEFAULT '',
    to_state      TEXT    NOT NULL DEFAULT '',
    task_id       BIGINT,
    note          TEXT    NOT NULL DEFAULT '',
    told          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX appeal_events_appeal ON appeal_events (appeal_id, id);

CREATE TABLE visits (
    id            {{pk}},
    appeal_id     BIGINT  NOT NULL REFERENCES appeals (id),
    round         INTEGER NOT NULL,
    at            BIGINT  NOT NULL,
    by_user       BIGINT,
    reached       BOOLEAN NOT NULL,
    satisfaction  TEXT    NOT NULL DEFAULT '',
    resolved      BOOLEAN NOT NULL DEFAULT FALSE,
    words         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX visits_appeal ON visits (appeal_id, id);

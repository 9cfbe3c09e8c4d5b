-- Policies (惠企政策, issue 8): a district publishes a policy — its issuing
-- unit, document number, effective dates, text and files — tagged by
-- industry (GB/T 4754-2017 section letters or division codes), township
-- and size, each comma-separated ('' is all). Publishing records the
-- district's entities the tags match (policy_targets), in the same
-- transaction, with the township each lay in then; an entity reading the
-- policy on the portal, or a liaison cadre explaining it at a visit, sets
-- its read_at once. targets and reads count the
-- targets and those read, so that a list of policies shows its reach
-- (知晓率) without counting the targets of each.
CREATE TABLE policies (
    id              {{pk}},
    district_id     BIGINT  NOT NULL REFERENCES units (id),
    issuer_id       BIGINT  NOT NULL REFERENCES units (id),
    title           TEXT    NOT NULL,
    doc_no          TEXT    NOT NULL DEFAULT '',
    effective_from  BIGINT  NOT NULL,
    effective_to    BIGINT,
    body            TEXT    NOT NULL,
    industries      TEXT    NOT NULL DEFAULT '',
    territories     TEXT    NOT NULL DEFAULT '',
    sizes           TEXT    NOT NULL DEFAULT '',
    targets         INTEGER NOT NULL DEFAULT 0,
    reads           INTEGER NOT NULL DEFAULT 0,
    published_by    BIGINT  REFERENCES users (id), -- NULL: the system (the demo)
    published_at    BIGINT  NOT NULL
);
CREATE INDEX policies_district ON policies (district_id, id);

CREATE TABLE policy_targets (
    policy_id      BIGINT  NOT NULL REFERENCES policies (id),
    enterprise_id  BIGINT  NOT NULL REFERENCES enterprises (id),
    territory_id   BIGINT,          -- the entity's township when the policy was published
    read_at        BIGINT,          -- when it first reached the entity: read on the portal, or explained at a visit
    read_by        BIGINT,          -- the enterprise account that read it first on the portal
    read_visit     BIGINT REFERENCES field_visits (id), -- or the visit that explained it first (政策宣讲)
    PRIMARY KEY (policy_id, enterprise_id)
);
-- An entity's policies on the portal.
CREATE INDEX policy_targets_enterprise ON policy_targets (enterprise_id, policy_id);

-- The policies explained at a visit (政策宣讲), each one sent to the
-- entity visited: the first explanation or portal read counts the entity
-- as reached.
CREATE TABLE field_visit_policies (
    visit_id   BIGINT NOT NULL REFERENCES field_visits (id),
    policy_id  BIGINT NOT NULL REFERENCES policies (id),
    PRIMARY KEY (visit_id, policy_id)
);

-- The files of a policy, kept as an appeal's are (0011): in the database
-- with their SHA-256.
CREATE TABLE policy_attachments (
    id           {{pk}},
    policy_id    BIGINT  NOT NULL REFERENCES policies (id),
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    sha256       TEXT    NOT NULL,
    data         BYTEA   NOT NULL,
    uploaded_by  BIGINT  NOT NULL,
    by_name      TEXT    NOT NULL,
    uploaded_at  BIGINT  NOT NULL
);
CREATE INDEX policy_attachments_policy ON policy_attachments (policy_id, id);

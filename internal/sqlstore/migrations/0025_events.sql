-- Events where departments meet enterprises: government open days,
-- entrepreneur symposiums, a leader's on-the-spot office meetings. A
-- campaign lists the departments due to hold an event of its kind between
-- two days; its progress counts those that have.
CREATE TABLE campaigns (
    id           {{pk}},
    district_id  BIGINT  NOT NULL REFERENCES units (id),
    kind         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    starts_on    BIGINT  NOT NULL,
    ends_on      BIGINT  NOT NULL,
    created_by   BIGINT  NOT NULL REFERENCES users (id),
    created_at   BIGINT  NOT NULL
);
CREATE INDEX campaigns_district ON campaigns (district_id, starts_on);

CREATE TABLE campaign_units (
    campaign_id  BIGINT  NOT NULL REFERENCES campaigns (id),
    unit_id      BIGINT  NOT NULL REFERENCES units (id),
    position     INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, unit_id)
);

CREATE TABLE outreach_events (
    id               {{pk}},
    district_id      BIGINT  NOT NULL REFERENCES units (id),
    campaign_id      BIGINT  REFERENCES campaigns (id),
    kind             TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    held_on          BIGINT  NOT NULL,
    host_unit_id     BIGINT  NOT NULL REFERENCES units (id),
    place            TEXT    NOT NULL DEFAULT '',
    leader           TEXT    NOT NULL DEFAULT '',
    representatives  INTEGER NOT NULL DEFAULT 0,
    summary          TEXT    NOT NULL DEFAULT '',
    created_by       BIGINT  NOT NULL REFERENCES users (id),
    created_at       BIGINT  NOT NULL
);
CREATE INDEX outreach_events_district ON outreach_events (district_id, held_on);
CREATE INDEX outreach_events_campaign ON outreach_events (campaign_id, held_on);

-- The departments taking part besides the host.
CREATE TABLE outreach_event_units (
    event_id  BIGINT NOT NULL REFERENCES outreach_events (id),
    unit_id   BIGINT NOT NULL REFERENCES units (id),
    PRIMARY KEY (event_id, unit_id)
);

-- The registered entities present.
CREATE TABLE outreach_event_enterprises (
    event_id       BIGINT NOT NULL REFERENCES outreach_events (id),
    enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id),
    PRIMARY KEY (event_id, enterprise_id)
);
CREATE INDEX outreach_event_enterprises_enterprise ON outreach_event_enterprises (enterprise_id);

-- The appeals collected, with the instruction a leader gave on the spot.
CREATE TABLE outreach_event_appeals (
    event_id     BIGINT NOT NULL REFERENCES outreach_events (id),
    appeal_id    BIGINT NOT NULL REFERENCES appeals (id),
    instruction  TEXT   NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, appeal_id)
);

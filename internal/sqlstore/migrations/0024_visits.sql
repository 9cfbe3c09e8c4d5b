-- Visits (走访): liaison cadres and officers going to market entities —
-- when, who went, what was found, which policies were explained — and the
-- appeals filed on the spot (channel visit), linked to the visit. Each
-- entity's history reads its visits, the latest first; coverage counts the
-- entities visited in the last days of a district.
CREATE TABLE field_visits (
    id             {{pk}},
    enterprise_id  BIGINT  NOT NULL REFERENCES enterprises (id),
    district_id    BIGINT  NOT NULL REFERENCES units (id),
    visited_on     BIGINT  NOT NULL,
    visitors       TEXT    NOT NULL,
    found          TEXT    NOT NULL DEFAULT '',
    policies       TEXT    NOT NULL DEFAULT '',
    created_by     BIGINT  NOT NULL REFERENCES users (id),
    created_at     BIGINT  NOT NULL
);
CREATE INDEX field_visits_enterprise ON field_visits (enterprise_id, visited_on);
CREATE INDEX field_visits_district ON field_visits (district_id, visited_on);

CREATE TABLE field_visit_appeals (
    visit_id   BIGINT NOT NULL REFERENCES field_visits (id),
    appeal_id  BIGINT NOT NULL REFERENCES appeals (id),
    PRIMARY KEY (visit_id, appeal_id)
);

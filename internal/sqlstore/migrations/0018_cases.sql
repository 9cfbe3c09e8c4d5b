-- Accountability (问责直处): typical cases that harmed the business
-- environment, recorded by the discipline commission against a unit (and
-- an appeal, if one), and published as a notice (通报); a published case
-- counts in the unit's assessment.
CREATE TABLE cases (
    id            {{pk}},
    district_id   BIGINT  NOT NULL,
    unit_id       BIGINT  NOT NULL REFERENCES units (id),
    appeal_id     BIGINT,
    title         TEXT    NOT NULL,
    facts         TEXT    NOT NULL,
    handling      TEXT    NOT NULL, -- what was done: 诫勉谈话, 通报批评, ...
    created_by    BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL,
    published_at  BIGINT,
    published_by  BIGINT
);
CREATE INDEX cases_district ON cases (district_id, id);
CREATE INDEX cases_published ON cases (unit_id, published_at);

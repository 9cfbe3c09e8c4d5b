-- Contests (申诉) of the charges against a unit on one of its tasks, and
-- the office's decision: granted (核减) or refused. Both stay on record.
CREATE TABLE contests (
    id           {{pk}},
    task_id      BIGINT  NOT NULL REFERENCES tasks (id),
    appeal_id    BIGINT  NOT NULL,
    unit_id      BIGINT  NOT NULL,
    district_id  BIGINT  NOT NULL,
    charge       TEXT    NOT NULL, -- response, overdue, redo, supervised
    reason       TEXT    NOT NULL,
    state        TEXT    NOT NULL, -- pending, granted, refused
    created_by   BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    decided_by   BIGINT,
    decided_at   BIGINT,
    decision     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX contests_district ON contests (district_id, state, id);
CREATE INDEX contests_unit ON contests (unit_id, id);
-- One live contest per task and charge: a refused one may be filed again.
CREATE UNIQUE INDEX contests_live ON contests (task_id, charge) WHERE state <> 'refused';

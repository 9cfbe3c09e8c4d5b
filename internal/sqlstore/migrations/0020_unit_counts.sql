-- The units' figures of the reports (report.UnitCounts) for a district's
-- month as for a province's year: counters of each unit's tasks, by the
-- district and the day (and month) its appeals were registered, of every
-- figure that does not depend on the moment the report is read (the
-- figures' conditions are those of figures.go). Each change to an appeal
-- writes deltas in its own transaction: the appeal's tasks counted out as
-- they were and in as they are (unit_deltas); the folding job moves them
-- into the counters. What depends on the moment — the tasks unanswered
-- past their deadline — is read from the open tasks themselves (pending or
-- handling, a district's current work). The migration's hook
-- (rebuildUnits) counts every task into the counters.
CREATE TABLE unit_deltas (
    id             {{pk}},
    unit_id        BIGINT  NOT NULL,
    district_id    BIGINT  NOT NULL,
    day            INTEGER NOT NULL,
    assigned       INTEGER NOT NULL,
    responded      INTEGER NOT NULL,
    replied        INTEGER NOT NULL,
    on_time        INTEGER NOT NULL,
    returned       INTEGER NOT NULL,
    returned_late  INTEGER NOT NULL,
    redone         INTEGER NOT NULL,
    reminders      INTEGER NOT NULL,
    supervised     INTEGER NOT NULL,
    unanswered     INTEGER NOT NULL,
    extended       INTEGER NOT NULL,
    rated          INTEGER NOT NULL,
    satisfied      INTEGER NOT NULL,
    fair           INTEGER NOT NULL,
    resolved       INTEGER NOT NULL
);
CREATE INDEX unit_deltas_district ON unit_deltas (district_id, day);

CREATE TABLE unit_days (
    district_id    BIGINT  NOT NULL,
    day            INTEGER NOT NULL,
    unit_id        BIGINT  NOT NULL,
    assigned       BIGINT  NOT NULL,
    responded      BIGINT  NOT NULL,
    replied        BIGINT  NOT NULL,
    on_time        BIGINT  NOT NULL,
    returned       BIGINT  NOT NULL,
    returned_late  BIGINT  NOT NULL,
    redone         BIGINT  NOT NULL,
    reminders      BIGINT  NOT NULL,
    supervised     BIGINT  NOT NULL,
    unanswered     BIGINT  NOT NULL,
    extended       BIGINT  NOT NULL,
    rated          BIGINT  NOT NULL,
    satisfied      BIGINT  NOT NULL,
    fair           BIGINT  NOT NULL,
    resolved       BIGINT  NOT NULL,
    PRIMARY KEY (district_id, day, unit_id)
);

CREATE TABLE unit_months (
    district_id    BIGINT  NOT NULL,
    month          INTEGER NOT NULL,
    unit_id        BIGINT  NOT NULL,
    assigned       BIGINT  NOT NULL,
    responded      BIGINT  NOT NULL,
    replied        BIGINT  NOT NULL,
    on_time        BIGINT  NOT NULL,
    returned       BIGINT  NOT NULL,
    returned_late  BIGINT  NOT NULL,
    redone         BIGINT  NOT NULL,
    reminders      BIGINT  NOT NULL,
    supervised     BIGINT  NOT NULL,
    unanswered     BIGINT  NOT NULL,
    extended       BIGINT  NOT NULL,
    rated          BIGINT  NOT NULL,
    satisfied      BIGINT  NOT NULL,
    fair           BIGINT  NOT NULL,
    resolved       BIGINT  NOT NULL,
    PRIMARY KEY (district_id, month, unit_id)
);

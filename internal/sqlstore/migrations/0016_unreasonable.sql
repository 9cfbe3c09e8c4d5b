-- Fair satisfaction (分档分类评价): the office may mark an appeal as beyond
-- what can be granted (诉求不合理 / 超出政策范围), with its reason; such
-- appeals are reported apart and left out of the satisfaction rates. The
-- mark is a fact the cohort counters count by, so their key gains it: the
-- counter tables are made anew with it in their primary key, and the
-- migration's hook (rebuildCohort) counts every appeal into them.
ALTER TABLE appeals ADD COLUMN unreasonable BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE appeals ADD COLUMN unreasonable_reason TEXT NOT NULL DEFAULT '';

ALTER TABLE cohort_deltas ADD COLUMN unreasonable BOOLEAN NOT NULL DEFAULT FALSE;

DROP TABLE cohort_days;
CREATE TABLE cohort_days (
    region_id     BIGINT  NOT NULL,
    day           INTEGER NOT NULL,
    channel       TEXT    NOT NULL,
    route         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    satisfaction  TEXT    NOT NULL,
    resolved      BOOLEAN NOT NULL,
    unreachable   BOOLEAN NOT NULL,
    unreasonable  BOOLEAN NOT NULL,
    n             BIGINT  NOT NULL,
    PRIMARY KEY (region_id, day, channel, route, state, satisfaction, resolved, unreachable, unreasonable)
);

DROP TABLE cohort_months;
CREATE TABLE cohort_months (
    region_id     BIGINT  NOT NULL,
    month         INTEGER NOT NULL,
    channel       TEXT    NOT NULL,
    route         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    satisfaction  TEXT    NOT NULL,
    resolved      BOOLEAN NOT NULL,
    unreachable   BOOLEAN NOT NULL,
    unreasonable  BOOLEAN NOT NULL,
    n             BIGINT  NOT NULL,
    PRIMARY KEY (region_id, month, channel, route, state, satisfaction, resolved, unreachable, unreasonable)
);

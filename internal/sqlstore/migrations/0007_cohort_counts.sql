-- The summary report's counts, kept as appeals change, so that a report
-- reads a few thousand counters instead of a cohort of millions of appeals
-- (sqlstore, cohort.go). A cohort is the appeals registered in a period; a
-- counter is how many appeals of a region (a district, or a city or
-- province above it: the counts are rolled up the unit tree) registered on
-- a day (or in a month) have one combination of the facts the counting
-- rules look at. day: days since 1970-01-01 in China Standard Time; month:
-- year * 12 + month - 1.
--
-- A change to an appeal writes its deltas (-1 for the combination it
-- left, +1 for the one it took) into cohort_deltas, an append-only table
-- that concurrent writers never contend on; a server folds them into the
-- day and month counters every second. A report adds the deltas not yet
-- folded, so it never waits for the folding.
CREATE TABLE cohort_deltas (
    id            {{pk}},
    district_id   BIGINT  NOT NULL,
    day           INTEGER NOT NULL,
    channel       TEXT    NOT NULL,
    route         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    satisfaction  TEXT    NOT NULL,
    resolved      BOOLEAN NOT NULL,
    unreachable   BOOLEAN NOT NULL,
    n             INTEGER NOT NULL
);

CREATE TABLE cohort_days (
    region_id     BIGINT  NOT NULL,
    day           INTEGER NOT NULL,
    channel       TEXT    NOT NULL,
    route         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    satisfaction  TEXT    NOT NULL,
    resolved      BOOLEAN NOT NULL,
    unreachable   BOOLEAN NOT NULL,
    n             BIGINT  NOT NULL,
    PRIMARY KEY (region_id, day, channel, route, state, satisfaction, resolved, unreachable)
);

CREATE TABLE cohort_months (
    region_id     BIGINT  NOT NULL,
    month         INTEGER NOT NULL,
    channel       TEXT    NOT NULL,
    route         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    satisfaction  TEXT    NOT NULL,
    resolved      BOOLEAN NOT NULL,
    unreachable   BOOLEAN NOT NULL,
    n             BIGINT  NOT NULL,
    PRIMARY KEY (region_id, month, channel, route, state, satisfaction, resolved, unreachable)
);

-- The monthly scheduling report breaks the cohort down by type, category
-- and township, for a district's month as for a province's year: month
-- counters of those breakdowns (cohort_parts), fed by the cohort's deltas,
-- which gain the breakdown a delta counts in (dim '' for the summary's
-- counters; 'type', 'category' or 'territory', with the part: the type's
-- code, or the id of the category or township, '0' for none). A part
-- counts what the counting rules look at but the channel and the route,
-- which the breakdowns do not show. Types and categories are rolled up to
-- the regions above the district, as the summary is; a township belongs to
-- one district, so its counters are the district's alone. Days before or
-- after the period's whole months are counted from the appeals. The
-- migration's hook (countParts) counts every appeal into the new table.
ALTER TABLE cohort_deltas ADD COLUMN dim TEXT NOT NULL DEFAULT '';
ALTER TABLE cohort_deltas ADD COLUMN part TEXT NOT NULL DEFAULT '';

CREATE TABLE cohort_parts (
    dim           TEXT    NOT NULL,
    region_id     BIGINT  NOT NULL,
    month         INTEGER NOT NULL,
    part          TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    satisfaction  TEXT    NOT NULL,
    resolved      BOOLEAN NOT NULL,
    unreachable   BOOLEAN NOT NULL,
    unreasonable  BOOLEAN NOT NULL,
    n             BIGINT  NOT NULL,
    PRIMARY KEY (dim, region_id, month, part, state, satisfaction, resolved, unreachable, unreasonable)
);

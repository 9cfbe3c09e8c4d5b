-- The breakdowns' counters (0019) counted each part by every combination
-- of the facts the counting rules look at: a province's year of townships
-- is hundreds of thousands of such counters. They count the figures
-- instead (report.Figures, the counting rules applied as each delta is
-- folded): one row per part and month. The migration's hook (countParts)
-- counts every appeal into them.
DROP TABLE cohort_parts;
CREATE TABLE cohort_parts (
    dim                     TEXT    NOT NULL,
    region_id               BIGINT  NOT NULL,
    month                   INTEGER NOT NULL,
    part                    TEXT    NOT NULL,
    received                BIGINT  NOT NULL,
    closed                  BIGINT  NOT NULL,
    rated                   BIGINT  NOT NULL,
    satisfied               BIGINT  NOT NULL,
    fair                    BIGINT  NOT NULL,
    dissatisfied            BIGINT  NOT NULL,
    resolved                BIGINT  NOT NULL,
    unreachable             BIGINT  NOT NULL,
    unreasonable            BIGINT  NOT NULL,
    unreasonable_rated      BIGINT  NOT NULL,
    unreasonable_satisfied  BIGINT  NOT NULL,
    merged                  BIGINT  NOT NULL,
    withdrawn               BIGINT  NOT NULL,
    not_accepted            BIGINT  NOT NULL,
    transferred             BIGINT  NOT NULL,
    PRIMARY KEY (dim, region_id, month, part)
);

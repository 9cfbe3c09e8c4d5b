-- The working-day calendar as administrators loaded or corrected it. The
-- schedules built into the binary apply to every year not held here; a year
-- held here replaces the built-in one whole. days is the State Council's
-- schedule in the holiday-cn JSON form, as loaded.
CREATE TABLE calendar_years (
    year         INTEGER PRIMARY KEY,
    days         TEXT    NOT NULL,
    provisional  BOOLEAN NOT NULL,
    note         TEXT    NOT NULL DEFAULT '',
    updated_at   BIGINT  NOT NULL,
    updated_by   BIGINT
);

-- A task's deadlines in working days, so that they can be counted again
-- when the calendar changes; NULL: a deadline set as a date (the city's, or
-- the office's own), kept as it is.
ALTER TABLE tasks ADD COLUMN accept_days INTEGER;
ALTER TABLE tasks ADD COLUMN reply_days INTEGER;
-- Working days added to the reply deadline by granted extensions and pauses.
ALTER TABLE tasks ADD COLUMN extra_days INTEGER NOT NULL DEFAULT 0;

-- A category may have its own time to answer, in working days; NULL: by
-- the appeal's type.
ALTER TABLE categories ADD COLUMN reply_days INTEGER;

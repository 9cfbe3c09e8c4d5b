-- More time for a task: a request awaiting the office (ask: extend or
-- pause), how many were granted, and the moment a paused task's clock
-- stopped. Supervision: reminders (催办), the formal notice (督办) with its
-- document number, and the unit's answer to it.
ALTER TABLE tasks ADD COLUMN ask TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN ask_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN ask_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN asked_at BIGINT;
ALTER TABLE tasks ADD COLUMN grants INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN paused_at BIGINT;
ALTER TABLE tasks ADD COLUMN reminders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN supervised_at BIGINT;
ALTER TABLE tasks ADD COLUMN supervision_no TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN supervision_note TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN response_text TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN responded_at BIGINT;
-- The requests awaiting the office, for its worklist.
CREATE INDEX tasks_ask ON tasks (district_id, id) WHERE ask <> '';

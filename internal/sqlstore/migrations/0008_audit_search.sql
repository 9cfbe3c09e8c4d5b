-- The auditor's searches (sqlstore, audit.go) served by indexes: the
-- entries of one object (appeal:12) newest first, and a period with its
-- action read from the index alone, so that a day of a busy province
-- (tens of thousands of entries) is sorted without reading each entry.
CREATE INDEX audit_log_object ON audit_log (object, id);
DROP INDEX audit_log_at;
CREATE INDEX audit_log_at ON audit_log (at, action);

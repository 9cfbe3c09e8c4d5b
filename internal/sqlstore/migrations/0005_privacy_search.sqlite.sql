-- The private keyword index on SQLite: the whole terms of each anonymous
-- appeal, enterprise and appellant included, searched only for those who
-- may know who filed it. appeal_search keeps of an anonymous appeal only the
-- terms of what a handling unit sees (package appeal, ForUnits). The
-- anonymous appeals already indexed are re-indexed in Go when this step is
-- applied (sqlstore, privacy_search.go).
CREATE VIRTUAL TABLE appeal_search_private USING fts5 (terms, content = '', contentless_delete = 1, tokenize = 'unicode61');

-- The keyword index on SQLite: an FTS5 table whose rowid is the appeal's id
-- and whose one column holds the appeal's terms (package search) separated
-- by spaces; unicode61 splits on the spaces and keeps each bigram whole.
CREATE VIRTUAL TABLE appeal_search USING fts5 (terms, content = '', contentless_delete = 1, tokenize = 'unicode61');

-- The keyword index, made anew in one table (sqlstore, search.go): each row
-- holds the appeal's keyword terms, the private form of an anonymous
-- appeal's appellant ("_p" and the term; appeal_search_private is no more),
-- and its scope terms ("_d12", "_u3", "_e40"), so that a search reads only
-- the matches of its reader's scope.
--   detail = 'none': a search asks whether a row holds its terms, never
--     where, so no positions are kept (a third of the size, faster merges).
--   tokenize = ascii: the terms are already split by spaces and lower-cased
--     in Go; ascii keeps every non-ASCII character and "_" in a token, and
--     costs less than unicode61 for the same tokens.
--   automerge = 16, crisismerge = 64: fewer, larger merges of the index's
--     segments as it grows, for less work on each write (a lookup reads a
--     few more segments). The merging is done a little at each write; at
--     crisismerge segments of a level FTS5 merges them all at once, which
--     stalls the writer for seconds on a big index, so that point is put
--     well beyond where the gradual merging keeps a level.
-- Every appeal is indexed again in Go when this step is applied
-- (privacy_search.go).
DROP TABLE appeal_search;
DROP TABLE appeal_search_private;
CREATE VIRTUAL TABLE appeal_search USING fts5 (terms, content = '', contentless_delete = 1, detail = 'none', tokenize = "ascii tokenchars '_'");
INSERT INTO appeal_search (appeal_search, rank) VALUES ('automerge', 16);
INSERT INTO appeal_search (appeal_search, rank) VALUES ('crisismerge', 64);

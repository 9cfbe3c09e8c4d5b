-- The keyword index in one table (sqlstore, search.go): each row holds the
-- appeal's keyword terms, the private form of an anonymous appeal's
-- appellant ("_p" and the term; appeal_search_private is no more), and its
-- scope terms ("_d12", "_u3", "_e40"), so that a search reads only the
-- matches of its reader's scope. Every appeal is indexed again in Go when
-- this step is applied (privacy_search.go).
DROP TABLE appeal_search_private;
DELETE FROM appeal_search;

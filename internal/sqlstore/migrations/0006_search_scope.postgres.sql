-- The scope terms of each appeal ("_d12", "_u3", "_e40") join its keyword
-- terms (sqlstore, search.go), so that a search reads only the matches of
-- its reader's scope. ('_u' || NULL is NULL, and array_remove drops it.)
CREATE TEMPORARY TABLE scope_terms ON COMMIT DROP AS
SELECT id, array_remove(ARRAY['_d' || district_id, '_u' || created_by, '_e' || enterprise_id], NULL) AS terms
  FROM appeals;
UPDATE appeal_search s SET terms = s.terms || t.terms FROM scope_terms t WHERE t.id = s.appeal_id;
UPDATE appeal_search_private s SET terms = s.terms || t.terms FROM scope_terms t WHERE t.id = s.appeal_id;

-- Matching and merging (issue 8): an appeal registered against a name alone
-- is matched to the registry by an officer, and an entity registered twice
-- is merged into the one the officer keeps.
--   merged_into, merged_at: a merged duplicate points to its survivor; it
--     stays on record (its page points on) but leaves the registry's lists,
--     the coverage and the suggestions. Everything that referenced it moves
--     to the survivor in the merge's transaction (enterprise_merge.go).
--   enterprises_district_name: the suggestions look a district's names up
--     by equality and by prefix.
--   enterprise_name_pairs: the pairs of adjacent characters of each
--     entity's name (package matching's NamePairs: the name without its
--     legal form, the pairs half a registry shares left out), so that the
--     names sharing most pairs with a typed one are found from the pairs'
--     postings, not by reading every name of the district. Written with
--     the entity (create, import), dropped with a merged duplicate; filled
--     for the entities registered before by this step's hook.
--   appeals_unmatched: the district's appeals without an entity, by state,
--     newest first: the officers' list of what is left to match.
ALTER TABLE enterprises ADD COLUMN merged_into BIGINT REFERENCES enterprises (id);
ALTER TABLE enterprises ADD COLUMN merged_at BIGINT;
CREATE INDEX enterprises_district_name ON enterprises (district_id, name) WHERE merged_into IS NULL;
CREATE INDEX appeals_unmatched ON appeals (district_id, state, id) WHERE enterprise_id IS NULL;
CREATE TABLE enterprise_name_pairs (
    district_id   BIGINT NOT NULL,
    pair          TEXT   NOT NULL,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
    PRIMARY KEY (district_id, pair, enterprise_id)
);
CREATE INDEX enterprise_name_pairs_enterprise ON enterprise_name_pairs (enterprise_id);

-- The keyword index on PostgreSQL: the appeal's terms (package search) as a
-- text array under a GIN index; a query asks for rows containing all its
-- terms (terms @> ARRAY[...]), which needs no text-search parser, so the
-- database's locale does not matter.
CREATE TABLE appeal_search (
    appeal_id BIGINT PRIMARY KEY REFERENCES appeals (id),
    terms     TEXT[] NOT NULL
);
CREATE INDEX appeal_search_terms ON appeal_search USING GIN (terms);

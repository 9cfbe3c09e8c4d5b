-- The enterprise registry (issue 8): every market entity of a district,
-- imported from the registry's file. An entity gains its line of business
-- as a division of GB/T 4754-2017 (industry_code, "13"; industry keeps the
-- division's name, or the words it was registered with), its size (large,
-- medium, small, micro; '' unknown), tags (comma-separated) and when the
-- registry last changed it. Coverage counts the entities of a township by
-- industry: the index serves it.
ALTER TABLE enterprises ADD COLUMN industry_code TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN size TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN updated_at BIGINT;
CREATE INDEX enterprises_territory ON enterprises (district_id, territory_id, industry_code);

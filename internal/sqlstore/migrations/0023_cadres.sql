-- Liaison cadres (联企干部, "万名干部联万企"): each market entity has the
-- officer who keeps in touch with it; the federation or the office assigns
-- them, in bulk by township or industry. A cadre's workbench lists the
-- entities linked to them: the index serves it.
ALTER TABLE enterprises ADD COLUMN cadre_id BIGINT REFERENCES users (id);
CREATE INDEX enterprises_cadre ON enterprises (cadre_id, id);

-- The phase a projection rebuild is in (docs/decisions/0009-projection-rebuilds.md): LOADING, INDEXING, REFILLING,
-- CATCHING_UP, SWITCHING, FINISHED; a failed rebuild keeps the phase it failed in. Null for rebuilds before V13.
ALTER TABLE projection_rebuild ADD COLUMN phase VARCHAR(16);

-- A failed rebuild is finished (so another can start), with its failure recorded.
ALTER TABLE projection_rebuild ADD COLUMN failure TEXT;
-- Actors come from identity providers too; their names have no fixed length.
ALTER TABLE project_history ALTER COLUMN actor TYPE TEXT;

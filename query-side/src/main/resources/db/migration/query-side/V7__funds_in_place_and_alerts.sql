-- Funds in place (资金到位): the cumulative amount last reported, exact like every amount.
ALTER TABLE project_view ADD COLUMN funds_in_place_yuan NUMERIC(20, 2);
-- The day a suspended project was suspended (in the pipeline.zone calendar, from the event's recorded time); null
-- when not suspended. The SUSPENDED_LONG alert counts from it.
ALTER TABLE project_view ADD COLUMN suspended_on DATE;

-- The alerts (GET /api/v1/alerts) read only the projects a rule can apply to, each rule from a partial index of its own
-- by region and the date its thresholds count from.
CREATE INDEX project_view_not_started_ix ON project_view (region_code, signed_on)
    WHERE status = 'ACTIVE' AND signed_on IS NOT NULL AND construction_started_on IS NULL;
CREATE INDEX project_view_no_progress_ix ON project_view (region_code, GREATEST(progress_as_of, construction_started_on))
    WHERE status = 'ACTIVE' AND stage = 'UNDER_CONSTRUCTION';
CREATE INDEX project_view_suspended_ix ON project_view (region_code, suspended_on)
    WHERE status = 'SUSPENDED';

-- Projects suspended before this column existed: the day their last suspension was recorded, by the default
-- pipeline.zone (a rebuild recomputes it by the configured zone).
UPDATE project_view v SET suspended_on = (
    SELECT (max(h.recorded_at) AT TIME ZONE 'Asia/Shanghai')::date FROM project_history h
    WHERE h.project_id = v.project_id AND h.type = 'ProjectSuspendedEvent')
WHERE v.status = 'SUSPENDED';

-- ProgressReportedEvent revision 2 (docs/decisions/0004-event-versioning.md): the history projection wrote
-- revision-1 reports without fundsInPlaceYuan; what its upcaster does to the event, this does to those rows, so that
-- the history shows one form whenever an event was projected.
UPDATE project_history SET data = data || '{"fundsInPlaceYuan": null}'::jsonb
WHERE type = 'ProgressReportedEvent' AND data -> 'fundsInPlaceYuan' IS NULL; -- the key is missing (a JSON null is not SQL NULL)

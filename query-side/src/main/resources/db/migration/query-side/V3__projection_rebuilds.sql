-- Projection rebuilds (docs/decisions/0009-projection-rebuilds.md): fresh tables are built in schema "rebuild"
-- while the live ones in "public" keep answering, then swapped in; the replaced ones are kept in "retired" until the
-- next rebuild.
CREATE SCHEMA IF NOT EXISTS rebuild;
CREATE SCHEMA IF NOT EXISTS retired;

CREATE TABLE projection_rebuild (
    rebuild_id       VARCHAR(36) NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    total_events     BIGINT      NOT NULL DEFAULT 0,
    processed_events BIGINT      NOT NULL DEFAULT 0,
    events_per_second NUMERIC(12, 1),
    CONSTRAINT projection_rebuild_pk PRIMARY KEY (rebuild_id)
);
-- at most one rebuild runs at a time
CREATE UNIQUE INDEX projection_rebuild_running_uk ON projection_rebuild ((finished_at IS NULL)) WHERE finished_at IS NULL;

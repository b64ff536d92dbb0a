-- Read models kept by the query side's event processors. Each row records the project version it reflects, so that
-- an event delivered twice (a stolen token claim replays its batch) is applied once.

CREATE TABLE project_view (
    project_id                    VARCHAR(36)    NOT NULL,
    project_code                  VARCHAR(64),
    name                          TEXT           NOT NULL,
    investor                      TEXT           NOT NULL,
    region_code                   VARCHAR(40)    NOT NULL,
    industry                      VARCHAR(40)    NOT NULL,
    source_region                 VARCHAR(100),
    planned_investment_yuan       NUMERIC(20, 2) NOT NULL,
    status                        VARCHAR(16)    NOT NULL,
    registered_on                 DATE           NOT NULL,
    signed_on                     DATE,
    construction_started_on       DATE,
    construction_completed_on     DATE,
    production_started_on         DATE,
    production_scope              VARCHAR(16),
    land_area_mu                  NUMERIC(14, 2),
    expected_jobs                 INTEGER,
    tags                          JSONB          NOT NULL DEFAULT '[]',
    completed_investment_yuan     NUMERIC(20, 2),
    construction_progress_percent NUMERIC(5, 2),
    progress_as_of                DATE,
    version                       BIGINT         NOT NULL,
    -- the furthest milestone reached, derived so that it can never disagree with the dates
    stage                         VARCHAR(24) GENERATED ALWAYS AS (
        CASE
            WHEN production_started_on IS NOT NULL THEN 'IN_PRODUCTION'
            WHEN construction_completed_on IS NOT NULL THEN 'CONSTRUCTED'
            WHEN construction_started_on IS NOT NULL THEN 'UNDER_CONSTRUCTION'
            WHEN signed_on IS NOT NULL THEN 'SIGNED'
            ELSE 'REGISTERED'
        END) STORED,
    CONSTRAINT project_view_pk PRIMARY KEY (project_id)
);
CREATE INDEX project_view_region_ix ON project_view (region_code, registered_on DESC);
CREATE INDEX project_view_listing_ix ON project_view (registered_on DESC, project_id);

CREATE TABLE project_history (
    project_id  VARCHAR(36)  NOT NULL,
    version     BIGINT       NOT NULL,
    position    BIGINT       NOT NULL,
    type        VARCHAR(100) NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    data        JSONB        NOT NULL,
    CONSTRAINT project_history_pk PRIMARY KEY (project_id, version)
);

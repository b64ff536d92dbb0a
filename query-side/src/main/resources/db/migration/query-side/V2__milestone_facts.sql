-- Bitemporal milestone facts for statistics. A fact says: project P reached milestone M on business date D, with
-- planned investment A, in region R — as known from recorded time known_from until superseded_at (a correction,
-- revision or void recorded later). Current answers read the rows not superseded; asOf answers read the rows
-- known at that instant. Nothing is deleted.
CREATE TABLE milestone_fact (
    project_id              VARCHAR(36)    NOT NULL,
    milestone               VARCHAR(24)    NOT NULL,
    known_from_version      BIGINT         NOT NULL, -- the project version whose event made this fact known
    milestone_date          DATE           NOT NULL,
    region_code             VARCHAR(40)    NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    source_region           VARCHAR(100),
    planned_investment_yuan NUMERIC(20, 2) NOT NULL,
    known_from              TIMESTAMPTZ    NOT NULL,
    superseded_at           TIMESTAMPTZ,
    CONSTRAINT milestone_fact_pk PRIMARY KEY (project_id, milestone, known_from_version)
);
-- current statistics: an index-only range scan per region of the subtree
CREATE INDEX milestone_fact_current_ix ON milestone_fact (milestone, region_code, milestone_date)
    INCLUDE (planned_investment_yuan, industry, source_region) WHERE superseded_at IS NULL;
-- as-of statistics
CREATE INDEX milestone_fact_as_of_ix ON milestone_fact (milestone, region_code, milestone_date)
    INCLUDE (planned_investment_yuan, known_from, superseded_at, industry, source_region);
-- superseding a project's current facts
CREATE INDEX milestone_fact_project_current_ix ON milestone_fact (project_id) WHERE superseded_at IS NULL;

-- What the milestone projection needs to know of each project between events, and the version it has applied.
CREATE TABLE milestone_project (
    project_id              VARCHAR(36)    NOT NULL,
    region_code             VARCHAR(40)    NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    source_region           VARCHAR(100),
    planned_investment_yuan NUMERIC(20, 2) NOT NULL,
    version                 BIGINT         NOT NULL,
    CONSTRAINT milestone_project_pk PRIMARY KEY (project_id)
);

CREATE INDEX project_view_status_ix ON project_view (status, region_code);

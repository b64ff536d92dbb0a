-- Published figures and the monthly close (docs/decisions/0019-publications-and-close.md).

-- Each project's state as far as milestone statistics see it, one row per event that changes it, with the event's
-- global position and what to say of it as a cause: the state at any position of the log is the project's last row
-- at or before it. A publication's answer is read from here at the log head it reflects, and its restatement walks
-- the rows recorded after it.
CREATE TABLE publication_project_state (
    project_id                VARCHAR(36)    NOT NULL,
    version                   BIGINT         NOT NULL,
    position                  BIGINT         NOT NULL,
    event_type                VARCHAR(100)   NOT NULL,
    recorded_at               TIMESTAMPTZ    NOT NULL,
    actor                     TEXT           NOT NULL,
    reason                    TEXT,
    region_code               VARCHAR(40)    NOT NULL,
    industry                  VARCHAR(40)    NOT NULL,
    source_region             VARCHAR(100),
    planned_investment_yuan   NUMERIC(20, 2) NOT NULL,
    voided                    BOOLEAN        NOT NULL,
    registered_on             DATE           NOT NULL,
    signed_on                 DATE,
    construction_started_on   DATE,
    construction_completed_on DATE,
    production_started_on     DATE,
    CONSTRAINT publication_project_state_pk PRIMARY KEY (project_id, version)
);
CREATE INDEX publication_project_state_region_ix ON publication_project_state (region_code, project_id);

-- The statistics' answer as of a position of the log: the one place both sides compute it (the command side when it
-- publishes, the query side when it explains).
CREATE FUNCTION publication_answer(p_milestone TEXT, p_regions TEXT[], p_from DATE, p_to DATE, p_industry TEXT,
                                   p_source_region TEXT, p_position BIGINT)
    RETURNS TABLE (projects BIGINT, planned_investment_yuan NUMERIC)
    LANGUAGE sql STABLE AS
$$
SELECT count(*), COALESCE(sum(s.planned_investment_yuan), 0)
FROM (SELECT DISTINCT ON (project_id) *
      FROM publication_project_state
      WHERE position <= p_position
        AND project_id IN (SELECT project_id FROM publication_project_state WHERE region_code = ANY (p_regions))
      ORDER BY project_id, version DESC) s
WHERE NOT s.voided
  AND s.region_code = ANY (p_regions)
  AND (p_industry IS NULL OR s.industry = p_industry)
  AND (p_source_region IS NULL OR s.source_region = p_source_region)
  AND CASE p_milestone
          WHEN 'REGISTERED' THEN s.registered_on
          WHEN 'SIGNED' THEN s.signed_on
          WHEN 'CONSTRUCTION_STARTED' THEN s.construction_started_on
          WHEN 'CONSTRUCTION_COMPLETED' THEN s.construction_completed_on
          WHEN 'PRODUCTION_STARTED' THEN s.production_started_on
      END BETWEEN p_from AND p_to
$$;

CREATE TABLE publication_view (
    publication_id          VARCHAR(36)    NOT NULL,
    title                   TEXT           NOT NULL,
    milestone               VARCHAR(24)    NOT NULL,
    region_code             VARCHAR(40)    NOT NULL,
    from_date               DATE           NOT NULL,
    to_date                 DATE           NOT NULL,
    industry                VARCHAR(40),
    source_region           VARCHAR(100),
    projects                BIGINT         NOT NULL,
    planned_investment_yuan NUMERIC(20, 2) NOT NULL,
    position                BIGINT         NOT NULL,
    published_at            TIMESTAMPTZ    NOT NULL,
    published_by            TEXT           NOT NULL,
    period_id               VARCHAR(60),
    CONSTRAINT publication_view_pk PRIMARY KEY (publication_id)
);
CREATE INDEX publication_view_region_ix ON publication_view (region_code, published_at DESC);

CREATE TABLE period_view (
    period_id     VARCHAR(60) NOT NULL,
    region_code   VARCHAR(40) NOT NULL,
    month         CHAR(7)     NOT NULL,
    status        VARCHAR(6)  NOT NULL,
    closed_at     TIMESTAMPTZ,
    closed_by     TEXT,
    reopened_at   TIMESTAMPTZ,
    reopened_by   TEXT,
    reopen_reason TEXT,
    version       BIGINT      NOT NULL,
    CONSTRAINT period_view_pk PRIMARY KEY (period_id)
);

-- Totals of the signed projects by signing day and month (docs/decisions/0023-pre-aggregated-answers.md, "Signed
-- projects"): the dashboard's cohort questions (of the projects signed in a period, how many started construction or
-- production), the signing tile's funds in place and the list's total when it filters by a signing period. They are
-- kept from the same delta rows as project_total: project_total_delta now carries the project's signing day, source
-- region and funds in place too, and a row moves when any of them changes (a funds-only change is one row of 0
-- projects and the funds' difference).
ALTER TABLE project_total_delta ADD COLUMN source_region VARCHAR(100);
ALTER TABLE project_total_delta ADD COLUMN signed_on DATE;
ALTER TABLE project_total_delta ADD COLUMN funds_in_place_yuan NUMERIC(20, 2) NOT NULL DEFAULT 0;
-- For an active project under construction, the month of its last progress report or of its start if later (what
-- the no-progress alert counts from); null for every other project.
ALTER TABLE project_total_delta ADD COLUMN reported_month DATE;

CREATE TABLE signed_project_day_total (
    region_code             VARCHAR(40)    NOT NULL,
    signed_on               DATE           NOT NULL,
    status                  VARCHAR(16)    NOT NULL,
    stage                   VARCHAR(24)    NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    source_region           VARCHAR(100),
    projects                BIGINT         NOT NULL,
    planned_investment_yuan NUMERIC(24, 2) NOT NULL,
    funds_in_place_yuan     NUMERIC(24, 2) NOT NULL,
    CONSTRAINT signed_project_day_total_uk UNIQUE NULLS NOT DISTINCT (region_code, signed_on, status, stage, industry,
                                                                      source_region)
        INCLUDE (projects, planned_investment_yuan, funds_in_place_yuan)
);
CREATE TABLE signed_project_month_total (
    region_code             VARCHAR(40)    NOT NULL,
    month                   DATE           NOT NULL, -- its first day
    status                  VARCHAR(16)    NOT NULL,
    stage                   VARCHAR(24)    NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    source_region           VARCHAR(100),
    projects                BIGINT         NOT NULL,
    planned_investment_yuan NUMERIC(24, 2) NOT NULL,
    funds_in_place_yuan     NUMERIC(24, 2) NOT NULL,
    CONSTRAINT signed_project_month_total_uk UNIQUE NULLS NOT DISTINCT (region_code, month, status, stage, industry,
                                                                        source_region)
        INCLUDE (projects, planned_investment_yuan, funds_in_place_yuan)
);

-- The list's largest projects first (the dashboard's "largest projects" of a signing period): walked in order, its
-- first rows are the page instead of sorting every project of the period.
CREATE INDEX project_view_planned_ix ON project_view (planned_investment_yuan DESC, project_id);

-- The active projects under construction by the month of their last progress report or of their start if later: the
-- no-progress alert counts (its thresholds are always a month's last day, so months count exactly).
CREATE TABLE under_construction_month_total (
    region_code    VARCHAR(40) NOT NULL,
    reported_month DATE        NOT NULL,
    projects       BIGINT      NOT NULL,
    CONSTRAINT under_construction_month_total_pk PRIMARY KEY (region_code, reported_month) INCLUDE (projects)
);

CREATE OR REPLACE FUNCTION refill_aggregates(target TEXT) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('TRUNCATE %1$I.milestone_total_delta, %1$I.milestone_day_total, %1$I.milestone_month_total,'
                       ' %1$I.project_total_delta, %1$I.project_total, %1$I.signed_project_day_total,'
                       ' %1$I.signed_project_month_total, %1$I.under_construction_month_total', target);
    EXECUTE format($sql$
        INSERT INTO %1$I.milestone_day_total (milestone, region_code, milestone_date, industry, source_region, projects,
                                              planned_investment_yuan)
        SELECT milestone, region_code, milestone_date, industry, source_region, count(*), sum(planned_investment_yuan)
        FROM %1$I.milestone_fact WHERE superseded_at IS NULL
        GROUP BY milestone, region_code, milestone_date, industry, source_region$sql$, target);
    EXECUTE format($sql$
        INSERT INTO %1$I.milestone_month_total (milestone, region_code, month, industry, source_region, projects,
                                                planned_investment_yuan)
        SELECT milestone, region_code, date_trunc('month', milestone_date)::date, industry, source_region, count(*),
               sum(planned_investment_yuan)
        FROM %1$I.milestone_fact WHERE superseded_at IS NULL
        GROUP BY milestone, region_code, date_trunc('month', milestone_date)::date, industry, source_region$sql$, target);
    EXECUTE format($sql$
        INSERT INTO %1$I.project_total (region_code, industry, stage, status, projects, planned_investment_yuan)
        SELECT region_code, industry, stage, status, count(*), sum(planned_investment_yuan)
        FROM %1$I.project_view
        GROUP BY region_code, industry, stage, status$sql$, target);
    EXECUTE format($sql$
        INSERT INTO %1$I.signed_project_day_total (region_code, signed_on, status, stage, industry, source_region,
                                                   projects, planned_investment_yuan, funds_in_place_yuan)
        SELECT region_code, signed_on, status, stage, industry, source_region, count(*), sum(planned_investment_yuan),
               COALESCE(sum(funds_in_place_yuan), 0)
        FROM %1$I.project_view WHERE signed_on IS NOT NULL
        GROUP BY region_code, signed_on, status, stage, industry, source_region$sql$, target);
    EXECUTE format($sql$
        INSERT INTO %1$I.signed_project_month_total (region_code, month, status, stage, industry, source_region,
                                                     projects, planned_investment_yuan, funds_in_place_yuan)
        SELECT region_code, date_trunc('month', signed_on)::date, status, stage, industry, source_region, count(*),
               sum(planned_investment_yuan), COALESCE(sum(funds_in_place_yuan), 0)
        FROM %1$I.project_view WHERE signed_on IS NOT NULL
        GROUP BY region_code, date_trunc('month', signed_on)::date, status, stage, industry, source_region$sql$,
        target);
    EXECUTE format($sql$
        INSERT INTO %1$I.under_construction_month_total (region_code, reported_month, projects)
        SELECT region_code, date_trunc('month', GREATEST(progress_as_of, construction_started_on))::date, count(*)
        FROM %1$I.project_view WHERE status = 'ACTIVE' AND stage = 'UNDER_CONSTRUCTION'
        GROUP BY region_code, date_trunc('month', GREATEST(progress_as_of, construction_started_on))::date$sql$,
        target);
END
$$;

SELECT refill_aggregates('public');

-- Pre-aggregated answers (docs/decisions/0023-pre-aggregated-answers.md): the current statistics, the pipeline and
-- the list's total read totals instead of every fact or project. The projections never update a total: in the same
-- statement that changes a milestone fact or a project's row they insert signed delta rows (+1 and the amount for a
-- row that now counts, -1 and minus the amount for one that no longer does), so the processor's segments only ever
-- insert and never wait on each other. A small periodic job (Aggregates.compact) moves the deltas into the totals;
-- an answer is the sum of the totals and the deltas not yet moved.

-- Milestone facts that became current (+1) or were superseded (-1), by everything the statistics filter on.
CREATE TABLE milestone_total_delta (
    milestone               VARCHAR(24)    NOT NULL,
    region_code             VARCHAR(40)    NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    source_region           VARCHAR(100),
    milestone_date          DATE           NOT NULL,
    projects                INTEGER        NOT NULL,
    planned_investment_yuan NUMERIC(20, 2) NOT NULL
);

-- The current facts counted per day, and per month (a period of whole months reads a row per month and region).
CREATE TABLE milestone_day_total (
    milestone               VARCHAR(24)    NOT NULL,
    region_code             VARCHAR(40)    NOT NULL,
    milestone_date          DATE           NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    source_region           VARCHAR(100),
    projects                BIGINT         NOT NULL,
    planned_investment_yuan NUMERIC(24, 2) NOT NULL,
    CONSTRAINT milestone_day_total_uk UNIQUE NULLS NOT DISTINCT (milestone, region_code, milestone_date, industry,
                                                                 source_region)
        INCLUDE (projects, planned_investment_yuan)
);
CREATE TABLE milestone_month_total (
    milestone               VARCHAR(24)    NOT NULL,
    region_code             VARCHAR(40)    NOT NULL,
    month                   DATE           NOT NULL, -- its first day
    industry                VARCHAR(40)    NOT NULL,
    source_region           VARCHAR(100),
    projects                BIGINT         NOT NULL,
    planned_investment_yuan NUMERIC(24, 2) NOT NULL,
    CONSTRAINT milestone_month_total_uk UNIQUE NULLS NOT DISTINCT (milestone, region_code, month, industry,
                                                                   source_region)
        INCLUDE (projects, planned_investment_yuan)
);

-- Projects by region, industry, stage and status: the pipeline and the list's total.
CREATE TABLE project_total_delta (
    region_code             VARCHAR(40)    NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    stage                   VARCHAR(24)    NOT NULL,
    status                  VARCHAR(16)    NOT NULL,
    projects                INTEGER        NOT NULL,
    planned_investment_yuan NUMERIC(20, 2) NOT NULL
);
CREATE TABLE project_total (
    region_code             VARCHAR(40)    NOT NULL,
    industry                VARCHAR(40)    NOT NULL,
    stage                   VARCHAR(24)    NOT NULL,
    status                  VARCHAR(16)    NOT NULL,
    projects                BIGINT         NOT NULL,
    planned_investment_yuan NUMERIC(24, 2) NOT NULL,
    CONSTRAINT project_total_pk PRIMARY KEY (region_code, stage, status, industry)
        INCLUDE (projects, planned_investment_yuan)
);

-- Fills the totals of one schema from its base tables (milestone_fact, project_view), emptying the deltas: for a
-- database that had none (below), and for a rebuild after it loaded the base tables (Aggregates.refill). Not for live
-- tables while the processors write them.
CREATE FUNCTION refill_aggregates(target TEXT) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    EXECUTE format('TRUNCATE %1$I.milestone_total_delta, %1$I.milestone_day_total, %1$I.milestone_month_total,'
                       ' %1$I.project_total_delta, %1$I.project_total', target);
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
END
$$;

SELECT refill_aggregates('public');

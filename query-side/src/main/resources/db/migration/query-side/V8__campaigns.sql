-- Campaigns (docs/decisions/0018-campaigns.md): one row per campaign with what it announced when it was held (null
-- before), and the projects enrolled in it. Today's figures are not kept here: they are read from project_view, so
-- that they are the statistics' own. Each campaign row records the campaign version it reflects, so that an event
-- delivered twice changes nothing the second time.
CREATE TABLE campaign_view (
    campaign_id      VARCHAR(36) NOT NULL,
    name             TEXT        NOT NULL,
    region_code      VARCHAR(40) NOT NULL,
    held_on          DATE        NOT NULL,
    status           VARCHAR(8)  NOT NULL,
    -- [{"bucket","projects","plannedInvestmentYuan"}] as frozen by CampaignHeldEvent; JSON numbers are exact in jsonb
    announced        JSONB,
    created_position BIGINT      NOT NULL,
    version          BIGINT      NOT NULL,
    CONSTRAINT campaign_view_pk PRIMARY KEY (campaign_id)
);
CREATE INDEX campaign_view_region_ix ON campaign_view (region_code, held_on DESC);

CREATE TABLE campaign_project (
    campaign_id VARCHAR(36) NOT NULL,
    project_id  VARCHAR(36) NOT NULL,
    bucket      VARCHAR(24) NOT NULL,
    CONSTRAINT campaign_project_pk PRIMARY KEY (campaign_id, project_id)
);

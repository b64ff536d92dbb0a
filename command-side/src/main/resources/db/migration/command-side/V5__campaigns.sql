-- Campaigns (docs/decisions/0018-campaigns.md): what the command side checks across aggregates, written in the same
-- transaction as the campaign's events. The region of each campaign, for the region rule of its later commands:
CREATE TABLE campaign_region (
    campaign_id VARCHAR(36) NOT NULL,
    region_code VARCHAR(40) NOT NULL,
    CONSTRAINT campaign_region_pk PRIMARY KEY (campaign_id)
);

-- Which campaign a project counts for in each bucket: the first that enrolled it (a withdrawal frees the bucket).
CREATE TABLE campaign_claim (
    project_id  VARCHAR(36) NOT NULL,
    bucket      VARCHAR(24) NOT NULL,
    campaign_id VARCHAR(36) NOT NULL,
    CONSTRAINT campaign_claim_pk PRIMARY KEY (project_id, bucket)
);
CREATE INDEX campaign_claim_campaign_ix ON campaign_claim (campaign_id);

-- Campaign answers asOf an instant (docs/decisions/0018-campaigns.md): when each campaign was created and held, and
-- when each project was enrolled and withdrawn, as recorded. A withdrawal no longer deletes the enrolment: it closes
-- it, so that an answer as of an earlier instant still sees the project enrolled then.
ALTER TABLE campaign_view ADD COLUMN created_at TIMESTAMPTZ;
ALTER TABLE campaign_view ADD COLUMN held_at TIMESTAMPTZ;

ALTER TABLE campaign_project ADD COLUMN enrolled_version BIGINT;
ALTER TABLE campaign_project ADD COLUMN enrolled_at TIMESTAMPTZ;
ALTER TABLE campaign_project ADD COLUMN withdrawn_at TIMESTAMPTZ;

-- Campaigns projected before: their recorded times from the log (campaign events have one revision, no upcaster), up
-- to the version each row reflects; the processor applies the rest as before.
UPDATE campaign_view c SET created_at = CAST(e.time_stamp AS TIMESTAMPTZ)
FROM domain_event_entry e
WHERE e.aggregate_identifier = c.campaign_id AND e.sequence_number = 0;
UPDATE campaign_view c SET held_at = CAST(e.time_stamp AS TIMESTAMPTZ)
FROM domain_event_entry e
WHERE e.aggregate_identifier = c.campaign_id AND c.status = 'HELD'
  AND e.payload_type = 'cn.pipelinetracker.events.CampaignHeldEvent';

DELETE FROM campaign_project;
INSERT INTO campaign_project (campaign_id, project_id, bucket, enrolled_version, enrolled_at, withdrawn_at)
SELECT c.campaign_id, enrolled.payload ->> 'projectId', enrolled.payload ->> 'bucket', e.sequence_number + 1,
       CAST(e.time_stamp AS TIMESTAMPTZ),
       (SELECT min(CAST(w.time_stamp AS TIMESTAMPTZ)) FROM domain_event_entry w
        WHERE w.aggregate_identifier = c.campaign_id
          AND w.payload_type = 'cn.pipelinetracker.events.CampaignProjectWithdrawnEvent'
          AND w.sequence_number > e.sequence_number AND w.sequence_number < c.version
          AND convert_from(w.payload, 'UTF8')::jsonb ->> 'projectId' = enrolled.payload ->> 'projectId')
FROM campaign_view c
JOIN domain_event_entry e ON e.aggregate_identifier = c.campaign_id
    AND e.payload_type = 'cn.pipelinetracker.events.CampaignProjectEnrolledEvent' AND e.sequence_number < c.version
CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS payload) enrolled;

ALTER TABLE campaign_view ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE campaign_project ALTER COLUMN enrolled_version SET NOT NULL;
ALTER TABLE campaign_project ALTER COLUMN enrolled_at SET NOT NULL;
-- one row per enrolment (the campaign's version that made it); at most one open enrolment of a project per campaign
ALTER TABLE campaign_project DROP CONSTRAINT campaign_project_pk;
ALTER TABLE campaign_project ADD CONSTRAINT campaign_project_pk PRIMARY KEY (campaign_id, project_id, enrolled_version);
CREATE UNIQUE INDEX campaign_project_enrolled_uk ON campaign_project (campaign_id, project_id)
    WHERE withdrawn_at IS NULL;

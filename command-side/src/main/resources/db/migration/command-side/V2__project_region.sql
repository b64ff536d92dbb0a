-- The region of every project, so that the command side can refuse a user acting outside its region subtree
-- without asking the query side. Written with the registration; filled here for projects registered before.
CREATE TABLE project_region (
    project_id  VARCHAR(36) NOT NULL,
    region_code VARCHAR(40) NOT NULL,
    CONSTRAINT project_region_pk PRIMARY KEY (project_id)
);
INSERT INTO project_region (project_id, region_code)
SELECT aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'regionCode'
FROM domain_event_entry
WHERE payload_type = 'cn.pipelinetracker.events.ProjectRegisteredEvent'
ON CONFLICT DO NOTHING;

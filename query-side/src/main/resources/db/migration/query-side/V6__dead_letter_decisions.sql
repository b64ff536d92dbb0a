-- Parked events an administrator chose to skip (POST /api/v1/admin/dead-letters/{id}/skip): who, when and why.
CREATE TABLE dead_letter_skip (
    dead_letter_identifier VARCHAR(255) NOT NULL,
    processing_group       VARCHAR(255) NOT NULL,
    project_id             VARCHAR(255) NOT NULL,
    event_type             VARCHAR(255) NOT NULL,
    event_identifier       VARCHAR(255) NOT NULL,
    skipped_by             TEXT         NOT NULL,
    skipped_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    reason                 TEXT         NOT NULL,
    CONSTRAINT dead_letter_skip_pk PRIMARY KEY (dead_letter_identifier)
);

-- Events a rebuild could not project (and the later events of their projects, kept in order): left out, counted.
ALTER TABLE projection_rebuild ADD COLUMN skipped_events BIGINT NOT NULL DEFAULT 0;

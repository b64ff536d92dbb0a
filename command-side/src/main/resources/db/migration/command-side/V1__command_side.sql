-- Command-side tables, written in the same transaction as the events a command appends.

-- Idempotency-Key of a command: claimed before the command runs, completed with the response it gave.
CREATE TABLE idempotency_key (
    idempotency_key     VARCHAR(200) NOT NULL,
    request_fingerprint CHAR(64)     NOT NULL, -- SHA-256 of method, path and request body
    status              SMALLINT,
    project_id          VARCHAR(36),
    version             BIGINT,
    position            BIGINT,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_key_pk PRIMARY KEY (idempotency_key)
);

-- projectCode is unique among projects that are not voided.
CREATE TABLE project_code (
    project_code VARCHAR(64) NOT NULL,
    project_id   VARCHAR(36) NOT NULL,
    CONSTRAINT project_code_pk PRIMARY KEY (project_code)
);
CREATE INDEX project_code_project_id_ix ON project_code (project_id);

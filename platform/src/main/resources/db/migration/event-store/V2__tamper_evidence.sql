-- Tamper evidence (docs/decisions/0008-tamper-evidence.md). Written in the same transaction as the events.

-- One keyed hash per event, chained to the previous event of the same project.
CREATE TABLE event_hash (
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    hash                 CHAR(64)     NOT NULL,
    CONSTRAINT event_hash_pk PRIMARY KEY (global_index),
    CONSTRAINT event_hash_aggregate_sequence_uk UNIQUE (aggregate_identifier, sequence_number)
);

-- Signed checkpoints over the global log: the running hash of every event hash up to a position.
CREATE TABLE audit_checkpoint (
    position   BIGINT      NOT NULL,
    events     BIGINT      NOT NULL,
    chain_hash CHAR(64)    NOT NULL,
    signature  CHAR(64)    NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT audit_checkpoint_pk PRIMARY KEY (position)
);

-- The HMAC key, when none is configured (pipeline.audit.key): generated once by the first process to need it.
CREATE TABLE audit_key (
    id  SMALLINT    NOT NULL DEFAULT 1,
    key VARCHAR(64) NOT NULL,
    CONSTRAINT audit_key_pk PRIMARY KEY (id),
    CONSTRAINT audit_key_single_row CHECK (id = 1)
);

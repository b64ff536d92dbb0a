-- Independent verification (docs/decisions/0021-independent-verification.md): a keyless hash scheme beside the keyed
-- one, and checkpoints signed with Ed25519 keys whose private halves never enter the database.

-- Scheme 2 (keyless) beside scheme 1 (HMAC, column hash). Events sealed before this migration have sealed_scheme 1 and
-- get their scheme-2 hash once their HMAC verifies; events sealed since carry both from the start (sealed_scheme 2).
ALTER TABLE event_hash ADD COLUMN public_hash CHAR(64);
ALTER TABLE event_hash ADD COLUMN sealed_scheme SMALLINT NOT NULL DEFAULT 1;
CREATE INDEX event_hash_public_missing ON event_hash (aggregate_identifier, sequence_number) WHERE public_hash IS NULL;

-- The running hash of the scheme-2 hashes in position order, at each checkpoint.
ALTER TABLE audit_checkpoint ADD COLUMN public_chain_hash CHAR(64);

-- The public keys that ever signed a checkpoint.
CREATE TABLE audit_signing_key (
    key_id        VARCHAR(16)  NOT NULL,
    algorithm     VARCHAR(16)  NOT NULL,
    public_key    TEXT         NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT audit_signing_key_pk PRIMARY KEY (key_id)
);

-- Each key's signature of a checkpoint's (position, count, public_chain_hash); a new key signs the checkpoints its
-- predecessor signed (key rotation).
CREATE TABLE audit_checkpoint_signature (
    position  BIGINT      NOT NULL,
    key_id    VARCHAR(16) NOT NULL,
    signature TEXT        NOT NULL,
    CONSTRAINT audit_checkpoint_signature_pk PRIMARY KEY (position, key_id)
);

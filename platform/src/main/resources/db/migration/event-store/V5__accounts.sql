-- Users kept by the application (docs/decisions/0020-accounts.md). Every change to an account is an event of its
-- stream (aggregate Account); this table is what sign-in reads, written in the same transaction as those events.
CREATE TABLE account (
    name         VARCHAR(64)  NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    region_code  VARCHAR(20)  NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL,
    changed_by   VARCHAR(200) NOT NULL,
    CONSTRAINT account_pk PRIMARY KEY (name)
);

CREATE INDEX account_enabled_admin_ix ON account (role) WHERE enabled;

-- Credentials, outside the immutable log: no event ever carries a password or its hash. A one-time password (set
-- at creation or by a reset) must be changed before anything else is allowed.
CREATE TABLE account_credential (
    name                 VARCHAR(64)  NOT NULL,
    password_hash        VARCHAR(200) NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    changed_at           TIMESTAMPTZ  NOT NULL,
    CONSTRAINT account_credential_pk PRIMARY KEY (name),
    CONSTRAINT account_credential_account_fk FOREIGN KEY (name) REFERENCES account (name)
);

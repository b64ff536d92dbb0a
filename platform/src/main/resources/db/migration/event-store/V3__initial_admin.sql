-- With no user configured, the first process to start creates "admin" with a random password; its hash is kept
-- here so that every later start, and every other process on this database, knows the same admin.
CREATE TABLE initial_admin (
    name          VARCHAR(100) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT initial_admin_pk PRIMARY KEY (name)
);

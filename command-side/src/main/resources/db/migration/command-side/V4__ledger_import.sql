-- The ledger (台账) import: projects it registered from lines without id or code, and its background jobs.

-- A line with neither 系统编号 nor 项目代码 is the project an earlier import registered from a line of the same region,
-- name and investor: importing a file again registers nothing twice.
CREATE TABLE ledger_project (
    region_code VARCHAR(40) NOT NULL,
    name        TEXT        NOT NULL,
    investor    TEXT        NOT NULL,
    project_id  VARCHAR(36) NOT NULL,
    CONSTRAINT ledger_project_pk PRIMARY KEY (region_code, name, investor)
);

-- An applied import, updated in the transaction of each batch of lines it stores: any process can answer its status.
CREATE TABLE ledger_import (
    import_id       VARCHAR(36) NOT NULL,
    actor           TEXT        NOT NULL,
    file_name       TEXT        NOT NULL,
    status          VARCHAR(8)  NOT NULL,
    row_count       INTEGER     NOT NULL,
    done            INTEGER     NOT NULL DEFAULT 0,
    applied         INTEGER     NOT NULL DEFAULT 0,
    unchanged       INTEGER     NOT NULL DEFAULT 0,
    failed          INTEGER     NOT NULL DEFAULT 0,
    problems        JSONB       NOT NULL DEFAULT '[]',
    ignored_columns JSONB       NOT NULL DEFAULT '[]',
    position        BIGINT,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    CONSTRAINT ledger_import_pk PRIMARY KEY (import_id)
);

-- The months closed (月度关账) for a region subtree, so that a command putting a date into one of them, or taking one
-- out, is refused in its own transaction. A close locks the table exclusively while it inserts; every dated project
-- command reads it under a share lock first, so none slips past a close that commits at the same moment.
CREATE TABLE closed_period (
    region_code VARCHAR(40) NOT NULL,
    month       CHAR(7)     NOT NULL, -- YYYY-MM
    closed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_by   TEXT        NOT NULL,
    CONSTRAINT closed_period_pk PRIMARY KEY (region_code, month)
);

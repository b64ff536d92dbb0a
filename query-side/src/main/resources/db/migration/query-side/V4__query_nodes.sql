-- The query-side processes alive now (a heartbeat every 2 s), so that they can share the processors' segments.
CREATE TABLE query_node (
    node_id VARCHAR(100) NOT NULL,
    seen_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT query_node_pk PRIMARY KEY (node_id)
);

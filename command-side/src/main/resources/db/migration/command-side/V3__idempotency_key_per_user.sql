-- An Idempotency-Key belongs to the user who sent it: another user's request under the same key is a request of its
-- own, never a replay of (or a 422 against) someone else's. Keys recorded before this get the actor of the events
-- they were stored with (every event's metadata names both).
ALTER TABLE idempotency_key ADD COLUMN actor TEXT NOT NULL DEFAULT '';
UPDATE idempotency_key k
SET actor = e.actor
FROM (SELECT DISTINCT ON (meta ->> 'idempotencyKey') meta ->> 'idempotencyKey' AS idempotency_key,
                                                    meta ->> 'actor' AS actor
      FROM (SELECT convert_from(meta_data, 'UTF8')::jsonb AS meta FROM domain_event_entry) m
      WHERE meta ? 'idempotencyKey'
      ORDER BY meta ->> 'idempotencyKey') e
WHERE e.idempotency_key = k.idempotency_key AND e.actor IS NOT NULL;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pk;
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_pk PRIMARY KEY (actor, idempotency_key);
-- What a key answers is the command's outcome; which HTTP status that was is the web layer's business.
ALTER TABLE idempotency_key DROP COLUMN status;

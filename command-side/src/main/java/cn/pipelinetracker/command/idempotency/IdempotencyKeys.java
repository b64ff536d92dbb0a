package cn.pipelinetracker.command.idempotency;

import cn.pipelinetracker.command.handling.CommandOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The {@code Idempotency-Key}s commands were sent with, per actor, in the same transaction as the events they
 * appended: a retry after a crash finds either both or neither.
 */
@Repository
public class IdempotencyKeys {

    /** The outcome first given under a key (marked replayed), and the fingerprint of the command that got it. */
    public record FirstResponse(String fingerprint, CommandOutcome outcome) {
    }

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this command, or returns what an earlier command under it got. A concurrent command with the
     * same key waits here until the first one's transaction ends (PostgreSQL's unique index does the waiting).
     */
    public Optional<FirstResponse> claim(String actor, String key, String fingerprint) {
        int inserted = jdbc.sql("""
                        INSERT INTO idempotency_key (actor, idempotency_key, request_fingerprint) VALUES (?, ?, ?)
                        ON CONFLICT (actor, idempotency_key) DO NOTHING""")
                .params(actor, key, fingerprint)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                        SELECT request_fingerprint, project_id, version, position
                        FROM idempotency_key WHERE actor = ? AND idempotency_key = ?""")
                .params(actor, key)
                .query((rs, row) -> new FirstResponse(rs.getString(1),
                        new CommandOutcome(rs.getString(2), rs.getLong(3), rs.getLong(4), true)))
                .single());
    }

    public boolean isUsed(String actor, String key) {
        return jdbc.sql("SELECT count(*) FROM idempotency_key WHERE actor = ? AND idempotency_key = ? "
                        + "AND project_id IS NOT NULL")
                .params(actor, key).query(Long.class).single() > 0;
    }

    public void complete(String actor, String key, CommandOutcome outcome) {
        jdbc.sql("UPDATE idempotency_key SET project_id = ?, version = ?, position = ? "
                        + "WHERE actor = ? AND idempotency_key = ?")
                .params(outcome.aggregateId(), outcome.version(), outcome.position(), actor, key)
                .update();
    }
}

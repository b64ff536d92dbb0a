package cn.pipelinetracker.command.idempotency;

import cn.pipelinetracker.command.web.CommandResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The {@code Idempotency-Key}s commands were sent with, per user, in the same transaction as the events they
 * appended: a retry after a crash finds either both or neither.
 */
@Repository
public class IdempotencyKeys {

    /** The first response given under a key, and the fingerprint of the request that got it. */
    public record FirstResponse(String fingerprint, int status, CommandResult result) {
    }

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this request, or returns what an earlier request under it got. A concurrent request with the
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
                        SELECT request_fingerprint, status, project_id, version, position
                        FROM idempotency_key WHERE actor = ? AND idempotency_key = ?""")
                .params(actor, key)
                .query((rs, row) -> new FirstResponse(rs.getString(1), rs.getInt(2),
                        new CommandResult(rs.getString(3), rs.getLong(4), rs.getLong(5))))
                .single());
    }

    public boolean isUsed(String actor, String key) {
        return jdbc.sql("SELECT count(*) FROM idempotency_key WHERE actor = ? AND idempotency_key = ? "
                        + "AND status IS NOT NULL")
                .params(actor, key).query(Long.class).single() > 0;
    }

    public void complete(String actor, String key, int status, CommandResult result) {
        jdbc.sql("UPDATE idempotency_key SET status = ?, project_id = ?, version = ?, position = ? "
                        + "WHERE actor = ? AND idempotency_key = ?")
                .params(status, result.projectId(), result.version(), result.position(), actor, key)
                .update();
    }
}

package cn.pipelinetracker.query;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projections' writes, batched. Each handler states its effect on a project as one SQL statement; the
 * statements of a transaction (a batch of events) are sent just before it commits, grouped into JDBC batches of the
 * same statement, in "waves" that keep each project's statements in event order: wave n holds each project's n-th
 * statement, so no project appears twice in a wave and grouping within a wave cannot reorder a project's events.
 * Outside a transaction (projection tests without Spring) each statement runs at once.
 */
@Component
public class ProjectionWriter {

    private record Write(String projectId, String sql, SqlParameterSource params) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Object resourceKey = new Object();

    public ProjectionWriter(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    public void write(String projectId, String sql, Map<String, ?> params) {
        MapSqlParameterSource source = new MapSqlParameterSource(params);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(sql, source);
            return;
        }
        pending().add(new Write(projectId, sql, source));
    }

    /** Sends this transaction's pending writes now (before the transaction changes what the table names mean). */
    @SuppressWarnings("unchecked")
    public void flush() {
        List<Write> pending = (List<Write>) TransactionSynchronizationManager.getResource(resourceKey);
        if (pending != null) {
            send(pending);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Write> pending() {
        List<Write> pending = (List<Write>) TransactionSynchronizationManager.getResource(resourceKey);
        if (pending == null) {
            List<Write> writes = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(resourceKey, writes);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    send(writes);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
                }
            });
            pending = writes;
        }
        return pending;
    }

    private void send(List<Write> writes) {
        Map<String, Integer> seen = new HashMap<>();
        List<Map<String, List<SqlParameterSource>>> waves = new ArrayList<>();
        for (Write write : writes) {
            int wave = seen.merge(write.projectId(), 1, Integer::sum) - 1;
            while (waves.size() <= wave) {
                waves.add(new LinkedHashMap<>());
            }
            waves.get(wave).computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write.params());
        }
        for (Map<String, List<SqlParameterSource>> wave : waves) {
            wave.forEach((sql, params) -> jdbc.batchUpdate(sql, params.toArray(SqlParameterSource[]::new)));
        }
        writes.clear();
    }
}

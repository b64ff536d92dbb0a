package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.platform.i18n.Phrase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The applied imports ({@code ledger_import}): created when started, counted on with each batch, then closed. */
@Repository
class LedgerImportJobs {

    enum Status { RUNNING, DONE, FAILED }

    /** A problem as stored: its phrase's key, English text and arguments, rendered in the reader's language later. */
    record StoredProblem(int row, String column, String key, String english, List<String> args) {

        static StoredProblem of(LedgerReconciler.Problem problem) {
            return new StoredProblem(problem.row(), problem.column(), problem.message().key(),
                    problem.message().english(), problem.message().args().stream().map(String::valueOf).toList());
        }

        Phrase message() {
            return new Phrase(key, english, List.copyOf(args));
        }
    }

    record Job(String importId, String actor, String fileName, Status status, int rows, int done, int applied,
               int unchanged, int failed, List<StoredProblem> problems, List<String> ignoredColumns, Long position,
               Instant startedAt, Instant finishedAt) {
    }

    private static final TypeReference<List<StoredProblem>> PROBLEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    LedgerImportJobs(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void start(String importId, String actor, String fileName, int rows, List<String> ignoredColumns, Instant now) {
        jdbc.sql("""
                        INSERT INTO ledger_import (import_id, actor, file_name, status, row_count, ignored_columns,
                            started_at)
                        VALUES (?, ?, ?, 'RUNNING', ?, ?::jsonb, ?)""")
                .params(importId, actor, fileName, rows, json.writeValueAsString(ignoredColumns),
                        Timestamp.from(now))
                .update();
    }

    /** Counts one batch in, in the transaction that stored it. */
    void progress(String importId, LedgerImports.Counts batch, List<LedgerReconciler.Problem> problems, Long position) {
        jdbc.sql("""
                        UPDATE ledger_import SET done = done + ?, applied = applied + ?, unchanged = unchanged + ?,
                            failed = failed + ?, problems = problems || ?::jsonb,
                            position = COALESCE(GREATEST(position, ?), position, ?)
                        WHERE import_id = ?""")
                .params(batch.rows(), batch.changed(), batch.unchanged(), batch.failed(),
                        json.writeValueAsString(problems.stream().map(StoredProblem::of).toList()),
                        position, position, importId)
                .update();
    }

    void finish(String importId, Status status, Instant now) {
        jdbc.sql("UPDATE ledger_import SET status = ?, finished_at = ? WHERE import_id = ?")
                .params(status.name(), Timestamp.from(now), importId)
                .update();
    }

    Optional<Job> find(String importId) {
        return jdbc.sql("""
                        SELECT import_id, actor, file_name, status, row_count, done, applied, unchanged, failed,
                               problems::text, ignored_columns::text, position, started_at, finished_at
                        FROM ledger_import WHERE import_id = ?""")
                .param(importId)
                .query((rs, n) -> new Job(rs.getString(1), rs.getString(2), rs.getString(3),
                        Status.valueOf(rs.getString(4)), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                        rs.getInt(9), json.readValue(rs.getString(10), PROBLEMS), json.readValue(rs.getString(11), TEXTS),
                        rs.getObject(12, Long.class), rs.getTimestamp(13).toInstant(),
                        rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant()))
                .optional();
    }
}

package cn.pipelinetracker.query.history;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** Reads {@code project_history}. */
@Repository
public class ProjectHistories {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ProjectHistories(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<HistoryEntry> of(String projectId) {
        return jdbc.sql("""
                        SELECT version, position, type, recorded_at, actor, data::text FROM project_history
                        WHERE project_id = ? ORDER BY version""")
                .param(projectId)
                .query((rs, row) -> new HistoryEntry(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), json.readTree(rs.getString(6))))
                .list();
    }
}

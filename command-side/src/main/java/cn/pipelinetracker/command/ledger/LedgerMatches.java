package cn.pipelinetracker.command.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which project a ledger line is about when it has no 系统编号: by its 项目代码 (the command side's own
 * {@code project_code}), or, with neither, the project an earlier import registered from a line of the same region,
 * name and investor ({@code ledger_project}), so that importing a file again never registers its new projects twice.
 */
@Repository
class LedgerMatches {

    /** A new project's identity in a ledger without ids or codes. */
    record NameKey(String regionCode, String name, String investor) {

        static NameKey of(String regionCode, String name, String investor) {
            return regionCode == null || name == null || investor == null ? null
                    : new NameKey(regionCode, name, investor);
        }
    }

    private final JdbcClient jdbc;

    LedgerMatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, String> byCode(Collection<String> codes) {
        Map<String, String> found = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("SELECT project_code, project_id FROM project_code WHERE project_code = ANY (?)")
                    .param(codes.toArray(String[]::new))
                    .query(rs -> {
                        found.put(rs.getString(1), rs.getString(2));
                    });
        }
        return found;
    }

    Map<NameKey, String> byName(Collection<NameKey> keys) {
        Map<NameKey, String> found = new HashMap<>();
        if (!keys.isEmpty()) {
            jdbc.sql("""
                            SELECT region_code, name, investor, project_id FROM ledger_project
                            WHERE (region_code, name, investor) IN (
                                SELECT * FROM unnest(?::text[], ?::text[], ?::text[]))""")
                    .params(keys.stream().map(NameKey::regionCode).toArray(String[]::new),
                            keys.stream().map(NameKey::name).toArray(String[]::new),
                            keys.stream().map(NameKey::investor).toArray(String[]::new))
                    .query(rs -> {
                        found.put(new NameKey(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4));
                    });
        }
        return found;
    }

    /** Called in the transaction that registered the projects. */
    void registered(List<Map.Entry<NameKey, String>> projects) {
        if (projects.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO ledger_project (region_code, name, investor, project_id)
                        SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
                        ON CONFLICT DO NOTHING""")
                .params(projects.stream().map(project -> project.getKey().regionCode()).toArray(String[]::new),
                        projects.stream().map(project -> project.getKey().name()).toArray(String[]::new),
                        projects.stream().map(project -> project.getKey().investor()).toArray(String[]::new),
                        projects.stream().map(Map.Entry::getValue).toArray(String[]::new))
                .update();
    }
}

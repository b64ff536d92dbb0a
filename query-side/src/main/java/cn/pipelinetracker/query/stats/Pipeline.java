package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.query.projectview.Stage;
import cn.pipelinetracker.events.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline by stage, from the projects' totals by region, stage and status (Aggregates): active and suspended
 * projects, cancelled ones apart.
 */
@Repository
public class Pipeline {

    public record StageTotal(Stage stage, long projects, BigDecimal plannedInvestmentYuan) {
    }

    public record Totals(long projects, BigDecimal plannedInvestmentYuan) {
    }

    public record Answer(List<StageTotal> stages, Totals cancelled) {
    }

    private final JdbcClient jdbc;

    public Pipeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Answer of(Collection<String> regionCodes) {
        Map<Stage, StageTotal> byStage = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            byStage.put(stage, new StageTotal(stage, 0, BigDecimal.ZERO));
        }
        Totals[] cancelled = {new Totals(0, BigDecimal.ZERO)};
        jdbc.sql("""
                        SELECT stage, status = 'CANCELLED', sum(projects), sum(planned_investment_yuan)
                        FROM (SELECT region_code, stage, status, projects, planned_investment_yuan FROM project_total
                              UNION ALL
                              SELECT region_code, stage, status, projects, planned_investment_yuan
                              FROM project_total_delta) AS totals
                        WHERE status IN ('ACTIVE', 'SUSPENDED', 'CANCELLED') AND region_code = ANY (?)
                        GROUP BY stage, status = 'CANCELLED' HAVING sum(projects) <> 0""")
                .param(regionCodes.toArray(String[]::new))
                .query(rs -> {
                    long projects = rs.getLong(3);
                    BigDecimal yuan = rs.getBigDecimal(4);
                    if (rs.getBoolean(2)) {
                        Totals sum = cancelled[0];
                        cancelled[0] = new Totals(sum.projects() + projects,
                                Money.ofYuan(sum.plannedInvestmentYuan().add(yuan)).yuan());
                    } else {
                        Stage stage = Stage.valueOf(rs.getString(1));
                        byStage.put(stage, new StageTotal(stage, projects, Money.ofYuan(yuan).yuan()));
                    }
                });
        return new Answer(List.copyOf(byStage.values()), cancelled[0]);
    }
}
